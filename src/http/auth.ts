/**
 * Who may write: `Authorization: Bearer <key>` where the key is the deployment-wide ADMIN_TOKEN (every
 * guild, every scope) or a guild's API key with the scope the route needs. A guild's key never
 * reaches another guild: the key's guild must be the guild in the path.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { grants, KEY_PATTERN, type Scope, sha256Hex } from "../services/api-keys";

/** Constant-time comparison, so the admin token cannot be guessed byte by byte from timings. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!given) throw new AppError("UNAUTHORIZED", "Missing key: send Authorization: Bearer <API key>");
    const admin = c.var.config.adminToken;
    if (admin && sameSecret(given, admin)) {
      c.set("actor", "admin");
      return next();
    }
    // Anything that cannot be a key is refused without a database round trip.
    const key = KEY_PATTERN.test(given) ? await c.var.repo().apiKeys.use(await sha256Hex(given)) : null;
    if (!key) throw new AppError("UNAUTHORIZED", "Unknown or revoked key");
    const guildId = c.req.param("guildId");
    if (!guildId || key.guildId !== guildId) throw new AppError("FORBIDDEN", "This key belongs to another guild");
    if (!grants(key.scopes, scope)) throw new AppError("FORBIDDEN", `This key lacks the ${scope} scope`, { scopes: key.scopes });
    c.set("actor", `apikey:${key.id}`);
    return next();
  });
}
