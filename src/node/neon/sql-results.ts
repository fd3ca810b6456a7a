/**
 * The JSON that Neon's SQL-over-HTTP endpoint answers and that `neon()` (httpQuery) reads:
 * `fields[].dataTypeID` picks the driver's parser, rows hold Postgres text output, and errors are
 * HTTP 400 with the server's error fields so the driver raises NeonDbError with the SQLSTATE.
 */
import type { FieldDef, QueryArrayResult } from "pg";

export type TextRow = (string | null)[];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NeonField {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: string;
}

export interface NeonQueryResult {
  fields: NeonField[];
  rows: JsonValue[][] | Record<string, JsonValue>[];
  command: string;
  rowCount: number | null;
  rowAsArray: boolean;
}

export interface ResultMode {
  /** Neon-Array-Mode: rows as arrays (what the driver always asks for) or objects by field name. */
  arrayMode: boolean;
  /** Neon-Raw-Text-Output: values as text (what the driver always asks for) or converted to JSON. */
  rawText: boolean;
}

export function shapeResult(result: QueryArrayResult<TextRow>, mode: ResultMode): NeonQueryResult {
  const fields = (result.fields ?? []).map(toNeonField);
  const rows = (result.rows ?? []).map((row) => row.map((value, i) => convert(value, fields[i]?.dataTypeID, mode.rawText)));
  return {
    fields,
    rows: mode.arrayMode ? rows : rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.name, row[i] ?? null]))),
    command: result.command,
    rowCount: result.rowCount,
    rowAsArray: mode.arrayMode,
  };
}

function toNeonField(field: FieldDef): NeonField {
  return {
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: "text",
  };
}

const NUMBER_TYPES = new Set([21, 23, 26, 700, 701]); // int2, int4, oid, float4, float8
const JSON_TYPES = new Set([114, 3802]); // json, jsonb

/**
 * Only for clients that send Neon-Raw-Text-Output: false (the driver never does). An approximation
 * of Neon's typed output: bool, small numbers and json become JSON values; int8 and numeric stay
 * strings so no precision is lost; everything else stays text.
 */
function convert(value: string | null, typeId: number | undefined, rawText: boolean): JsonValue {
  if (rawText || value === null || typeId === undefined) return value;
  if (typeId === 16) return value === "t";
  if (NUMBER_TYPES.has(typeId)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (JSON_TYPES.has(typeId)) {
    try {
      return JSON.parse(value) as JsonValue;
    } catch {
      return value;
    }
  }
  return value;
}

/** Fields of a PostgreSQL ErrorResponse that pg copies onto its DatabaseError and the driver reads back. */
const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

export type NeonErrorBody = { message: string } & Partial<Record<(typeof ERROR_FIELDS)[number], string>>;

/** A server-reported error (it carries a SQLSTATE); anything else is a transport failure. */
export function isDatabaseError(error: unknown): error is Error & Record<string, unknown> {
  return error instanceof Error && "severity" in error && "code" in error && typeof error.code === "string";
}

export function databaseErrorBody(error: Error & Record<string, unknown>): NeonErrorBody {
  const body: NeonErrorBody = { message: error.message };
  for (const key of ERROR_FIELDS) {
    const value = error[key];
    if (typeof value === "string" && value !== "") body[key] = value;
  }
  return body;
}
