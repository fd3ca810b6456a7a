// The reader connection behind the libSQL stand-in's snapshot reads stays query_only, also after a
// read-only transaction on it ends (the main connection turns query_only off at that point).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openEngine, openReader } from "../../src/node/hrana/engine";
import { Executor } from "../../src/node/hrana/execute";

const dir = mkdtempSync(join(tmpdir(), "hrana-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stmt = (sql: string) => ({ sql, sqlId: undefined, args: [], namedArgs: [], wantRows: true });
const none = new Map<number, string>();

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

it("refuses writes on the reader before, during and after a read-only transaction", () => {
  const path = join(dir, "r.db");
  const main = openEngine(path);
  main.exec("CREATE TABLE t (v INTEGER)");
  const reader = new Executor(openReader(path), "extended", true);
  expect(codeOf(() => reader.execute(stmt("INSERT INTO t VALUES (1)"), none))).toBe("SQLITE_READONLY");
  reader.execute(stmt("BEGIN TRANSACTION READONLY"), none);
  expect(codeOf(() => reader.execute(stmt("INSERT INTO t VALUES (2)"), none))).toBe("SQLITE_READONLY");
  reader.execute(stmt("COMMIT"), none);
  expect(codeOf(() => reader.execute(stmt("INSERT INTO t VALUES (3)"), none))).toBe("SQLITE_READONLY");
  // The main connection's executor does lift it once its read-only transaction is over.
  const writer = new Executor(main, "extended");
  writer.execute(stmt("BEGIN TRANSACTION READONLY"), none);
  expect(codeOf(() => writer.execute(stmt("INSERT INTO t VALUES (4)"), none))).toBe("SQLITE_READONLY");
  writer.execute(stmt("COMMIT"), none);
  expect(writer.execute(stmt("INSERT INTO t VALUES (5)"), none).affected_row_count).toBe(1);
  main.close();
});
