/**
 * Seasons: starting one archives the ladder's final standings and resets its ratings per the
 * ladder's policy, in one batch guarded like a replay (compare-and-swap on the ladder's write
 * token): a result committed after our read makes the batch fail and the start is retried, so every
 * result lands in exactly one season.
 */
import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors";
import { type RepoContext, guarded } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { ladderWhere, toLadder } from "./ladders";
import type { Actor, Ladder, Page, PageQuery, SeasonRow } from "./types";

export interface SeasonStanding {
  rank: number | null;
  playerId: string;
  discordUserId: string;
  displayName: string;
  rating: number;
  deviation: number;
  games: number;
  wins: number;
  losses: number;
  draws: number;
}

export function seasonRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const { ladders: l, ladderPlayers: lp, seasons: s, seasonStandings: ss, players: p } = t;
  return {
    /** Archive season `ladder.season` and open the next one. Throws a retryable ConflictError on a race. */
    async start(ladder: Ladder, actor: Actor): Promise<SeasonRow> {
      const at = now();
      const token = newId();
      const seasonId = newId();
      const cfg = ladder.settings;
      const param = database.param;
      const minGames = Math.max(1, cfg.provisionalMinGames);
      const reset =
        cfg.seasonResetMode === "full"
          ? sql`rating = ${param("real", cfg.initialRating)}, deviation = ${param("real", cfg.initialDeviation)}, volatility = ${param("real", cfg.initialVolatility)}`
          : sql`rating = rating + (${param("real", cfg.initialRating)} - rating) * ${param("real", cfg.softResetFraction)},
              deviation = case when deviation < ${param("real", cfg.softResetMinDeviation)} then ${param("real", cfg.softResetMinDeviation)} else deviation end`;
      const rows = await guarded(
        () =>
          database.batch((tx) => [
            tx
              .update(l)
              .set({ season: ladder.season + 1, seasonStartedAt: at, writeToken: token, updatedAt: at, updatedBy: actor })
              .where(and(eq(l.id, ladder.id), eq(l.season, ladder.season), eq(l.writeToken, ladder.writeToken))),
            tx
              .insert(s)
              .values({
                id: seasonId,
                ladderId: sql`(select ${l.id} from ${l} where ${l.id} = ${ladder.id} and ${l.writeToken} = ${token})`,
                number: ladder.season,
                startedAt: ladder.seasonStartedAt,
                endedAt: at,
                createdAt: at,
                updatedAt: at,
                createdBy: actor,
                updatedBy: actor,
              })
              .returning(),
            // Ranks count only players who met the provisional rule, as the leaderboard showed them.
            database.raw(
              tx,
              sql`insert into ${ss} (season_id, player_id, rank, rating, deviation, games, wins, losses, draws, created_at, updated_at, created_by, updated_by)
                select ${param("uuid", seasonId)}, player_id,
                  case when provisional = 1 then null else row_number() over (partition by provisional order by rating desc, player_id) end,
                  rating, deviation, games, wins, losses, draws, ${param("time", at)}, ${param("time", at)}, ${actor}, ${actor}
                from (select player_id, rating, deviation, games, wins, losses, draws,
                        case when games < ${param("int", minGames)} or deviation > ${param("real", cfg.provisionalMaxDeviation)} then 1 else 0 end as provisional
                      from ${lp} where ladder_id = ${param("uuid", ladder.id)} and games > 0) standings`,
            ),
            database.raw(
              tx,
              sql`update ${lp} set ${reset}, games = 0, wins = 0, losses = 0, draws = 0, rating_version = rating_version + 1,
                write_token = ${token}, updated_at = ${param("time", at)}, updated_by = ${actor}
                where ladder_id = ${param("uuid", ladder.id)}`,
            ),
          ]),
        (failure, error) =>
          failure === "not_null" || failure === "unique" || failure === "serialization"
            ? new ConflictError("The ladder changed while the season was being started", { retryable: true, failure }, error)
            : undefined,
        "idempotent",
      );
      const season = rows[1][0];
      if (!season) throw new Error("insert returned no season");
      return season;
    },

    /** The ladder (by slug, or the default) and its ended seasons, newest first. One round trip. */
    async listFor(guildId: string, slug?: string): Promise<{ ladder: Ladder; ended: SeasonRow[] }> {
      const which = ladderWhere(l, guildId, slug);
      const [ladders, ended] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(l).where(which).limit(1),
          tx
            .select()
            .from(s)
            .where(eq(s.ladderId, sql`(select ${l.id} from ${l} where ${which})`))
            .orderBy(desc(s.number)),
        ]),
      );
      const row = ladders[0];
      if (!row) throw slug ? new NotFoundError("ladder", slug) : new NotFoundError("guild", guildId);
      return { ladder: toLadder(row), ended };
    },

    /** Ended seasons of a ladder, newest first. */
    async list(ladderId: string): Promise<SeasonRow[]> {
      return guarded(() => db.select().from(s).where(eq(s.ladderId, ladderId)).orderBy(desc(s.number)));
    },

    /** One archived season's final standings: ranked players first (by rank), then provisional ones by rating. */
    async standings(
      ladder: string | { guildId: string; slug?: string },
      number: number,
      query: PageQuery,
    ): Promise<Page<SeasonStanding> & { season: SeasonRow }> {
      const after = query.cursor ? decodeCursor(query.cursor, { k: "int", id: "uuid" }) : null;
      // A ladder by slug is found by a subquery in the same batch: one round trip, and 404 for an unknown one.
      const which = typeof ladder === "string" ? eq(l.id, ladder) : ladderWhere(l, ladder.guildId, ladder.slug);
      const ladderId = typeof ladder === "string" ? ladder : sql`(select ${l.id} from ${l} where ${which})`;
      const seasonOf = and(eq(s.ladderId, ladderId), eq(s.number, number));
      // Provisional (unranked) rows sort after every rank: key = rank, or 2^31-1 for them.
      const key = sql<number>`coalesce(${ss.rank}, 2147483647)`;
      const [ladders, seasons, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: l.id }).from(l).where(which).limit(1),
          tx.select().from(s).where(seasonOf).limit(1),
          tx
            .select({
              rank: ss.rank,
              playerId: ss.playerId,
              discordUserId: p.discordUserId,
              displayName: p.displayName,
              rating: ss.rating,
              deviation: ss.deviation,
              games: ss.games,
              wins: ss.wins,
              losses: ss.losses,
              draws: ss.draws,
            })
            .from(ss)
            .innerJoin(s, eq(s.id, ss.seasonId))
            .innerJoin(p, eq(p.id, ss.playerId))
            .where(and(seasonOf, after ? or(gt(key, after.k), and(eq(key, after.k), gt(ss.playerId, after.id))) : undefined))
            .orderBy(asc(key), desc(ss.rating), asc(ss.playerId))
            .limit(query.limit + 1),
        ]),
      );
      if (!ladders[0]) throw new NotFoundError("ladder", typeof ladder === "string" ? ladder : (ladder.slug ?? "default"));
      const season = seasons[0];
      if (!season) throw new NotFoundError("season", String(number));
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { season, items, nextCursor: rows.length > query.limit && last ? encodeCursor({ k: last.rank ?? 2147483647, id: last.playerId }) : null };
    },
  };
}
