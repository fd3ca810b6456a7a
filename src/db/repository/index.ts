/**
 * The repository: one object per request over one connection. Routes, jobs and services use only
 * this (never drizzle directly); the dialect stays inside `connect.ts`.
 */
import type { Database } from "../connect";
import type { RepoContext } from "./context";
import { guildRepository } from "./guilds";
import { healthRepository } from "./health";
import { leaderboardRepository } from "./leaderboard";
import { ledgerRepository } from "./ledger";
import { matchRepository } from "./matches";
import { playerRepository } from "./players";
import { resultRepository } from "./results";

export type * from "./types";

export function createRepository(database: Database, options: Partial<Omit<RepoContext, "database">> = {}) {
  const ctx: RepoContext = {
    database,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
  return {
    backend: { dialect: database.dialect, transport: database.transport },
    guilds: guildRepository(ctx),
    players: playerRepository(ctx),
    matches: matchRepository(ctx),
    results: resultRepository(ctx),
    leaderboard: leaderboardRepository(ctx),
    ledger: ledgerRepository(ctx),
    health: healthRepository(ctx),
  };
}

export type Repository = ReturnType<typeof createRepository>;
