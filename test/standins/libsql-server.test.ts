// The local libSQL server against the real drivers: @libsql/client (Node, http URL) and
// @libsql/client/web, plus raw HTTP for the protocol edges the drivers never produce.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, type Config, createClient as createNodeClient, LibsqlError } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningLibsqlServer, startLibsqlServer } from "../../src/node/libsql-server";
import { startHranaServer } from "../../src/node/hrana/server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let seq = 0;
const table = (prefix: string) => `${prefix}_${++seq}`;

/** Parsed response JSON, walked freely in assertions (leaves are compared with expect). */
interface Json {
  readonly [key: string]: Json;
  readonly [index: number]: Json;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v2/pipeline`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get("content-type"), json: (await res.json()) as Json };
}

async function rejection(promise: Promise<unknown>): Promise<LibsqlError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LibsqlError);
  return error as LibsqlError;
}

let server: RunningLibsqlServer;
beforeAll(async () => {
  server = await startLibsqlServer({ path: ":memory:" });
});
afterAll(() => server.close());

describe.each([
  ["@libsql/client (node)", createNodeClient],
  ["@libsql/client/web", createWebClient],
] as const)("%s", (_name, create) => {
  const open = (config: Partial<Config> = {}): Client => create({ url: server.url, ...config });

  it("executes with positional and named arguments", async () => {
    const db = open();
    const t = table("args");
    await db.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT, score REAL)`);
    const ins = await db.execute({ sql: `INSERT INTO ${t} (name, score) VALUES (?, ?)`, args: ["ada", 1.5] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    for (const p of [":", "@", "$"]) {
      await db.execute({ sql: `INSERT INTO ${t} (name, score) VALUES (${p}n, ${p}s)`, args: { n: `named${p}`, s: 2 } });
    }
    const rows = await db.execute({ sql: `SELECT name FROM ${t} WHERE score > :min ORDER BY id`, args: { ":min": 1.75 } });
    expect(rows.columns).toEqual(["name"]);
    expect(rows.columnTypes).toEqual(["TEXT"]);
    expect(rows.rows.map((r) => r.name)).toEqual(["named:", "named@", "named$"]);
    db.close();
  });

  it("round-trips 64-bit integers, floats, null and blobs", async () => {
    const db = open({ intMode: "bigint" });
    const t = table("vals");
    const snowflake = 1234567890123456789n;
    await db.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, big INTEGER, txt TEXT, f REAL, n TEXT, b BLOB)`);
    const ins = await db.execute({
      sql: `INSERT INTO ${t} VALUES (?, ?, ?, ?, ?, ?)`,
      args: [9007199254740993n, snowflake, snowflake.toString(), 0.1 + 0.2, null, new Uint8Array([0, 1, 254, 255])],
    });
    expect(ins.lastInsertRowid).toBe(9007199254740993n); // beyond 2^53: must not pass through a double
    const { rows } = await db.execute(`SELECT id, big, txt, typeof(txt) AS tt, f, n, b, big + 1 AS next FROM ${t}`);
    const row = rows[0];
    if (!row) throw new Error("no row");
    expect(row.id).toBe(9007199254740993n);
    expect(row.big).toBe(snowflake);
    expect(row.next).toBe(snowflake + 1n);
    expect(row.txt).toBe("1234567890123456789");
    expect(row.tt).toBe("text");
    expect(row.f).toBe(0.1 + 0.2);
    expect(row.n).toBeNull();
    expect([...new Uint8Array(row.b as ArrayBuffer)]).toEqual([0, 1, 254, 255]);
    const lossy = open({ intMode: "number" });
    await expect(lossy.execute(`SELECT big FROM ${t}`)).rejects.toThrow(RangeError);
    db.close();
    lossy.close();
  });

  it("surfaces constraint errors as LibsqlError with SQLite extended codes", async () => {
    const db = open();
    const t = table("cons");
    await db.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)`);
    await db.execute({ sql: `INSERT INTO ${t} VALUES (1, ?)`, args: ["a@x"] });
    expect((await rejection(db.execute({ sql: `INSERT INTO ${t} VALUES (2, ?)`, args: ["a@x"] }))).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect((await rejection(db.execute(`INSERT INTO ${t} VALUES (3, NULL)`))).code).toBe("SQLITE_CONSTRAINT_NOTNULL");
    expect((await rejection(db.execute(`INSERT INTO ${t} VALUES (1, 'b@x')`))).code).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
    expect((await rejection(db.execute("SELECT 1; SELECT 2"))).code).toBe("SQL_MANY_STATEMENTS");
    db.close();
  });

  it("batch(write) is atomic: a failing step rolls back the earlier ones", async () => {
    const db = open();
    const t = table("batch");
    await db.execute(`CREATE TABLE ${t} (k TEXT PRIMARY KEY)`);
    const insert = `INSERT INTO ${t} VALUES (?)`;
    const ok = await db.batch([{ sql: insert, args: ["a"] }, { sql: insert, args: ["b"] }, `SELECT count(*) AS n FROM ${t}`], "write");
    expect(ok[2]?.rows[0]?.n).toBe(2);
    const failed = await rejection(db.batch([`INSERT INTO ${t} VALUES ('c')`, `INSERT INTO ${t} VALUES ('d')`, `INSERT INTO ${t} VALUES ('a')`], "write"));
    expect(failed.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect((await db.execute(`SELECT group_concat(k) AS ks FROM (SELECT k FROM ${t} ORDER BY k)`)).rows[0]?.ks).toBe("a,b");
    db.close();
  });

  it("interactive transactions commit and roll back", async () => {
    const db = open();
    const t = table("tx");
    await db.execute(`CREATE TABLE ${t} (v INTEGER)`);
    const tx = await db.transaction("write");
    await tx.execute(`INSERT INTO ${t} VALUES (1)`);
    expect((await tx.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
    await tx.commit();
    const tx2 = await db.transaction("write");
    await tx2.batch([`INSERT INTO ${t} VALUES (2)`, `INSERT INTO ${t} VALUES (3)`]);
    await tx2.rollback();
    expect((await db.execute(`SELECT group_concat(v) AS vs FROM ${t}`)).rows[0]?.vs).toBe("1");
    db.close();
  });

  it("makes other streams wait for an open transaction instead of seeing its writes", async () => {
    const a = open();
    const b = open();
    const t = table("iso");
    await a.execute(`CREATE TABLE ${t} (v INTEGER)`);
    const tx1 = await a.transaction("write");
    await tx1.execute(`INSERT INTO ${t} VALUES (1)`);
    const tx2 = await b.transaction("write");
    let tx2Ran = false;
    const tx2Read = tx2.execute(`SELECT count(*) AS n FROM ${t}`).then((r) => {
      tx2Ran = true;
      return r;
    });
    let readerRan = false;
    const plainRead = b.execute(`SELECT count(*) AS n FROM ${t}`).then((r) => {
      readerRan = true;
      return r;
    });
    await sleep(300);
    expect([tx2Ran, readerRan]).toEqual([false, false]);
    await tx1.rollback();
    expect((await tx2Read).rows[0]?.n).toBe(0);
    await tx2.execute(`INSERT INTO ${t} VALUES (2)`);
    await tx2.commit();
    expect((await plainRead).rows[0]?.n).toBe(1); // ran after tx2 committed, never saw tx1's row
    a.close();
    b.close();
  });

  it("runs executeMultiple (sequence) and migration-style scripts", async () => {
    const db = open();
    const [p, c] = [table("parent"), table("child")];
    await db.executeMultiple(`
      CREATE TABLE ${p} (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0); -- comment; with semicolon
      CREATE TABLE ${c} (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES ${p}(id));
      CREATE TRIGGER ${c}_ins AFTER INSERT ON ${c} BEGIN UPDATE ${p} SET n = n + 1 WHERE id = NEW.parent; END;
      INSERT INTO ${p} (id) VALUES (1);
      INSERT INTO ${c} (parent) VALUES (1); INSERT INTO ${c} (parent) VALUES (1);`);
    expect((await db.execute(`SELECT n FROM ${p}`)).rows[0]?.n).toBe(2);
    expect((await rejection(db.execute(`INSERT INTO ${c} (parent) VALUES (99)`))).code).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
    await db.migrate([
      `ALTER TABLE ${p} ADD COLUMN label TEXT`,
      `CREATE INDEX ${p}_label ON ${p}(label)`,
      // One statement for execute even with `;` and CASE … END inside the trigger body.
      `CREATE TRIGGER ${p}_lbl AFTER UPDATE OF n ON ${p} BEGIN
         UPDATE ${p} SET label = CASE WHEN NEW.n > 2 THEN 'many; really' ELSE 'few' END WHERE id = NEW.id;
         SELECT 1; END`,
    ]);
    await db.execute(`UPDATE ${p} SET n = 3`);
    expect((await db.execute(`SELECT label FROM ${p}`)).rows[0]?.label).toBe("many; really");
    expect((await db.execute("PRAGMA foreign_keys")).rows[0]?.[0]).toBe(1);
    expect((await rejection(db.executeMultiple(`INSERT INTO ${p} (id) VALUES (5); INSERT INTO ${p} (id) VALUES (5);`))).code).toMatch(/^SQLITE_CONSTRAINT/);
    db.close();
  });
});

describe("protocol edges (raw HTTP)", () => {
  it("serves the v2 probe and 404s protocol 3 so clients fall back", async () => {
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    for (const path of ["/v3", "/v3-protobuf", "/v3/pipeline", "/v3-protobuf/pipeline"]) expect((await fetch(server.url + path)).status).toBe(404);
    const db = createNodeClient({ url: server.url });
    expect((await db.execute("SELECT 41 + 1 AS x")).rows[0]?.x).toBe(42);
    db.close();
  });

  it("rejects malformed bodies with 400/413 JSON errors and keeps serving", async () => {
    const bad = await post(server.url, "{not json");
    expect([bad.status, bad.type, bad.json.code]).toEqual([400, "application/json", "PROTOCOL_ERROR"]);
    expect(bad.json.message).toMatch(/Malformed JSON/);
    const badInt = { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: "1e3" }] } };
    expect((await post(server.url, { baton: null, requests: [badInt] })).status).toBe(400);
    expect((await post(server.url, { baton: null, requests: "nope" })).status).toBe(400);
    expect((await post(server.url, "x".repeat(11 * 1024 * 1024))).status).toBe(413);
    const ok = await post(server.url, { baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] });
    expect(ok.status).toBe(200);
  });

  it("hands out single-use batons and closes streams", async () => {
    const first = await post(server.url, {
      baton: null,
      requests: [{ type: "store_sql", sql_id: 1, sql: "SELECT ? AS x" }, { type: "execute", stmt: { sql: "BEGIN" } }, { type: "get_autocommit" }],
    });
    const baton = String(first.json.baton);
    expect(first.json.results[2].response.is_autocommit).toBe(false);
    const steps = [
      { stmt: { sql: "SELECT nope" } },
      { condition: { type: "error", step: 0 }, stmt: { sql: "SELECT 1" } },
      { condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 2" } },
    ];
    const second = await post(server.url, {
      baton,
      requests: [
        { type: "execute", stmt: { sql_id: 1, args: [{ type: "integer", value: "-9223372036854775808" }] } },
        { type: "describe", sql: "SELECT :a, ?3 FROM sqlite_schema" },
        { type: "batch", batch: { steps } },
      ],
    });
    expect(second.json.results[0].response.result.rows).toEqual([[{ type: "integer", value: "-9223372036854775808" }]]);
    expect(second.json.results[1].response.result.params).toEqual([{ name: ":a" }, { name: null }, { name: "?3" }]);
    const batch = second.json.results[2].response.result;
    expect([batch.step_errors[0].code, batch.step_results[1] !== null, batch.step_results[2]]).toEqual(["SQLITE_ERROR", true, null]);
    expect((await post(server.url, { baton, requests: [] })).json.code).toBe("BATON_REUSED");
    expect((await post(server.url, { baton: "forged.1.x", requests: [] })).json.code).toBe("BATON_INVALID");
    const closed = await post(server.url, { baton: String(second.json.baton), requests: [{ type: "close" }, { type: "get_autocommit" }] });
    expect([closed.json.baton, closed.json.results[1].error.code]).toEqual([null, "STREAM_CLOSED"]);
    const after = await post(server.url, { baton: null, requests: [{ type: "get_autocommit" }, { type: "close" }] });
    expect(after.json.results[0].response.is_autocommit).toBe(true); // the close rolled back the BEGIN
  });
});

describe("server options", () => {
  it("requires the bearer token when configured", async () => {
    const secured = await startLibsqlServer({ path: ":memory:", authToken: "s3cret" });
    try {
      expect((await post(secured.url, { baton: null, requests: [] })).status).toBe(401);
      expect((await post(secured.url, { baton: null, requests: [] }, { authorization: "Bearer wrong" })).status).toBe(401);
      const anonymous = createWebClient({ url: secured.url });
      expect((await rejection(anonymous.execute("SELECT 1"))).code).toBe("UNAUTHORIZED");
      const authed = createNodeClient({ url: secured.url, authToken: "s3cret" });
      expect((await authed.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
      anonymous.close();
      authed.close();
    } finally {
      await secured.close();
    }
  });

  it("persists a file database across restarts (WAL, foreign keys on)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "libsql-server-"));
    const path = join(dir, "nested", "dev.db");
    try {
      let running = await startLibsqlServer({ path });
      let db = createNodeClient({ url: running.url, intMode: "bigint" });
      await db.batch(["CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO players VALUES (1234567890123456789, 'snow')"], "write");
      expect((await db.execute("PRAGMA journal_mode")).rows[0]?.[0]).toBe("wal");
      db.close();
      await running.close();
      running = await startLibsqlServer({ path });
      db = createNodeClient({ url: running.url, intMode: "bigint" });
      expect((await db.execute("SELECT id, name FROM players")).rows.map((r) => [r.id, r.name])).toEqual([[1234567890123456789n, "snow"]]);
      expect((await db.execute("PRAGMA foreign_keys")).rows[0]?.[0]).toBe(1n);
      db.close();
      await running.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("expires idle streams, rolling back their transaction, and times out waiters", async () => {
    const quick = await startHranaServer({ path: ":memory:", idleTimeoutMs: 600, lockWaitMs: 150, errorCodes: "primary" });
    try {
      const db = createNodeClient({ url: quick.url });
      await db.execute("CREATE TABLE t (v INTEGER UNIQUE)");
      expect((await rejection(db.batch(["INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1)"], "write"))).code).toBe("SQLITE_CONSTRAINT");
      const holder = await db.transaction("write");
      await holder.execute("INSERT INTO t VALUES (7)");
      const blocked = await post(quick.url, { baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] });
      expect(blocked.json.results[0].error.code).toBe("SQLITE_BUSY");
      await sleep(900); // the holder's stream expires while idle
      expect((await db.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
      expect((await rejection(holder.commit())).code).toBe("STREAM_EXPIRED");
      expect(quick.core.openStreams).toBe(0);
      db.close();
    } finally {
      await quick.close();
    }
  });
});
