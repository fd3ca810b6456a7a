/**
 * Retrying guarded writes that lost a race (ConflictError marked retryable): re-run the whole
 * read-compute-write from a fresh read with jittered exponential backoff. The loop is the one in
 * `db/budget.ts` that the transient-error retry also uses, so both spend the same per-request
 * budget (room left in Discord's 3 s); the attempt cap keeps the worst case under the Workers
 * subrequest limit (each attempt is two round trips).
 */
import { retrying } from "../db/budget";
import { ConflictError } from "../errors";

export interface RetryOptions {
  /** Give up after this long (ms since the first attempt), and never past the request's budget. Default 2,500. */
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

export function retryConflicts<T>(options: RetryOptions, attempt: () => Promise<T>): Promise<T> {
  return retrying(
    {
      budgetMs: options.budgetMs ?? 2_500,
      maxAttempts: options.maxAttempts ?? 24,
      // Full jitter over a growing window (2, 4, ... capped at MAX_BACKOFF_MS) spreads contending writers out.
      backoff: (n) => Math.min(MAX_BACKOFF_MS, 2 ** Math.min(n, 8)),
      sleep: options.sleep,
      random: options.random,
      clock: options.clock,
    },
    isRetryable,
    (error, attempts) => new ConflictError("Too many concurrent changes to these players; try again", { retryable: false, attempts }, error),
    attempt,
  );
}
