import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

/** Constant-time comparison, so the admin token cannot be guessed byte by byte from timings. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Writes through the REST API need `Authorization: Bearer <ADMIN_TOKEN>`; without ADMIN_TOKEN they are off. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.var.config.adminToken;
  if (!expected) throw new AppError("FORBIDDEN", "The admin API is disabled: set the ADMIN_TOKEN secret to enable it");
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
  if (!sameSecret(given, expected)) throw new AppError("UNAUTHORIZED", "Missing or wrong admin token (Authorization: Bearer ...)");
  await next();
});
