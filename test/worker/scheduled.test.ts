/** The cron trigger: the Worker's `scheduled` handler probes the database and records the result. */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect";
import { createRepository } from "../../src/db/repository";
import { parseConfig } from "../../src/env";
import worker from "../../src/index";
import { bindingsFor, type Dialect } from "../support/worker";

describe.each<Dialect>(["sqlite", "pg"])("scheduled health check on %s", (dialect) => {
  it("records an ok check with the schema version", async () => {
    const env = bindingsFor(dialect);
    const started = Date.now();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const database = connect(parseConfig(env).database);
    const latest = await createRepository(database).health.latest();
    await database.close();
    expect(latest).toMatchObject({ ok: true, error: null, schemaVersion: String(database.expectedSchemaVersion) });
    expect(latest?.checkedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it("survives an unreachable database without throwing", async () => {
    const dead = dialect === "sqlite" ? { DATABASE_URL: "http://127.0.0.1:9" } : { DATABASE_URL: bindingsFor("pg").DATABASE_URL?.replace(/:(\d+)\//, ":9/") };
    const ctx = createExecutionContext();
    await expect(
      worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), bindingsFor(dialect, dead), ctx),
    ).resolves.toBeUndefined();
    await waitOnExecutionContext(ctx);
  });
});
