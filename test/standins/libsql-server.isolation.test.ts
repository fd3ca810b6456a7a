// Closer to sqld: plain reads on a file database do not wait for another stream's write transaction
// (WAL snapshot), read-only transactions and batches refuse writes with SQLITE_READONLY, and
// constraint failures carry the extended SQLITE_CONSTRAINT_* code. All through the real drivers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, type Config, createClient as createNodeClient, LibsqlError } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningLibsqlServer, startLibsqlServer } from "../../src/node/libsql-server";

let seq = 0;
const table = (prefix: string) => `${prefix}_${++seq}`;
const dir = mkdtempSync(join(tmpdir(), "libsql-isolation-"));
const servers: Record<"file" | "memory", RunningLibsqlServer | undefined> = { file: undefined, memory: undefined };

beforeAll(async () => {
  servers.file = await startLibsqlServer({ path: join(dir, "iso.db") });
  servers.memory = await startLibsqlServer({ path: ":memory:" });
});
afterAll(async () => {
  await servers.file?.close();
  await servers.memory?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LibsqlError);
  return (error as LibsqlError).code;
}

/** Resolves with the result, or with "pending" if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | "pending"> {
  return Promise.race([promise, new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), ms))]);
}

describe.each([
  ["@libsql/client (node)", createNodeClient],
  ["@libsql/client/web", createWebClient],
] as const)("%s", (_name, create) => {
  const open = (kind: "file" | "memory", config: Partial<Config> = {}): Client => {
    const server = servers[kind];
    if (server === undefined) throw new Error("server not started");
    return create({ url: server.url, ...config });
  };

  it("answers plain reads on a file database from the committed snapshot while another stream writes", async () => {
    const [a, b] = [open("file"), open("file")];
    const t = table("snap");
    await a.execute(`CREATE TABLE ${t} (v INTEGER)`);
    await a.execute(`INSERT INTO ${t} VALUES (1)`);
    const tx = await a.transaction("write");
    await tx.execute(`INSERT INTO ${t} VALUES (2)`);
    // Without the reader connection these would wait for the transaction (up to the lock timeout).
    const read = await within(b.execute(`SELECT count(*) AS n FROM ${t}`), 2_000);
    expect(read === "pending" ? read : read.rows[0]?.n).toBe(1);
    const batch = await within(b.batch([`SELECT count(*) AS n FROM ${t}`, `WITH x AS (SELECT v FROM ${t}) SELECT sum(v) AS s FROM x`], "deferred"), 2_000);
    expect(batch === "pending" ? batch : [batch[0]?.rows[0]?.n, batch[1]?.rows[0]?.s]).toEqual([1, 1]);
    // A write from the other stream still waits its turn, and sees the commit once it runs.
    const write = b.execute(`INSERT INTO ${t} SELECT count(*) * 10 FROM ${t}`);
    expect(await within(write, 300)).toBe("pending");
    await tx.commit();
    await write;
    expect((await b.execute(`SELECT group_concat(v) AS vs FROM (SELECT v FROM ${t} ORDER BY v)`)).rows[0]?.vs).toBe("1,2,20");
    a.close();
    b.close();
  });

  it('runs transaction("read") on a file database on its own snapshot: no waiting, no blocking, no writes', async () => {
    const [a, b] = [open("file"), open("file")];
    const t = table("rotx");
    await a.execute(`CREATE TABLE ${t} (v INTEGER)`);
    await a.execute(`INSERT INTO ${t} VALUES (1)`);
    const writer = await a.transaction("write");
    await writer.execute(`INSERT INTO ${t} VALUES (2)`);
    const reader = await within(b.transaction("read"), 2_000);
    if (reader === "pending") throw new Error('transaction("read") waited for the writer');
    expect((await reader.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
    expect(await codeOf(reader.execute(`DELETE FROM ${t}`))).toBe("SQLITE_READONLY");
    // The writer is not blocked by the open read transaction, and the reader keeps its snapshot.
    await writer.commit();
    expect((await reader.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
    await reader.commit();
    expect((await b.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(2);
    a.close();
    b.close();
  });

  it("still makes plain reads wait on :memory: (no second connection can see the same data)", async () => {
    const [a, b] = [open("memory"), open("memory")];
    const t = table("mem");
    await a.execute(`CREATE TABLE ${t} (v INTEGER)`);
    const tx = await a.transaction("write");
    await tx.execute(`INSERT INTO ${t} VALUES (1)`);
    const read = b.execute(`SELECT count(*) AS n FROM ${t}`);
    expect(await within(read, 300)).toBe("pending");
    await tx.rollback();
    expect((await read).rows[0]?.n).toBe(0);
    a.close();
    b.close();
  });

  it.each(["file", "memory"] as const)('refuses writes in transaction("read") and batch(…, "read") with SQLITE_READONLY (%s)', async (kind) => {
    const db = open(kind);
    const t = table("ro");
    await db.execute(`CREATE TABLE ${t} (v INTEGER)`);
    await db.execute(`INSERT INTO ${t} VALUES (1)`);
    const tx = await db.transaction("read");
    expect((await tx.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
    expect(await codeOf(tx.execute(`INSERT INTO ${t} VALUES (2)`))).toBe("SQLITE_READONLY");
    expect(await codeOf(tx.execute(`CREATE TABLE ${t}_x (v INTEGER)`))).toBe("SQLITE_READONLY");
    await tx.commit();
    expect(await codeOf(db.batch([`SELECT 1`, `UPDATE ${t} SET v = 5`], "read"))).toBe("SQLITE_READONLY");
    const [rows] = await db.batch([`SELECT v FROM ${t}`], "read");
    expect(rows?.rows.map((r) => r.v)).toEqual([1]);
    // Once the read-only transaction is over, the same stream and others write again.
    await db.execute(`INSERT INTO ${t} VALUES (3)`);
    const tx2 = await db.transaction("deferred");
    await tx2.execute(`INSERT INTO ${t} VALUES (4)`);
    await tx2.commit();
    expect((await db.execute(`SELECT group_concat(v) AS vs FROM (SELECT v FROM ${t} ORDER BY v)`)).rows[0]?.vs).toBe("1,3,4");
    db.close();
  });

  it("reports constraint failures with the extended codes Turso sends", async () => {
    const db = open("file");
    const [p, c] = [table("cparent"), table("cchild")];
    await db.executeMultiple(`
      CREATE TABLE ${p} (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0));
      CREATE TABLE ${c} (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES ${p}(id));
      INSERT INTO ${p} VALUES (1, 'a@x', 30);`);
    const cases: [string, string][] = [
      [`INSERT INTO ${p} VALUES (2, 'a@x', 1)`, "SQLITE_CONSTRAINT_UNIQUE"],
      [`INSERT INTO ${p} VALUES (1, 'b@x', 1)`, "SQLITE_CONSTRAINT_PRIMARYKEY"],
      [`INSERT INTO ${p} (id, email) VALUES (3, NULL)`, "SQLITE_CONSTRAINT_NOTNULL"],
      [`INSERT INTO ${c} (parent) VALUES (99)`, "SQLITE_CONSTRAINT_FOREIGNKEY"],
      [`UPDATE ${p} SET age = -1`, "SQLITE_CONSTRAINT_CHECK"],
    ];
    for (const [sql, code] of cases) expect([sql, await codeOf(db.execute(sql))]).toEqual([sql, code]);
    // Inside a write batch (the repository's path) the failing step's code reaches the caller too.
    expect(await codeOf(db.batch([`INSERT INTO ${p} VALUES (5, 'c@x', 1)`, `INSERT INTO ${p} VALUES (6, 'c@x', 1)`], "write"))).toBe(
      "SQLITE_CONSTRAINT_UNIQUE",
    );
    expect((await db.execute(`SELECT count(*) AS n FROM ${p}`)).rows[0]?.n).toBe(1);
    db.close();
  });
});
