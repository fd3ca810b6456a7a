/**
 * What every repository module shares: the per-request database handle, the clock, the id source,
 * and one way to turn driver failures into typed errors.
 */
import { sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { AppError, UnavailableError } from "../../errors";
import type { Database } from "../connect";
import { classifyDbError, type DbFailure } from "../errors";

export interface RepoContext {
  database: Database;
  now: () => Date;
  newId: () => string;
}

/**
 * Run one storage operation. Unreachable-database failures become UnavailableError (503); a
 * caller-supplied `onFailure` may map expected failures (unique, not null) to domain errors first.
 */
export async function guarded<T>(op: () => Promise<T>, onFailure?: (failure: DbFailure, error: unknown) => Error | undefined): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const failure = classifyDbError(error);
    const mapped = onFailure?.(failure, error);
    if (mapped) throw mapped;
    if (failure === "unavailable") throw new UnavailableError("The database is unreachable; try again shortly", error);
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
