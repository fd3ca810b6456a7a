/**
 * `Idempotency-Key` on writes: the first response (any status below 500) is stored per guild and key;
 * a replay with the same request gets it back (with `Idempotent-Replayed: true`), the same key with
 * another request is a 422, and a replay while the first is still running is a 409 to retry later.
 * A failure a retry could fix (5xx) releases the key.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError, ConflictError } from "../errors";
import { sha256Hex } from "../services/api-keys";

const KEY = /^[\x21-\x7e]{8,200}$/;

export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key")?.trim();
  const guildId = c.req.param("guildId");
  // Route middleware runs before the validator: a malformed guild id is left for it to refuse (400).
  if (key === undefined || !guildId || !/^\d{15,20}$/.test(guildId)) return next();
  if (!KEY.test(key)) throw new AppError("VALIDATION_FAILED", "Idempotency-Key must be 8 to 200 visible ASCII characters", { field: "Idempotency-Key" });
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const repo = c.var.repo();
  const existing = await repo.idempotency.reserve(guildId, key, requestHash, c.var.actor);
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different request", { field: "Idempotency-Key" });
    }
    if (existing.status === null || existing.body === null)
      throw new ConflictError("The first request with this Idempotency-Key is still running; retry shortly");
    return c.body(existing.body, existing.status as 200, { "content-type": "application/json", "idempotent-replayed": "true" });
  }
  await next();
  if (c.res.status >= 500) {
    await repo.idempotency.release(guildId, key).catch(() => {});
    return;
  }
  await repo.idempotency.complete(guildId, key, c.res.status, await c.res.clone().text());
});
