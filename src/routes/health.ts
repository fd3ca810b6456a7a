import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { dialectOf, transportOf } from "../db/connect";
import { AppError } from "../errors";
import { probeDatabase } from "../jobs/health-check";

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Health for load balancers and a status page: the backend and timings, never URLs, secrets or driver text. */
export const healthRoutes = new Hono<AppEnv>()
  /** Liveness: the Worker runs and is configured; names the backend without touching it. */
  .get("/", (c) => {
    const { database } = c.var.config;
    return c.json({ status: "ok", service: "teamrank", backend: { dialect: dialectOf(database.url), transport: transportOf(database) } });
  })
  /** Readiness: one round trip; 503 when the database is unreachable or its schema is not current. */
  .get("/ready", async (c) => {
    const probe = await probeDatabase(c.var.database(), c.var.repo());
    if (!probe.ok) c.header("Retry-After", "5");
    return c.json({ status: probe.ok ? "ok" : "unavailable", ...probe }, probe.ok ? 200 : 503);
  })
  /** The cron's recent checks and the outages it recorded, newest first: one round trip. */
  .get("/history", async (c) => {
    const query = historyQuery.safeParse(c.req.query());
    if (!query.success) throw new AppError("VALIDATION_FAILED", "limit must be a whole number from 1 to 500", { field: "limit" });
    const { limit } = query.data;
    const { checks, outages } = await c.var.repo().health.history(limit);
    c.header("cache-control", "public, max-age=60");
    return c.json({
      backend: c.var.database().transport,
      checks: checks.map((k) => ({
        checkedAt: k.checkedAt.toISOString(),
        status: k.status,
        latencyMs: k.latencyMs,
        heartbeatMs: k.heartbeatMs,
        schemaVersion: k.schemaVersion,
        problem: k.error,
      })),
      outages: outages.map((o) => ({
        startedAt: o.startedAt.toISOString(),
        endedAt: o.endedAt.toISOString(),
        minutes: Math.round((o.endedAt.getTime() - o.startedAt.getTime()) / 60_000),
        failedChecks: o.failedChecks,
        worstStatus: o.worstStatus,
      })),
    });
  });
