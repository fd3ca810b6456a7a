/**
 * The Hono app, built the same way for the Worker and for tests: request id, configuration,
 * per-request database (opened lazily, closed after the response) inside one time budget,
 * round-trip accounting, one JSON log line per request, one route module per resource, and one `onError` that renders every failure as JSON.
 */
import { Hono } from "hono";
import { routePath } from "hono/route";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env";
import { withBudget } from "./db/budget";
import { type Database, connect } from "./db/connect";
import { createRepository, type Repository } from "./db/repository";
import { withRoundTripCounter } from "./db/round-trips";
import { DomainError } from "./domain/errors";
import { parseConfig } from "./env";
import { AppError, ERROR_STATUS } from "./errors";
import { logLine } from "./log";
import { healthRoutes } from "./routes/health";
import { interactionRoutes } from "./routes/interactions";
import { createApi } from "./routes/v1";
import { webRoutes } from "./web";

export { MAX_BODY_BYTES } from "./routes/v1";

export interface AppOptions {
  now?: () => Date;
}

export function createApp(options: AppOptions = {}) {
  const now = options.now ?? (() => new Date());
  const app = new Hono<AppEnv>();

  // Discord: before the config middleware, so the signature comes first and PING needs no database.
  app.route("/interactions", interactionRoutes({ now }));

  app.use(async (c, next) => {
    const started = Date.now();
    const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("now", now);
    let database: Database | undefined;
    let repo: Repository | undefined;
    let rounds = () => 0;
    let logQueries = false;
    let failedWith: number | undefined;
    try {
      c.set("config", parseConfig(c.env ?? {}));
      logQueries = c.var.config.logQueries;
      c.set("database", () => {
        database ??= connect(c.var.config.database);
        return database;
      });
      c.set("repo", () => {
        repo ??= createRepository(c.var.database(), { now });
        return repo;
      });
      await withRoundTripCounter(
        async (roundTrips) => {
          rounds = roundTrips;
          // Every database call of this request shares one deadline: a stalled database is a 503, not a hang.
          await withBudget(c.var.config.budgetMs, async () => {
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
        },
        logQueries ? (entry) => logLine({ kind: "query", requestId, ...entry }) : undefined,
      );
    } catch (error) {
      // Only configuration errors get here (handlers' errors are rendered inside next()); onError renders it after this.
      failedWith = error instanceof AppError ? error.status : 500;
      throw error;
    } finally {
      logLine({
        kind: "request",
        requestId,
        method: c.req.method,
        route: routePath(c, -1) || c.req.path,
        status: failedWith ?? c.res.status,
        durationMs: Date.now() - started,
        roundTrips: rounds(),
        backend: database?.transport ?? null,
      });
    }
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
