import { and, asc, desc, eq, gt, gte, lt, or } from "drizzle-orm";
import { type RepoContext, guarded, standingColumns } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import type { LeaderboardEntry, Page, PageQuery } from "./types";

export interface LeaderboardQuery extends PageQuery {
  /** Hide players with fewer games (default 1: unrated players are not ranked). */
  minGames?: number;
}

export function leaderboardRepository({ database }: RepoContext) {
  const { db, t } = database;
  const p = t.players;
  return {
    /**
     * One page ordered by rating, ties by id, served by players_leaderboard_idx; one round trip.
     * The cursor carries the last rank so numbering continues across pages without a count query.
     */
    async page(guildId: string, query: LeaderboardQuery): Promise<Page<LeaderboardEntry>> {
      const after = query.cursor ? decodeCursor(query.cursor, { r: "number", id: "string", rank: "number" }) : null;
      const rows = await guarded(() =>
        db
          .select({
            playerId: p.id,
            discordUserId: p.discordUserId,
            displayName: p.displayName,
            ...standingColumns(p),
          })
          .from(p)
          .where(
            and(
              eq(p.guildId, guildId),
              gte(p.games, query.minGames ?? 1),
              after ? or(lt(p.rating, after.r as number), and(eq(p.rating, after.r as number), gt(p.id, after.id as string))) : undefined,
            ),
          )
          .orderBy(desc(p.rating), asc(p.id))
          .limit(query.limit + 1),
      );
      const firstRank = after ? (after.rank as number) + 1 : 1;
      const items = rows.slice(0, query.limit).map((row, i) => ({ rank: firstRank + i, ...row }));
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ r: last.rating, id: last.playerId, rank: last.rank }) : null,
      };
    },
  };
}
