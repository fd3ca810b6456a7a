/**
 * The per-request time budget and the one retry loop that spends it.
 *
 * A request (or a cron run) opens a budget; every database call made inside it gets a deadline at
 * the budget's end (an AbortSignal on the HTTP drivers' fetch, a timer on the WebSocket path), and
 * every retry, transient (a dropped connection, a 5xx, 40001) or a lost write race (ConflictError),
 * waits only while the budget lasts. So a frozen database is a 503 at the budget's end, never a hang,
 * and nested retries never add up past it. The budget lives in AsyncLocalStorage, like the round-trip
 * counter, because the Neon driver's fetch is one module-level function shared by concurrent requests.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface Budget {
  /** Epoch ms after which no database call may start and running ones are aborted. */
  readonly deadline: number;
  readonly totalMs: number;
}

/** Discord waits 3 s for an interaction reply; 2.5 s leaves room to render and send the answer. */
export const DEFAULT_BUDGET_MS = 2_500;

const current = new AsyncLocalStorage<Budget>();

/** Run `fn` with a budget of `totalMs` from now (nested budgets can only shrink, never extend). */
export function withBudget<T>(totalMs: number, fn: () => Promise<T>): Promise<T> {
  const outer = current.getStore();
  const deadline = Math.min(Date.now() + totalMs, outer?.deadline ?? Number.POSITIVE_INFINITY);
  return current.run({ deadline, totalMs }, fn);
}

/** Milliseconds left in the current budget; Infinity outside one (Node tools, set-up in tests). */
export function remainingMs(): number {
  const budget = current.getStore();
  return budget ? budget.deadline - Date.now() : Number.POSITIVE_INFINITY;
}

export function currentBudget(): Budget | undefined {
  return current.getStore();
}

/** A database call that ran out of budget. The code is in the message too: Neon keeps only `${error}`. */
export class DeadlineError extends Error {
  readonly code = "DEADLINE_EXCEEDED";
  constructor(readonly budgetMs: number) {
    super(`DEADLINE_EXCEEDED: the database did not answer within the request's ${budgetMs} ms budget`);
    this.name = "DeadlineError";
  }
}

/** Throw at once when nothing is left, so no call starts that could not finish. */
export function assertTimeLeft(): void {
  const budget = current.getStore();
  if (budget && budget.deadline - Date.now() <= 0) throw new DeadlineError(budget.totalMs);
}

/**
 * Race `work` against the budget's end. `onTimeout` may tear down what `work` holds (a socket) so
 * that it does not linger. Without a budget, `work` is returned as is.
 */
export function withinBudget<T>(work: () => Promise<T>, onTimeout?: () => void): Promise<T> {
  const budget = current.getStore();
  if (!budget) return work();
  const left = budget.deadline - Date.now();
  if (left <= 0) return Promise.reject(new DeadlineError(budget.totalMs));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeadlineError(budget.totalMs));
    }, left);
  });
  return Promise.race([work(), expired]).finally(() => clearTimeout(timer));
}

/** A fetch with the budget's deadline: aborts the request (and its body) when the budget ends. */
export function budgetedFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const budget = current.getStore();
    if (!budget) return inner(input, init);
    const left = budget.deadline - Date.now();
    if (left <= 0) throw new DeadlineError(budget.totalMs);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineError(budget.totalMs)), left);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await inner(input, { ...init, signal });
      // The body is read after this returns: keep the deadline on it by buffering it here.
      const body = await response.arrayBuffer();
      const empty = [101, 204, 205, 304].includes(response.status);
      return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted) throw new DeadlineError(budget.totalMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

export interface RetryPolicy {
  /** Upper bound on attempts, whatever the budget (each attempt costs subrequests). */
  maxAttempts: number;
  /** Backoff window after attempt n (ms, before jitter); full jitter draws in [0, window). */
  backoff: (attempt: number) => number;
  /** The loop's own budget from its first attempt, within (never beyond) the request's. */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one retry loop: run `attempt` until it succeeds, `retryable` says no, the attempts are used
 * up, or the next wait would end past the budget. `giveUp` turns the last error into what the
 * caller throws when it stops for lack of time or attempts (a permanent error is thrown as is).
 */
export async function retrying<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  giveUp: (error: unknown, attempts: number) => unknown,
  attempt: () => Promise<T>,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  const clock = policy.clock ?? (() => Date.now());
  const started = clock();
  const own = policy.budgetMs ?? Number.POSITIVE_INFINITY;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error)) throw error;
      const wait = policy.backoff(n) * random();
      const leftInLoop = own - (clock() - started);
      if (n >= policy.maxAttempts || wait >= leftInLoop || wait >= remainingMs()) throw giveUp(error, n);
      await sleep(wait);
    }
  }
}
