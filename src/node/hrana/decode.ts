// Validates an untrusted pipeline body into typed requests. Everything is checked before any SQL
// runs, so a malformed request answers 400 without half of a pipeline having executed.

import { ProtocolError } from "./errors";
import type { BatchCond, BatchStep, NamedArg, PipelineRequest, SqlRef, Stmt, StreamRequest } from "./proto";
import { decodeValue } from "./values";

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new ProtocolError(message, "PROTOCOL_ERROR");
}

function record(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`${where}: expected an object`);
  return value as Json;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(`${where}: expected an array`);
  return value;
}

/** Optional fields may be absent or null (hrana-client omits them, other clients send null). */
function optString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(`${where}: expected a string`);
  return value;
}

function int32(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
    fail(`${where}: expected a 32-bit integer`);
  }
  return value;
}

function optInt32(value: unknown, where: string): number | undefined {
  return value === undefined || value === null ? undefined : int32(value, where);
}

function sqlRef(json: Json, where: string): SqlRef {
  const sql = optString(json.sql, `${where}.sql`);
  const sqlId = optInt32(json.sql_id, `${where}.sql_id`);
  if (sql !== undefined && sqlId !== undefined) fail(`${where}: both sql and sql_id given`);
  if (sql === undefined && sqlId === undefined) fail(`${where}: neither sql nor sql_id given`);
  return { sql, sqlId };
}

function stmt(value: unknown, where: string): Stmt {
  const json = record(value, where);
  const args = json.args === undefined || json.args === null ? [] : array(json.args, `${where}.args`);
  const named = json.named_args === undefined || json.named_args === null ? [] : array(json.named_args, `${where}.named_args`);
  const wantRows = json.want_rows;
  if (wantRows !== undefined && wantRows !== null && typeof wantRows !== "boolean") fail(`${where}.want_rows: expected a boolean`);
  return {
    ...sqlRef(json, where),
    args: args.map((arg, i) => decodeValue(arg, `${where}.args[${i}]`)),
    namedArgs: named.map((arg, i): NamedArg => {
      const entry = record(arg, `${where}.named_args[${i}]`);
      const name = entry.name;
      if (typeof name !== "string" || name === "") fail(`${where}.named_args[${i}].name: expected a non-empty string`);
      return { name, value: decodeValue(entry.value, `${where}.named_args[${i}].value`) };
    }),
    wantRows: wantRows !== false,
  };
}

const MAX_COND_DEPTH = 64;

function cond(value: unknown, where: string, depth: number): BatchCond {
  if (depth > MAX_COND_DEPTH) fail(`${where}: condition nested too deeply`);
  const json = record(value, where);
  const type = json.type;
  switch (type) {
    case "ok":
    case "error": {
      const step = json.step;
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0) fail(`${where}.step: expected a step index`);
      return { type, step };
    }
    case "not":
      return { type, cond: cond(json.cond, `${where}.cond`, depth + 1) };
    case "and":
    case "or":
      return { type, conds: array(json.conds, `${where}.conds`).map((c, i) => cond(c, `${where}.conds[${i}]`, depth + 1)) };
    case "is_autocommit":
      return { type };
    default:
      fail(`${where}: unknown condition type`);
  }
}

function batchSteps(value: unknown, where: string): BatchStep[] {
  const json = record(value, where);
  return array(json.steps, `${where}.steps`).map((raw, i): BatchStep => {
    const step = record(raw, `${where}.steps[${i}]`);
    const c = step.condition;
    return {
      condition: c === undefined || c === null ? undefined : cond(c, `${where}.steps[${i}].condition`, 0),
      stmt: stmt(step.stmt, `${where}.steps[${i}].stmt`),
    };
  });
}

function request(value: unknown, where: string): StreamRequest {
  const json = record(value, where);
  const type = json.type;
  switch (type) {
    case "close":
    case "get_autocommit":
      return { type };
    case "execute":
      return { type, stmt: stmt(json.stmt, `${where}.stmt`) };
    case "batch":
      return { type, steps: batchSteps(json.batch, `${where}.batch`) };
    case "sequence":
    case "describe":
      return { type, ...sqlRef(json, where) };
    case "store_sql": {
      const sql = json.sql;
      if (typeof sql !== "string") fail(`${where}.sql: expected a string`);
      return { type, sqlId: int32(json.sql_id, `${where}.sql_id`), sql };
    }
    case "close_sql":
      return { type, sqlId: int32(json.sql_id, `${where}.sql_id`) };
    default:
      fail(`${where}: unknown request type ${JSON.stringify(type)}`);
  }
}

/** Decodes a parsed JSON body of `POST /v2/pipeline`. */
export function decodePipeline(body: unknown): PipelineRequest {
  const json = record(body, "body");
  const baton = optString(json.baton, "baton") ?? null;
  const requests = array(json.requests, "requests").map((r, i) => request(r, `requests[${i}]`));
  return { baton, requests };
}
