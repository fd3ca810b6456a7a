/**
 * Applying a result: one read, one batch. The batch is all or nothing on every transport, and every
 * guard fails loudly (a NOT NULL violation) instead of silently writing nothing, at READ COMMITTED
 * as well as serialized. Each batch carries a fresh write token that only it writes:
 * - each ladder player moves from the version read and records the token;
 * - the match moves from pending at the version read, and its new version is NULL unless all N
 *   player rows carry our token (a stale snapshot fails here, before it queues for the ladder row);
 * - the ladder row takes the next result sequence number and our token, only in the season read;
 * - each ledger row's sequence number, match and player are subqueries that are NULL unless those
 *   writes are ours, so a competing writer of the same match, a replay or a season start that got
 *   there first aborts the batch. The service re-reads and retries.
 * On Postgres the ladder row is also the lock that orders concurrent results in one ladder.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Batch, Db, Statement } from "../connect";
import { ConflictError, NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { type RepoContext, guarded } from "./context";
import { toLadder } from "./ladders";
import type { Actor, ResultPlan, ResultSnapshot } from "./types";

export function resultRepository({ database, newId }: RepoContext) {
  const { db, t } = database;
  const { matches: m, matchPlayers: mp, ladders: l, ladderPlayers: lp, ratingLedger: ledger } = t;
  /** The snapshot's one query (a join), usable alone or inside a batch. */
  function loadQuery(tx: Db, guildId: string, id: string) {
    return tx
      .select({
        match: { id: m.id, guildId: m.guildId, ladderId: m.ladderId, status: m.status, version: m.version, teamCount: m.teamCount, ranks: m.ranks },
        ladder: l,
        entry: {
          playerId: mp.playerId,
          team: mp.team,
          weight: mp.weight,
          ratingBefore: mp.ratingBefore,
          deviationBefore: mp.deviationBefore,
          ratingAfter: mp.ratingAfter,
          deviationAfter: mp.deviationAfter,
          result: mp.result,
        },
        state: {
          rating: lp.rating,
          deviation: lp.deviation,
          volatility: lp.volatility,
          games: lp.games,
          wins: lp.wins,
          losses: lp.losses,
          draws: lp.draws,
          lastPlayedAt: lp.lastPlayedAt,
          ratingVersion: lp.ratingVersion,
        },
      })
      .from(m)
      .innerJoin(l, eq(l.id, m.ladderId))
      .innerJoin(mp, eq(mp.matchId, m.id))
      .leftJoin(lp, and(eq(lp.ladderId, m.ladderId), eq(lp.playerId, mp.playerId)))
      .where(and(eq(m.guildId, guildId), eq(m.id, id)))
      .orderBy(asc(mp.team), asc(mp.playerId));
  }

  function toSnapshot(rows: Awaited<ReturnType<typeof loadQuery>>, matchId: string): ResultSnapshot {
    const first = rows[0];
    if (!first) throw new NotFoundError("match", matchId);
    const ladder = toLadder(first.ladder);
    const s = ladder.settings;
    return {
      match: first.match,
      ladder,
      roster: rows.map((r) => ({ playerId: r.entry.playerId, team: r.entry.team, weight: r.entry.weight })),
      // A roster player without a ladder row (never expected: match creation makes them) starts at the ladder's initial rating.
      states: rows.map(({ entry, state }) => ({
        playerId: entry.playerId,
        rating: state?.rating ?? s.initialRating,
        deviation: state?.deviation ?? s.initialDeviation,
        volatility: state?.volatility ?? s.initialVolatility,
        games: state?.games ?? 0,
        wins: state?.wins ?? 0,
        losses: state?.losses ?? 0,
        draws: state?.draws ?? 0,
        lastPlayedAt: state?.lastPlayedAt ?? null,
        ratingVersion: state?.ratingVersion ?? -1,
      })),
      recorded: rows.map((r) => r.entry),
    };
  }

  return {
    /** The match, its ladder, roster and every player's current state, in one round trip. */
    async load(guildId: string, matchId: string): Promise<ResultSnapshot> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      return toSnapshot(await guarded(() => loadQuery(db, guildId, normalizeUuid(matchId))), matchId);
    },

    /** The load as a statement, for callers that read more in the same round trip (Discord reports). */
    loadQuery,
    toSnapshot,

    /**
     * Write one result in one batch; throws a retryable ConflictError if any guard fails. `extra`
     * statements join the same batch (the Discord lobby's status, the confirming report).
     */
    async commit(plan: ResultPlan, actor: Actor, extra: (tx: Db) => Statement[] = () => []): Promise<void> {
      const at = plan.appliedAt;
      const token = newId();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const seq = sql`(select ${l.resultSeq} from ${l} where ${l.id} = ${plan.ladderId} and ${l.writeToken} = ${token})`;
      const ourMatch = sql`(select ${m.id} from ${m} where ${m.id} = ${plan.matchId} and ${m.resultSeq} = ${seq})`;
      const ourPlayer = (playerId: string) =>
        sql`(select ${lp.playerId} from ${lp} where ${lp.ladderId} = ${plan.ladderId} and ${lp.playerId} = ${playerId} and ${lp.writeToken} = ${token})`;
      // Sorted by player id so concurrent batches on Postgres lock rows in one order (no deadlock cycle).
      const entries = [...plan.entries].sort((a, b) => (a.playerId < b.playerId ? -1 : 1));
      const missing = entries.filter((e) => e.fromVersion < 0);
      const count = (result: string, e: { result: string }) => (e.result === result ? 1 : 0);
      await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                // Players first: a stale attempt fails at the match update below, before it queues for the ladder row.
                ...missing.map((e) =>
                  tx
                    .insert(lp)
                    .values({ ladderId: plan.ladderId, playerId: e.playerId, guildId: plan.guildId, ...e.before, ratingVersion: -1, ...audit })
                    .onConflictDoNothing(),
                ),
                ...entries.map((e) =>
                  tx
                    .update(lp)
                    .set({
                      ...e.after,
                      games: sql`${lp.games} + 1`,
                      wins: sql`${lp.wins} + ${count("win", e)}`,
                      losses: sql`${lp.losses} + ${count("loss", e)}`,
                      draws: sql`${lp.draws} + ${count("draw", e)}`,
                      lastPlayedAt: at,
                      ratingVersion: e.fromVersion + 1,
                      writeToken: token,
                      updatedAt: at,
                      updatedBy: actor,
                    })
                    .where(and(eq(lp.ladderId, plan.ladderId), eq(lp.playerId, e.playerId), eq(lp.ratingVersion, e.fromVersion))),
                ),
                // The new version is NULL (a NOT NULL violation) unless every player update above was ours.
                tx
                  .update(m)
                  .set({
                    status: "completed",
                    ranks: plan.ranks,
                    winnerTeam: plan.winnerTeam,
                    resultType: plan.resultType,
                    season: plan.season,
                    completedAt: at,
                    version: sql`case when (select count(*) from ${lp} where ${lp.ladderId} = ${plan.ladderId} and ${lp.writeToken} = ${token}) = ${entries.length} then ${database.param("int", plan.fromMatchVersion + 1)} end`,
                    updatedAt: at,
                    updatedBy: actor,
                  })
                  .where(and(eq(m.id, plan.matchId), eq(m.guildId, plan.guildId), eq(m.status, "pending"), eq(m.version, plan.fromMatchVersion))),
                tx
                  .update(l)
                  .set({ resultSeq: sql`${l.resultSeq} + 1`, writeToken: token, updatedAt: at, updatedBy: actor })
                  .where(and(eq(l.id, plan.ladderId), eq(l.season, plan.season))),
                tx
                  .update(m)
                  .set({ resultSeq: seq })
                  .where(and(eq(m.id, plan.matchId), eq(m.version, plan.fromMatchVersion + 1))),
                tx.insert(ledger).values(
                  entries.map((e) => ({
                    id: newId(),
                    guildId: plan.guildId,
                    ladderId: plan.ladderId,
                    season: plan.season,
                    resultSeq: seq,
                    playerId: ourPlayer(e.playerId),
                    matchId: ourMatch,
                    team: e.team,
                    weight: e.weight,
                    score: e.score,
                    expected: e.expected,
                    result: e.result,
                    ratingBefore: e.before.rating,
                    deviationBefore: e.before.deviation,
                    volatilityBefore: e.before.volatility,
                    ratingAfter: e.after.rating,
                    deviationAfter: e.after.deviation,
                    volatilityAfter: e.after.volatility,
                    previousPlayedAt: e.previousPlayedAt === null ? null : new Date(e.previousPlayedAt),
                    appliedAt: at,
                    ...audit,
                  })),
                ),
                ...entries.map((e) =>
                  tx
                    .update(mp)
                    .set({
                      ratingBefore: e.before.rating,
                      deviationBefore: e.before.deviation,
                      ratingAfter: e.after.rating,
                      deviationAfter: e.after.deviation,
                      result: e.result,
                      updatedAt: at,
                      updatedBy: actor,
                    })
                    .where(and(eq(mp.matchId, plan.matchId), eq(mp.playerId, e.playerId))),
                ),
                ...extra(tx),
              ] as unknown as Batch, // starts with a spread: the tuple type cannot see it is never empty
          ),
        (failure, error) =>
          failure === "unique" || failure === "not_null" || failure === "serialization" || failure === "foreign_key"
            ? new ConflictError("The match, its ladder or one of its players changed while the result was being applied", { retryable: true, failure }, error)
            : undefined,
        "idempotent",
      );
    },
  };
}
