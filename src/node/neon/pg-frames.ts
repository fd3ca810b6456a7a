/**
 * Just enough of the PostgreSQL wire protocol (v3) to tell where one client's exchange with the
 * server ends, so that several TCP sessions can take turns on PGlite's single backend without
 * their messages interleaving (see session-gate.ts). Nothing here interprets payloads.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Frontend messages that belong to an extended-protocol sequence closed by Sync ('S'). */
const EXTENDED = new Set(["P", "B", "D", "E", "C", "H"]);
/** Frontend messages each answered by exactly one ReadyForQuery. */
const READY_AFTER = new Set(["Q", "S", "F"]);

/** Follows what the client has sent to the server. */
export class FrontendScanner {
  private buffer: Buffer = Buffer.alloc(0);
  private inStartup = true;
  /** ReadyForQuery messages the server still owes for what was sent. */
  owedReady = 0;
  /** One-byte answers (not framed) the server still owes to SSLRequest / GSSENCRequest. */
  owedNegotiation = 0;
  /** Parse/Bind/… were sent and the Sync that ends them was not yet. */
  extendedOpen = false;
  /** The byte stream stopped making sense; the session can no longer be tracked. */
  broken = false;
  /** The client sent Terminate ('X'): it expects the server to hang up. */
  terminated = false;

  /** True while part of a message has been forwarded but not all of it. */
  get midMessage(): boolean {
    return this.buffer.length > 0;
  }

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.takeOne()) {
      // each call consumes one complete message
    }
  }

  private takeOne(): boolean {
    const buf = this.buffer;
    if (this.inStartup) {
      // Startup-phase messages have no type byte: int32 length, int32 code/protocol version.
      if (buf.length < 8) return false;
      const length = buf.readInt32BE(0);
      if (length < 8) return this.fail();
      if (buf.length < length) return false;
      const code = buf.readInt32BE(4);
      this.buffer = buf.subarray(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.owedNegotiation++;
      else if (code !== CANCEL_REQUEST) {
        // StartupMessage: authentication follows, then one ReadyForQuery.
        this.inStartup = false;
        this.owedReady++;
      }
      return true;
    }
    if (buf.length < 5) return false;
    const length = buf.readInt32BE(1);
    if (length < 4) return this.fail();
    if (buf.length < length + 1) return false;
    const type = String.fromCharCode(buf[0] ?? 0);
    this.buffer = buf.subarray(length + 1);
    if (READY_AFTER.has(type)) this.owedReady++;
    if (type === "X") this.terminated = true;
    if (type === "S") this.extendedOpen = false;
    else if (EXTENDED.has(type)) this.extendedOpen = true;
    return true;
  }

  private fail(): false {
    this.broken = true;
    this.buffer = Buffer.alloc(0);
    return false;
  }
}

/** Follows what the server sends back and reports each ReadyForQuery's transaction status. */
export class BackendScanner {
  private buffer: Buffer = Buffer.alloc(0);
  broken = false;

  constructor(
    private readonly front: FrontendScanner,
    /** 'I' idle, 'T' in a transaction, 'E' in a failed transaction. */
    private readonly onReady: (status: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const buf = this.buffer;
      if (this.front.owedNegotiation > 0) {
        // The answer to SSLRequest is a bare 'N' (PGlite never says 'S').
        if (buf.length < 1) return;
        this.front.owedNegotiation--;
        this.buffer = buf.subarray(1);
        continue;
      }
      if (buf.length < 5) return;
      const length = buf.readInt32BE(1);
      if (length < 4) {
        this.broken = true;
        return;
      }
      if (buf.length < length + 1) return;
      const type = String.fromCharCode(buf[0] ?? 0);
      const status = String.fromCharCode(buf[5] ?? 0);
      this.buffer = buf.subarray(length + 1);
      if (type === "Z") {
        this.front.owedReady = Math.max(0, this.front.owedReady - 1);
        this.onReady(status);
      }
    }
  }
}
