/**
 * A TCP front for pglite-socket that lets many PostgreSQL clients share PGlite safely.
 *
 * Why it exists: PGlite is one backend. pglite-socket 0.2.17 accepts several connections only with
 * `maxConnections` > 1 (default 1: further clients get "Too many connections" and are closed), and
 * then multiplexes them per *message*: it keeps a transaction block (BEGIN…COMMIT) on the
 * connection that opened it, but outside of one it lets another connection's message run between
 * the Parse and the Bind of an extended-protocol query whenever that query spans several TCP
 * chunks (large parameters). Then Bind executes the other client's statement: we reproduced
 * clients getting each other's result columns. The gate gives one session exclusive use of the
 * backend from its first byte until the server's ReadyForQuery says "idle" with nothing owed, so
 * pglite-socket only ever sees one active connection at a time.
 *
 * Consequences (all sessions still share one backend, as with pglite-socket alone): a session that
 * sits in an open transaction blocks every other session until it commits or disconnects (two
 * transactions waiting on each other from one process deadlock), and session state (SET, temp
 * tables, named prepared statements) is shared. Good enough for dev and tests, not for production.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { once } from "node:events";
import { BackendScanner, FrontendScanner } from "./pg-frames";
import type { HostPort } from "./loopback";

/** FIFO ownership of the single backend. */
class ExchangeLock {
  private owner: GatedSession | null = null;
  private readonly waiting: GatedSession[] = [];

  request(session: GatedSession): void {
    if (this.owner === session || this.waiting.includes(session)) return;
    if (this.owner === null) {
      this.owner = session;
      session.grant();
    } else {
      this.waiting.push(session);
    }
  }

  release(session: GatedSession): void {
    const index = this.waiting.indexOf(session);
    if (index >= 0) this.waiting.splice(index, 1);
    if (this.owner !== session) return;
    this.owner = null;
    const next = this.waiting.shift();
    if (next) {
      this.owner = next;
      next.grant();
    }
  }
}

class GatedSession {
  private readonly front = new FrontendScanner();
  private readonly back = new BackendScanner(this.front, (status) => this.onReady(status));
  private queued: Buffer[] = [];
  private holding = false;
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly lock: ExchangeLock,
    private readonly onClosed: () => void,
  ) {
    client.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.fromClient(chunk));
    upstream.on("data", (chunk: Buffer) => this.fromServer(chunk));
    for (const socket of [client, upstream]) {
      socket.on("error", () => this.shutdown());
      socket.on("close", () => this.shutdown());
    }
  }

  grant(): void {
    if (this.closed) {
      this.lock.release(this);
      return;
    }
    this.holding = true;
    const queued = this.queued;
    this.queued = [];
    for (const chunk of queued) this.forward(chunk);
  }

  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.holding = false;
    this.queued = [];
    this.client.destroy();
    // Closing the upstream connection makes pglite-socket roll back a transaction left open.
    this.upstream.destroy();
    this.lock.release(this);
    this.onClosed();
  }

  private fromClient(chunk: Buffer): void {
    if (this.front.terminated) return; // nothing may follow Terminate
    if (this.holding) {
      this.forward(chunk);
    } else {
      this.queued.push(chunk);
      this.lock.request(this);
    }
  }

  private forward(chunk: Buffer): void {
    this.front.push(chunk);
    if (!this.upstream.write(chunk)) {
      this.client.pause();
      this.upstream.once("drain", () => this.client.resume());
    }
    if (this.front.terminated) this.hangUp();
  }

  /**
   * PostgreSQL closes the connection after Terminate; pglite-socket does not. Clients rely on it:
   * @neondatabase/serverless never closes its WebSocket on `end()`, it waits for the server to.
   */
  private hangUp(): void {
    this.holding = false;
    this.lock.release(this);
    this.upstream.end();
    this.client.end();
  }

  private fromServer(chunk: Buffer): void {
    if (!this.client.write(chunk)) {
      this.upstream.pause();
      this.client.once("drain", () => this.upstream.resume());
    }
    this.back.push(chunk);
  }

  private onReady(status: string): void {
    // An untrackable stream keeps the lock until it closes: safe, if slow for the others.
    if (this.front.broken || this.back.broken) return;
    const exchangeDone = this.front.owedReady === 0 && !this.front.extendedOpen && !this.front.midMessage;
    if (status === "I" && exchangeDone && this.holding) {
      this.holding = false;
      this.lock.release(this);
    }
  }
}

export interface SessionGate {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `host` (loopback) and gives each client its own connection to `upstream`. */
export async function startSessionGate(upstream: HostPort, host = "127.0.0.1"): Promise<SessionGate> {
  const lock = new ExchangeLock();
  const sessions = new Set<GatedSession>();
  const server: Server = createServer((client) => {
    const session: GatedSession = new GatedSession(client, connect(upstream.port, upstream.host), lock, () => sessions.delete(session));
    sessions.add(session);
  });
  server.listen(0, host);
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("session gate: no TCP address");
  return {
    host,
    port: address.port,
    close: async () => {
      for (const session of [...sessions]) session.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
