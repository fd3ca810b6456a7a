/**
 * A frozen database (the stand-in's process stopped with SIGSTOP: connections accepted, nothing
 * answered) must cost a request its time budget and no more: a 503 with Retry-After, never a hang,
 * and the next request after the thaw succeeds without a restart. On libSQL HTTP, Neon HTTP and
 * Neon WebSocket.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { Bindings } from "../../src/env";
import worker from "../../src/index";
import { ADMIN_TOKEN, body, call, randomSnowflake } from "../support/worker";

const BUDGET_MS = 1_500;
const SLACK_MS = 1_000; // rendering, closing, workerd's timers: still well inside Discord's 3 s

const cases: Array<{ name: string; standIn: "libsql" | "neon"; env: () => Bindings }> = [
  { name: "libSQL over HTTP", standIn: "libsql", env: () => ({ DATABASE_URL: inject("frozenLibsqlUrl") }) },
  { name: "Neon over HTTP", standIn: "neon", env: () => ({ DATABASE_URL: inject("frozenPgUrl"), NEON_LOCAL_PROXY: inject("frozenNeonProxy") }) },
  {
    name: "Neon over WebSocket",
    standIn: "neon",
    env: () => ({ DATABASE_URL: inject("frozenPgUrl"), NEON_LOCAL_PROXY: inject("frozenNeonProxy"), DATABASE_TRANSPORT: "ws" }),
  },
];

const control = (action: string) => fetch(`${inject("recorderUrl")}/control/${action}`, { method: "POST" });

describe.each(cases)("a frozen database on $name", ({ standIn, env }) => {
  const bindings = (): Bindings => ({ ...env(), ADMIN_TOKEN, REQUEST_BUDGET_MS: String(BUDGET_MS) });
  afterEach(async () => {
    await control(`thaw/${standIn}`);
  });

  it("answers 503 within the budget and recovers after the thaw", async () => {
    const guildId = randomSnowflake();
    expect((await call(bindings(), `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "g" } })).status).toBe(200);
    await control(`freeze/${standIn}`);
    for (const path of [`/v1/guilds/${guildId}/leaderboard`, "/health/ready"]) {
      // Time to the response itself; closing the connection afterwards runs in waitUntil.
      const ctx = createExecutionContext();
      const started = Date.now();
      const res = await worker.fetch(new Request(`https://teamrank.test${path}`), bindings(), ctx);
      const elapsed = Date.now() - started;
      await waitOnExecutionContext(ctx);
      console.log(`[deadline] ${standIn} ${env().DATABASE_TRANSPORT ?? "http"} ${path}: ${res.status} after ${elapsed} ms (budget ${BUDGET_MS} ms)`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBeTruthy();
      expect(elapsed).toBeGreaterThanOrEqual(BUDGET_MS - 50);
      expect(elapsed).toBeLessThan(BUDGET_MS + SLACK_MS);
    }
    await control(`thaw/${standIn}`);
    const after = await call(bindings(), `/v1/guilds/${guildId}/leaderboard`);
    expect(after.status).toBe(200);
    expect(await body(after)).toMatchObject({ items: [] });
  });
});
