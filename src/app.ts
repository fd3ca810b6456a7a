/**
 * The Hono app, built the same way for the Worker and for tests: request id, configuration,
 * per-request database (opened lazily, closed after the response), round-trip accounting, one
 * route module per resource, and one `onError` that renders every failure as JSON.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env";
import { type Database, connect } from "./db/connect";
import { createRepository, type Repository } from "./db/repository";
import { withRoundTripCounter } from "./db/round-trips";
import { DomainError } from "./domain/errors";
import { parseConfig } from "./env";
import { AppError, ERROR_STATUS } from "./errors";
import { healthRoutes } from "./routes/health";
import { createApi } from "./routes/v1";
import { webRoutes } from "./web";

export { MAX_BODY_BYTES } from "./routes/v1";

export interface AppOptions {
  now?: () => Date;
}

export function createApp(options: AppOptions = {}) {
  const now = options.now ?? (() => new Date());
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("now", now);
    c.set("config", parseConfig(c.env ?? {}));
    let database: Database | undefined;
    let repo: Repository | undefined;
    c.set("database", () => {
      database ??= connect(c.var.config.database);
      return database;
    });
    c.set("repo", () => {
      repo ??= createRepository(c.var.database(), { now });
      return repo;
    });
    await withRoundTripCounter(async (roundTrips) => {
      try {
        await next();
      } finally {
        c.header("x-request-id", requestId);
        c.header("x-db-round-trips", String(roundTrips()));
        if (database) {
          const closing = database.close().catch(() => {});
          try {
            c.executionCtx.waitUntil(closing);
          } catch {
            await closing; // no execution context (app.request in tests): close inline
          }
        }
      }
    });
  });

  app.route("/health", healthRoutes);
  // The public API (/v1, /openapi.json, /docs) and the web leaderboard (/g).
  app.route("/", createApi());
  app.route("/g", webRoutes);

  app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: `No route for ${c.req.method} ${c.req.path}`, requestId: c.get("requestId") } }, 404));

  app.onError((error, c) => {
    const requestId = c.get("requestId");
    if (error instanceof AppError) {
      if (error.code === "UNAVAILABLE") c.header("Retry-After", "5");
      if (error.status >= 500) console.error(`[${requestId}] ${error.code}: ${error.message}`, error.cause ?? "");
      return c.json({ error: { code: error.code, message: error.message, details: error.details, requestId } }, error.status);
    }
    if (error instanceof DomainError) {
      return c.json({ error: { code: "VALIDATION_FAILED", message: error.message, details: { reason: error.code }, requestId } }, 400);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message: error.message, requestId } }, status);
    }
    console.error(`[${requestId}] unhandled`, error);
    return c.json({ error: { code: "INTERNAL", message: "Internal error", requestId } }, ERROR_STATUS.INTERNAL);
  });

  return app;
}
