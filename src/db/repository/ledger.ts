import { and, desc, eq, lt, sql } from "drizzle-orm";
import { isUuid, normalizeUuid } from "../../ids";
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
    /** A player's rating history in one ladder, newest first (in the ladder's result order). One round trip. */
    async history(guildId: string, playerId: string, query: HistoryQuery): Promise<Page<LedgerEntry>> {
      if (!isUuid(playerId)) return { items: [], nextCursor: null };
      const before = query.cursor ? decodeCursor(query.cursor, { seq: "int" }) : null;
      const ladderId = sql`(select ${t.ladders.id} from ${t.ladders} where ${ladderWhere(t.ladders, guildId, query.ladder)})`;
      const rows = await guarded(() =>
        db
          .select()
          .from(l)
          .where(
            and(eq(l.guildId, guildId), eq(l.ladderId, ladderId), eq(l.playerId, normalizeUuid(playerId)), before ? lt(l.resultSeq, before.seq) : undefined),
          )
          .orderBy(desc(l.resultSeq))
          .limit(query.limit + 1),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ seq: last.resultSeq }) : null };
    },
  };
}
