/**
 * Local stand-in for Neon's proxy (a development tool, like `turso dev`): one HTTP server with
 * Neon's SQL-over-HTTP endpoint (`POST /sql`) and the WebSocket-to-TCP relay (`/v1?address=`), in
 * front of a PostgreSQL on this machine. Both only ever connect to the configured PostgreSQL
 * servers (never to any other port, see neon/targets.ts), and refuse requests from web pages.
 *
 *   npx tsx src/node/neon-proxy.ts --port 4444 [--pglite] [--database teamrank_dev] [--fresh]
 */
import { realpathSync } from "node:fs";
import { createServer } from "node:http";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { neonConfig } from "@neondatabase/serverless";
import { WebSocket } from "ws";
import { formatHostPort, isLoopbackHost } from "./neon/loopback";
import { handleSql } from "./neon/sql-http";
import { createPoolRegistry } from "./neon/sql-pools";
import { postgresAddress, registeredPostgresTargets, type TargetList } from "./neon/targets";
import { createWsRelay } from "./neon/ws-relay";
import { startPostgresBackend } from "./postgres-backend";

export interface NeonProxyOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Larger `POST /sql` bodies get 413. Default 10 MiB, Neon's own request limit. */
  maxBodyBytes?: number;
  /**
   * "host:port" of the PostgreSQL servers to serve. Default: the backends this process started
   * with startPostgresBackend, looked up on every request.
   */
  targets?: TargetList;
}

export interface RunningNeonProxy {
  port: number;
  /** "127.0.0.1:PORT" — the value of the NEON_LOCAL_PROXY setting the Worker reads */
  address: string;
  /** http://127.0.0.1:PORT/sql */
  sqlEndpoint: string;
  close(): Promise<void>;
}

export async function startNeonProxy(options: NeonProxyOptions = {}): Promise<RunningNeonProxy> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  if (!isLoopbackHost(host)) log(`[neon-proxy] warning: listening on ${host}, reachable from other machines`);

  const targets = options.targets ?? registeredPostgresTargets;
  const pools = createPoolRegistry(log);
  const relay = createWsRelay(log, targets);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://proxy.invalid").pathname;
    // Neither the driver in Node nor the Worker sends Origin; a web page always does on a cross-site
    // request. (POST /sql needs custom headers, so a page cannot send one without a CORS preflight
    // that this server never approves, but refusing early costs nothing.)
    if (req.headers.origin !== undefined) {
      res.writeHead(403, { "content-type": "application/json", connection: "close" }).end(JSON.stringify({ message: "requests from web pages are refused" }));
      return;
    }
    if (path === "/sql") {
      void handleSql(req, res, { pools, targets, maxBodyBytes, log });
      return;
    }
    const status = path === "/" || path === "/health" ? 200 : 404;
    const body = JSON.stringify(status === 200 ? { ok: true, sql: "/sql", ws: "/v1?address=host:port" } : { message: `no route ${path}` });
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  server.on("upgrade", (req, socket, head: Buffer) => relay.handleUpgrade(req, socket, head));
  // Node's default 5 s keep-alive races with fetch (undici) reusing the idle socket: when the event
  // loop stalls (PGlite compiling its WASM in the same process takes ~5 s), the server drops the
  // socket just as the client sends on it, and `neon()` fails with ECONNRESET. With a long server
  // timeout the client, which honours the `Keep-Alive: timeout=` hint minus a margin, always
  // retires an idle socket first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const bound = server.address();
  if (bound === null || typeof bound === "string") throw new Error("neon proxy: no TCP address");
  const address = formatHostPort(host, bound.port);
  let closed = false;
  return {
    port: bound.port,
    address,
    sqlEndpoint: `http://${address}/sql`,
    close: async () => {
      if (closed) return;
      closed = true;
      relay.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await pools.close();
    },
  };
}

/**
 * Points @neondatabase/serverless at a local proxy (Node side; the Worker has its own copy of this
 * logic). `pipelineConnect = false`: pipelining the startup assumes cleartext-password auth, while
 * local servers use trust or SCRAM. No TLS on either leg: everything is on loopback.
 */
export function configureNeonForLocalProxy(address: string): void {
  neonConfig.fetchEndpoint = `http://${address}/sql`;
  neonConfig.wsProxy = (host, port) => `${address}/v1?address=${formatHostPort(host, port)}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.webSocketConstructor = WebSocket;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4444" },
      host: { type: "string", default: "127.0.0.1" },
      database: { type: "string" },
      fresh: { type: "boolean", default: false },
      pglite: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const backend = await startPostgresBackend({
    database: values.database,
    fresh: values.fresh,
    prefer: values.pglite ? "pglite" : undefined,
    pgliteDataDir: values["data-dir"],
  });
  const pgAddress = postgresAddress(backend.url);
  const proxy = await startNeonProxy({ host: values.host, port: Number(values.port), targets: [pgAddress] });
  console.log(`[neon-proxy] SQL over HTTP at ${proxy.sqlEndpoint}, WebSocket relay at ws://${proxy.address}/v1`);
  console.log(`DATABASE_URL=${backend.url}`);
  console.log(`NEON_LOCAL_PROXY=${proxy.address}`);
  const stop = async () => {
    await proxy.close();
    await backend.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
