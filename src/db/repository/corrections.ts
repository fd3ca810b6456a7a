/**
 * Corrections and voids: read everything a replay needs in one round trip, write the replayed
 * season tail in one batch. The batch is guarded by a compare-and-swap on the ladder's write token:
 * every writer of ratings in the ladder (a result, a replay, a season start) replaces that token, so
 * a replay computed from a snapshot that anything else has since changed fails loudly (the
 * correction row's ladder id is NULL unless the swap and all N player updates were ours). A result
 * committed concurrently is therefore never lost: it either landed before our read (and is part of
 * the replay) or its own guard fails after our write and it is retried on top of it.
 */
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { PlayerResult } from "../../domain/results";
import type { Batch } from "../connect";
import { ConflictError, NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { chunks, valuesList } from "./bulk";
import { type RepoContext, guarded, standingColumns } from "./context";
import { toLadder } from "./ladders";
import type { Actor, Ladder, LedgerEntry, MatchRow, RatingState } from "./types";

export interface ReplaySnapshot {
  match: Pick<MatchRow, "id" | "guildId" | "ladderId" | "status" | "version" | "season" | "resultSeq" | "ranks" | "teamCount">;
  ladder: Ladder;
  /** Ledger rows of the match and of every later result of its season, in result order. */
  rows: Array<LedgerEntry & { teamCount: number; ranks: number[] | null }>;
  /** Current state of every player in those rows. */
  states: RatingState[];
}

type Rated = { rating: number; deviation: number; volatility: number };

export interface ReplayPlan {
  guildId: string;
  ladderId: string;
  season: number;
  /** The ladder's write token as read: the swap fails if anything wrote since. */
  fromToken: string;
  matchId: string;
  kind: "correct" | "void";
  ranksBefore: number[];
  /** The corrected match's new state (voided: status voided, no ranks). */
  match: { status: "completed" | "voided"; ranks: number[] | null; winnerTeam: number | null; resultType: "win" | "draw" | "placement" | null };
  fromSeq: number;
  ledger: Array<{
    matchId: string;
    playerId: string;
    resultSeq: number;
    team: number;
    weight: number;
    score: number;
    expected: number;
    result: PlayerResult;
    before: Rated;
    after: Rated;
    previousPlayedAt: Date | null;
    appliedAt: Date;
  }>;
  players: Array<{
    playerId: string;
    fromVersion: number;
    rated: Rated;
    games: number;
    wins: number;
    losses: number;
    draws: number;
    lastPlayedAt: Date | null;
  }>;
  rosters: Array<{ matchId: string; playerId: string; before: Rated | null; after: Rated | null; result: PlayerResult | null }>;
  replayedMatches: number;
  at: Date;
}

export function correctionRepository({ database, newId }: RepoContext) {
  const { t } = database;
  const { matches: m, ladders: l, ladderPlayers: lp, ratingLedger: ledger, matchPlayers: mp, ratingCorrections: rc } = t;
  return {
    async load(guildId: string, matchId: string): Promise<ReplaySnapshot> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      const id = normalizeUuid(matchId);
      const target = (column: typeof m.ladderId | typeof m.season | typeof m.resultSeq) =>
        sql`(select ${column} from ${m} where ${m.id} = ${id} and ${m.guildId} = ${guildId})`;
      const tail = and(eq(ledger.ladderId, target(m.ladderId)), eq(ledger.season, target(m.season)), gte(ledger.resultSeq, target(m.resultSeq)));
      const [matches, rows, states] = await guarded(() =>
        database.batch((tx) => [
          tx
            .select({
              match: {
                id: m.id,
                guildId: m.guildId,
                ladderId: m.ladderId,
                status: m.status,
                version: m.version,
                season: m.season,
                resultSeq: m.resultSeq,
                ranks: m.ranks,
                teamCount: m.teamCount,
              },
              ladder: l,
            })
            .from(m)
            .innerJoin(l, eq(l.id, m.ladderId))
            .where(and(eq(m.guildId, guildId), eq(m.id, id))),
          tx
            .select({ row: ledger, teamCount: m.teamCount, ranks: m.ranks })
            .from(ledger)
            .innerJoin(m, eq(m.id, ledger.matchId))
            .where(tail)
            .orderBy(asc(ledger.resultSeq), asc(ledger.playerId)),
          tx
            .select({ playerId: lp.playerId, ratingVersion: lp.ratingVersion, ...standingColumns(lp) })
            .from(lp)
            .where(and(eq(lp.ladderId, target(m.ladderId)), inArray(lp.playerId, tx.select({ id: ledger.playerId }).from(ledger).where(tail)))),
        ]),
      );
      const first = matches[0];
      if (!first) throw new NotFoundError("match", matchId);
      return { match: first.match, ladder: toLadder(first.ladder), rows: rows.map((r) => ({ ...r.row, teamCount: r.teamCount, ranks: r.ranks })), states };
    },

    /** The replay in one batch; throws a retryable ConflictError when anything wrote in the ladder since the read. */
    async commit(plan: ReplayPlan, actor: Actor): Promise<void> {
      const { at } = plan;
      const token = newId();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const p = (kind: Parameters<typeof database.param>[0], value: string | number | Date | null) => database.param(kind, value);
      const guard = sql`(select ${l.id} from ${l} where ${l.id} = ${plan.ladderId} and ${l.writeToken} = ${token}
        and (select count(*) from ${lp} where ${lp.ladderId} = ${plan.ladderId} and ${lp.writeToken} = ${token}) = ${plan.players.length})`;
      const players = [...plan.players].sort((x, y) => (x.playerId < y.playerId ? -1 : 1));
      const rosterRows = plan.rosters.map((r) => [
        r.matchId,
        r.playerId,
        r.before?.rating ?? null,
        r.before?.deviation ?? null,
        r.after?.rating ?? null,
        r.after?.deviation ?? null,
        r.result,
      ]);
      await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                // Players first, one by one in id order, as results take them: no lock-order cycle on Postgres.
                ...players.map((s) =>
                  tx
                    .update(lp)
                    .set({
                      ...s.rated,
                      games: s.games,
                      wins: s.wins,
                      losses: s.losses,
                      draws: s.draws,
                      lastPlayedAt: s.lastPlayedAt,
                      ratingVersion: s.fromVersion + 1,
                      writeToken: token,
                      updatedAt: at,
                      updatedBy: actor,
                    })
                    .where(and(eq(lp.ladderId, plan.ladderId), eq(lp.playerId, s.playerId), eq(lp.ratingVersion, s.fromVersion))),
                ),
                tx
                  .update(l)
                  .set({ writeToken: token, updatedAt: at, updatedBy: actor })
                  .where(and(eq(l.id, plan.ladderId), eq(l.writeToken, plan.fromToken), eq(l.season, plan.season))),
                tx
                  .update(m)
                  .set({
                    ...plan.match,
                    voidedAt: plan.kind === "void" ? at : null,
                    version: sql`${m.version} + 1`,
                    updatedAt: at,
                    updatedBy: actor,
                  })
                  .where(and(eq(m.id, plan.matchId), eq(m.ladderId, plan.ladderId))),
                tx.delete(ledger).where(and(eq(ledger.ladderId, plan.ladderId), eq(ledger.season, plan.season), gte(ledger.resultSeq, plan.fromSeq))),
                ...chunks(plan.ledger).map((rows) =>
                  tx.insert(ledger).values(
                    rows.map((r) => ({
                      id: newId(),
                      guildId: plan.guildId,
                      ladderId: plan.ladderId,
                      season: plan.season,
                      resultSeq: r.resultSeq,
                      playerId: r.playerId,
                      matchId: r.matchId,
                      team: r.team,
                      weight: r.weight,
                      score: r.score,
                      expected: r.expected,
                      result: r.result,
                      ratingBefore: r.before.rating,
                      deviationBefore: r.before.deviation,
                      volatilityBefore: r.before.volatility,
                      ratingAfter: r.after.rating,
                      deviationAfter: r.after.deviation,
                      volatilityAfter: r.after.volatility,
                      previousPlayedAt: r.previousPlayedAt,
                      appliedAt: r.appliedAt,
                      ...audit,
                    })),
                  ),
                ),
                ...chunks(rosterRows).map((rows) =>
                  database.raw(
                    tx,
                    sql`update ${mp} set rating_before = v.column3, deviation_before = v.column4, rating_after = v.column5, deviation_after = v.column6,
                  result = v.column7, updated_at = ${p("time", at)}, updated_by = ${actor}
                  from ${valuesList(database, ["uuid", "uuid", "real", "real", "real", "real", "text"], rows)} as v
                  where ${mp.matchId} = v.column1 and ${mp.playerId} = v.column2`,
                  ),
                ),
                tx.insert(rc).values({
                  id: newId(),
                  ladderId: guard,
                  matchId: plan.matchId,
                  season: plan.season,
                  kind: plan.kind,
                  ranksBefore: plan.ranksBefore,
                  ranksAfter: plan.match.ranks,
                  replayedMatches: plan.replayedMatches,
                  ...audit,
                }),
              ] as unknown as Batch, // starts with a spread of at least one player: never empty
          ),
        (failure, error) =>
          failure === "unique" || failure === "not_null" || failure === "serialization" || failure === "foreign_key"
            ? new ConflictError("The ladder changed while the correction was being replayed", { retryable: true, failure }, error)
            : undefined,
        "idempotent",
      );
    },
  };
}
