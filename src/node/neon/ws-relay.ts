/**
 * The WebSocket side of the local Neon proxy, for `Pool` / `Client` from @neondatabase/serverless.
 * The driver opens `ws://<wsProxy(host, port)>`; with a string `wsProxy` it appends
 * `?address=host:port` (driver 1.2, `wsProxyAddrForHost`), with a function it uses whatever the
 * function returns. Like neondatabase/wsproxy we take the target from `?address=` on `/v1` (and
 * `/v2`, the driver's default path), and also accept the path form `/v1/host:port`. Frames carry
 * raw PostgreSQL protocol bytes both ways; the relay never looks inside them.
 */
import type { IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket, type RawData } from "ws";
import { type HostPort, isLoopbackHost, parseHostPort } from "./loopback";
import { checkTarget, type TargetList } from "./targets";

export interface WsRelay {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

type Resolved = { ok: true; target: HostPort } | { ok: false; status: 400 | 403 | 404; message: string };

/** Exported for tests: which TCP address an upgrade request asks for, and whether it is allowed. */
export function resolveRelayTarget(requestUrl: string | undefined): Resolved {
  const url = new URL(requestUrl ?? "/", "http://relay.invalid");
  const match = /^\/v[12](?:\/(.+))?$/.exec(url.pathname);
  if (!match) return { ok: false, status: 404, message: "WebSocket relay lives at /v1?address=host:port" };
  const raw = url.searchParams.get("address") ?? (match[1] === undefined ? null : decodeURIComponent(match[1]));
  if (raw === null || raw === "") return { ok: false, status: 400, message: "missing address: use /v1?address=host:port" };
  const target = parseHostPort(raw);
  if (!target) return { ok: false, status: 400, message: `address ${JSON.stringify(raw)} is not host:port` };
  if (!isLoopbackHost(target.host)) {
    return { ok: false, status: 403, message: `relay to ${raw} refused: the local Neon proxy only connects to loopback hosts` };
  }
  return { ok: true, target };
}

const HIGH_WATER = 1 << 20;

/**
 * `targets`: the PostgreSQL servers the relay may reach (see targets.ts). A loopback address that is
 * not one of them gets the WebSocket closed with 1011 right after the upgrade, before any TCP
 * connection is made, which the driver reports exactly like a server that is not running.
 */
export function createWsRelay(log: (line: string) => void, targets: TargetList): WsRelay {
  // Compression would only burn CPU on loopback; the driver does not negotiate it either.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 << 20 });
  const live = new Set<() => void>();

  return {
    handleUpgrade(req, socket, head) {
      // Browsers always send Origin on a WebSocket handshake, and a page may open one to any
      // address (no CORS for WebSockets); the driver in Node and in workerd sends none.
      if (req.headers.origin !== undefined) {
        log(`[neon-proxy] WebSocket ${req.url ?? ""} from origin ${req.headers.origin} refused`);
        refuseUpgrade(socket, 403, "WebSocket upgrades from web pages (with an Origin header) are refused");
        return;
      }
      const resolved = resolveRelayTarget(req.url);
      if (!resolved.ok) {
        log(`[neon-proxy] WebSocket ${req.url ?? ""} refused: ${resolved.message}`);
        refuseUpgrade(socket, resolved.status, resolved.message);
        return;
      }
      const allowed = checkTarget(resolved.target, targets);
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!allowed.ok) {
          log(`[neon-proxy] WebSocket relay refused: ${allowed.reason}`);
          ws.close(1011, allowed.reason.slice(0, 120));
          return;
        }
        const stop = pipe(ws, allowed.target, log, () => live.delete(stop));
        live.add(stop);
      });
    },
    close() {
      for (const stop of [...live]) stop();
      wss.close();
    },
  };
}

/** Relays one WebSocket to one TCP connection; returns a function that tears both down. */
function pipe(ws: WebSocket, target: HostPort, log: (line: string) => void, onDone: () => void): () => void {
  const tcp: Socket = connect(target.port, target.host);
  tcp.setNoDelay(true);
  let done = false;
  const finish = (code: number, reason: string) => {
    if (done) return;
    done = true;
    onDone();
    // Let bytes already written (e.g. the client's Terminate) reach the server, then hang up.
    tcp.end();
    setTimeout(() => tcp.destroy(), 1_000).unref();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120));
  };

  ws.on("message", (data: RawData) => {
    if (!tcp.write(toBuffer(data))) {
      ws.pause();
      tcp.once("drain", () => ws.resume());
    }
  });
  tcp.on("data", (chunk: Buffer) => {
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER / 2) tcp.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER) tcp.pause();
  });

  tcp.on("error", (error) => {
    log(`[neon-proxy] relay to ${target.host}:${target.port}: ${error.message}`);
    finish(1011, `upstream ${target.host}:${target.port}: ${error.message}`);
  });
  tcp.on("close", () => finish(1000, "TCP connection is closed"));
  ws.on("error", () => finish(1011, "WebSocket error"));
  ws.on("close", () => finish(1000, "WebSocket closed"));

  return () => {
    finish(1001, "local Neon proxy shutting down");
    tcp.destroy();
    ws.terminate();
  };
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, message: string): void {
  const reason = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found" }[status];
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
