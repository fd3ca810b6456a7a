/**
 * The local Neon proxy against the real @neondatabase/serverless driver, on both PostgreSQL
 * backends: this machine's server and PGlite (forced). Its own database / in-memory PGlite, so it
 * runs in parallel with other files.
 */
import { Client, neon, NeonDbError, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { configureNeonForLocalProxy, type RunningNeonProxy, startNeonProxy } from "../../src/node/neon-proxy";
import { type PostgresBackend, type PostgresBackendKind, probePostgres, startPostgresBackend } from "../../src/node/postgres-backend";
import { pgDatabaseName } from "../support/pg-name";

// TEST_POSTGRES=pglite keeps this file off the shared server (other runs use the same database name).
const local = process.env.TEST_POSTGRES === "pglite" ? { ok: false as const, reason: "TEST_POSTGRES=pglite" } : await probePostgres();
if (!local.ok) console.warn(`[neon-proxy.test] local PostgreSQL variant SKIPPED: ${local.reason}`);
const VARIANTS: { kind: PostgresBackendKind; title: string; skip: boolean }[] = [
  { kind: "local", title: local.ok ? "local PostgreSQL 127.0.0.1:5432" : `local PostgreSQL — SKIPPED, unreachable: ${local.reason}`, skip: !local.ok },
  { kind: "pglite", title: "PGlite via pglite-socket (forced fallback)", skip: false },
];

let proxy: RunningNeonProxy;
const proxyLog: string[] = [];
beforeAll(async () => {
  proxy = await startNeonProxy({ log: (line) => proxyLog.push(line) });
  configureNeonForLocalProxy(proxy.address);
});
afterAll(async () => {
  await proxy?.close();
});

/** What a non-driver client would POST; used for the protocol-level checks. */
function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(proxy.sqlEndpoint, { method: "POST", body, headers: { "Neon-Raw-Text-Output": "true", "Neon-Array-Mode": "true", ...headers } });
}

async function messageOf(res: Response): Promise<string> {
  const body: { message?: string } = await res.json();
  return body.message ?? "";
}

describe.each(VARIANTS)("$title", ({ kind, skip }) => {
  let backend: PostgresBackend;
  let url: string;
  const table = `np_items_${kind}`;

  beforeAll(async () => {
    if (skip) return;
    backend = await startPostgresBackend({ prefer: kind, database: pgDatabaseName("test_neon_proxy"), fresh: true, log: () => {} });
    url = backend.url;
    await neon(url).query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text UNIQUE NOT NULL, score int8, at timestamptz)`);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(skip)("round-trips parameters and types in object mode", async () => {
    const sql = neon(url);
    const at = new Date("2026-03-04T05:06:07.890Z");
    const big = "9007199254740993"; // 2^53 + 1: only exact as a string
    const [row] = await sql`SELECT ${big}::int8 AS i8, 42::int4 AS i4, 1.5::float8 AS f8, ${"123456789.000000001"}::numeric AS n,
      ${at}::timestamptz AS ts, ${{ a: [1, "x"], b: null }}::jsonb AS j, ${true}::bool AS b, ${"2f1c7b6e-8d9a-4b3c-9e0f-112233445566"}::uuid AS u,
      ${null}::text AS z, ${"héllo ✓"} AS t, ARRAY[1, 2, 3]::int4[] AS arr, ${Buffer.from([0, 255])}::bytea AS bin`;
    expect(row).toEqual({
      i8: big,
      i4: 42,
      f8: 1.5,
      n: "123456789.000000001",
      ts: at,
      j: { a: [1, "x"], b: null },
      b: true,
      u: "2f1c7b6e-8d9a-4b3c-9e0f-112233445566",
      z: null,
      t: "héllo ✓",
      arr: [1, 2, 3],
      bin: Buffer.from([0, 255]),
    });
  });

  it.skipIf(skip)("answers arrays mode and full results with fields, command and rowCount", async () => {
    const sql = neon(url, { arrayMode: true, fullResults: true });
    const res = await sql.query("SELECT $1::int8 AS a, $2::text AS a, NULL::bool AS c", ["7", "x"]);
    expect(res.rows).toEqual([["7", "x", null]]);
    expect(res.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["a", 20],
      ["a", 25],
      ["c", 16],
    ]);
    expect(res.command).toBe("SELECT");
    expect(res.rowCount).toBe(1);
    const ins = await sql.query(`INSERT INTO ${table} (id, name) VALUES (100, 'r1'), (101, 'r2')`);
    expect([ins.command, ins.rowCount]).toEqual(["INSERT", 2]);
  });

  it.skipIf(skip)("raises NeonDbError with the SQLSTATE on a unique violation", async () => {
    const sql = neon(url);
    await sql`INSERT INTO ${sql.unsafe(table)} (id, name) VALUES (1, 'dup')`;
    const error = await sql`INSERT INTO ${sql.unsafe(table)} (id, name) VALUES (2, 'dup')`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error).toMatchObject({ code: "23505", constraint: `${table}_name_key`, severity: "ERROR" });
    expect((error as NeonDbError).detail).toContain("(name)=(dup)");
  });

  it.skipIf(skip)("runs sql.transaction() atomically: one failure rolls back the earlier statements", async () => {
    const sql = neon(url);
    const ok = await sql.transaction((tx) => [
      tx`INSERT INTO ${tx.unsafe(table)} (id, name, score) VALUES (10, 'ten', 10) RETURNING id`,
      tx`SELECT count(*)::int AS n FROM ${tx.unsafe(table)} WHERE id = 10`,
    ]);
    expect(ok).toEqual([[{ id: 10 }], [{ n: 1 }]]);
    const failed = await sql
      .transaction([
        sql`INSERT INTO ${sql.unsafe(table)} (id, name) VALUES (20, 'twenty')`,
        sql`INSERT INTO ${sql.unsafe(table)} (id, name) VALUES (21, 'ten')`,
      ])
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(NeonDbError);
    expect((failed as NeonDbError).code).toBe("23505");
    expect(await sql`SELECT id FROM ${sql.unsafe(table)} WHERE id IN (20, 21)`).toEqual([]);
  });

  it.skipIf(skip)("applies the batch options (read only, isolation level) and keeps Neon's one-statement rule", async () => {
    const sql = neon(url);
    const [[level]] = await sql.transaction([sql`SHOW transaction_isolation`], { isolationLevel: "Serializable", readOnly: true });
    expect(level).toEqual({ transaction_isolation: "serializable" });
    const write = await sql.transaction([sql`INSERT INTO ${sql.unsafe(table)} (id, name) VALUES (30, 'ro')`], { readOnly: true }).catch((e: unknown) => e);
    expect((write as NeonDbError).code).toBe("25006");
    const multi = await sql.query("SELECT 1; SELECT 2").catch((e: unknown) => e);
    expect((multi as NeonDbError).code).toBe("42601");
  });

  it.skipIf(skip)("keeps concurrent HTTP queries with large parameters apart", async () => {
    const sql = neon(url);
    const big = "y".repeat(200_000);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, k) => sql.query(`SELECT length($1::text) AS n, $2::int AS k, ${k} AS c${k}`, [big + k, k])),
    );
    for (const [k, rows] of results.entries()) expect(rows).toEqual([{ n: big.length + String(k).length, k, [`c${k}`]: k }]);
  });

  it.skipIf(skip)("runs interactive transactions over the WebSocket relay: COMMIT keeps, ROLLBACK discards", async () => {
    const pool = new Pool({ connectionString: url, max: 4 });
    try {
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [40, "kept"]);
      await client.query("COMMIT");
      await client.query("BEGIN");
      await client.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [41, "gone"]);
      const inside = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = 41`);
      expect(inside.rows).toEqual([{ n: 1 }]);
      await client.query("ROLLBACK");
      client.release();
      const after = await pool.query(`SELECT id FROM ${table} WHERE id IN (40, 41) ORDER BY id`);
      expect(after.rows).toEqual([{ id: 40 }]);
      const dup = await pool.query(`INSERT INTO ${table} (id, name) VALUES (42, 'kept')`).catch((e: unknown) => e);
      expect(dup).toMatchObject({ code: "23505" });
    } finally {
      await pool.end();
    }
  });

  it.skipIf(skip)("serves concurrent WebSocket clients, each in its own transaction", async () => {
    const pool = new Pool({ connectionString: url, max: 6 });
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            for (let j = 0; j < 5; j++) await client.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [1000 + i * 10 + j, `c${i}-${j}`]);
            await client.query("COMMIT");
          } finally {
            client.release();
          }
        }),
      );
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE id >= 1000`);
      expect(rows).toEqual([{ n: 30 }]);
    } finally {
      await pool.end();
    }
  });

  it.skipIf(skip || kind !== "local")("isolates uncommitted writes between WebSocket sessions (real server only)", async () => {
    // PGlite has one backend: a second session waits for the open transaction instead of reading around it.
    const a = new Client(url);
    const b = new Client(url);
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query("BEGIN");
      await a.query(`INSERT INTO ${table} (id, name) VALUES (50, 'pending')`);
      expect((await b.query(`SELECT id FROM ${table} WHERE id = 50`)).rows).toEqual([]);
      await a.query("COMMIT");
      expect((await b.query(`SELECT id FROM ${table} WHERE id = 50`)).rows).toEqual([{ id: 50 }]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it.skipIf(skip)("accepts the path form /v1/host:port of the relay", async () => {
    const client = new Client(url);
    const target = new URL(url.replace(/^postgres(ql)?:/, "http:"));
    client.neonConfig.wsProxy = () => `${proxy.address}/v1/${target.hostname}:${target.port}`;
    await client.connect();
    try {
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});

describe("refusals and malformed requests", () => {
  const goodUrl = "postgres://postgres@127.0.0.1:5432/postgres";

  it("refuses a non-loopback connection string over HTTP with 400", async () => {
    const res = await post(JSON.stringify({ query: "SELECT 1", params: [] }), { "Neon-Connection-String": "postgres://u:p@10.1.2.3:5432/db" });
    expect(res.status).toBe(400);
    expect(await messageOf(res)).toMatch(/loopback/);
    const viaDriver = await neon("postgres://u:p@192.0.2.1/db")`SELECT 1`.catch((e: unknown) => e);
    expect(viaDriver).toBeInstanceOf(NeonDbError);
    expect((viaDriver as Error).message).toMatch(/loopback/);
  });

  it("refuses a non-loopback WebSocket target before upgrading", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://${proxy.address}/v1?address=10.1.2.3:5432`);
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => reject(new Error("upgrade should have been refused")));
      ws.on("error", () => {});
    });
    expect(status).toBe(403);
    const pool = new Pool({ connectionString: "postgres://u:p@192.0.2.1:5432/db", connectionTimeoutMillis: 5_000 });
    await expect(pool.query("SELECT 1")).rejects.toThrow();
    await pool.end();
    expect(proxyLog.some((line) => line.includes("192.0.2.1:5432 refused"))).toBe(true);
  });

  it("answers 400 to malformed JSON and to bodies of the wrong shape", async () => {
    const headers = { "Neon-Connection-String": goodUrl };
    const bad = await post("{not json", headers);
    expect(bad.status).toBe(400);
    expect(await messageOf(bad)).toMatch(/not valid JSON/);
    expect((await post(JSON.stringify({ params: [] }), headers)).status).toBe(400);
    expect((await post(JSON.stringify({ queries: [{ query: 1 }] }), headers)).status).toBe(400);
    expect((await post(JSON.stringify({ query: "SELECT 1", params: [{}] }), headers)).status).toBe(400);
    expect((await post("{}", {})).status).toBe(400); // no Neon-Connection-String
    const level = await post(JSON.stringify({ queries: [] }), { ...headers, "Neon-Batch-Isolation-Level": "Chaos" });
    expect(level.status).toBe(400);
    expect((await fetch(proxy.sqlEndpoint)).status).toBe(405);
  });

  it("answers 413 past the body limit and 502 when nothing listens at the target", async () => {
    const small = await startNeonProxy({ maxBodyBytes: 1024, log: () => {} });
    try {
      const res = await fetch(small.sqlEndpoint, {
        method: "POST",
        body: JSON.stringify({ query: "SELECT $1", params: ["z".repeat(4096)] }),
        headers: { "Neon-Connection-String": goodUrl },
      });
      expect(res.status).toBe(413);
      const dead = await fetch(small.sqlEndpoint, {
        method: "POST",
        body: JSON.stringify({ query: "SELECT 1", params: [] }),
        headers: { "Neon-Connection-String": "postgres://postgres@127.0.0.1:9/postgres" },
      });
      expect(dead.status).toBe(502);
    } finally {
      await small.close();
    }
  });
});
