// Which connection a pipeline can run on, decided from its SQL text before anything runs (see
// gate.ts): plain reads can use the shared query_only reader, a read-only transaction its own.

import type { StreamRequest } from "./proto";
import { isPlainQuery, isReadBegin, isReadonlyBegin, isTransactionEnd, splitStatements, type Token } from "./sql-text";

/**
 * True when every request of a pipeline only reads: queries (no PRAGMA), describe, the bookkeeping
 * requests, and batches that are a whole read transaction (what @libsql/client's `batch(…, "read")`
 * or `"deferred"` sends: BEGIN, queries, COMMIT/ROLLBACK). SQL stored earlier in the same pipeline is
 * followed; an unknown sql_id sends the pipeline down the normal path, which reports it.
 */
export function onlyPlainReads(requests: StreamRequest[], stored: ReadonlyMap<number, string>): boolean {
  const sqls = new Map(stored);
  const parse = (sql: string | undefined, sqlId: number | undefined): Token[][] | undefined => {
    const text = sql ?? (sqlId === undefined ? undefined : sqls.get(sqlId));
    return text === undefined ? undefined : splitStatements(text);
  };
  const plain = (sql: string | undefined, sqlId: number | undefined): boolean => {
    const statements = parse(sql, sqlId);
    return statements !== undefined && statements.length > 0 && statements.every(isPlainQuery);
  };
  const readRequest = (r: StreamRequest): boolean => {
    switch (r.type) {
      case "store_sql":
        sqls.set(r.sqlId, r.sql);
        return true;
      case "close_sql":
        sqls.delete(r.sqlId);
        return true;
      case "close":
      case "get_autocommit":
        return true;
      case "describe":
        return plain(r.sql, r.sqlId);
      case "execute":
        return plain(r.stmt.sql, r.stmt.sqlId);
      case "batch":
        return readBatch(r.steps.map((step) => parse(step.stmt.sql, step.stmt.sqlId)));
      case "sequence":
        return plain(r.sql, r.sqlId);
    }
  };
  return requests.every(readRequest);
}

/** Only queries, or one read transaction begun by the first step and ended within the batch. */
function readBatch(steps: (Token[][] | undefined)[]): boolean {
  const single = steps.map((s) => (s !== undefined && s.length === 1 ? s[0] : undefined));
  if (single.some((s) => s === undefined)) return false;
  const tokens = single as Token[][];
  const [first, ...rest] = tokens;
  if (first === undefined) return true;
  if (!isReadBegin(first)) return tokens.every(isPlainQuery);
  return rest.some(isTransactionEnd) && rest.every((t) => isPlainQuery(t) || isTransactionEnd(t));
}

/**
 * True when the pipeline's first SQL-running request begins a `BEGIN … READONLY` transaction, as an
 * execute or as the first step of a batch (@libsql/client's `transaction("read")` sends its BEGIN in
 * one batch with the first statements), possibly after store_sql requests.
 */
export function startsReadonlyTransaction(requests: StreamRequest[], stored: ReadonlyMap<number, string>): boolean {
  const sqls = new Map(stored);
  const readonlyBegin = (sql: string | undefined, sqlId: number | undefined): boolean => {
    const text = sql ?? (sqlId === undefined ? undefined : sqls.get(sqlId));
    const statements = text === undefined ? [] : splitStatements(text);
    const first = statements[0];
    return statements.length === 1 && first !== undefined && isReadonlyBegin(first);
  };
  for (const r of requests) {
    if (r.type === "store_sql") sqls.set(r.sqlId, r.sql);
    else if (r.type === "close_sql") sqls.delete(r.sqlId);
    else if (r.type === "execute") return readonlyBegin(r.stmt.sql, r.stmt.sqlId);
    else if (r.type === "batch") {
      const first = r.steps[0];
      return first !== undefined && first.condition === undefined && readonlyBegin(first.stmt.sql, first.stmt.sqlId);
    } else return false;
  }
  return false;
}
