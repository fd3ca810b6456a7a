/**
 * The local Neon proxy refuses web pages (Origin) and connects only to the configured PostgreSQL,
 * never to another local port. A decoy TCP server counts the connections it receives, so a relay
 * that reached it would fail these tests even if the client saw an error.
 */
import { createServer, type Server } from "node:net";
import { neon, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { configureNeonForLocalProxy, type RunningNeonProxy, startNeonProxy } from "../../src/node/neon-proxy";
import { postgresAddress } from "../../src/node/neon/targets";
import { type PostgresBackend, startPostgresBackend } from "../../src/node/postgres-backend";

let backend: PostgresBackend;
let decoy: Server;
let decoyPort = 0;
let decoyHits = 0;
const log: string[] = [];
let proxy: RunningNeonProxy;

beforeAll(async () => {
  backend = await startPostgresBackend({ prefer: "pglite", log: () => {} });
  decoy = createServer((socket) => {
    decoyHits++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => decoy.listen(0, "127.0.0.1", resolve));
  const address = decoy.address();
  if (address === null || typeof address === "string") throw new Error("decoy: no port");
  decoyPort = address.port;
  proxy = await startNeonProxy({ log: (line) => log.push(line), targets: [postgresAddress(backend.url)] });
  configureNeonForLocalProxy(proxy.address);
});
afterAll(async () => {
  await proxy?.close();
  await backend?.close();
  await new Promise((resolve) => decoy?.close(resolve));
});

/** Status of a WebSocket handshake, or "open" / the close code when it was accepted. */
function handshake(path: string, headers: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${proxy.address}${path}`, { headers });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("close", (code) => resolve(`closed ${code}`));
    ws.on("error", () => {});
  });
}

describe("browser origins", () => {
  it("refuses WebSocket upgrades that carry an Origin header with 403, even to the configured server", async () => {
    const target = postgresAddress(backend.url);
    for (const origin of ["https://evil.example", "null", `http://${proxy.address}`]) {
      expect(await handshake(`/v1?address=${target}`, { origin })).toBe(403);
    }
    expect(log.some((line) => line.includes("from origin https://evil.example refused"))).toBe(true);
  });

  it("refuses POST /sql with an Origin header with 403", async () => {
    const res = await fetch(proxy.sqlEndpoint, {
      method: "POST",
      headers: { origin: "https://evil.example", "Neon-Connection-String": backend.url, "content-type": "application/json" },
      body: JSON.stringify({ query: "SELECT 1", params: [] }),
    });
    expect(res.status).toBe(403);
  });

  it("still serves the driver (no Origin) over HTTP and WebSocket", async () => {
    expect(await neon(backend.url)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    const pool = new Pool({ connectionString: backend.url });
    try {
      expect((await pool.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
    }
  });
});

describe("targets", () => {
  it("never connects to a loopback port that is not the configured PostgreSQL", async () => {
    const before = decoyHits;
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      expect(await handshake(`/v1?address=${host}:${decoyPort}`)).toBe("closed 1011");
    }
    const http = await fetch(proxy.sqlEndpoint, {
      method: "POST",
      headers: { "Neon-Connection-String": `postgres://u:p@127.0.0.1:${decoyPort}/db` },
      body: JSON.stringify({ query: "SELECT 1", params: [] }),
    });
    expect(http.status).toBe(502);
    expect(((await http.json()) as { message: string }).message).toMatch(/not a PostgreSQL server this proxy serves/);
    // Through the driver it looks like a server that is down.
    const pool = new Pool({ connectionString: `postgres://u:p@127.0.0.1:${decoyPort}/db`, connectionTimeoutMillis: 5_000 });
    await expect(pool.query("SELECT 1")).rejects.toThrow();
    await pool.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(decoyHits).toBe(before);
  });

  it("by default serves the backends this process started, and stops once one is closed", async () => {
    const openLog: string[] = [];
    const open = await startNeonProxy({ log: (line) => openLog.push(line) });
    const extra = await startPostgresBackend({ prefer: "pglite", log: () => {} });
    const address = postgresAddress(extra.url);
    try {
      const viaDefault = new WebSocket(`ws://${open.address}/v1?address=${address}`);
      const opened = await new Promise<boolean>((resolve) => {
        viaDefault.on("open", () => resolve(true));
        viaDefault.on("close", () => resolve(false));
        viaDefault.on("error", () => resolve(false));
      });
      expect(opened).toBe(true);
      viaDefault.close();
      await extra.close();
      const after = await new Promise<number | string>((resolve) => {
        const ws = new WebSocket(`ws://${open.address}/v1?address=${address}`);
        ws.on("close", (code) => resolve(`closed ${code}`));
        ws.on("error", () => {});
      });
      expect(after).toBe("closed 1011");
      // Refused by the target list, not merely failed to connect to a port nobody listens on.
      expect(openLog.some((line) => line.includes(`${address} is not a PostgreSQL server this proxy serves`))).toBe(true);
    } finally {
      await extra.close();
      await open.close();
    }
  });
});
