/**
 * PGlite (PostgreSQL 18 in WASM) reachable over TCP, for machines without a PostgreSQL server.
 *
 * Layout: clients -> session gate (127.0.0.1:ephemeral) -> pglite-socket (127.0.0.1:ephemeral) ->
 * one in-process PGlite. pglite-socket speaks the wire protocol (it answers SSLRequest with 'N',
 * ignores CancelRequest, and PGlite accepts any user, password and database name in the startup
 * message: it is always user `postgres` in database `postgres`, with no real authentication). The
 * gate makes concurrent connections safe; see session-gate.ts for why it is needed.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startSessionGate } from "./session-gate";

export interface PgliteServer {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface PgliteServerOptions {
  /** Persist here; in memory when absent. */
  dataDir?: string;
  /** Start from an empty database: removes `dataDir` first (only if it holds a PGlite cluster). */
  fresh?: boolean;
}

/** Far above what dev and tests open; the gate serializes them anyway. */
const MAX_UPSTREAM_CONNECTIONS = 512;

export async function startPgliteServer(options: PgliteServerOptions = {}): Promise<PgliteServer> {
  const { dataDir, fresh = false } = options;
  if (dataDir !== undefined && fresh) removeClusterDir(dataDir);
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const inner = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: MAX_UPSTREAM_CONNECTIONS });
  try {
    await inner.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const innerPort = Number(inner.getServerConn().split(":").pop());
  const gate = await startSessionGate({ host: "127.0.0.1", port: innerPort });
  let closed = false;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${gate.port}/postgres`,
    port: gate.port,
    close: async () => {
      if (closed) return;
      closed = true;
      await gate.close();
      // Let pglite-socket finish detaching (and rolling back) the sockets the gate just closed:
      // a detach that runs after db.close() would touch a closed database.
      await waitFor(() => inner.getStats().activeConnections === 0, 2_000);
      await inner.stop();
      await db.close();
    },
  };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A "fresh" request must not wipe an arbitrary directory a typo pointed at. */
function removeClusterDir(dir: string): void {
  if (!existsSync(dir)) return;
  if (readdirSync(dir).length === 0) return;
  if (!existsSync(join(dir, "PG_VERSION"))) {
    throw new Error(`refusing to wipe ${dir}: it does not look like a PGlite data directory (no PG_VERSION)`);
  }
  rmSync(dir, { recursive: true, force: true });
}
