import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db, Tables } from "../connect";
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
  const l = database.t.ladders;
  return {
    /**
     * A page as `page` reads it, plus the ladder's newest ledger rows (up to `recentRows`) for the
     * web page's sparklines, in the same round trip. Players with no recent row get no sparkline.
     */
    async pageWithRecent(guildId: string, query: LeaderboardQuery, recentRows = 3_000) {
      const after = query.cursor ? decodeCursor(query.cursor, { r: "number", id: "uuid", rank: "int" }) : null;
      const which = ladderWhere(l, guildId, query.ladder);
      const lg = database.t.ratingLedger;
      const [ladders, rows, recent, all] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(l).where(which).limit(1),
          pageQuery(tx, database.t, which, query, after),
          tx
            .select({ playerId: lg.playerId, rating: lg.ratingAfter })
            .from(lg)
            .where(eq(lg.ladderId, sql`(select ${l.id} from ${l} where ${which})`))
            .orderBy(desc(lg.resultSeq))
            .limit(recentRows),
          tx.select({ slug: l.slug, name: l.name }).from(l).where(eq(l.guildId, guildId)).orderBy(asc(l.createdAt), asc(l.slug)),
        ]),
      );
      const ladder = ladders[0];
      if (!ladder) throw query.ladder ? new NotFoundError("ladder", query.ladder) : new NotFoundError("guild", guildId);
      const firstRank = after ? after.rank + 1 : 1;
      const items = rows.slice(0, query.limit).map((row, i) => ({ rank: firstRank + i, ...row }));
      const last = items.at(-1);
      const series = new Map<string, number[]>();
      for (const r of recent) series.set(r.playerId, [r.rating, ...(series.get(r.playerId) ?? [])].slice(-20));
      return {
        ladder: toLadder(ladder),
        ladders: all,
        items,
        recent: series,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ r: last.rating, id: last.playerId, rank: last.rank }) : null,
      };
    },

    /**
     * One page ordered by rating, ties by player id, served by ladder_players_leaderboard_idx; the
     * ladder and the page are read in one round trip (a batch), so an unknown ladder is a 404, not an
     * empty page. The cursor carries the last rank so numbering continues without a count query.
     */
    async page(guildId: string, query: LeaderboardQuery): Promise<Page<LeaderboardEntry> & { ladder: Ladder }> {
      const after = query.cursor ? decodeCursor(query.cursor, { r: "number", id: "uuid", rank: "int" }) : null;
      const which = ladderWhere(l, guildId, query.ladder);
      const [ladders, rows] = await guarded(() =>
        database.batch((tx) => [tx.select().from(l).where(which).limit(1), pageQuery(tx, database.t, which, query, after)]),
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

/**
 * The page itself, ordered by rating with NULLS LAST spelled out: that is the index's order on both
 * dialects. The ladder is found by scalar subqueries, not a join: Postgres evaluates them once, so
 * ladder_id is a constant and ladder_players_leaderboard_idx (ladder_id, rating desc nulls last,
 * player_id) yields the page in order without sorting the ladder (the pg contract suite checks the
 * plan with EXPLAIN).
 */
export function pageQuery(tx: Db, t: Tables, which: SQL | undefined, query: Pick<LeaderboardQuery, "limit" | "all">, after: { r: number; id: string } | null) {
  const { ladderPlayers: lp, players: p, ladders: l } = t;
  const ladder = (column: typeof l.id | typeof l.provisionalMinGames | typeof l.provisionalMaxDeviation) => sql`(select ${column} from ${l} where ${which})`;
  return tx
    .select({ playerId: p.id, discordUserId: p.discordUserId, displayName: p.displayName, ...standingColumns(lp) })
    .from(lp)
    .innerJoin(p, eq(p.id, lp.playerId))
    .where(
      and(
        eq(lp.ladderId, ladder(l.id)),
        gte(lp.games, 1),
        query.all ? undefined : and(gte(lp.games, ladder(l.provisionalMinGames)), lte(lp.deviation, ladder(l.provisionalMaxDeviation))),
        after ? or(lt(lp.rating, after.r), and(eq(lp.rating, after.r), gt(lp.playerId, after.id))) : undefined,
      ),
    )
    .orderBy(sql`${lp.rating} desc nulls last`, asc(lp.playerId))
    .limit(query.limit + 1);
}
