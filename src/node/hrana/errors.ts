// Two kinds of failure, mirroring sqld:
// - ProtocolError: the HTTP request itself is unusable (bad JSON, bad baton, expired stream). The
//   whole pipeline answers with an HTTP 4xx and a JSON `{ message, code }` body, which hrana-client
//   turns into a ResponseError (→ LibsqlError with that code) and treats the stream as dead.
// - StmtError: one stream request failed (SQLite error, bad arguments…). It becomes
//   `{ type: "error", error: { message, code } }` in `results`, the other requests still run.

import type { ErrorJson } from "./proto";

export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = "ProtocolError";
  }

  toJson(): ErrorJson {
    return { message: this.message, code: this.code };
  }
}

export class StmtError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "StmtError";
  }

  toJson(): ErrorJson {
    return { message: this.message, code: this.code };
  }
}

/**
 * How SQLite result codes are reported in `error.code`.
 * - "extended" (default): the engine's extended code, e.g. SQLITE_CONSTRAINT_UNIQUE.
 * - "primary": only the primary code, e.g. SQLITE_CONSTRAINT — what sqld's source maps errors to,
 *   useful to check that callers match codes by prefix and so also work against Turso.
 */
export type ErrorCodeStyle = "extended" | "primary";

/** SQLITE_CONSTRAINT_UNIQUE → SQLITE_CONSTRAINT (primary names are "SQLITE_" + one word). */
function primaryCode(code: string): string {
  const parts = code.split("_");
  return parts.length > 2 ? `${parts[0]}_${parts[1]}` : code;
}

/**
 * Turns whatever the engine threw into a StmtError. The libsql package throws `SqliteError` with a
 * string `code` (the extended name) and a numeric `rawCode`; binding mistakes are plain Errors.
 */
export function toStmtError(error: unknown, style: ErrorCodeStyle): StmtError {
  if (error instanceof StmtError) return error;
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_")) {
      // Same message shape as sqld ("SQLite error: …"), so logs and LibsqlError messages look alike.
      return new StmtError(`SQLite error: ${error.message}`, style === "primary" ? primaryCode(code) : code);
    }
    if (/bind/i.test(error.message)) return new StmtError(`Arguments do not match SQL parameters: ${error.message}`, "ARGS_INVALID");
    return new StmtError(error.message, "SQLITE_ERROR");
  }
  return new StmtError(String(error), "SQLITE_ERROR");
}
