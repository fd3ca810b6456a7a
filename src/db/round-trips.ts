/**
 * Counts database round trips per logical operation (a request, a bench step) by wrapping the
 * drivers' transport: the HTTP `fetch` both HTTP drivers use, and the query method of WebSocket and
 * embedded clients. The counter lives in AsyncLocalStorage so concurrent requests in one isolate
 * never count each other's traffic, and the wrapper itself holds no per-request state.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Counter {
  count: number;
  /** Request body bytes sent over the HTTP transports (what a ~10 MB request cap applies to). */
  bytes: number;
}

const current = new AsyncLocalStorage<Counter>();

/** Record one round trip against whatever operation is being counted (no-op outside one). */
export function tickRoundTrip(): void {
  const counter = current.getStore();
  if (counter) counter.count++;
}

/** Run `fn` and report how many round trips it made. */
export async function countRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; roundTrips: number; bytesSent: number }> {
  const counter: Counter = { count: 0, bytes: 0 };
  const result = await current.run(counter, fn);
  return { result, roundTrips: counter.count, bytesSent: counter.bytes };
}

/** Run `fn` inside a counter and let `read` see the running total (used by the HTTP middleware). */
export function withRoundTripCounter<T>(fn: (read: () => number) => Promise<T>): Promise<T> {
  const counter: Counter = { count: 0, bytes: 0 };
  return current.run(counter, () => fn(() => counter.count));
}

/** A `fetch` that counts each call as one round trip; handed to both HTTP drivers. */
export const countingFetch: typeof fetch = async (input, init) => {
  tickRoundTrip();
  const counter = current.getStore();
  if (counter) {
    if (typeof init?.body === "string") counter.bytes += new TextEncoder().encode(init.body).length;
    else if (input instanceof Request && input.body) counter.bytes += (await input.clone().arrayBuffer()).byteLength;
  }
  return fetch(input, init);
};
