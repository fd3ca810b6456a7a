/**
 * PGlite (PostgreSQL 18 in WASM) reachable over TCP, for machines without a PostgreSQL server.
 *
 * Layout: clients -> session gate (main thread, 127.0.0.1:ephemeral) -> pglite-socket -> one PGlite,
 * both in a worker thread (pglite-worker.mjs). pglite-socket speaks the wire protocol (it answers
 * SSLRequest with 'N', ignores CancelRequest, and PGlite accepts any user, password and database name
 * in the startup message: it is always user `postgres` in database `postgres`, with no real
 * authentication). The gate makes concurrent connections safe; see session-gate.ts.
 *
 * A runaway query: PGlite runs it synchronously, cannot be cancelled (no signals in WASM, and
 * pglite-socket ignores CancelRequest), and misbehaves past its stack (measured with PGlite 0.5.14:
 * 300 chained `$1+…` terms return no rows and no error, 1000 fail with "bad buffer ID"). Off the main
 * thread it cannot stall the proxy; when the backend owes an answer for longer than `queryTimeoutMs`
 * the gate fails that client with SQLSTATE 57014 and this module replaces the worker: a persisted
 * data dir is reopened (committed data survives, as after a crash), an in-memory database starts
 * over empty (nothing else holds its pages), which the log says loudly.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { HostPort } from "./loopback";
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
  /** Longest silence from PGlite while it owes a client an answer; then it is restarted. Default 30 s. */
  queryTimeoutMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

interface Backend {
  worker: Worker;
  port: number;
}

export async function startPgliteServer(options: PgliteServerOptions = {}): Promise<PgliteServer> {
  const { dataDir, fresh = false } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  if (dataDir !== undefined && fresh) removeClusterDir(dataDir);
  let current: Promise<Backend> = spawnBackend(dataDir);
  const first = await current;
  let closed = false;

  const upstream = async (): Promise<HostPort> => ({ host: "127.0.0.1", port: (await current).port });
  const restart = (): void => {
    if (closed) return;
    const stuck = current;
    void stuck.then((backend) => backend.worker.terminate());
    const where = dataDir === undefined ? "in memory: its data is GONE, start again from your migrations" : `data dir ${dataDir} reopened`;
    log(`[pglite] PGlite did not answer a query in time; restarting it (${where})`);
    current = stuck.catch(() => undefined).then(() => spawnBackend(dataDir));
    current.catch((error: unknown) => log(`[pglite] restart failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  let gate: Awaited<ReturnType<typeof startSessionGate>>;
  try {
    gate = await startSessionGate(upstream, { queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, onStuck: restart });
  } catch (error) {
    await first.worker.terminate();
    throw error;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${gate.port}/postgres`,
    port: gate.port,
    close: async () => {
      if (closed) return;
      closed = true;
      await gate.close();
      const backend = await current.catch(() => undefined);
      if (backend !== undefined) await stopBackend(backend);
    },
  };
}

interface WasmModules {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

let compiled: Promise<WasmModules> | undefined;
// The project's types describe the Workers runtime, where WebAssembly cannot compile at run time;
// Node can, and this file only runs in Node.
const wasm = WebAssembly as unknown as { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };

/**
 * PGlite's two WASM binaries, compiled once per process and handed to every worker (a compiled
 * module can be shared with worker threads). Each worker would otherwise compile them again:
 * ~5 s per PGlite instead of ~2.5 s, for every test file that starts one.
 */
function wasmModules(): Promise<WasmModules> {
  compiled ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [pglite, initdb] = await Promise.all([readFile(join(dist, "pglite.wasm")), readFile(join(dist, "initdb.wasm"))]);
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([wasm.compile(pglite), wasm.compile(initdb)]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  return compiled;
}

/** Starts a worker with its PGlite and waits until it listens. */
async function spawnBackend(dataDir: string | undefined): Promise<Backend> {
  const modules = await wasmModules();
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir, ...modules } });
  return new Promise<Backend>((resolve, reject) => {
    const fail = (error: Error): void => {
      void worker.terminate();
      reject(error);
    };
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`PGlite worker exited (code ${code}) before it was ready`)));
    worker.on("message", (message: { type?: string; port?: number; message?: string }) => {
      if (message.type === "ready" && typeof message.port === "number") {
        worker.removeAllListeners("exit");
        worker.removeListener("error", fail);
        // A crash later is seen by the gate as connections closing; keep it from being unhandled.
        worker.on("error", () => undefined);
        resolve({ worker, port: message.port });
      } else if (message.type === "error") fail(new Error(`PGlite worker: ${message.message ?? "unknown error"}`));
    });
  });
}

/** Asks the worker to close PGlite cleanly (flushes a data dir); terminates it if that hangs. */
async function stopBackend(backend: Backend): Promise<void> {
  const done = new Promise<void>((resolve) => {
    backend.worker.on("message", (message: { type?: string }) => {
      if (message.type === "closed") resolve();
    });
    backend.worker.once("exit", () => resolve());
  });
  backend.worker.postMessage({ type: "close" });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await backend.worker.terminate();
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
