// Local libSQL server: Hrana over HTTP v2 on top of the real libSQL engine (the `libsql` package),
// a development/test stand-in for Turso in the spirit of `turso dev`. @libsql/client (Node, with an
// http:// URL) and @libsql/client/web talk to it exactly as to Turso. Design notes live with the
// parts: hrana/gate.ts (transaction isolation), hrana/streams.ts (batons, expiry), hrana/errors.ts
// (error codes), hrana/http.ts (routes, limits).
//
//   npx tsx src/node/libsql-server.ts --path .data/dev.db --port 8080 [--host 127.0.0.1] [--auth-token T]
//
// prints the URL and serves until SIGINT/SIGTERM. Importing this module has no side effects.

import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { startHranaServer } from "./hrana/server";

export interface LibsqlServerOptions {
  /** File path or ":memory:". */
  path: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = ephemeral (default). */
  port?: number;
  /** When set, /v2/pipeline requires `Authorization: Bearer <token>`. */
  authToken?: string;
  log?: (line: string) => void;
}

export interface RunningLibsqlServer {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<RunningLibsqlServer> {
  const server = await startHranaServer(opts);
  return { url: server.url, port: server.port, close: () => server.close() };
}

function parseArgs(argv: string[]): LibsqlServerOptions {
  const options: LibsqlServerOptions = { path: ":memory:", authToken: process.env.LIBSQL_AUTH_TOKEN };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${String(flag)}`);
    i++;
    if (flag === "--path") options.path = value;
    else if (flag === "--host") options.host = value;
    else if (flag === "--port") {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${value}`);
      options.port = port;
    } else if (flag === "--auth-token") options.authToken = value;
    else throw new Error(`unknown option ${String(flag)} (expected --path, --port, --host, --auth-token)`);
  }
  return options;
}

async function main(): Promise<void> {
  let options: LibsqlServerOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  let server: RunningLibsqlServer;
  try {
    server = await startLibsqlServer({ ...options, log: (line) => console.error(line) });
  } catch (error) {
    console.error(`could not start the libSQL server: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(server.url);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
