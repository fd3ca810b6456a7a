/**
 * What every repository module shares: the per-request database handle, the clock, the id source,
 * and one way to turn driver failures into typed errors.
 */
import { sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { AppError, UnavailableError } from "../../errors";
import type { Database } from "../connect";
import { retrying } from "../budget";
import { classifyDbError, type DbFailure, isTransient, neverCommitted } from "../errors";

export interface RepoContext {
  database: Database;
  now: () => Date;
  newId: () => string;
}

/**
 * How a storage operation may be repeated after a transient failure (a dropped connection, a 5xx,
 * a serialization failure or deadlock, SQLITE_BUSY) whose outcome is unknown:
 *   read        reads: always safe to run again
 *   idempotent  writes whose repetition changes nothing (upserts, guarded batches: a repeat that
 *               finds its guard already moved fails as a retryable conflict, and the service's
 *               re-read then sees the write applied)
 *   once        everything else; repeated only when the failure proves nothing committed (40001)
 */
export type RetryMode = "read" | "idempotent" | "once";

/** Three attempts, 25-50-100 ms windows with full jitter: enough for a blip, cheap in a 2.5 s budget. */
const TRANSIENT = { maxAttempts: 3, backoff: (n: number) => 25 * 2 ** (n - 1) };

/**
 * Run one storage operation: the one place transient failures are retried (within the request's
 * budget) and driver failures become typed errors. Unreachable becomes UnavailableError (503), an
 * exhausted budget a 503 that says so; a caller-supplied `onFailure` may map expected failures
 * (unique, not null) to domain errors first. Permanent errors are never retried.
 */
export async function guarded<T>(
  op: () => Promise<T>,
  onFailure?: (failure: DbFailure, error: unknown) => Error | undefined,
  mode: RetryMode = "read",
): Promise<T> {
  const retryable = (error: unknown) => {
    if (error instanceof AppError) return false;
    const failure = classifyDbError(error);
    return mode === "once" ? neverCommitted(failure) : isTransient(failure);
  };
  try {
    return await retrying(TRANSIENT, retryable, (error) => error, op);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const failure = classifyDbError(error);
    const mapped = onFailure?.(failure, error);
    if (mapped) throw mapped;
    if (failure === "unavailable") throw new UnavailableError("The database is unreachable; try again shortly", error);
    if (failure === "timeout") throw new UnavailableError("The database did not answer in time; try again shortly", error);
    throw error;
  }
}

/** A ladder player's rating and record columns, selected identically wherever a standing is read. */
export function standingColumns(p: Database["t"]["ladderPlayers"]) {
  return {
    rating: p.rating,
    deviation: p.deviation,
    volatility: p.volatility,
    games: p.games,
    wins: p.wins,
    losses: p.losses,
    draws: p.draws,
    lastPlayedAt: p.lastPlayedAt,
  };
}

/**
 * A scalar subquery that yields the key only when the referenced row exists (and `extra` holds).
 * Written into a NOT NULL column it makes the whole batch fail when the guard does not hold, which
 * is how a batch (no round trip back to the app) refuses to write on stale assumptions.
 */
export function guardRef(table: SQLiteTable, key: SQLiteColumn, value: string, extra = sql`1 = 1`) {
  return sql`(select ${key} from ${table} where ${key} = ${value} and ${extra})`;
}
