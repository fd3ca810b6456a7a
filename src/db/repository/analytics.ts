/**
 * Reads for analytics: everything a player's or a ladder's statistics need in one batch (one round
 * trip); the statistics themselves are computed by src/domain/stats.ts. Bounded reads: the newest
 * MAX_MATCHES results of a player, the last DAYS days of a ladder's matches.
 */
import { and, desc, eq, gte, inArray, ne, type SQL, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { type RepoContext, guarded, standingColumns } from "./context";
import { ladderWhere, toLadder } from "./ladders";
import type { Ladder, Player, Standing } from "./types";

export const MAX_MATCHES = 1_000;

export interface PlayerGame {
  matchId: string;
  resultSeq: number;
  team: number;
  result: "win" | "loss" | "draw";
  ratingBefore: number;
  ratingAfter: number;
  deviationAfter: number;
  appliedAt: Date;
}

export interface CoPlayer {
  matchId: string;
  playerId: string;
  discordUserId: string;
  displayName: string;
  team: number;
}

/** The SQL value of a player's id, named by our id or by Discord id (a subquery; no extra round trip). */
export function playerIdOf(t: RepoContext["database"]["t"], guildId: string, ref: string): SQL | string {
  if (isUuid(ref)) return normalizeUuid(ref);
  return sql`(select ${t.players.id} from ${t.players} where ${t.players.guildId} = ${guildId} and ${t.players.discordUserId} = ${ref})`;
}

export function analyticsRepository({ database, now }: RepoContext) {
  const { t } = database;
  const { ratingLedger: l, matches: m, players: p, ladderPlayers: lp, ladders } = t;
  return {
    /** The player, the ladder, the player's standing, their newest games and everyone in those games. One round trip. */
    async player(
      guildId: string,
      ref: string,
      ladderSlug?: string,
    ): Promise<{ player: Player; ladder: Ladder; standing: Standing | null; games: PlayerGame[]; others: CoPlayer[] }> {
      const which = ladderWhere(ladders, guildId, ladderSlug);
      const ladderId = sql`(select ${ladders.id} from ${ladders} where ${which})`;
      const pid = playerIdOf(t, guildId, ref);
      const whose = isUuid(ref) ? and(eq(p.guildId, guildId), eq(p.id, normalizeUuid(ref))) : and(eq(p.guildId, guildId), eq(p.discordUserId, ref));
      const mine = and(eq(l.ladderId, ladderId), eq(l.playerId, pid), eq(m.status, "completed"));
      const recent = database.db.select({ id: l.matchId }).from(l).innerJoin(m, eq(m.id, l.matchId)).where(mine).orderBy(desc(l.resultSeq)).limit(MAX_MATCHES);
      const [players, ladderRows, standings, games, others] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(p).where(whose).limit(1),
          tx.select().from(ladders).where(which).limit(1),
          tx
            .select(standingColumns(lp))
            .from(lp)
            .where(and(eq(lp.ladderId, ladderId), eq(lp.playerId, pid)))
            .limit(1),
          tx
            .select({
              matchId: l.matchId,
              resultSeq: l.resultSeq,
              team: l.team,
              result: l.result,
              ratingBefore: l.ratingBefore,
              ratingAfter: l.ratingAfter,
              deviationAfter: l.deviationAfter,
              appliedAt: l.appliedAt,
            })
            .from(l)
            .innerJoin(m, eq(m.id, l.matchId))
            .where(mine)
            .orderBy(desc(l.resultSeq))
            .limit(MAX_MATCHES),
          tx
            .select({ matchId: l.matchId, playerId: l.playerId, discordUserId: p.discordUserId, displayName: p.displayName, team: l.team })
            .from(l)
            .innerJoin(p, eq(p.id, l.playerId))
            .where(and(inArray(l.matchId, recent), ne(l.playerId, pid))),
        ]),
      );
      const ladderRow = ladderRows[0];
      if (!ladderRow) throw ladderSlug ? new NotFoundError("ladder", ladderSlug) : new NotFoundError("guild", guildId);
      const player = players[0];
      if (!player) throw new NotFoundError("player", ref);
      return { player, ladder: toLadder(ladderRow), standing: standings[0] ?? null, games, others };
    },

    /** A ladder, its completed matches of the last `days` days and every rated player's standing. One round trip. */
    async ladder(guildId: string, ladderSlug: string | undefined, days: number) {
      const which = ladderWhere(ladders, guildId, ladderSlug);
      const ladderId = sql`(select ${ladders.id} from ${ladders} where ${which})`;
      const since = new Date(now().getTime() - days * 86_400_000);
      const [ladderRows, matchTimes, standings] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(ladders).where(which).limit(1),
          tx
            .select({ completedAt: m.completedAt })
            .from(m)
            .where(and(eq(m.ladderId, ladderId), eq(m.status, "completed"), gte(m.completedAt, since)))
            .limit(50_000),
          tx
            .select({ rating: lp.rating, deviation: lp.deviation, games: lp.games, lastPlayedAt: lp.lastPlayedAt })
            .from(lp)
            .where(and(eq(lp.ladderId, ladderId), gte(lp.games, 1)))
            .limit(50_000),
        ]),
      );
      const ladderRow = ladderRows[0];
      if (!ladderRow) throw ladderSlug ? new NotFoundError("ladder", ladderSlug) : new NotFoundError("guild", guildId);
      return { ladder: toLadder(ladderRow), matchTimes: matchTimes.flatMap((r) => (r.completedAt ? [r.completedAt] : [])), standings };
    },
  };
}
