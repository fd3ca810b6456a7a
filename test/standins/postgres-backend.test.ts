/**
 * startPostgresBackend: the PGlite fallback (forced, so it runs on every machine), the local
 * server, and PG_URL. Databases and data directories are unique to this file and removed after.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_POSTGRES_URL, probePostgres, startPostgresBackend } from "../../src/node/postgres-backend";

const local = await probePostgres();
if (!local.ok) console.warn(`[postgres-backend.test] local PostgreSQL tests SKIPPED: nothing usable at 127.0.0.1:5432 (${local.reason})`);

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

describe("PGlite fallback (forced)", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("serves PGlite over TCP, says so, and accepts any database name", async () => {
    const lines: string[] = [];
    const backend = await startPostgresBackend({ prefer: "pglite", database: "whatever", log: (l) => lines.push(l) });
    try {
      expect(backend.kind).toBe("pglite");
      expect(backend.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(lines.join("\n")).toMatch(/using PGlite \(in memory\)/);
      const [row] = await withClient(backend.url, async (c) => (await c.query("SELECT version() AS v, current_database() AS db")).rows);
      expect(row.v).toContain("PGlite");
      expect(row.db).toBe("postgres");
      const other = backend.url.replace(/\/postgres$/, "/teamrank_dev");
      expect(await withClient(other, async (c) => (await c.query("SELECT 1 AS one")).rows)).toEqual([{ one: 1 }]);
    } finally {
      await backend.close();
    }
    await expect(withClient(backend.url, (c) => c.query("SELECT 1"))).rejects.toThrow();
  });

  it("keeps concurrent sessions' extended-protocol queries apart, even with multi-chunk parameters", async () => {
    // pglite-socket alone interleaves another session's Parse between our Parse and Bind here.
    const backend = await startPostgresBackend({ prefer: "pglite", log: () => {} });
    const clients = Array.from({ length: 6 }, () => new pg.Client({ connectionString: backend.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const big = "x".repeat(300_000);
      const mismatches: string[] = [];
      await Promise.all(
        clients.map(async (c, k) => {
          for (let i = 0; i < 8; i++) {
            const { rows } = await c.query(`SELECT length($1::text) AS n, $2::int AS k, ${k} AS c${k}`, [big + k, k]);
            if (rows[0]?.[`c${k}`] !== k || rows[0]?.k !== k) mismatches.push(`client ${k}: ${JSON.stringify(Object.keys(rows[0] ?? {}))}`);
          }
        }),
      );
      expect(mismatches).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await backend.close();
    }
  });

  it("runs one session's transaction at a time and rolls back a session that dies inside one", async () => {
    const backend = await startPostgresBackend({ prefer: "pglite", log: () => {} });
    const [a, b, dying] = [0, 1, 2].map(() => new pg.Client({ connectionString: backend.url }));
    if (!a || !b || !dying) throw new Error("unreachable");
    try {
      await Promise.all([a.connect(), b.connect(), dying.connect()]);
      await a.query("CREATE TABLE t (id int PRIMARY KEY)");
      await a.query("BEGIN");
      await a.query("INSERT INTO t VALUES (1)");
      // b waits for a's transaction instead of reading around it (PGlite has one backend).
      const seenByB = b.query("SELECT array_agg(id ORDER BY id) AS ids FROM t");
      await a.query("INSERT INTO t VALUES (2)");
      await a.query("COMMIT");
      expect((await seenByB).rows).toEqual([{ ids: [1, 2] }]);

      dying.on("error", () => {});
      await dying.query("BEGIN");
      await dying.query("INSERT INTO t VALUES (3)");
      const gone = new Promise((resolve) => dying.once("end", resolve));
      // Kill the TCP connection mid-transaction, as a crashed process would.
      dying.connection.stream.destroy();
      await gone;
      expect((await b.query("SELECT array_agg(id ORDER BY id) AS ids FROM t")).rows).toEqual([{ ids: [1, 2] }]);
    } finally {
      await Promise.all([a.end(), b.end()].map((p) => p.catch(() => {})));
      await backend.close();
    }
  });

  it("hangs up after Terminate, as PostgreSQL does (the Neon driver waits for that)", async () => {
    const backend = await startPostgresBackend({ prefer: "pglite", log: () => {} });
    try {
      const port = Number(new URL(backend.url).port);
      const socket = connect(port, "127.0.0.1");
      const closed = new Promise<boolean>((resolve) => {
        socket.on("close", () => resolve(true));
        setTimeout(() => resolve(false), 3_000).unref();
      });
      const received: Buffer[] = [];
      const ready = new Promise<void>((resolve) =>
        socket.on("data", (chunk: Buffer) => {
          received.push(chunk);
          if (Buffer.concat(received).includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]))) resolve(); // ReadyForQuery 'I'
        }),
      );
      const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
      const startup = Buffer.alloc(8 + params.length);
      startup.writeInt32BE(startup.length, 0);
      startup.writeInt32BE(196608, 4);
      params.copy(startup, 8);
      socket.write(startup);
      await ready;
      socket.write(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
      expect(await closed).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it("persists in a data directory, starts empty with fresh, and refuses to wipe a foreign directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teamrank-pglite-"));
    dirs.push(dir);
    const dataDir = join(dir, "pgdata");
    const first = await startPostgresBackend({ prefer: "pglite", pgliteDataDir: dataDir, log: () => {} });
    await withClient(first.url, (c) => c.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')"));
    await first.close();

    const second = await startPostgresBackend({ prefer: "pglite", pgliteDataDir: dataDir, log: () => {} });
    expect(await withClient(second.url, async (c) => (await c.query("SELECT v FROM kept")).rows)).toEqual([{ v: "still here" }]);
    await second.close();

    const fresh = await startPostgresBackend({ prefer: "pglite", pgliteDataDir: dataDir, fresh: true, log: () => {} });
    expect(await withClient(fresh.url, async (c) => (await c.query("SELECT to_regclass('kept') AS t")).rows)).toEqual([{ t: null }]);
    await fresh.close();

    const foreign = join(dir, "not-a-cluster");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "precious");
    await expect(startPostgresBackend({ prefer: "pglite", pgliteDataDir: foreign, fresh: true, log: () => {} })).rejects.toThrow(/refusing to wipe/);
  });
});

describe.skipIf(!local.ok)(local.ok ? "local PostgreSQL 127.0.0.1:5432" : `local PostgreSQL — SKIPPED, unreachable: ${local.reason}`, () => {
  const database = `teamrank_test_pgbackend_${process.pid}`;
  afterAll(async () => {
    await withClient(LOCAL_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => {});
  });

  it("creates the database, keeps it across starts, and recreates it with fresh even while it is in use", async () => {
    const lines: string[] = [];
    const backend = await startPostgresBackend({ prefer: "local", database, fresh: true, log: (l) => lines.push(l) });
    expect(backend.kind).toBe("local");
    expect(backend.url).toBe(`postgres://postgres@127.0.0.1:5432/${database}`);
    expect(lines.join("\n")).toContain(`using local PostgreSQL at 127.0.0.1:5432, database ${database}`);
    await withClient(backend.url, (c) => c.query("CREATE TABLE marker (id int)"));

    const again = await startPostgresBackend({ prefer: "local", database, log: () => {} });
    expect(await withClient(again.url, async (c) => (await c.query("SELECT to_regclass('marker')::text AS t")).rows)).toEqual([{ t: "marker" }]);

    const holder = new pg.Client({ connectionString: again.url });
    holder.on("error", () => {});
    await holder.connect();
    const fresh = await startPostgresBackend({ prefer: "local", database, fresh: true, log: () => {} });
    expect(await withClient(fresh.url, async (c) => (await c.query("SELECT to_regclass('marker') AS t")).rows)).toEqual([{ t: null }]);
    await expect(holder.query("SELECT 1")).rejects.toThrow();
    await holder.end().catch(() => {});
  });

  it("detects the local server when PG_URL is unset, and prefers PG_URL when set", async () => {
    const saved = process.env.PG_URL;
    try {
      delete process.env.PG_URL;
      expect((await startPostgresBackend({ database, log: () => {} })).kind).toBe("local");
      process.env.PG_URL = LOCAL_POSTGRES_URL;
      const asIs = await startPostgresBackend({ log: () => {} });
      expect([asIs.kind, asIs.url]).toEqual(["PG_URL", LOCAL_POSTGRES_URL]);
      const named = await startPostgresBackend({ database, log: () => {} });
      expect([named.kind, named.url]).toEqual(["PG_URL", `postgres://postgres@127.0.0.1:5432/${database}`]);
    } finally {
      if (saved === undefined) delete process.env.PG_URL;
      else process.env.PG_URL = saved;
    }
  });

  it("rejects database names that are not plain identifiers", async () => {
    await expect(startPostgresBackend({ prefer: "local", database: 'x"; DROP DATABASE postgres; --', log: () => {} })).rejects.toThrow(/database name/);
  });
});
