/**
 * A runaway query on PGlite must not take the local Neon proxy down with it: PGlite runs in a worker
 * thread, the proxy keeps answering meanwhile, the stuck client gets SQLSTATE 57014 once the
 * backend has been silent for the query timeout, PGlite is restarted (a data dir keeps what was
 * committed), and the clients that were waiting are served by the new instance.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NeonDbError, neon, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, expect, it } from "vitest";
import { configureNeonForLocalProxy, type RunningNeonProxy, startNeonProxy } from "../../src/node/neon-proxy";
import { postgresAddress } from "../../src/node/neon/targets";
import { type PostgresBackend, startPostgresBackend } from "../../src/node/postgres-backend";

const TIMEOUT_MS = 2_000;
// Counting two billion rows takes PGlite far longer than the timeout: a stand-in for any runaway.
const RUNAWAY = "SELECT count(*) AS n FROM generate_series(1, 2000000000)";
const dir = mkdtempSync(join(tmpdir(), "pglite-runaway-"));
const log: string[] = [];
let backend: PostgresBackend;
let proxy: RunningNeonProxy;

beforeAll(async () => {
  backend = await startPostgresBackend({ prefer: "pglite", pgliteDataDir: join(dir, "pg"), pgliteQueryTimeoutMs: TIMEOUT_MS, log: (l) => log.push(l) });
  proxy = await startNeonProxy({ log: () => {}, targets: [postgresAddress(backend.url)] });
  configureNeonForLocalProxy(proxy.address);
});
afterAll(async () => {
  await proxy?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("answers 57014 to a runaway query, keeps serving meanwhile, restarts PGlite and serves the waiting clients", async () => {
  const sql = neon(backend.url);
  await sql`CREATE TABLE kept (v int)`;
  await sql`INSERT INTO kept VALUES (7)`;

  const started = Date.now();
  const runaway = sql.query(RUNAWAY).catch((e: unknown) => e);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // The proxy's own event loop is free: PGlite's work happens in its worker thread.
  const health = await fetch(`http://${proxy.address}/health`, { signal: AbortSignal.timeout(1_000) });
  expect(health.status).toBe(200);
  // Another client queues behind the stuck session and is served once PGlite is back.
  const waiting = sql`SELECT v FROM kept`;

  const error = await runaway;
  expect(error).toBeInstanceOf(NeonDbError);
  expect((error as NeonDbError).code).toBe("57014");
  expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 15_000);
  expect(log.some((line) => line.includes("restarting it (data dir"))).toBe(true);

  expect(await waiting).toEqual([{ v: 7 }]);
  const pool = new Pool({ connectionString: backend.url });
  try {
    expect((await pool.query("SELECT count(*)::int AS n FROM kept")).rows).toEqual([{ n: 1 }]);
  } finally {
    await pool.end();
  }
});

it("settles the 300-term $1+$1+… expression and keeps serving", async () => {
  const sql = neon(backend.url);
  const expression = Array.from({ length: 300 }, () => "$1").join(" + ");
  const outcome = await sql.query(`SELECT ${expression} AS x`, [1]).then(
    () => "answered",
    (e: unknown) => (e instanceof NeonDbError ? `error ${e.code}` : String(e)),
  );
  // Postgres cannot type `unknown + unknown` (42725); PGlite answers the same, it does not hang.
  expect(outcome).toBe("error 42725");
  expect(await sql`SELECT 1 AS one`).toEqual([{ one: 1 }]);
});
