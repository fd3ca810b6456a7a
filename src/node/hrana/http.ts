// HTTP transport for the Hrana core (node:http only). Routes, as @libsql/client expects of sqld:
//   GET  /v2            200  version probe of HTTP API v2
//   POST /v2/pipeline   200  the Hrana pipeline (JSON)
//   /v3, /v3/*, /v3-protobuf*   404, so a client configured for protocol 3 falls back to v2
//   GET  /, /health     200
// Every failure is a 4xx/5xx with a JSON `{ message, code }` body. The content type is exactly
// "application/json": hrana-client only parses error bodies whose content type matches that string.
//
// Browser requests are refused. The server listens on loopback, so the only callers that should
// reach it are local tools and the Worker under `wrangler dev`; none of them sends an `Origin`
// header, while every cross-site request a browser makes (fetch, XHR, a submitted form) does. A
// form can only POST `text/plain`, urlencoded or multipart bodies, so requiring a JSON content type
// on the pipeline closes the "blind cross-site form post" hole even for a browser that left Origin
// out. hrana-client always sends `content-type: application/json`.

import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ProtocolError } from "./errors";
import type { HranaCore } from "./pipeline";

export interface HranaHttpOptions {
  authToken: string | undefined;
  maxBodyBytes: number;
  log: (line: string) => void;
}

/** A body bigger than the limit is read and discarded up to this multiple, then the socket is cut. */
const DRAIN_FACTOR = 8;

export function createHranaHttpServer(core: HranaCore, options: HranaHttpOptions): Server {
  const server = createServer((req, res) => {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    route(core, options, req, res).catch((error: unknown) => {
      options.log(`hrana: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: "Internal server error", code: "INTERNAL_ERROR" });
      else res.destroy();
    });
  });
  return server;
}

async function route(core: HranaCore, options: HranaHttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url);
  const method = req.method ?? "GET";
  if (req.headers.origin !== undefined) {
    return sendJson(res, 403, { message: "Requests from web pages (with an Origin header) are refused", code: "FORBIDDEN_ORIGIN" });
  }
  if (path === "/v2/pipeline") {
    if (method !== "POST") return sendJson(res, 405, { message: "Use POST for /v2/pipeline", code: "METHOD_NOT_ALLOWED" });
    if (!authorized(req, options.authToken)) {
      res.setHeader("www-authenticate", "Bearer");
      return sendJson(res, 401, { message: "Authentication required: send Authorization: Bearer <token>", code: "UNAUTHORIZED" });
    }
    if (!isJson(req.headers["content-type"])) {
      return sendJson(res, 415, { message: "The pipeline body must be sent as application/json", code: "UNSUPPORTED_MEDIA_TYPE" });
    }
    return pipeline(core, options, req, res);
  }
  if (path === "/v3" || path.startsWith("/v3/") || path === "/v3-protobuf" || path.startsWith("/v3-protobuf/")) {
    return sendText(res, 404, "Hrana protocol 3 is not served here; use HTTP API v2");
  }
  if ((method === "GET" || method === "HEAD") && (path === "/" || path === "/health" || path === "/v2")) {
    return sendText(res, 200, path === "/health" ? "ok" : "Hello, this is HTTP API v2 (Hrana over HTTP)");
  }
  return sendText(res, 404, "Not found");
}

async function pipeline(core: HranaCore, options: HranaHttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, options.maxBodyBytes);
  if (body === "aborted") return void res.destroy();
  if (body === "too-large") {
    return sendJson(res, 413, { message: `Request body exceeds ${options.maxBodyBytes} bytes`, code: "PAYLOAD_TOO_LARGE" });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return sendJson(res, 400, { message: `Malformed JSON body: ${(error as Error).message}`, code: "PROTOCOL_ERROR" });
  }
  try {
    sendJson(res, 200, await core.pipeline(parsed));
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    sendJson(res, error.status, error.toJson());
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end < 0 ? raw : raw.slice(0, end);
}

/** `application/json`, optionally with parameters (`; charset=utf-8`); nothing else. */
function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

/** Compares in constant time (for equal lengths; the token length is not a secret worth hiding). */
function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (match === null) return false;
  const given = Buffer.from((match[1] as string).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the body, or discards it and reports "too-large" once it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers["content-length"] ?? 0) > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > limit * DRAIN_FACTOR) req.destroy();
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks, size)));
    // A client that goes away mid-body is not an error worth logging; there is nobody to answer.
    req.on("error", () => resolve("aborted"));
    req.on("close", () => {
      if (!req.complete) resolve("aborted");
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
