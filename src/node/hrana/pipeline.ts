// The protocol core, independent of HTTP: one database (engine connection + executor), its streams
// and the transaction gate. `pipeline()` takes a parsed JSON body and returns the response body, or
// throws a ProtocolError that the HTTP layer turns into a 4xx/5xx.

import { decodePipeline } from "./decode";
import { type EngineConnection, openEngine, openReader } from "./engine";
import { type ErrorCodeStyle, ProtocolError, StmtError, toStmtError } from "./errors";
import { Executor } from "./execute";
import { TransactionGate } from "./gate";
import type { PipelineResponseJson, StreamRequest, StreamResponseJson, StreamResultJson } from "./proto";
import { onlyPlainReads, startsReadonlyTransaction } from "./routing";
import { type Stream, StreamRegistry } from "./streams";

export interface HranaCoreOptions {
  /** File path or ":memory:". */
  path: string;
  /** Idle time after which a stream expires and its transaction is rolled back. */
  idleTimeoutMs: number;
  /** How long a pipeline waits for another stream's transaction before answering SQLITE_BUSY. */
  lockWaitMs: number;
  errorCodes: ErrorCodeStyle;
  log: (line: string) => void;
}

export class HranaCore {
  readonly #db: EngineConnection;
  readonly #exec: Executor;
  /** File databases only: a query_only connection for plain reads while another stream writes. */
  readonly #reader: Reader | undefined;
  /** File databases only: each open `BEGIN … READONLY` transaction on its own query_only connection. */
  readonly #readTxs = new Map<Stream, Reader>();
  readonly #gate = new TransactionGate();
  readonly #streams: StreamRegistry;
  readonly #options: HranaCoreOptions;
  #closed = false;

  constructor(options: HranaCoreOptions) {
    this.#options = options;
    this.#db = openEngine(options.path);
    this.#exec = new Executor(this.#db, options.errorCodes);
    if (options.path !== ":memory:") {
      this.#reader = this.#openReader();
    }
    this.#streams = new StreamRegistry({ idleTimeoutMs: options.idleTimeoutMs, onExpire: (s) => this.#onExpire(s) });
  }

  /** Number of open streams (for tests and diagnostics). */
  get openStreams(): number {
    return this.#streams.size;
  }

  async pipeline(body: unknown): Promise<PipelineResponseJson> {
    const request = decodePipeline(body);
    if (this.#closed) throw closedError();
    const stream = request.baton === null ? this.#streams.create() : this.#streams.acquire(request.baton);
    let results: StreamResultJson[];
    try {
      const readTx = this.#readTxs.get(stream);
      if (readTx !== undefined || (this.#reader !== undefined && this.#gate.owner !== stream && startsReadonlyTransaction(request.requests, stream.sqls))) {
        // A read-only transaction takes a snapshot on a connection of its own, as on sqld: it
        // neither waits for nor blocks the writer, and any write in it fails with SQLITE_READONLY.
        const tx = readTx ?? this.#openReader();
        results = request.requests.map((r) => this.#handle(stream, r, true, tx.exec));
        if (tx.exec.inTransaction && !stream.closed) this.#readTxs.set(stream, tx);
        else this.#endReadTx(stream, tx);
        return { baton: this.#streams.release(stream), base_url: null, results };
      }
      const owner = this.#gate.owner;
      if (this.#reader !== undefined && owner !== null && owner !== stream && onlyPlainReads(request.requests, stream.sqls)) {
        // Another stream's transaction is open on the main connection. sqld would answer these from
        // the last committed snapshot (WAL), so do the same on the reader instead of waiting.
        const reader = this.#reader.exec;
        results = request.requests.map((r) => this.#handle(stream, r, true, reader));
        // A read batch ends its own transaction; should one not have (a step that failed to run
        // COMMIT and no ROLLBACK step), end it so the reader never carries state across pipelines.
        reader.rollback();
        return { baton: this.#streams.release(stream), base_url: null, results };
      }
      const entered = await this.#gate.enter(stream, this.#options.lockWaitMs);
      if (this.#closed) throw closedError();
      try {
        results = request.requests.map((r) => this.#handle(stream, r, entered, this.#exec));
      } finally {
        if (entered) this.#gate.settle(stream, this.#exec.inTransaction);
      }
    } catch (error) {
      // Unexpected failure (or shutdown): the stream is unusable, so do not leave its transaction behind.
      this.#abandon(stream);
      this.#streams.release(stream);
      throw error;
    }
    return { baton: this.#streams.release(stream), base_url: null, results };
  }

  /** Stops serving: waiters give up, open transactions are rolled back, the database is closed. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#gate.close();
    this.#streams.clear();
    this.#exec.rollback();
    this.#db.close();
    this.#reader?.db.close();
    for (const [stream, tx] of this.#readTxs) this.#endReadTx(stream, tx);
  }

  #openReader(): Reader {
    const db = openReader(this.#options.path);
    return { db, exec: new Executor(db, this.#options.errorCodes, true) };
  }

  #endReadTx(stream: Stream, tx: Reader): void {
    this.#readTxs.delete(stream);
    tx.exec.rollback();
    tx.db.close();
  }

  #handle(stream: Stream, request: StreamRequest, entered: boolean, exec: Executor): StreamResultJson {
    try {
      return { type: "ok", response: this.#respond(stream, request, entered, exec) };
    } catch (error) {
      if (!(error instanceof StmtError)) this.#options.log(`hrana: unexpected error in ${request.type}: ${String(error)}`);
      return { type: "error", error: toStmtError(error, this.#options.errorCodes).toJson() };
    }
  }

  #respond(stream: Stream, request: StreamRequest, entered: boolean, exec: Executor): StreamResponseJson {
    if (stream.closed) throw new StmtError("The stream is closed", "STREAM_CLOSED");
    // Requests that do not touch the connection work even when the gate timed out.
    switch (request.type) {
      case "close":
        // Closing a stream drops its connection in sqld, which rolls back an open transaction. Having
        // entered the gate means any open transaction is this stream's (owned, or begun just now).
        if (entered) exec.rollback();
        stream.closed = true;
        return { type: "close" };
      case "store_sql":
        if (!this.#streams.storeSql(stream, request.sqlId, request.sql)) {
          throw new StmtError("The stream already stores too many SQL texts", "SQL_STORE_TOO_MANY");
        }
        return { type: "store_sql" };
      case "close_sql":
        stream.sqls.delete(request.sqlId);
        return { type: "close_sql" };
      default:
        break;
    }
    if (!entered) {
      throw new StmtError("database is locked: another stream holds an open transaction", "SQLITE_BUSY");
    }
    switch (request.type) {
      case "execute":
        return { type: "execute", result: exec.execute(request.stmt, stream.sqls) };
      case "batch":
        return { type: "batch", result: exec.batch(request.steps, stream.sqls) };
      case "sequence":
        exec.sequence(request, stream.sqls);
        return { type: "sequence" };
      case "describe":
        return { type: "describe", result: exec.describe(request, stream.sqls) };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !exec.inTransaction };
    }
  }

  #onExpire(stream: Stream): void {
    const readTx = this.#readTxs.get(stream);
    if (readTx !== undefined) this.#endReadTx(stream, readTx);
    if (this.#gate.owner === stream) {
      this.#exec.rollback();
      this.#options.log(`hrana: stream expired after ${this.#options.idleTimeoutMs} ms idle; its open transaction was rolled back`);
      this.#gate.release(stream);
    }
  }

  #abandon(stream: Stream): void {
    stream.closed = true;
    if (this.#closed) return;
    const readTx = this.#readTxs.get(stream);
    if (readTx !== undefined) this.#endReadTx(stream, readTx);
    if (this.#gate.owner === stream) this.#exec.rollback();
    this.#gate.release(stream);
  }
}

interface Reader {
  db: EngineConnection;
  exec: Executor;
}

function closedError(): ProtocolError {
  return new ProtocolError("The server is shutting down", "SERVER_CLOSED", 503);
}
