/**
 * The repository: one object per request over one connection. Routes, jobs and services use only
 * this (never drizzle directly); the dialect stays inside `connect.ts`.
 */
import type { Database } from "../connect";
import { apiKeyRepository } from "./api-keys";
import type { RepoContext } from "./context";
import { analyticsRepository } from "./analytics";
import { correctionRepository } from "./corrections";
import { guildRepository } from "./guilds";
import { healthRepository } from "./health";
import { idempotencyRepository } from "./idempotency";
import { importRepository } from "./imports";
import { ladderRepository } from "./ladders";
import { leaderboardRepository } from "./leaderboard";
import { lobbyRepository } from "./lobbies";
import { lobbyMatchRepository } from "./lobby-matches";
import { profileRepository } from "./profiles";
import { receiptRepository } from "./receipts";
import { ledgerRepository } from "./ledger";
import { matchRepository } from "./matches";
import { playerRepository } from "./players";
import { resultRepository } from "./results";
import { seasonRepository } from "./seasons";
import { tournamentPlayRepository } from "./tournament-play";
import { tournamentRepository } from "./tournaments";

export type * from "./types";
export type { ApiKey } from "./api-keys";
export type { NewPairing, NewStage, PlaySnapshot, RoundPlan, SnapshotPairing, SnapshotRegistration, SnapshotRosterMember, Stage } from "./tournament-play";
export { RoundTaken } from "./tournament-rounds";
export type { FormatInput, Registration, Tournament, TournamentFormat, TournamentInput, TournamentStatus, TournamentStep, Venue } from "./tournaments";

export function createRepository(database: Database, options: Partial<Omit<RepoContext, "database">> = {}): Repository {
  const ctx: RepoContext = {
    database,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
  return {
    backend: { dialect: database.dialect, transport: database.transport },
    guilds: guildRepository(ctx),
    ladders: ladderRepository(ctx),
    seasons: seasonRepository(ctx),
    corrections: correctionRepository(ctx),
    players: playerRepository(ctx),
    matches: matchRepository(ctx),
    results: resultRepository(ctx),
    leaderboard: leaderboardRepository(ctx),
    ledger: ledgerRepository(ctx),
    health: healthRepository(ctx),
    lobbies: lobbyRepository(ctx),
    lobbyMatches: lobbyMatchRepository(ctx),
    receipts: receiptRepository(ctx),
    profiles: profileRepository(ctx),
    apiKeys: apiKeyRepository(ctx),
    idempotency: idempotencyRepository(ctx),
    analytics: analyticsRepository(ctx),
    imports: importRepository(ctx),
    tournaments: tournamentRepository(ctx),
    tournamentPlay: tournamentPlayRepository(ctx),
    /** The same database with another clock (seeding history, tests of time). */
    withClock: (clock: () => Date) => createRepository(database, { ...options, now: clock }),
  };
}

export interface Repository {
  backend: { dialect: Database["dialect"]; transport: Database["transport"] };
  guilds: ReturnType<typeof guildRepository>;
  ladders: ReturnType<typeof ladderRepository>;
  seasons: ReturnType<typeof seasonRepository>;
  corrections: ReturnType<typeof correctionRepository>;
  players: ReturnType<typeof playerRepository>;
  matches: ReturnType<typeof matchRepository>;
  results: ReturnType<typeof resultRepository>;
  leaderboard: ReturnType<typeof leaderboardRepository>;
  ledger: ReturnType<typeof ledgerRepository>;
  health: ReturnType<typeof healthRepository>;
  lobbies: ReturnType<typeof lobbyRepository>;
  lobbyMatches: ReturnType<typeof lobbyMatchRepository>;
  receipts: ReturnType<typeof receiptRepository>;
  profiles: ReturnType<typeof profileRepository>;
  apiKeys: ReturnType<typeof apiKeyRepository>;
  idempotency: ReturnType<typeof idempotencyRepository>;
  analytics: ReturnType<typeof analyticsRepository>;
  imports: ReturnType<typeof importRepository>;
  tournaments: ReturnType<typeof tournamentRepository>;
  tournamentPlay: ReturnType<typeof tournamentPlayRepository>;
  withClock(clock: () => Date): Repository;
}
