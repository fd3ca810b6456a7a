/**
 * Applying a result: one read, one batch. The batch is all or nothing on every transport, and
 * guarded so that stale assumptions abort it instead of writing:
 * - the match must still be pending at the version that was read (else the ledger insert, whose
 *   match_id is a guard subquery, hits NOT NULL);
 * - each ledger row takes (player, seq = version read + 1), unique, so a concurrent or earlier
 *   writer to the same player makes the batch fail with a unique violation (no lost update);
 * - (match, player) in the ledger is unique, so a second application of one match fails too.
 * Any such failure is a retryable ConflictError; the service re-reads and decides.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors";
import { type RepoContext, guardRef, guarded, standingColumns } from "./context";
import { isUuid } from "../../ids";
import type { Actor, ResultPlan, ResultSnapshot } from "./types";

export function resultRepository({ database, newId }: RepoContext) {
  const { db, t } = database;
  const { matches: m, matchPlayers: mp, players: p, ratingLedger: ledger } = t;
  return {
    /** The match, its roster and every player's current rating, in one round trip. */
    async load(guildId: string, matchId: string): Promise<ResultSnapshot> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      const rows = await guarded(() =>
        db
          .select({
            match: { id: m.id, guildId: m.guildId, status: m.status, version: m.version, teamCount: m.teamCount, ranks: m.ranks },
            player: {
              playerId: p.id,
              team: mp.team,
              weight: mp.weight,
              ...standingColumns(p),
              ratingVersion: p.ratingVersion,
              ratingBefore: mp.ratingBefore,
              deviationBefore: mp.deviationBefore,
              ratingAfter: mp.ratingAfter,
              deviationAfter: mp.deviationAfter,
              result: mp.result,
            },
          })
          .from(m)
          .innerJoin(mp, eq(mp.matchId, m.id))
          .innerJoin(p, eq(p.id, mp.playerId))
          .where(and(eq(m.guildId, guildId), eq(m.id, matchId)))
          .orderBy(asc(mp.team), asc(p.id)),
      );
      const first = rows[0];
      if (!first) throw new NotFoundError("match", matchId);
      return { match: first.match, players: rows.map((r) => r.player) };
    },

    /** Write one result in one batch; throws ConflictError (retryable) if any guard fails. */
    async commit(plan: ResultPlan, actor: Actor): Promise<void> {
      const at = plan.appliedAt;
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const completedMatch = guardRef(m, m.id, plan.matchId, sql`${m.status} = 'completed' and ${m.version} = ${plan.fromMatchVersion + 1}`);
      // Sorted by player id so concurrent batches on Postgres lock rows in one order (no deadlock cycle).
      const changes = [...plan.changes].sort((a, b) => (a.playerId < b.playerId ? -1 : 1));
      await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                tx
                  .update(m)
                  .set({
                    status: "completed",
                    ranks: plan.ranks,
                    winnerTeam: plan.winnerTeam,
                    resultType: plan.resultType,
                    completedAt: at,
                    version: plan.fromMatchVersion + 1,
                    updatedAt: at,
                    updatedBy: actor,
                  })
                  .where(and(eq(m.id, plan.matchId), eq(m.guildId, plan.guildId), eq(m.status, "pending"), eq(m.version, plan.fromMatchVersion))),
                ...changes.map((c) =>
                  tx.insert(ledger).values({
                    id: newId(),
                    guildId: plan.guildId,
                    playerId: c.playerId,
                    matchId: completedMatch,
                    seq: c.fromVersion + 1,
                    team: c.team,
                    weight: c.weight,
                    score: c.score,
                    expected: c.expected,
                    ratingBefore: c.before.rating,
                    deviationBefore: c.before.deviation,
                    volatilityBefore: c.before.volatility,
                    ratingAfter: c.after.rating,
                    deviationAfter: c.after.deviation,
                    volatilityAfter: c.after.volatility,
                    appliedAt: at,
                    ...audit,
                  }),
                ),
                ...changes.map((c) =>
                  tx
                    .update(p)
                    .set({
                      rating: c.after.rating,
                      deviation: c.after.deviation,
                      volatility: c.after.volatility,
                      games: sql`${p.games} + 1`,
                      wins: sql`${p.wins} + ${c.result === "win" ? 1 : 0}`,
                      losses: sql`${p.losses} + ${c.result === "loss" ? 1 : 0}`,
                      draws: sql`${p.draws} + ${c.result === "draw" ? 1 : 0}`,
                      lastPlayedAt: at,
                      ratingVersion: c.fromVersion + 1,
                      updatedAt: at,
                      updatedBy: actor,
                    })
                    .where(and(eq(p.id, c.playerId), eq(p.ratingVersion, c.fromVersion))),
                ),
                ...changes.map((c) =>
                  tx
                    .update(mp)
                    .set({
                      ratingBefore: c.before.rating,
                      deviationBefore: c.before.deviation,
                      ratingAfter: c.after.rating,
                      deviationAfter: c.after.deviation,
                      result: c.result,
                      updatedAt: at,
                      updatedBy: actor,
                    })
                    .where(and(eq(mp.matchId, plan.matchId), eq(mp.playerId, c.playerId))),
                ),
              ] as const,
          ),
        (failure, error) =>
          failure === "unique" || failure === "not_null" || failure === "serialization"
            ? new ConflictError("The match or one of its players changed while the result was being applied", { retryable: true, failure }, error)
            : undefined,
      );
    },
  };
}
