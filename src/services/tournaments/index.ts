/**
 * Tournament lifecycle (issue #10): draft → registration → check-in → running (round by round) →
 * finished. Every step is guarded in SQL (repository), so double clicks and concurrent organisers
 * end in the state of some serial order; repeats of a finished step return its result.
 *
 * INTERFACE ONLY on branch t-base: the implementation lands from branch t-core.
 */
import type { Actor, Repository, Tournament } from "../../db/repository";
import type { PairingResult, PairingView, RoundView, TournamentView } from "./types";

export type * from "./types";

export interface ServiceOptions {
  now: () => Date;
}

export interface RegisterInput {
  playerId: string;
  /** Team tournaments: the team's name and its members (the captain, `playerId`, is added first). */
  teamName?: string;
  roster?: string[];
}

export interface StartInput {
  /** "rating" (default): by ladder rating, best first; "registration": by registration number; "manual": `order`. */
  seeding?: "rating" | "registration" | "manual";
  /** Manual seeding: every entrant's registration id, top seed first. */
  order?: string[];
}

const pending = (): never => {
  throw new Error("tournament service: implemented on branch t-core");
};

/** Every tournament of a guild, newest first, optionally by status. */
export async function listTournaments(_repo: Repository, _guildId: string, _status?: Tournament["status"]): Promise<Tournament[]> {
  return pending();
}

/** The whole tournament as one view (entrants, stages, rounds, bracket, standings). */
export async function tournamentView(_repo: Repository, _guildId: string, _tournamentId: string): Promise<TournamentView> {
  return pending();
}

export async function registerEntrant(
  _repo: Repository,
  _guildId: string,
  _tournamentId: string,
  _input: RegisterInput,
  _actor: Actor,
): Promise<TournamentView> {
  return pending();
}

/** Leaving before the start deletes nothing: the registration is dropped (its number stays used). */
export async function dropEntrant(_repo: Repository, _guildId: string, _tournamentId: string, _playerId: string, _actor: Actor): Promise<TournamentView> {
  return pending();
}

export async function checkInEntrant(_repo: Repository, _guildId: string, _tournamentId: string, _playerId: string, _actor: Actor): Promise<TournamentView> {
  return pending();
}

/** Seeds the field (checked-in entrants if check-in was held), creates stage 1 and pairs round 1. */
export async function startTournament(
  _repo: Repository,
  _guildId: string,
  _tournamentId: string,
  _input: StartInput,
  _actor: Actor,
  _options: ServiceOptions,
): Promise<TournamentView> {
  return pending();
}

/**
 * Pairs the next round: only when every game of the current round has its result. `round` (the
 * number the caller expects to create) makes a repeat harmless: an existing round `round` is returned.
 */
export async function pairNextRound(
  _repo: Repository,
  _guildId: string,
  _tournamentId: string,
  _actor: Actor,
  _options: ServiceOptions & { round?: number },
): Promise<RoundView> {
  return pending();
}

/** First report wins; the same result again is a no-op; a different one is a 409 (use correctResult). */
export async function reportResult(
  _repo: Repository,
  _guildId: string,
  _tournamentId: string,
  _pairingId: string,
  _result: PairingResult,
  _actor: Actor,
  _options: ServiceOptions,
): Promise<PairingView> {
  return pending();
}

/** Staff correction; refused (409) when a later game already depends on the winner (elimination). */
export async function correctResult(
  _repo: Repository,
  _guildId: string,
  _tournamentId: string,
  _pairingId: string,
  _result: PairingResult,
  _actor: Actor,
  _options: ServiceOptions,
): Promise<PairingView> {
  return pending();
}

/** Finishes when every round is complete and nothing remains to pair. */
export async function finishTournament(_repo: Repository, _guildId: string, _tournamentId: string, _actor: Actor): Promise<TournamentView> {
  return pending();
}
