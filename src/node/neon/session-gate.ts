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
 *
 * Each session connects upstream only when it is first granted the backend, to whatever address
 * `upstream()` names then: sessions still queued when PGlite is restarted (pglite-server.ts) reach
 * the new instance. A watchdog fails the session whose exchange the backend leaves unanswered for
 * `queryTimeoutMs` (SQLSTATE 57014, then hang up) and reports it through `onStuck`.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { once } from "node:events";
import { BackendScanner, FrontendScanner } from "./pg-frames";
import type { HostPort } from "./loopback";

export interface SessionGateOptions {
  /** Interface to listen on (loopback). */
  host?: string;
  /** Longest silence from the backend while a ReadyForQuery is owed. */
  queryTimeoutMs: number;
  /** The backend is stuck: replace it. Sessions on it are closed by its sockets going away. */
  onStuck: () => void;
}

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
  private upstream: Socket | undefined;
  private queued: Buffer[] = [];
  private holding = false;
  private closed = false;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Socket,
    private readonly connectUpstream: () => Promise<Socket>,
    private readonly lock: ExchangeLock,
    private readonly options: SessionGateOptions,
    private readonly onClosed: () => void,
  ) {
    client.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.fromClient(chunk));
    client.on("error", () => this.shutdown());
    client.on("close", () => this.shutdown());
  }

  grant(): void {
    if (this.closed) {
      this.lock.release(this);
      return;
    }
    this.holding = true;
    if (this.upstream !== undefined) {
      this.flush();
      return;
    }
    this.connectUpstream().then(
      (socket) => {
        if (this.closed) return void socket.destroy();
        this.upstream = socket;
        socket.on("data", (chunk: Buffer) => this.fromServer(chunk));
        socket.on("error", () => this.shutdown());
        socket.on("close", () => this.shutdown());
        this.flush();
      },
      () => this.shutdown(),
    );
  }

  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.holding = false;
    this.queued = [];
    clearTimeout(this.watchdog);
    this.client.destroy();
    // Closing the upstream connection makes pglite-socket roll back a transaction left open.
    this.upstream?.destroy();
    this.lock.release(this);
    this.onClosed();
  }

  private flush(): void {
    const queued = this.queued;
    this.queued = [];
    for (const chunk of queued) this.forward(chunk);
  }

  private fromClient(chunk: Buffer): void {
    if (this.front.terminated) return; // nothing may follow Terminate
    if (this.holding && this.upstream !== undefined) {
      this.forward(chunk);
    } else {
      this.queued.push(chunk);
      if (!this.holding) this.lock.request(this);
    }
  }

  private forward(chunk: Buffer): void {
    const upstream = this.upstream;
    if (upstream === undefined) return void this.queued.push(chunk);
    this.front.push(chunk);
    if (!upstream.write(chunk)) {
      this.client.pause();
      upstream.once("drain", () => this.client.resume());
    }
    this.armWatchdog();
    if (this.front.terminated) this.hangUp();
  }

  /** Runs while the backend owes an answer; any byte from it starts the wait over. */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.front.owedReady === 0 || this.closed) return;
    this.watchdog = setTimeout(() => this.stuck(), this.options.queryTimeoutMs);
    this.watchdog.unref();
  }

  private stuck(): void {
    if (this.closed) return;
    const seconds = this.options.queryTimeoutMs / 1000;
    const message = `PGlite did not answer within ${seconds} s (a runaway query?); the local PGlite backend is being restarted`;
    this.client.end(errorResponse("57014", message));
    this.options.onStuck();
  }

  /**
   * PostgreSQL closes the connection after Terminate; pglite-socket does not. Clients rely on it:
   * @neondatabase/serverless never closes its WebSocket on `end()`, it waits for the server to.
   */
  private hangUp(): void {
    this.holding = false;
    clearTimeout(this.watchdog);
    this.lock.release(this);
    this.upstream?.end();
    this.client.end();
  }

  private fromServer(chunk: Buffer): void {
    if (!this.client.write(chunk)) {
      this.upstream?.pause();
      this.client.once("drain", () => this.upstream?.resume());
    }
    this.back.push(chunk);
    this.armWatchdog();
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

/** A PostgreSQL ErrorResponse ('E') message with severity ERROR. */
function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from("SERROR\0VERROR\0", "utf8"),
    Buffer.from(`C${sqlState}\0`, "utf8"),
    Buffer.from(`M${message}\0`, "utf8"),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "latin1");
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

export interface SessionGate {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on loopback and gives each client its own connection to the backend `upstream()` names. */
export async function startSessionGate(upstream: () => Promise<HostPort>, options: SessionGateOptions): Promise<SessionGate> {
  const host = options.host ?? "127.0.0.1";
  const lock = new ExchangeLock();
  const sessions = new Set<GatedSession>();
  const connectUpstream = async (): Promise<Socket> => {
    const target = await upstream();
    const socket = connect(target.port, target.host);
    socket.setNoDelay(true);
    await once(socket, "connect");
    return socket;
  };
  const server: Server = createServer((client) => {
    const session: GatedSession = new GatedSession(client, connectUpstream, lock, options, () => sessions.delete(session));
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
