/**
 * Turns each driver's failures into one vocabulary. libSQL reports SQLite extended codes
 * (SQLITE_CONSTRAINT_UNIQUE, ...), Neon reports SQLSTATEs (23505, ...); fetch failures and socket
 * errors mean the database is out of reach. Drizzle may wrap the driver error in `cause`.
 */
import { UnavailableError } from "../errors";

export type DbFailure = "unique" | "not_null" | "foreign_key" | "check" | "serialization" | "unavailable" | "timeout" | "other";

const SQLSTATE: Record<string, DbFailure> = {
  "23505": "unique",
  "23502": "not_null",
  "23503": "foreign_key",
  "23514": "check",
  "40001": "serialization",
  "40P01": "serialization", // deadlock: one side is aborted, a retry succeeds
  "57P01": "unavailable",
  "57P03": "unavailable",
  "53300": "unavailable",
  "08000": "unavailable",
  "08003": "unavailable",
  "08006": "unavailable",
};

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown; sourceError?: unknown };
    for (const c of [e.code, e.extendedCode]) if (typeof c === "string") codes.push(c);
    if (typeof e.message === "string") codes.push(`message:${e.message}`);
    // Neon's driver keeps the fetch failure in `sourceError`, not `cause`.
    current = e.cause ?? e.sourceError;
  }
  return codes;
}

/** Classify a thrown driver error without depending on either driver's classes. */
export function classifyDbError(error: unknown): DbFailure {
  if (error instanceof UnavailableError) return "unavailable";
  for (const code of codesOf(error)) {
    if (code === "DEADLINE_EXCEEDED" || code.includes("DEADLINE_EXCEEDED")) return "timeout";
    const sqlstate = SQLSTATE[code];
    if (sqlstate) return sqlstate;
    if (code.startsWith("SQLITE_CONSTRAINT")) {
      if (code.includes("UNIQUE") || code.includes("PRIMARYKEY")) return "unique";
      if (code.includes("NOTNULL")) return "not_null";
      if (code.includes("FOREIGNKEY")) return "foreign_key";
      if (code.includes("CHECK")) return "check";
      // Turso sends only the primary code: the message below says which constraint.
    }
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return "serialization";
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code)) return "unavailable";
    if (/^(HRANA_WEBSOCKET_ERROR|SERVER_ERROR|STREAM_EXPIRED|HTTP_ERROR)$/.test(code)) return "unavailable";
    if (code.startsWith("message:")) {
      const m = code.slice(8);
      if (/UNIQUE constraint failed/i.test(m)) return "unique";
      if (/NOT NULL constraint failed/i.test(m)) return "not_null";
      if (/FOREIGN KEY constraint failed/i.test(m)) return "foreign_key";
      // fetch failures, Neon's "Server error (HTTP status 502)", libSQL's "HTTP status 503", and pg's
      // "Connection terminated unexpectedly" when the WebSocket relay drops.
      if (/fetch failed|network connection|ECONNREFUSED|ECONNRESET|socket hang up|HTTP status 5\d\d|Connection terminated|connection lost/i.test(m)) {
        return "unavailable";
      }
    }
  }
  return "other";
}

/**
 * Retryable by a fresh attempt of the same logical operation. A timeout is not: it means the budget
 * is spent, and the database may still be working on (and commit) the statement.
 */
export function isTransient(failure: DbFailure): boolean {
  return failure === "serialization" || failure === "unavailable";
}

/**
 * Failures that prove the statement did not commit (the transaction was aborted), so even a
 * write that is neither guarded nor idempotent may run again.
 */
export function neverCommitted(failure: DbFailure): boolean {
  return failure === "serialization";
}
