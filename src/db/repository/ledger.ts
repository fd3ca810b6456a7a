import { and, desc, eq, lt } from "drizzle-orm";
import { type RepoContext, guarded } from "./context";
import { isUuid } from "../../ids";
import { decodeCursor, encodeCursor } from "./cursor";
import type { LedgerEntry, Page, PageQuery } from "./types";

export function ledgerRepository({ database }: RepoContext) {
  const { db, t } = database;
  const l = t.ratingLedger;
  return {
    /** A player's rating history, newest first (seq is the player's rating version after the match). */
    async history(guildId: string, playerId: string, query: PageQuery): Promise<Page<LedgerEntry>> {
      if (!isUuid(playerId)) return { items: [], nextCursor: null };
      const before = query.cursor ? decodeCursor(query.cursor, { seq: "number" }) : null;
      const rows = await guarded(() =>
        db
          .select()
          .from(l)
          .where(and(eq(l.guildId, guildId), eq(l.playerId, playerId), before ? lt(l.seq, before.seq as number) : undefined))
          .orderBy(desc(l.seq))
          .limit(query.limit + 1),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ seq: last.seq }) : null };
    },
  };
}
