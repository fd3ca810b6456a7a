import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { dialectOf, transportOf } from "../db/connect";
import { probeDatabase } from "../jobs/health-check";

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
  });
