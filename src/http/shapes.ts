/**
 * What clients see. Every response is built field by field from these shapes, never by spreading a
 * row: rows carry audit columns (which moderator acted), idempotency keys, write tokens and raw
 * settings that are not the public's business. The same schemas describe the responses in OpenAPI.
 */
import { z } from "@hono/zod-openapi";
import type { Guild, Ladder, LeaderboardEntry, LedgerEntry, Match, MatchRow, Player, SeasonRow, SeasonStanding, Standing } from "../db/repository";
import { ladderSettingsSchema } from "../domain/ladder-settings";

const time = z.string().openapi({ format: "date-time" });
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const GuildSchema = z.object({ id: z.string(), name: z.string(), createdAt: time }).openapi("Guild");
export const publicGuild = (g: Guild): z.infer<typeof GuildSchema> => ({ id: g.id, name: g.name, createdAt: iso(g.createdAt) });

export const LadderSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    isDefault: z.boolean(),
    settings: ladderSettingsSchema,
    season: z.number().int(),
    seasonStartedAt: time,
    createdAt: time,
  })
  .openapi("Ladder");
export function publicLadder(l: Ladder): z.infer<typeof LadderSchema> {
  return {
    slug: l.slug,
    name: l.name,
    isDefault: l.isDefault,
    settings: l.settings,
    season: l.season,
    seasonStartedAt: iso(l.seasonStartedAt),
    createdAt: iso(l.createdAt),
  };
}

export const PlayerSchema = z.object({ id: z.string(), discordUserId: z.string(), displayName: z.string(), createdAt: time }).openapi("Player");
export function publicPlayer(p: Player): z.infer<typeof PlayerSchema> {
  return { id: p.id, discordUserId: p.discordUserId, displayName: p.displayName, createdAt: iso(p.createdAt) };
}

export const StandingSchema = z
  .object({
    rating: z.number(),
    deviation: z.number(),
    games: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    draws: z.number().int(),
    lastPlayedAt: time.nullable(),
  })
  .openapi("Standing");
export function publicStanding(s: Standing, deviation: number): z.infer<typeof StandingSchema> {
  return { rating: s.rating, deviation, games: s.games, wins: s.wins, losses: s.losses, draws: s.draws, lastPlayedAt: isoOrNull(s.lastPlayedAt) };
}

export const LeaderboardEntrySchema = StandingSchema.extend({
  rank: z.number().int(),
  playerId: z.string(),
  discordUserId: z.string(),
  displayName: z.string(),
}).openapi("LeaderboardEntry");
export function publicEntry(e: LeaderboardEntry, deviation: number): z.infer<typeof LeaderboardEntrySchema> {
  return { rank: e.rank, playerId: e.playerId, discordUserId: e.discordUserId, displayName: e.displayName, ...publicStanding(e, deviation) };
}

export const HistoryEntrySchema = z
  .object({
    matchId: z.string(),
    season: z.number().int(),
    resultSeq: z.number().int(),
    team: z.number().int(),
    weight: z.number(),
    score: z.number(),
    expected: z.number(),
    result: z.enum(["win", "loss", "draw"]),
    ratingBefore: z.number(),
    deviationBefore: z.number(),
    ratingAfter: z.number(),
    deviationAfter: z.number(),
    appliedAt: time,
  })
  .openapi("HistoryEntry");
export function publicHistory(e: LedgerEntry): z.infer<typeof HistoryEntrySchema> {
  return {
    matchId: e.matchId,
    season: e.season,
    resultSeq: e.resultSeq,
    team: e.team,
    weight: e.weight,
    score: e.score,
    expected: e.expected,
    result: e.result,
    ratingBefore: e.ratingBefore,
    deviationBefore: e.deviationBefore,
    ratingAfter: e.ratingAfter,
    deviationAfter: e.deviationAfter,
    appliedAt: iso(e.appliedAt),
  };
}

export const MatchSummarySchema = z
  .object({
    id: z.string(),
    ladderId: z.string(),
    status: z.enum(["pending", "completed", "cancelled", "voided"]),
    teamCount: z.number().int(),
    ranks: z.array(z.number().int()).nullable(),
    winnerTeam: z.number().int().nullable(),
    resultType: z.enum(["win", "draw", "placement"]).nullable(),
    season: z.number().int().nullable(),
    createdAt: time,
    completedAt: time.nullable(),
    cancelledAt: time.nullable(),
    voidedAt: time.nullable(),
  })
  .openapi("MatchSummary");
export function publicMatchSummary(m: MatchRow): z.infer<typeof MatchSummarySchema> {
  return {
    id: m.id,
    ladderId: m.ladderId,
    status: m.status,
    teamCount: m.teamCount,
    ranks: m.ranks,
    winnerTeam: m.winnerTeam,
    resultType: m.resultType,
    season: m.season,
    createdAt: iso(m.createdAt),
    completedAt: isoOrNull(m.completedAt),
    cancelledAt: isoOrNull(m.cancelledAt),
    voidedAt: isoOrNull(m.voidedAt),
  };
}

const MatchPlayerSchema = z.object({
  playerId: z.string(),
  discordUserId: z.string(),
  displayName: z.string(),
  team: z.number().int(),
  weight: z.number(),
  ratingBefore: z.number().nullable(),
  deviationBefore: z.number().nullable(),
  ratingAfter: z.number().nullable(),
  deviationAfter: z.number().nullable(),
  result: z.enum(["win", "loss", "draw"]).nullable(),
  current: z.object({ rating: z.number(), deviation: z.number() }),
});
export const MatchSchema = MatchSummarySchema.extend({ players: z.array(MatchPlayerSchema) }).openapi("Match");
export function publicMatch(m: Match): z.infer<typeof MatchSchema> {
  return {
    ...publicMatchSummary(m),
    players: m.players.map((p) => ({
      playerId: p.playerId,
      discordUserId: p.discordUserId,
      displayName: p.displayName,
      team: p.team,
      weight: p.weight,
      ratingBefore: p.ratingBefore,
      deviationBefore: p.deviationBefore,
      ratingAfter: p.ratingAfter,
      deviationAfter: p.deviationAfter,
      result: p.result,
      current: { rating: p.current.rating, deviation: p.current.deviation },
    })),
  };
}

export const SeasonSchema = z.object({ number: z.number().int(), startedAt: time, endedAt: time }).openapi("Season");
export const publicSeason = (s: SeasonRow): z.infer<typeof SeasonSchema> => ({ number: s.number, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) });

export const SeasonStandingSchema = z
  .object({
    rank: z.number().int().nullable(),
    playerId: z.string(),
    discordUserId: z.string(),
    displayName: z.string(),
    rating: z.number(),
    deviation: z.number(),
    games: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    draws: z.number().int(),
  })
  .openapi("SeasonStanding");
export function publicSeasonStanding(s: SeasonStanding): z.infer<typeof SeasonStandingSchema> {
  const { rank, playerId, discordUserId, displayName, rating, deviation, games, wins, losses, draws } = s;
  return { rank, playerId, discordUserId, displayName, rating, deviation, games, wins, losses, draws };
}

/** A page of items with its keyset cursor. */
export function pageOf<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
