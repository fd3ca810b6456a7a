/** A player's profile and statistics as the API and the web page show them (shapes and assembly). */
import { z } from "@hono/zod-openapi";
import type { CoPlayer, PlayerGame } from "../../db/repository/analytics";
import type { Ladder, Player, Standing } from "../../db/repository";
import { PlayerSchema, publicPlayer, publicStanding, StandingSchema } from "../../http/shapes";
import { shownDeviation } from "../standing";

const result = z.enum(["win", "loss", "draw"]);
const PairSchema = z.object({
  playerId: z.string(),
  displayName: z.string(),
  games: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  draws: z.number().int(),
  winRate: z.number().nullable(),
});

export const PlayerStatsSchema = z
  .object({
    games: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    draws: z.number().int(),
    winRate: z.number().nullable(),
    currentStreak: z.object({ result, length: z.number().int() }).nullable(),
    longestWinStreak: z.number().int(),
    longestLossStreak: z.number().int(),
    form: z.array(result),
    teammates: z.array(PairSchema),
    opponents: z.array(PairSchema),
    headToHead: z.object({ against: PairSchema.nullable(), together: PairSchema.nullable() }).optional(),
  })
  .openapi("PlayerStats");

export const ProfileSchema = z
  .object({
    player: PlayerSchema,
    ladder: z.string(),
    standing: StandingSchema.nullable(),
    /** Oldest first, at most 50 points. */
    ratingHistory: z.array(z.object({ matchId: z.string(), at: z.string(), rating: z.number(), deviation: z.number() })),
    recentMatches: z.array(
      z.object({
        matchId: z.string(),
        at: z.string(),
        result,
        ratingBefore: z.number(),
        ratingAfter: z.number(),
        teammates: z.array(z.string()),
        opponents: z.array(z.string()),
      }),
    ),
  })
  .openapi("PlayerProfile");

export type Profile = z.infer<typeof ProfileSchema>;

export function profileOf(
  read: { player: Player; ladder: Ladder; standing: Standing | null; games: PlayerGame[]; others: CoPlayer[] },
  now: Date,
  points = 50,
): Profile {
  const { player, ladder, standing, games, others } = read;
  const names = (matchId: string, same: boolean, team: number) =>
    others.filter((o) => o.matchId === matchId && (o.team === team) === same).map((o) => o.displayName);
  return {
    player: publicPlayer(player),
    ladder: ladder.slug,
    standing: standing && publicStanding(standing, shownDeviation(standing, ladder, now)),
    ratingHistory: games
      .slice(0, points)
      .reverse()
      .map((g) => ({ matchId: g.matchId, at: g.appliedAt.toISOString(), rating: g.ratingAfter, deviation: g.deviationAfter })),
    recentMatches: games.slice(0, 10).map((g) => ({
      matchId: g.matchId,
      at: g.appliedAt.toISOString(),
      result: g.result,
      ratingBefore: g.ratingBefore,
      ratingAfter: g.ratingAfter,
      teammates: names(g.matchId, true, g.team),
      opponents: names(g.matchId, false, g.team),
    })),
  };
}
