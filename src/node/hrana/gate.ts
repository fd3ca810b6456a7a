// Transaction isolation on the main shared connection.
//
// Design: each database has one main engine connection, shared by every stream. The engine is
// synchronous, so a single pipeline always runs to completion without interleaving with another.
// What needs care is a transaction that spans pipelines (BEGIN in one HTTP request, COMMIT in a
// later one): between those requests the connection is "inside" that stream's transaction, and any
// other stream running SQL there would read its uncommitted writes or have its own statements
// swallowed into it.
//
// So the stream that leaves the connection in a transaction becomes the *owner*. While there is an
// owner, pipelines of other streams wait here (FIFO) until the owner commits, rolls back, closes, or
// expires (expiry rolls back). The owner itself never waits. A waiter gives up after a bounded time
// and gets SQLITE_BUSY, as it would from sqld's busy timeout.
//
// Reads do not wait on file databases (pipeline.ts, routing.ts): a pipeline made only of queries runs
// on a second, query_only connection, and a `BEGIN … READONLY` transaction (`transaction("read")`,
// `batch(…, "read")`) gets a query_only connection of its own until it ends; in WAL mode both read
// the last committed snapshot, the way each sqld stream's own connection does (sqld runs WAL too).
// What still waits: writes (SQLite has one writer anyway), other transactions (deferred ones may
// write), and everything on `:memory:` databases, which cannot have a second connection to the same
// data (shared-cache mode has table locks, not snapshots). Compared with sqld that is stricter,
// never observes anything sqld would not, and nobody sees SQLITE_BUSY early.

interface Waiter {
  key: object;
  wake: (entered: boolean) => void;
  timer: NodeJS.Timeout;
}

export class TransactionGate {
  #owner: object | null = null;
  #waiters: Waiter[] = [];

  /** The stream whose transaction is open on the connection, if any. */
  get owner(): object | null {
    return this.#owner;
  }

  /**
   * Resolves true when `key` may run SQL now (no owner, or it is the owner); false if it waited
   * longer than `timeoutMs` or the gate was shut down.
   */
  async enter(key: object, timeoutMs: number): Promise<boolean> {
    let front = false;
    const deadline = Date.now() + timeoutMs;
    while (this.#owner !== null && this.#owner !== key) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const woken = await new Promise<boolean>((wake) => {
        const waiter: Waiter = { key, wake, timer: setTimeout(() => this.#drop(waiter, false), remaining) };
        // A waiter that was woken but lost the race to a newcomer keeps its place at the front.
        if (front) this.#waiters.unshift(waiter);
        else this.#waiters.push(waiter);
      });
      if (!woken) return false;
      front = true;
    }
    return true;
  }

  /** Called after each pipeline that entered: records whether `key` left a transaction open. */
  settle(key: object, inTransaction: boolean): void {
    if (inTransaction) this.#owner = key;
    else if (this.#owner === key || this.#owner === null) this.release(key);
  }

  /** The owner's transaction is over (committed, rolled back, stream closed or expired). */
  release(key: object): void {
    if (this.#owner === key) this.#owner = null;
    if (this.#owner !== null) return;
    // Wake one waiter: its pipeline runs synchronously once resumed, and settle() wakes the next.
    const next = this.#waiters.shift();
    if (next !== undefined) this.#drop(next, true);
  }

  /** Shutdown: every waiter gives up. */
  close(): void {
    for (const waiter of this.#waiters.splice(0)) this.#drop(waiter, false);
    this.#owner = null;
  }

  #drop(waiter: Waiter, woken: boolean): void {
    clearTimeout(waiter.timer);
    const at = this.#waiters.indexOf(waiter);
    if (at >= 0) this.#waiters.splice(at, 1);
    waiter.wake(woken);
  }
}
