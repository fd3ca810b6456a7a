// Boundary with the `libsql` npm package (the real libSQL engine, better-sqlite3-style sync API).
// Its bundled typings are loose (`unknown` rows, `any` in places), so this file states the small
// surface the server relies on, including facts checked against libsql 0.5:
// - errors are `SqliteError` with `code` = extended result-code name (SQLITE_CONSTRAINT_UNIQUE) and
//   numeric `rawCode`;
// - `run()` reports `lastInsertRowid` as a double even in safeIntegers mode;
// - binding anything but null/number/bigint/string/Buffer can abort the process (a boolean panics
//   in the native code), so only decoded `SqlValue`s ever reach `run`/`all`;
// - object binding looks parameters up by name without their `:`/`@`/`$` prefix;
// - `BEGIN TRANSACTION READONLY` (what @libsql/client sends for `transaction("read")`) parses but is
//   NOT enforced by the engine: writes inside it succeed. sqld enforces it itself, so execute.ts
//   turns on `PRAGMA query_only` for the duration (writes then fail with SQLITE_READONLY).

import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { SqlValue } from "./proto";

export type BindArgs = SqlValue[] | Record<string, SqlValue>;

export interface EngineColumn {
  name: string;
  type: string | null;
}

export interface EngineStatement {
  /** True when the statement returns columns (SELECT, PRAGMA, … RETURNING). */
  readonly reader: boolean;
  raw(toggle?: boolean): EngineStatement;
  all(args: BindArgs): unknown[];
  run(args: BindArgs): { changes: number; lastInsertRowid: number | bigint };
  columns(): EngineColumn[];
}

export interface EngineConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): EngineStatement;
  exec(sql: string): void;
  close(): void;
}

interface EngineDatabase extends EngineConnection {
  defaultSafeIntegers(toggle?: boolean): unknown;
}

// The package's generic `prepare<BindParameters>()` typings do not fit a single statement type, so
// the untyped module is loaded here and described by the interfaces above (the one untyped seam).
const Database = createRequire(import.meta.url)("libsql") as new (path: string) => EngineDatabase;

/**
 * Opens the database the way the server needs it: safe integers everywhere, foreign keys on (for
 * `:memory:` too, so tests and the file-backed dev server behave the same), and for files WAL plus a
 * busy timeout so other local tools (drizzle-kit, the sqlite3 shell) can read alongside.
 */
export function openEngine(path: string): EngineConnection {
  return open(path, false);
}

/**
 * A second connection to a file database for plain reads while another stream holds a write
 * transaction on the main one: in WAL mode it reads the last committed snapshot without waiting,
 * as each sqld stream's own connection does. `query_only` makes a misclassified write fail
 * (SQLITE_READONLY) instead of slipping past the transaction gate. Not possible for `:memory:`:
 * each in-memory connection is its own database, and shared-cache memory databases use table locks
 * (SQLITE_LOCKED for readers of a table being written), not snapshots.
 */
export function openReader(path: string): EngineConnection {
  if (path === ":memory:") throw new Error("an in-memory database has no second connection");
  const db = open(path, true);
  db.exec("PRAGMA query_only = ON");
  return db;
}

function open(path: string, reader: boolean): EngineConnection {
  const memory = path === ":memory:";
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  db.defaultSafeIntegers(true);
  if (!memory) {
    // WAL is a property of the file: the writer sets it once, readers inherit it.
    if (!reader) db.exec("PRAGMA journal_mode = WAL");
    // The engine is synchronous, so a busy wait blocks the whole server: keep it short for readers
    // (in WAL they only wait during recovery/checkpoint edge cases).
    db.exec(`PRAGMA busy_timeout = ${reader ? 1000 : 5000}`);
  }
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}
