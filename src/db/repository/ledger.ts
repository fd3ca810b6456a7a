import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { isUuid, normalizeUuid } from "../../ids";
import { NotFoundError } from "../../errors";
import { playerIdOf } from "./analytics";
import { type RepoContext, guarded } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { ladderWhere } from "./ladders";
import type { LedgerEntry, Page, PageQuery } from "./types";

export interface HistoryQuery extends PageQuery {
  /** The ladder's slug; the default ladder when absent. */
  ladder?: string;
}

export function ledgerRepository({ database }: RepoContext) {
  const { db, t } = database;
  const l = t.ratingLedger;
  return {
    /**
     * A ladder's whole history as calibration reads it: every applied result (all seasons), in the
     * ladder's result order, with rosters and placements. Node tools only: it reads the ladder at once.
     */
    async ladderHistory(
      ladderId: string,
    ): Promise<Array<{ matchId: string; playedAt: Date; ranks: number[]; roster: Array<{ playerId: string; team: number; weight: number }> }>> {
      const m = t.matches;
      const rows = await guarded(() =>
        db
          .select({ matchId: l.matchId, resultSeq: l.resultSeq, playedAt: l.appliedAt, ranks: m.ranks, playerId: l.playerId, team: l.team, weight: l.weight })
          .from(l)
          .innerJoin(m, eq(m.id, l.matchId))
          .where(and(eq(l.ladderId, ladderId), eq(m.status, "completed")))
          .orderBy(asc(l.resultSeq), asc(l.playerId)),
      );
      const out: Array<{ matchId: string; playedAt: Date; ranks: number[]; roster: Array<{ playerId: string; team: number; weight: number }> }> = [];
      for (const r of rows) {
        let last = out.at(-1);
        if (!last || last.matchId !== r.matchId) {
          last = { matchId: r.matchId, playedAt: r.playedAt, ranks: r.ranks ?? [], roster: [] };
          out.push(last);
        }
        last.roster.push({ playerId: r.playerId, team: r.team, weight: r.weight });
      }
      return out;
    },

    /**
     * A player's rating history in one ladder, newest first (in the ladder's result order). The player
     * (by id or Discord id) and the ladder are read in the same batch: unknown ones are a 404. One round trip.
     */
    async history(guildId: string, playerRef: string, query: HistoryQuery): Promise<Page<LedgerEntry>> {
      const before = query.cursor ? decodeCursor(query.cursor, { seq: "int" }) : null;
      const which = ladderWhere(t.ladders, guildId, query.ladder);
      const ladderId = sql`(select ${t.ladders.id} from ${t.ladders} where ${which})`;
      const p = t.players;
      const whose = isUuid(playerRef) ? eq(p.id, normalizeUuid(playerRef)) : eq(p.discordUserId, playerRef);
      const [players, ladders, rows] = await guarded(() =>
        database.batch((tx) => [
          tx
            .select({ id: p.id })
            .from(p)
            .where(and(eq(p.guildId, guildId), whose))
            .limit(1),
          tx.select({ id: t.ladders.id }).from(t.ladders).where(which).limit(1),
          tx
            .select()
            .from(l)
            .where(
              and(
                eq(l.guildId, guildId),
                eq(l.ladderId, ladderId),
                eq(l.playerId, playerIdOf(t, guildId, playerRef)),
                before ? lt(l.resultSeq, before.seq) : undefined,
              ),
            )
            .orderBy(desc(l.resultSeq))
            .limit(query.limit + 1),
        ]),
      );
      if (!ladders[0]) throw query.ladder ? new NotFoundError("ladder", query.ladder) : new NotFoundError("guild", guildId);
      if (!players[0]) throw new NotFoundError("player", playerRef);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ seq: last.resultSeq }) : null };
    },
  };
}
