/**
 * Bulk import of players (with optional ratings and records) from another bot: every row in one
 * batch, so the import is all or nothing. Re-running the same import is harmless: players are keyed
 * by Discord id, and a ladder rating is only (re)set while no match has rated the player there.
 */
import { and, eq, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { chunks } from "./bulk";
import { type RepoContext, guardRef, guarded } from "./context";
import type { Actor, Ladder } from "./types";

export interface ImportRow {
  discordUserId: string;
  displayName: string;
  rating?: number;
  deviation?: number;
  wins?: number;
  losses?: number;
  draws?: number;
}

/** 500 rows of ~16 parameters stay far under both dialects' parameter limits. */
const CHUNK = 500;

export function importRepository({ database, now, newId }: RepoContext) {
  const { t } = database;
  const { players: p, ladderPlayers: lp } = t;
  return {
    /** One round trip. Returns how many rows were written and how many ratings were set. */
    async players(guildId: string, ladder: Ladder, rows: ImportRow[], actor: Actor): Promise<{ players: number; ratings: number; ratingsKept: number }> {
      const at = now();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const rated = rows.filter((r) => r.rating !== undefined || r.deviation !== undefined || r.wins || r.losses || r.draws);
      const s = ladder.settings;
      if (rows.length === 0) return { players: 0, ratings: 0, ratingsKept: 0 };
      const results = await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                ...chunks(rows, CHUNK).map((chunk) =>
                  tx
                    .insert(p)
                    .values(
                      chunk.map((r) => ({
                        id: newId(),
                        guildId: guardRef(t.guilds, t.guilds.id, guildId),
                        discordUserId: r.discordUserId,
                        displayName: r.displayName,
                        ...audit,
                      })),
                    )
                    .onConflictDoUpdate({
                      target: [p.guildId, p.discordUserId],
                      set: { displayName: sql`excluded.display_name`, updatedAt: at, updatedBy: actor },
                    })
                    .returning({ id: p.id }),
                ),
                ...chunks(rated, CHUNK).map((chunk) =>
                  tx
                    .insert(lp)
                    .values(
                      chunk.map((r) => {
                        const wins = r.wins ?? 0;
                        const losses = r.losses ?? 0;
                        const draws = r.draws ?? 0;
                        return {
                          ladderId: ladder.id,
                          playerId: sql`(select ${p.id} from ${p} where ${and(eq(p.guildId, guildId), eq(p.discordUserId, r.discordUserId))})`,
                          guildId,
                          rating: r.rating ?? s.initialRating,
                          deviation: r.deviation ?? s.initialDeviation,
                          volatility: s.initialVolatility,
                          games: wins + losses + draws,
                          wins,
                          losses,
                          draws,
                          ...audit,
                        };
                      }),
                    )
                    .onConflictDoUpdate({
                      target: [lp.ladderId, lp.playerId],
                      set: {
                        rating: sql`excluded.rating`,
                        deviation: sql`excluded.deviation`,
                        games: sql`excluded.games`,
                        wins: sql`excluded.wins`,
                        losses: sql`excluded.losses`,
                        draws: sql`excluded.draws`,
                        updatedAt: at,
                        updatedBy: actor,
                      },
                      // A rating some match already moved is history: the import does not overwrite it.
                      setWhere: sql`${lp.ratingVersion} = 0`,
                    })
                    .returning({ playerId: lp.playerId }),
                ),
              ] as never,
          ),
        (failure) => (failure === "not_null" || failure === "foreign_key" ? new NotFoundError("guild", guildId) : undefined),
      );
      const written = (results as unknown as Array<Array<unknown>>).map((r) => r.length);
      const playerChunks = chunks(rows, CHUNK).length;
      const ratings = written.slice(playerChunks).reduce((a, b) => a + b, 0);
      return { players: rows.length, ratings, ratingsKept: rated.length - ratings };
    },
  };
}
