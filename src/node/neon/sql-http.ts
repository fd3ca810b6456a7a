/**
 * `POST /sql`: Neon's SQL-over-HTTP as `neon()` from @neondatabase/serverless 1.2 sends it.
 * One query `{query, params}` runs on its own (autocommit); a batch `{queries: [...]}` runs in one
 * transaction, rolled back as a whole on the first error. Statements go through the extended
 * protocol even without parameters, as on Neon, so a string holding two statements fails here too
 * (42601) instead of working locally and failing in production.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pool, PoolClient, QueryArrayConfig } from "pg";
import { BadRequestError, type PoolRegistry, parseTarget } from "./sql-pools";
import { databaseErrorBody, isDatabaseError, type NeonQueryResult, type ResultMode, shapeResult, type TextRow } from "./sql-results";
import { checkTarget, type TargetList } from "./targets";

export interface SqlEndpointOptions {
  pools: PoolRegistry;
  /** PostgreSQL servers the endpoint may connect to (targets.ts). */
  targets: TargetList;
  maxBodyBytes: number;
  log: (line: string) => void;
}

interface SqlQuery {
  query: string;
  params: (string | null)[];
}

type SqlBody = { kind: "single"; query: SqlQuery } | { kind: "batch"; queries: SqlQuery[] };

export async function handleSql(req: IncomingMessage, res: ServerResponse, options: SqlEndpointOptions): Promise<void> {
  try {
    if (req.method !== "POST") throw new BadRequestError("use POST", 405);
    const target = parseTarget(header(req, "neon-connection-string"));
    const mode: ResultMode = {
      rawText: header(req, "neon-raw-text-output")?.toLowerCase() === "true",
      arrayMode: header(req, "neon-array-mode")?.toLowerCase() === "true",
    };
    const begin = beginStatement(req);
    const body = parseBody(await readBody(req, options.maxBodyBytes));
    // A loopback server that is not configured answers like one that is down (502: the driver's
    // "Server error"), and is never connected to.
    const allowed = checkTarget(target, options.targets);
    if (!allowed.ok) {
      options.log(`[neon-proxy] POST /sql refused: ${allowed.reason}`);
      throw new BadRequestError(`local Neon proxy refused: ${allowed.reason}`, 502);
    }
    target.host = allowed.target.host;
    const pool = options.pools.get(target);
    if (body.kind === "single") sendJson(res, 200, await runSingle(pool, body.query, mode));
    else sendJson(res, 200, { results: await runBatch(pool, body.queries, begin, mode) });
  } catch (error) {
    sendError(req, res, error, options.log);
  }
}

async function runSingle(pool: Pool, query: SqlQuery, mode: ResultMode): Promise<NeonQueryResult> {
  const client = await pool.connect();
  let discard = false;
  try {
    return shapeResult(await client.query<TextRow>(toConfig(query)), mode);
  } catch (error) {
    discard = !isDatabaseError(error);
    throw error;
  } finally {
    // A statement such as BEGIN would leave the pooled session inside a transaction: drop it.
    client.release(discard || client.getTransactionStatus() !== "I");
  }
}

async function runBatch(pool: Pool, queries: SqlQuery[], begin: string, mode: ResultMode): Promise<NeonQueryResult[]> {
  const client: PoolClient = await pool.connect();
  let discard = false;
  try {
    await client.query(begin);
    try {
      const results: NeonQueryResult[] = [];
      for (const query of queries) results.push(shapeResult(await client.query<TextRow>(toConfig(query)), mode));
      await client.query("COMMIT");
      return results;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        discard = true;
      });
      throw error;
    }
  } catch (error) {
    discard ||= !isDatabaseError(error);
    throw error;
  } finally {
    client.release(discard || client.getTransactionStatus() !== "I");
  }
}

/** `queryMode` (pg ≥ 8.13) is missing from @types/pg; an object with an extra property still fits QueryArrayConfig. */
function toConfig(query: SqlQuery): QueryArrayConfig & { queryMode: "extended" } {
  return { text: query.query, values: query.params, rowMode: "array", queryMode: "extended" };
}

const ISOLATION_LEVELS: Record<string, string> = {
  Serializable: "SERIALIZABLE",
  RepeatableRead: "REPEATABLE READ",
  ReadCommitted: "READ COMMITTED",
  ReadUncommitted: "READ UNCOMMITTED",
};

/** BEGIN with the Neon-Batch-* headers' options (only used for batches; validated for all). */
function beginStatement(req: IncomingMessage): string {
  const modes: string[] = [];
  const level = header(req, "neon-batch-isolation-level");
  if (level !== undefined) {
    const sql = ISOLATION_LEVELS[level];
    if (sql === undefined) throw new BadRequestError(`Neon-Batch-Isolation-Level must be one of ${Object.keys(ISOLATION_LEVELS).join(", ")}`);
    modes.push(`ISOLATION LEVEL ${sql}`);
  }
  const readOnly = booleanHeader(req, "neon-batch-read-only");
  if (readOnly !== undefined) modes.push(readOnly ? "READ ONLY" : "READ WRITE");
  const deferrable = booleanHeader(req, "neon-batch-deferrable");
  if (deferrable !== undefined) modes.push(deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  return modes.length === 0 ? "BEGIN" : `BEGIN ${modes.join(", ")}`;
}

function booleanHeader(req: IncomingMessage, name: string): boolean | undefined {
  const value = header(req, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new BadRequestError(`${name} must be "true" or "false"`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Collects the body up to `limit` bytes; beyond it answers 413 without buffering the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new BadRequestError(`request body exceeds ${limit} bytes`, 413);
  if (Number(header(req, "content-length") ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.resume(); // discard the rest; sendError closes the connection afterwards
      reject(tooLarge());
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

function parseBody(raw: Buffer): SqlBody {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new BadRequestError(`request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new BadRequestError("request body must be a JSON object");
  if ("queries" in json) {
    if (!Array.isArray(json.queries)) throw new BadRequestError('"queries" must be an array');
    return { kind: "batch", queries: json.queries.map((q: unknown, i: number) => toQuery(q, `queries[${i}]`)) };
  }
  return { kind: "single", query: toQuery(json, "body") };
}

function toQuery(value: unknown, where: string): SqlQuery {
  if (typeof value !== "object" || value === null || !("query" in value) || typeof value.query !== "string") {
    throw new BadRequestError(`${where}: "query" must be a string`);
  }
  const params = "params" in value ? value.params : [];
  if (!Array.isArray(params)) throw new BadRequestError(`${where}: "params" must be an array`);
  return {
    query: value.query,
    params: params.map((p: unknown, i: number) => {
      if (p === null || typeof p === "string") return p;
      if (typeof p === "number" || typeof p === "boolean") return String(p);
      throw new BadRequestError(`${where}.params[${i}]: expected a string, number, boolean or null (the driver sends text)`);
    }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, log: (line: string) => void): void {
  if (!req.complete) {
    // Unread body: discard it and close, rather than parse leftovers as the next request.
    res.setHeader("connection", "close");
    req.resume();
  }
  if (error instanceof BadRequestError) {
    sendJson(res, error.status, { message: error.message });
    return;
  }
  // Errors reported by PostgreSQL (including at connect: 3D000, 28P01) carry a SQLSTATE: 400, like Neon.
  if (isDatabaseError(error)) {
    sendJson(res, 400, databaseErrorBody(error));
    return;
  }
  // Could not reach or lost the server: a gateway failure, not the client's fault.
  const message = error instanceof Error ? error.message : String(error);
  log(`[neon-proxy] POST /sql failed: ${message}`);
  sendJson(res, 502, { message: `local Neon proxy could not reach PostgreSQL: ${message}` });
}
