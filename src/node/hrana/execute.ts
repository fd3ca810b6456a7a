// Runs stream requests against the engine connection. Everything here is synchronous: a pipeline
// executes start to finish without yielding, which is what makes the single shared connection safe
// (see gate.ts for how transactions spanning several pipelines are isolated).

import type { BindArgs, EngineConnection, EngineStatement } from "./engine";
import { type ErrorCodeStyle, StmtError, toStmtError } from "./errors";
import type { BatchCond, BatchResultJson, BatchStep, DescribeResultJson, ErrorJson, SqlRef, SqlValue, Stmt, StmtResultJson } from "./proto";
import { describeParams, isExplain, isReadonlyBegin, looksReadonly, splitStatements, type Token } from "./sql-text";
import { encodeValue } from "./values";

export type SqlStore = ReadonlyMap<number, string>;

export class Executor {
  readonly #db: EngineConnection;
  readonly #codes: ErrorCodeStyle;
  #counters: EngineStatement | undefined;
  /** A `BEGIN … READONLY` transaction is open and `query_only` is on for it. */
  #readonlyTx = false;

  /** The connection is a query_only reader and must stay one after a read transaction ends. */
  readonly #queryOnly: boolean;

  constructor(db: EngineConnection, codes: ErrorCodeStyle, queryOnly = false) {
    this.#db = db;
    this.#codes = codes;
    this.#queryOnly = queryOnly;
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  /** Rolls back whatever transaction is open (stream closed or expired). Never throws. */
  rollback(): void {
    if (!this.#db.inTransaction) return;
    try {
      this.#db.exec("ROLLBACK");
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); inTransaction tells the truth.
    }
    this.#syncReadonly(false);
  }

  execute(stmt: Stmt, sqls: SqlStore): StmtResultJson {
    const sql = resolveSql(stmt, sqls);
    const tokens = singleStatement(sql);
    try {
      return this.#run(sql, stmt);
    } finally {
      this.#syncReadonly(isReadonlyBegin(tokens));
    }
  }

  batch(steps: BatchStep[], sqls: SqlStore): BatchResultJson {
    // Like sqld, a condition may only look at earlier steps; checked before any step runs.
    steps.forEach((step, i) => {
      if (step.condition !== undefined) checkCondSteps(step.condition, i);
    });
    const results: (StmtResultJson | null)[] = [];
    const errors: (ErrorJson | null)[] = [];
    for (const step of steps) {
      if (step.condition !== undefined && !this.#holds(step.condition, results, errors)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(this.execute(step.stmt, sqls));
        errors.push(null);
      } catch (error) {
        results.push(null);
        errors.push(toStmtError(error, this.#codes).toJson());
      }
    }
    return { step_results: results, step_errors: errors };
  }

  /** Several statements, no arguments, no results; stops at the first error (the engine's exec). */
  sequence(ref: SqlRef, sqls: SqlStore): void {
    const sql = resolveSql(ref, sqls);
    try {
      this.#db.exec(sql);
    } catch (error) {
      throw toStmtError(error, this.#codes);
    } finally {
      this.#syncReadonly(false);
    }
  }

  /**
   * Keeps `query_only` on exactly while a read-only transaction is open: switched on right after its
   * BEGIN, off once the transaction ended (COMMIT, ROLLBACK, or SQLite rolling back on an error).
   * A write in between fails with SQLITE_READONLY, the code sqld answers for it.
   */
  #syncReadonly(begunReadonly: boolean): void {
    if (this.#queryOnly) return;
    if (begunReadonly && this.#db.inTransaction && !this.#readonlyTx) {
      this.#db.exec("PRAGMA query_only = ON");
      this.#readonlyTx = true;
    } else if (this.#readonlyTx && !this.#db.inTransaction) {
      this.#db.exec("PRAGMA query_only = OFF");
      this.#readonlyTx = false;
    }
  }

  describe(ref: SqlRef, sqls: SqlStore): DescribeResultJson {
    const sql = resolveSql(ref, sqls);
    const tokens = singleStatement(sql);
    try {
      // Preparing never steps the statement, so describing has no effect on the database.
      const cols = this.#db.prepare(sql).columns();
      return {
        params: describeParams(tokens),
        cols: cols.map((c) => ({ name: c.name, decltype: c.type })),
        is_explain: isExplain(tokens),
        is_readonly: looksReadonly(tokens),
      };
    } catch (error) {
      throw toStmtError(error, this.#codes);
    }
  }

  #run(sql: string, stmt: Stmt): StmtResultJson {
    const args = bindArgs(stmt);
    const started = performance.now();
    try {
      const prepared = this.#db.prepare(sql);
      if (!prepared.reader) {
        const info = prepared.run(args);
        return {
          cols: [],
          rows: [],
          affected_row_count: info.changes,
          last_insert_rowid: this.#exactRowid(info.lastInsertRowid),
          query_duration_ms: performance.now() - started,
        };
      }
      // A statement with result columns may still write (INSERT … RETURNING). run() is not used for
      // it, so compare total_changes() before and after to tell a query from a write.
      const before = this.#readCounters()[0];
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
      const rows = prepared.raw(true).all(args);
      const [total, changes, rowid] = this.#readCounters();
      const wrote = total !== before;
      return {
        cols,
        rows: stmt.wantRows ? rows.map((row) => (row as unknown[]).map(encodeValue)) : [],
        affected_row_count: wrote ? Number(changes) : 0,
        last_insert_rowid: wrote ? rowid.toString() : null,
        query_duration_ms: performance.now() - started,
      };
    } catch (error) {
      throw toStmtError(error, this.#codes);
    }
  }

  /** [total_changes(), changes(), last_insert_rowid()] as exact bigints. */
  #readCounters(): [bigint, bigint, bigint] {
    this.#counters ??= this.#db.prepare("SELECT total_changes(), changes(), last_insert_rowid()").raw(true);
    const row = this.#counters.all([])[0] as [bigint, bigint, bigint];
    return row;
  }

  /** run() reports the rowid as a double; re-read it exactly when it is beyond 2^53. */
  #exactRowid(rowid: number | bigint): string {
    if (typeof rowid === "bigint" || Number.isSafeInteger(rowid)) return rowid.toString();
    return this.#readCounters()[2].toString();
  }

  #holds(cond: BatchCond, results: (StmtResultJson | null)[], errors: (ErrorJson | null)[]): boolean {
    switch (cond.type) {
      case "ok":
        return results[cond.step] != null;
      case "error":
        return errors[cond.step] != null;
      case "not":
        return !this.#holds(cond.cond, results, errors);
      case "and":
        return cond.conds.every((c) => this.#holds(c, results, errors));
      case "or":
        return cond.conds.some((c) => this.#holds(c, results, errors));
      case "is_autocommit":
        return !this.#db.inTransaction;
    }
  }
}

function resolveSql(ref: SqlRef, sqls: SqlStore): string {
  if (ref.sql !== undefined) return ref.sql;
  const stored = ref.sqlId === undefined ? undefined : sqls.get(ref.sqlId);
  if (stored === undefined) throw new StmtError(`SQL text with id ${String(ref.sqlId)} was not stored on this stream`, "SQL_NOT_FOUND");
  return stored;
}

/** execute/describe take exactly one statement; the engine would silently ignore the rest. */
function singleStatement(sql: string): Token[] {
  const statements = splitStatements(sql);
  const [first] = statements;
  if (first === undefined) throw new StmtError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
  if (statements.length > 1) throw new StmtError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
  return first;
}

function bindArgs(stmt: Stmt): BindArgs {
  if (stmt.namedArgs.length === 0) return stmt.args;
  if (stmt.args.length > 0) {
    throw new StmtError("Specifying both positional and named arguments is not supported", "ARGS_BOTH_POSITIONAL_AND_NAMED");
  }
  // Clients may send names with their prefix (":id") or without ("id"); the engine wants them bare.
  // No prototype, so a parameter called `__proto__` is just a name.
  const named = Object.create(null) as Record<string, SqlValue>;
  for (const { name, value } of stmt.namedArgs) named[name.replace(/^[:@$]/, "")] = value;
  return named;
}

function checkCondSteps(cond: BatchCond, stepIndex: number): void {
  switch (cond.type) {
    case "ok":
    case "error":
      if (cond.step >= stepIndex) {
        throw new StmtError(`Batch condition of step ${stepIndex} refers to step ${cond.step}, which has not run yet`, "BATCH_COND_BAD_STEP");
      }
      return;
    case "not":
      checkCondSteps(cond.cond, stepIndex);
      return;
    case "and":
    case "or":
      for (const c of cond.conds) checkCondSteps(c, stepIndex);
      return;
    case "is_autocommit":
      return;
  }
}
