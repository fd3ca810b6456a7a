/**
 * A Discord member's profile in one ladder: standing, rank among ranked players, and recent
 * results, all in one round trip (a batch of reads).
 */
import { and, desc, eq, gt, gte, lte, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { type RepoContext, guarded, standingColumns } from "./context";
import { ladderWhere, toLadder } from "./ladders";
import type { Ladder, LedgerEntry, Player, Standing } from "./types";

export interface Profile {
  ladder: Ladder;
  player: Player | null;
  standing: Standing | null;
  /** 1-based among non-provisional players; null while provisional or unrated. */
  rank: number | null;
  recent: LedgerEntry[];
}

export function profileRepository({ database }: RepoContext) {
  const { t } = database;
  const { ladders: l, players: p, ladderPlayers: lp, ratingLedger: rl } = t;
  return {
    async byDiscordId(guildId: string, discordUserId: string, ladder: string | undefined, recent: number): Promise<Profile> {
      const which = ladderWhere(l, guildId, ladder);
      const ladderId = sql`(select ${l.id} from ${l} where ${which})`;
      const playerId = sql`(select ${p.id} from ${p} where ${p.guildId} = ${guildId} and ${p.discordUserId} = ${discordUserId})`;
      const mine = (col: typeof lp.rating) => sql`(select ${col} from ${lp} where ${lp.ladderId} = ${ladderId} and ${lp.playerId} = ${playerId})`;
      const [ladders, players, standings, above, history] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(l).where(which).limit(1),
          tx
            .select()
            .from(p)
            .where(and(eq(p.guildId, guildId), eq(p.discordUserId, discordUserId)))
            .limit(1),
          tx
            .select(standingColumns(lp))
            .from(lp)
            .where(and(eq(lp.ladderId, ladderId), eq(lp.playerId, playerId)))
            .limit(1),
          tx
            .select({ n: sql<string | number>`count(*)` }) // a string on Postgres: Number() below
            .from(lp)
            .innerJoin(l, eq(l.id, lp.ladderId))
            .where(and(which, gte(lp.games, l.provisionalMinGames), lte(lp.deviation, l.provisionalMaxDeviation), gt(lp.rating, mine(lp.rating)))),
          tx
            .select()
            .from(rl)
            .where(and(eq(rl.ladderId, ladderId), eq(rl.playerId, playerId)))
            .orderBy(desc(rl.resultSeq))
            .limit(recent),
        ]),
      );
      const ladderRow = ladders[0];
      if (!ladderRow) throw ladder ? new NotFoundError("ladder", ladder) : new NotFoundError("guild", guildId);
      const found = toLadder(ladderRow);
      const standing = standings[0] ?? null;
      const s = found.settings;
      const ranked = standing !== null && standing.games >= Math.max(1, s.provisionalMinGames) && standing.deviation <= s.provisionalMaxDeviation;
      return { ladder: found, player: players[0] ?? null, standing, rank: ranked ? Number(above[0]?.n ?? 0) + 1 : null, recent: history };
    },
  };
}
