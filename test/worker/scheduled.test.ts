/**
 * The cron trigger in workerd: the Worker's `scheduled` handler checks the database, records the
 * check, records the outage it could not record while the database was down, and tells a Discord
 * webhook (a local recording server) about changes: once per change, at most hourly reminders.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Bindings } from "../../src/env";
import worker from "../../src/index";
import { MEMORY_KEY } from "../../src/jobs/alerts";
import { bindingsFor, body, call, type Dialect } from "../support/worker";

const MIN = 60_000;

async function runCron(env: Bindings, at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function messages(path: string): Promise<string[]> {
  const res = await fetch(`${inject("recorderUrl")}${path}`);
  return ((await res.json()) as Array<{ content: string }>).map((m) => m.content);
}

type History = {
  backend: string;
  checks: Array<{ checkedAt: string; status: string; latencyMs: number | null; heartbeatMs: number | null; problem: string | null }>;
  outages: Array<{ startedAt: string; endedAt: string; failedChecks: number; worstStatus: string }>;
};

describe.each<Dialect>(["sqlite", "pg"])("scheduled health check on %s", (dialect) => {
  const dead = () =>
    dialect === "sqlite" ? { DATABASE_URL: "http://127.0.0.1:9" } : { DATABASE_URL: bindingsFor("pg").DATABASE_URL?.replace(/:(\d+)\//, ":9/") };
  beforeEach(async () => {
    await caches.default.delete(MEMORY_KEY); // the memory is per data center: one per test here
  });

  it("records a healthy check with ping, heartbeat and schema version, and shows it in /health/history", async () => {
    const at = Date.UTC(2098, 0, dialect === "sqlite" ? 1 : 2);
    await runCron(bindingsFor(dialect), at);
    const res = await call(bindingsFor(dialect), "/health/history?limit=5");
    expect(res.status).toBe(200);
    const history = await body<History>(res);
    expect(history.checks[0]).toMatchObject({ checkedAt: new Date(at).toISOString(), status: "healthy", problem: null });
    expect(history.checks[0]?.latencyMs).toBeGreaterThan(0);
    expect(history.checks[0]?.heartbeatMs).toBeGreaterThan(0);
    expect(JSON.stringify(history)).not.toMatch(/127\.0\.0\.1|postgres:|libsql:|http:/);
  });

  it("announces down once, reminds hourly, records the outage and announces recovery", async () => {
    const hook = `/webhook/${dialect}-${crypto.randomUUID()}`;
    const webhook = { HEALTH_WEBHOOK_URL: `${inject("recorderUrl")}${hook}` };
    const t0 = Date.UTC(2099, 0, dialect === "sqlite" ? 1 : 2, 10, 2); // not in an hour's first slot
    await runCron(bindingsFor(dialect, webhook), t0);
    expect(await messages(hook)).toEqual([]); // healthy and nothing remembered: nothing to say
    // 14 runs down (70 minutes), every five minutes: one change message and one reminder, not 14.
    for (let i = 1; i <= 14; i++) await runCron(bindingsFor(dialect, { ...dead(), ...webhook }), t0 + i * 5 * MIN);
    let sent = await messages(hook);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/healthy → down: the database is unreachable/);
    expect(sent[1]).toMatch(/still down after 60 min/);
    for (const m of sent) expect(m).not.toMatch(/127\.0\.0\.1|:9\b|postgres:|ECONNREFUSED/);

    await runCron(bindingsFor(dialect, webhook), t0 + 15 * 5 * MIN);
    sent = await messages(hook);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatch(/down → healthy/);
    const history = await body<History>(await call(bindingsFor(dialect), "/health/history?limit=5"));
    expect(history.outages[0]).toEqual({
      startedAt: new Date(t0 + 5 * MIN).toISOString(),
      endedAt: new Date(t0 + 75 * MIN).toISOString(),
      minutes: 70,
      failedChecks: 14,
      worstStatus: "down",
    });
    // Another healthy run says nothing more.
    await runCron(bindingsFor(dialect, webhook), t0 + 16 * 5 * MIN);
    expect(await messages(hook)).toHaveLength(3);
  });

  it("records a gap as an outage when nothing was remembered (memory lost or the cron did not run)", async () => {
    const t0 = Date.UTC(2099, 5, dialect === "sqlite" ? 1 : 2, 10, 2);
    await runCron(bindingsFor(dialect), t0);
    await caches.default.delete(MEMORY_KEY);
    await runCron(bindingsFor(dialect), t0 + 40 * MIN);
    const history = await body<History>(await call(bindingsFor(dialect), "/health/history?limit=5"));
    expect(history.outages[0]).toMatchObject({ startedAt: new Date(t0).toISOString(), endedAt: new Date(t0 + 40 * MIN).toISOString(), failedChecks: 0 });
  });

  it("survives an unreachable database without throwing", async () => {
    const ctx = createExecutionContext();
    await expect(
      worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), bindingsFor(dialect, dead()), ctx),
    ).resolves.toBeUndefined();
    await waitOnExecutionContext(ctx);
  });
});
