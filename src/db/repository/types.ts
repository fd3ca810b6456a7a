/**
 * The repository contract: what routes, jobs and services may ask of storage. Both dialects run the
 * same implementation; the contract suite (test/contract) proves it on every transport.
 */
import type { InferSelectModel } from "drizzle-orm";
import type { LadderSettings } from "../../domain/ladder-settings";
import type { PlayerResult, RatedEntry } from "../../domain/results";
import type * as schema from "../schema/sqlite";

export type Guild = InferSelectModel<typeof schema.guilds>;
export type Player = InferSelectModel<typeof schema.players>;
export type LadderRow = InferSelectModel<typeof schema.ladders>;
export type MatchRow = InferSelectModel<typeof schema.matches>;
export type MatchStatus = MatchRow["status"];
export type HealthCheck = InferSelectModel<typeof schema.healthChecks>;
export type HealthOutage = InferSelectModel<typeof schema.healthOutages>;
export type LedgerEntry = InferSelectModel<typeof schema.ratingLedger>;
export type SeasonRow = InferSelectModel<typeof schema.seasons>;
export type CorrectionRow = InferSelectModel<typeof schema.ratingCorrections>;
export type { SeasonStanding } from "./seasons";

/** Who did it, recorded in the audit columns: "discord:<user id>", "admin", "system", ... */
export type Actor = string;

/** A ladder as the rest of the service sees it: identity, settings, and where its season stands. */
export interface Ladder {
  id: string;
  guildId: string;
  slug: string;
  name: string;
  isDefault: boolean;
  settings: LadderSettings;
  season: number;
  seasonStartedAt: Date;
  resultSeq: number;
  /** The last rating writer's token: conditional writers (replay, season start) compare and swap it. */
  writeToken: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** A player's rating and record in one ladder. */
export interface Standing {
  rating: number;
  deviation: number;
  volatility: number;
  games: number;
  wins: number;
  losses: number;
  draws: number;
  lastPlayedAt: Date | null;
}

export interface LeaderboardEntry extends Standing {
  rank: number;
  playerId: string;
  discordUserId: string;
  displayName: string;
}

export interface MatchPlayerView {
  playerId: string;
  discordUserId: string;
  displayName: string;
  team: number;
  weight: number;
  ratingBefore: number | null;
  deviationBefore: number | null;
  ratingAfter: number | null;
  deviationAfter: number | null;
  result: PlayerResult | null;
  /** The player's rating in the match's ladder now (not as of the match). */
  current: { rating: number; deviation: number; volatility: number };
}

export interface Match extends MatchRow {
  players: MatchPlayerView[];
}

export interface NewMatch {
  guildId: string;
  /** The ladder's slug; the guild's default ladder when absent. */
  ladder?: string;
  /** Player ids per team. */
  teams: string[][];
  /** Optional per-player weight in (0, 1] (substitutes). */
  weights?: Record<string, number>;
  idempotencyKey?: string;
}

/** A ladder player's state as a result or replay reads it (the version is the guard). */
export interface RatingState extends Standing {
  playerId: string;
  ratingVersion: number;
}

/** Everything needed to rate a match, read in one round trip. */
export interface ResultSnapshot {
  match: Pick<MatchRow, "id" | "guildId" | "ladderId" | "status" | "version" | "teamCount" | "ranks">;
  ladder: Ladder;
  roster: Array<{ playerId: string; team: number; weight: number }>;
  /** Current state per roster player (ratings as stored; the ladder's initial rating if never rated). */
  states: RatingState[];
  /** For a match already settled: what each player's row recorded. */
  recorded: Array<{
    playerId: string;
    team: number;
    ratingBefore: number | null;
    deviationBefore: number | null;
    ratingAfter: number | null;
    deviationAfter: number | null;
    result: PlayerResult | null;
  }>;
}

/** One result, written in one batch: ladder sequence, match, players, ledger. */
export interface ResultPlan {
  guildId: string;
  ladderId: string;
  matchId: string;
  season: number;
  fromMatchVersion: number;
  ranks: number[];
  winnerTeam: number | null;
  resultType: "win" | "draw" | "placement";
  appliedAt: Date;
  entries: Array<RatedEntry & { fromVersion: number }>;
}

export type LobbyRow = InferSelectModel<typeof schema.lobbies>;
export type MatchReportRow = InferSelectModel<typeof schema.matchReports>;

/** A Discord user as an interaction names them: registered as a player on first use. */
export interface DiscordMember {
  discordUserId: string;
  displayName: string;
}

export interface LobbyMemberView {
  slot: number;
  party: string | null;
  playerId: string;
  discordUserId: string;
  displayName: string;
  /** Null until the player has a rating in the lobby's ladder. */
  rating: number | null;
  deviation: number | null;
}

export interface LobbyView {
  lobby: LobbyRow;
  ladder: Ladder;
  members: LobbyMemberView[];
}
export type { ReportState, StartMatch } from "./lobby-matches";
