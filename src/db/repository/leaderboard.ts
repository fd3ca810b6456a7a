import { and, asc, eq, gt, gte, lt, lte, or, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { type RepoContext, guarded, standingColumns } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { ladderWhere, toLadder } from "./ladders";
import type { Ladder, LeaderboardEntry, Page, PageQuery } from "./types";

export interface LeaderboardQuery extends PageQuery {
  /** The ladder's slug; the default ladder when absent. */
  ladder?: string;
  /** Include provisional players (the ladder's rule: too few games or too high an RD). */
  all?: boolean;
}

export function leaderboardRepository({ database }: RepoContext) {
  const { t } = database;
  const { ladderPlayers: lp, players: p, ladders: l } = t;
  return {
    /**
     * One page ordered by rating, ties by player id, served by ladder_players_leaderboard_idx; the
     * ladder and the page are read in one round trip (a batch), so an unknown ladder is a 404, not an
     * empty page. The cursor carries the last rank so numbering continues without a count query.
     */
    async page(guildId: string, query: LeaderboardQuery): Promise<Page<LeaderboardEntry> & { ladder: Ladder }> {
      const after = query.cursor ? decodeCursor(query.cursor, { r: "number", id: "uuid", rank: "int" }) : null;
      const which = ladderWhere(l, guildId, query.ladder);
      const [ladders, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(l).where(which).limit(1),
          tx
            .select({ playerId: p.id, discordUserId: p.discordUserId, displayName: p.displayName, ...standingColumns(lp) })
            .from(lp)
            .innerJoin(l, eq(l.id, lp.ladderId))
            .innerJoin(p, eq(p.id, lp.playerId))
            .where(
              and(
                which,
                gte(lp.games, 1),
                query.all ? undefined : and(gte(lp.games, l.provisionalMinGames), lte(lp.deviation, l.provisionalMaxDeviation)),
                after ? or(lt(lp.rating, after.r), and(eq(lp.rating, after.r), gt(lp.playerId, after.id))) : undefined,
              ),
            )
            // NULLS LAST spelled out: it is the index's order on both dialects, so Postgres reads the index instead of sorting.
            .orderBy(sql`${lp.rating} desc nulls last`, asc(lp.playerId))
            .limit(query.limit + 1),
        ]),
      );
      const ladder = ladders[0];
      if (!ladder) throw query.ladder ? new NotFoundError("ladder", query.ladder) : new NotFoundError("guild", guildId);
      const firstRank = after ? after.rank + 1 : 1;
      const items = rows.slice(0, query.limit).map((row, i) => ({ rank: firstRank + i, ...row }));
      const last = items.at(-1);
      return {
        ladder: toLadder(ladder),
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ r: last.rating, id: last.playerId, rank: last.rank }) : null,
      };
    },
  };
}
