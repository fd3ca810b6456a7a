// Hrana over HTTP v2 wire shapes (JSON encoding), as @libsql/hrana-client 0.10 sends and reads them.
// Request types are the validated, decoded form (see decode.ts); response types are what we
// serialise back, with snake_case keys exactly as on the wire.

/** A decoded SQL value. Integers stay bigint end to end so 64-bit values never pass through a double. */
export type SqlValue = null | bigint | number | string | Uint8Array;

export type ValueJson =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

export interface NamedArg {
  name: string;
  value: SqlValue;
}

/** Either `sql` or `sqlId` is set (never both), checked when decoding. */
export interface SqlRef {
  sql: string | undefined;
  sqlId: number | undefined;
}

export interface Stmt extends SqlRef {
  args: SqlValue[];
  namedArgs: NamedArg[];
  wantRows: boolean;
}

export type BatchCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and"; conds: BatchCond[] }
  | { type: "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };

export interface BatchStep {
  condition: BatchCond | undefined;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; steps: BatchStep[] }
  | ({ type: "sequence" } & SqlRef)
  | ({ type: "describe" } & SqlRef)
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number }
  | { type: "get_autocommit" };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export interface ErrorJson {
  message: string;
  code?: string;
}

export interface ColJson {
  name: string | null;
  decltype: string | null;
}

export interface StmtResultJson {
  cols: ColJson[];
  rows: ValueJson[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  query_duration_ms: number;
}

export interface BatchResultJson {
  step_results: (StmtResultJson | null)[];
  step_errors: (ErrorJson | null)[];
}

export interface DescribeResultJson {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponseJson =
  | { type: "close" }
  | { type: "execute"; result: StmtResultJson }
  | { type: "batch"; result: BatchResultJson }
  | { type: "sequence" }
  | { type: "describe"; result: DescribeResultJson }
  | { type: "store_sql" }
  | { type: "close_sql" }
  | { type: "get_autocommit"; is_autocommit: boolean };

export type StreamResultJson = { type: "ok"; response: StreamResponseJson } | { type: "error"; error: ErrorJson };

export interface PipelineResponseJson {
  baton: string | null;
  base_url: string | null;
  results: StreamResultJson[];
}
