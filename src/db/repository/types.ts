/**
 * The repository contract: what routes, jobs and services may ask of storage. Both dialects run the
 * same implementation; the contract suite (test/contract) proves it on every transport.
 */
import type { InferSelectModel } from "drizzle-orm";
import type * as schema from "../schema/sqlite";

export type Guild = InferSelectModel<typeof schema.guilds>;
export type Player = InferSelectModel<typeof schema.players>;
export type MatchRow = InferSelectModel<typeof schema.matches>;
export type MatchStatus = MatchRow["status"];
export type HealthCheck = InferSelectModel<typeof schema.healthChecks>;
export type LedgerEntry = InferSelectModel<typeof schema.ratingLedger>;

/** Who did it, recorded in the audit columns: "discord:<user id>", "admin", "system", ... */
export type Actor = string;

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PageQuery {
  limit: number;
  cursor?: string;
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
  result: "win" | "loss" | "draw" | null;
  /** The player's rating now (not as of the match). */
  current: { rating: number; deviation: number; volatility: number };
}

export interface Match extends MatchRow {
  players: MatchPlayerView[];
}

export interface NewMatch {
  guildId: string;
  /** Player ids per team. */
  teams: string[][];
  /** Optional per-player weight in (0, 1] (substitutes). */
  weights?: Record<string, number>;
  idempotencyKey?: string;
}

/** A player's rating and record, as both the leaderboard and the result snapshot read them. */
export type PlayerStanding = Pick<Player, "rating" | "deviation" | "volatility" | "games" | "wins" | "losses" | "draws" | "lastPlayedAt">;

export interface LeaderboardEntry extends PlayerStanding {
  rank: number;
  playerId: string;
  discordUserId: string;
  displayName: string;
}

/** Everything needed to rate a match, read in one round trip. */
export interface ResultSnapshot {
  match: Pick<MatchRow, "id" | "guildId" | "status" | "version" | "teamCount" | "ranks">;
  players: Array<
    PlayerStanding & {
      playerId: string;
      team: number;
      weight: number;
      ratingVersion: number;
      ratingBefore: number | null;
      deviationBefore: number | null;
      ratingAfter: number | null;
      deviationAfter: number | null;
      result: "win" | "loss" | "draw" | null;
    }
  >;
}

export interface RatingChange {
  playerId: string;
  team: number;
  weight: number;
  /** The player's rating_version this change was computed from; the write is refused otherwise. */
  fromVersion: number;
  before: { rating: number; deviation: number; volatility: number };
  after: { rating: number; deviation: number; volatility: number };
  expected: number;
  score: number;
  result: "win" | "loss" | "draw";
}

/** One result, to be written in one batch: match status, every player, the ledger. */
export interface ResultPlan {
  guildId: string;
  matchId: string;
  fromMatchVersion: number;
  ranks: number[];
  winnerTeam: number | null;
  resultType: "win" | "draw" | "placement";
  appliedAt: Date;
  changes: RatingChange[];
}
