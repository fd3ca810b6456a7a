/**
 * Counts database round trips per logical operation (a request, a bench step) by wrapping the
 * drivers' transport: the HTTP `fetch` both HTTP drivers use, and the query method of WebSocket and
 * embedded clients. The counter lives in AsyncLocalStorage so concurrent requests in one isolate
 * never count each other's traffic, and the wrapper itself holds no per-request state.
 * With query logging on (DB_LOG_QUERIES=1) the same wrappers time each round trip and log the SQL
 * that drizzle handed to it (statements only: parameters may be personal data).
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface QueryLogEntry {
  sql: string[];
  durationMs: number;
}

interface Counter {
  count: number;
  /** SQL built since the last round trip, waiting to be attributed to it. */
  pending: string[];
  logQuery?: (entry: QueryLogEntry) => void;
  /** Request body bytes sent over the HTTP transports (what a ~10 MB request cap applies to). */
  bytes: number;
}

const current = new AsyncLocalStorage<Counter>();

/** Record one round trip against whatever operation is being counted (no-op outside one). */
export function tickRoundTrip(): void {
  const counter = current.getStore();
  if (counter) counter.count++;
}

/** Remember a statement for the query log (drizzle's logger calls this as it sends each query). */
export function noteQuery(sql: string): void {
  const counter = current.getStore();
  if (counter?.logQuery) counter.pending.push(sql);
}

/** Count one round trip and, when logging, time it and log the SQL it carried. */
export async function timedRoundTrip<T>(fn: () => Promise<T>, sql?: string): Promise<T> {
  const counter = current.getStore();
  if (!counter) return fn();
  counter.count++;
  if (!counter.logQuery) return fn();
  if (sql) counter.pending.push(sql);
  const started = performance.now();
  try {
    return await fn();
  } finally {
    counter.logQuery({ sql: counter.pending.splice(0), durationMs: Math.round((performance.now() - started) * 10) / 10 });
  }
}

/** Run `fn` and report how many round trips it made. */
export async function countRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; roundTrips: number; bytesSent: number }> {
  const counter: Counter = { count: 0, pending: [], bytes: 0 };
  const result = await current.run(counter, fn);
  return { result, roundTrips: counter.count, bytesSent: counter.bytes };
}

/** Run `fn` inside a counter and let `read` see the running total (used by the HTTP middleware). */
export function withRoundTripCounter<T>(fn: (read: () => number) => Promise<T>, logQuery?: (entry: QueryLogEntry) => void): Promise<T> {
  const counter: Counter = { count: 0, pending: [], logQuery, bytes: 0 };
  return current.run(counter, () => fn(() => counter.count));
}

/** A `fetch` that counts (and, when logging, times) each call as one round trip; handed to both HTTP drivers. */
export const countingFetch: typeof fetch = async (input, init) => {
  const counter = current.getStore();
  if (counter) {
    if (typeof init?.body === "string") counter.bytes += new TextEncoder().encode(init.body).length;
    else if (input instanceof Request && input.body) counter.bytes += (await input.clone().arrayBuffer()).byteLength;
  }
  return timedRoundTrip(() => fetch(input, init));
};
