/**
 * Worker thread that owns one PGlite and serves it over TCP with pglite-socket (see pglite-server.ts).
 *
 * Why a worker: PGlite executes queries synchronously in WASM. In the main thread a query that runs
 * away (or a PGlite fault that spins) would freeze every HTTP request, WebSocket relay and timer of
 * the dev server or test run; here it only freezes this thread, which the main thread can still
 * terminate and replace. Plain JavaScript on purpose: a worker is started by Node itself, outside
 * whatever TypeScript loader (tsx, Vitest) runs the rest, so it must load without one.
 *
 * workerData: { dataDir?: string, pgliteWasmModule, initdbWasmModule } (modules compiled once by the
 * main thread). Messages out: { type: "ready", port } | { type: "error", message }
 * | { type: "closed" }. Message in: { type: "close" }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Far above what dev and tests open; the session gate serializes them anyway. */
const MAX_UPSTREAM_CONNECTIONS = 512;

const port = parentPort;
if (port === null) throw new Error("pglite-worker.mjs must run as a worker thread");

async function main() {
  const { dataDir, pgliteWasmModule, initdbWasmModule } = workerData ?? {};
  const db = await PGlite.create({ dataDir: typeof dataDir === "string" ? dataDir : undefined, pgliteWasmModule, initdbWasmModule });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: MAX_UPSTREAM_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  port.on("message", (message) => {
    if (message?.type !== "close") return;
    void (async () => {
      // Let pglite-socket finish detaching (and rolling back) the sockets the gate just closed: a
      // detach that runs after db.close() would touch a closed database.
      const deadline = Date.now() + 2_000;
      while (server.getStats().activeConnections > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await server.stop();
      await db.close();
      port.postMessage({ type: "closed" });
    })();
  });
  port.postMessage({ type: "ready", port: Number(server.getServerConn().split(":").pop()) });
}

main().catch((error) => {
  port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
