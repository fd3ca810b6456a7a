/**
 * One retry loop for guarded writes that lost a race (ConflictError marked retryable): re-run the
 * whole read-compute-write from a fresh read, with jittered exponential backoff, inside a time
 * budget that leaves room for Discord's 3 second deadline, and a cap on attempts that keeps the
 * worst case under the Workers subrequest limit (each attempt is two round trips).
 */
import { ConflictError } from "../errors";

export interface RetryOptions {
  /** Give up after this long (ms since the first attempt). Default 2,500: room left in Discord's 3 s. */
  budgetMs?: number;
  /** Default 24: 48 round trips at most, under the Workers free plan's 50 subrequests. */
  maxAttempts?: number;
  /** Backoff between attempts; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: () => number;
}

export const MAX_BACKOFF_MS = 200;

/**
 * The admin API's policy: an HTTP client can wait longer than Discord's 3 s, so contention (many
 * reports touching the same players at once) is absorbed rather than refused. Same attempt cap.
 */
export const API_RETRY: RetryOptions = { budgetMs: 10_000, maxAttempts: 24 };

export function isRetryable(error: unknown): boolean {
  return error instanceof ConflictError && (error.details as { retryable?: boolean } | undefined)?.retryable === true;
}

export async function retryConflicts<T>(options: RetryOptions, attempt: () => Promise<T>): Promise<T> {
  const budgetMs = options.budgetMs ?? 2_500;
  const maxAttempts = options.maxAttempts ?? 24;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const clock = options.clock ?? (() => Date.now());
  const started = clock();
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      // Full jitter over a growing window (2, 4, ... capped at MAX_BACKOFF_MS) spreads contending writers out.
      const wait = Math.min(MAX_BACKOFF_MS, 2 ** Math.min(n, 8)) * random();
      if (n >= maxAttempts || clock() - started + wait > budgetMs) {
        throw new ConflictError("Too many concurrent changes to these players; try again", { retryable: false, attempts: n }, error);
      }
      await sleep(wait);
    }
  }
}
