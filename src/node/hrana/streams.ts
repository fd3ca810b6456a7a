// Streams and batons. A stream is the server-side state that lives across pipelines: its stored SQL
// texts and, through the gate, its open transaction. The client names it by the baton from the last
// response; every response carries a fresh one, so a baton works exactly once and requests on a
// stream are forced to be sequential (HTTP v2 spec). Batons are HMAC-signed so they cannot be
// forged or guessed, and idle streams expire (10 s by default, as in sqld) so abandoned ones,
// and their transactions, do not pin the connection.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ProtocolError } from "./errors";

export class Stream {
  readonly sqls = new Map<number, string>();
  /** Set by a `close` request; the pipeline that closed it answers with a null baton. */
  closed = false;
  /** A pipeline is using the stream right now (its baton has been spent). */
  busy = false;
  seq = 0;
  timer: NodeJS.Timeout | undefined;

  constructor(readonly id: string) {}
}

export interface StreamRegistryOptions {
  idleTimeoutMs: number;
  /** Called when an idle stream expires, before it is forgotten (roll back its transaction here). */
  onExpire: (stream: Stream) => void;
}

/** Expired ids are remembered this long to answer "expired" rather than "invalid baton". */
const EXPIRED_MEMORY_MS = 5 * 60_000;
const MAX_SQLS_PER_STREAM = 200;

export class StreamRegistry {
  readonly #key = randomBytes(32);
  readonly #streams = new Map<string, Stream>();
  readonly #expired = new Map<string, number>();
  readonly #options: StreamRegistryOptions;

  constructor(options: StreamRegistryOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#streams.size;
  }

  /** New stream for a pipeline with a null baton; it is busy until release(). */
  create(): Stream {
    const stream = new Stream(randomBytes(12).toString("base64url"));
    stream.busy = true;
    this.#streams.set(stream.id, stream);
    return stream;
  }

  /** Looks up the stream a baton names and marks it busy, or explains why the baton is unusable. */
  acquire(baton: string): Stream {
    const [id, seqText, mac] = baton.split(".");
    if (id === undefined || seqText === undefined || mac === undefined || !this.#verify(`${id}.${seqText}`, mac)) {
      throw new ProtocolError("The baton is invalid", "BATON_INVALID");
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (this.#expired.has(id)) throw new ProtocolError("The stream has expired due to inactivity", "STREAM_EXPIRED");
      throw new ProtocolError("The baton does not name an open stream", "BATON_INVALID");
    }
    if (stream.busy || Number(seqText) !== stream.seq) {
      throw new ProtocolError("The baton was already used; requests on a stream must be sequential", "BATON_REUSED");
    }
    clearTimeout(stream.timer);
    stream.busy = true;
    return stream;
  }

  /** Ends a pipeline: returns the next baton, or null once the stream is closed (and forgotten). */
  release(stream: Stream): string | null {
    stream.busy = false;
    if (stream.closed) {
      this.#streams.delete(stream.id);
      return null;
    }
    stream.seq++;
    stream.timer = setTimeout(() => this.#expire(stream), this.#options.idleTimeoutMs);
    stream.timer.unref();
    const payload = `${stream.id}.${stream.seq}`;
    return `${payload}.${this.#sign(payload)}`;
  }

  /** Stores a SQL text for `sql_id` references; false when the stream already holds too many. */
  storeSql(stream: Stream, sqlId: number, sql: string): boolean {
    if (!stream.sqls.has(sqlId) && stream.sqls.size >= MAX_SQLS_PER_STREAM) return false;
    stream.sqls.set(sqlId, sql);
    return true;
  }

  /** Shutdown: forget every stream without running onExpire (the caller rolls back once). */
  clear(): void {
    for (const stream of this.#streams.values()) clearTimeout(stream.timer);
    this.#streams.clear();
  }

  #expire(stream: Stream): void {
    if (stream.busy || this.#streams.get(stream.id) !== stream) return;
    this.#streams.delete(stream.id);
    const now = Date.now();
    for (const [id, at] of this.#expired) if (now - at > EXPIRED_MEMORY_MS) this.#expired.delete(id);
    this.#expired.set(stream.id, now);
    this.#options.onExpire(stream);
  }

  #sign(payload: string): string {
    return createHmac("sha256", this.#key).update(payload).digest("base64url");
  }

  #verify(payload: string, mac: string): boolean {
    const expected = Buffer.from(this.#sign(payload));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
