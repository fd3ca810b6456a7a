/** Enumerations shared by both dialect schemas (and their CHECK constraints) and by the contract. */
import { sql } from "drizzle-orm";
export const MATCH_STATUSES = ["pending", "completed", "cancelled", "voided"] as const;
export const MATCH_RESULT_TYPES = ["win", "draw", "placement"] as const;
export const PLAYER_RESULTS = ["win", "loss", "draw"] as const;
export const RESET_MODES = ["full", "soft"] as const;
export const CORRECTION_KINDS = ["correct", "void"] as const;
/**
 * A Discord lobby's life: open (collecting) -> proposed (teams shown) -> started (match pending)
 * -> completed, or disputed (contradicting reports, staff resolve), cancelled, expired (cron).
 */
export const LOBBY_STATUSES = ["open", "proposed", "started", "disputed", "completed", "cancelled", "expired"] as const;
/** A lobby players join with buttons, or a proposal made at once from mentions (`/balance`). */
export const LOBBY_KINDS = ["lobby", "balance"] as const;

/** The balancer's best split and its alternatives, stored so Reshuffle and Start show what was proposed. */
export interface LobbyProposal {
  splits: Array<{ teams: string[][]; sums: number[]; winProbabilities: number[] }>;
  exact: boolean;
}
export const HEALTH_STATUSES = ["healthy", "degraded", "down"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Tournaments (issue #10): the formats `src/domain/tournament` implements. */
export const TOURNAMENT_FORMAT_KINDS = ["swiss", "round_robin", "single_elimination", "double_elimination"] as const;
/** draft -> registration -> check_in -> running -> finished; each step a guarded UPDATE. */
export const TOURNAMENT_STATUSES = ["draft", "registration", "check_in", "running", "finished"] as const;
export const REGISTRATION_STATUSES = ["registered", "checked_in", "dropped"] as const;
/** Stages and rounds: made ahead (pending), played (running), closed (finished). */
export const PHASE_STATUSES = ["pending", "running", "finished"] as const;
/** A pairing's result as the standings read it (`GameRecord.result`); NULL until played. */
export const PAIRING_RESULTS = ["a", "b", "draw"] as const;

/** `col in ('a', 'b')`: the enum rule in the database too, so a bad write fails on both dialects. */
export const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
