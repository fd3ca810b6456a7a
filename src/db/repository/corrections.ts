/**
 * Corrections, voids and recalibrations: read everything a replay needs in one round trip, write the
 * replayed season tail in one batch. The batch is guarded by a compare-and-swap on the ladder's write
 * token: every writer of ratings in the ladder (a result, a replay, a season start) replaces that
 * token, so a replay computed from a snapshot that anything else has since changed fails loudly (the
 * ladder's result_seq becomes NULL unless the swap and all N player updates were ours). A result
 * committed concurrently is therefore never lost: it either landed before our read (and is part of
 * the replay) or its own guard fails after our write and it is retried on top of it.
 */
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { LadderSettings } from "../../domain/ladder-settings";
import type { PlayerResult } from "../../domain/results";
import type { Batch } from "../connect";
import { ConflictError, NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { chunks, selectValues } from "./bulk";
import type { SqlKind } from "../connect";
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
  /** What changed: one match's outcome (or its void), or the ladder's rating settings (the whole season is replayed). */
  change:
    | {
        kind: "correct" | "void";
        matchId: string;
        ranksBefore: number[];
        /** The corrected match's new state (voided: status voided, no ranks). */
        match: { status: "completed" | "voided"; ranks: number[] | null; winnerTeam: number | null; resultType: "win" | "draw" | "placement" | null };
      }
    | { kind: "recalibrate"; settings: LadderSettings };
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
  replayedMatches: number;
  at: Date;
}

/** Column kinds of a replayed ledger row, in `ledgerValues` order. */
const LEDGER_KINDS: SqlKind[] = ["int", "uuid", "uuid", "int", "real", "real", "real", "text", "real", "real", "real", "real", "real", "real", "time", "time"];

function ledgerValues(r: ReplayPlan["ledger"][number]) {
  return [
    r.resultSeq,
    r.playerId,
    r.matchId,
    r.team,
    r.weight,
    r.score,
    r.expected,
    r.result,
    r.before.rating,
    r.before.deviation,
    r.before.volatility,
    r.after.rating,
    r.after.deviation,
    r.after.volatility,
    r.previousPlayedAt,
    r.appliedAt,
  ];
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

    /** The first result of a ladder's season (where a recalibration's replay starts), or null. */
    async firstOfSeason(ladderId: string, season: number): Promise<string | null> {
      const rows = await guarded(() =>
        database.db
          .select({ id: m.id })
          .from(m)
          .where(and(eq(m.ladderId, ladderId), eq(m.season, season), eq(m.status, "completed")))
          .orderBy(asc(m.resultSeq))
          .limit(1),
      );
      return rows[0]?.id ?? null;
    },

    /** The replay in one batch; throws a retryable ConflictError when anything wrote in the ladder since the read. */
    async commit(plan: ReplayPlan, actor: Actor): Promise<void> {
      const { at } = plan;
      const token = newId();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const p = (kind: Parameters<typeof database.param>[0], value: string | number | Date | null) => database.param(kind, value);
      const { change } = plan;
      // The loud guard: result_seq becomes NULL (a NOT NULL violation) unless the ladder's token is
      // still the one read, in the season read, and all N player updates above were ours.
      const guardedSeq = sql`case when ${l.writeToken} = ${plan.fromToken} and ${l.season} = ${plan.season}
        and (select count(*) from ${lp} where ${lp.ladderId} = ${plan.ladderId} and ${lp.writeToken} = ${token}) = ${plan.players.length}
        then ${l.resultSeq} end`;
      const players = [...plan.players].sort((x, y) => (x.playerId < y.playerId ? -1 : 1));

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
                  .set({
                    ...(change.kind === "recalibrate" ? change.settings : {}),
                    resultSeq: guardedSeq,
                    writeToken: token,
                    updatedAt: at,
                    updatedBy: actor,
                  })
                  .where(eq(l.id, plan.ladderId)),
                ...(change.kind === "recalibrate"
                  ? []
                  : [
                      tx
                        .update(m)
                        .set({ ...change.match, voidedAt: change.kind === "void" ? at : null, version: sql`${m.version} + 1`, updatedAt: at, updatedBy: actor })
                        .where(and(eq(m.id, change.matchId), eq(m.ladderId, plan.ladderId))),
                    ]),
                tx.delete(ledger).where(and(eq(ledger.ladderId, plan.ladderId), eq(ledger.season, plan.season), gte(ledger.resultSeq, plan.fromSeq))),
                ...chunks(plan.ledger).map((rows) =>
                  database.raw(
                    tx,
                    sql`insert into ${ledger} (id, guild_id, ladder_id, season, created_at, updated_at, created_by, updated_by, result_seq, player_id, match_id, team, weight,
                      score, expected, result, rating_before, deviation_before, volatility_before, rating_after, deviation_after, volatility_after, previous_played_at, applied_at)
                      select ${database.newUuid}, ${plan.guildId}, ${p("uuid", plan.ladderId)}, ${p("int", plan.season)}, ${p("time", at)}, ${p("time", at)}, ${actor}, ${actor}, r.*
                      from (${selectValues(database, LEDGER_KINDS, rows.map(ledgerValues))}) as r`,
                  ),
                ),
                // The match rosters show each player's change: copied from the ledger rows just written, no parameters.
                database.raw(
                  tx,
                  sql`update ${mp} set rating_before = l.rating_before, deviation_before = l.deviation_before, rating_after = l.rating_after,
                    deviation_after = l.deviation_after, result = l.result, updated_at = ${p("time", at)}, updated_by = ${actor}
                    from ${ledger} as l
                    where l.match_id = ${mp.matchId} and l.player_id = ${mp.playerId} and l.ladder_id = ${p("uuid", plan.ladderId)}
                      and l.season = ${p("int", plan.season)} and l.result_seq >= ${p("int", plan.fromSeq)}`,
                ),
                ...(change.kind === "void"
                  ? [
                      tx
                        .update(mp)
                        .set({
                          ratingBefore: null,
                          deviationBefore: null,
                          ratingAfter: null,
                          deviationAfter: null,
                          result: null,
                          updatedAt: at,
                          updatedBy: actor,
                        })
                        .where(eq(mp.matchId, change.matchId)),
                    ]
                  : []),
                // The audit trail of corrections (a recalibration is recorded by the ladder's own audit columns).
                ...(change.kind === "recalibrate"
                  ? []
                  : [
                      tx.insert(rc).values({
                        id: newId(),
                        ladderId: plan.ladderId,
                        matchId: change.matchId,
                        season: plan.season,
                        kind: change.kind,
                        ranksBefore: change.ranksBefore,
                        ranksAfter: change.match.ranks,
                        replayedMatches: plan.replayedMatches,
                        ...audit,
                      }),
                    ]),
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
