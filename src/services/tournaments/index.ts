/**
 * Tournament lifecycle (issue #10): draft → registration → check-in → running (round by round) →
 * finished. Every step is guarded in SQL (repository), so double clicks and concurrent organisers
 * end in the state of some serial order; repeats of a finished step return its result.
 * Registration and the view are in `entrants.ts`; pairing and results in `rounds.ts`.
 */
import { type Actor, type Repository, RoundTaken, type Tournament } from "../../db/repository";
import { ConflictError } from "../../errors";
import { retryConflicts } from "../retry";
import { seedByRating } from "../../domain/tournament";
import { firstStage, nextPairings } from "./play";
import { invalid } from "./rules";
import type { TournamentView } from "./types";
import { buildView } from "./view";

export type * from "./types";
export { checkInEntrant, dropEntrant, registerEntrant } from "./entrants";
export { correctResult, finishTournament, pairNextRound, reportResult } from "./rounds";

export interface ServiceOptions {
  now: () => Date;
}

/**
 * The round a pairing request expects to create (a repeat then returns it): `round` within
 * `stage`, which defaults to the current stage; a playoff's first round is `{ stage: 2, round: 1 }`.
 */
export interface ExpectedRound {
  stage?: number;
  round?: number;
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

/** Every tournament of a guild, newest first, optionally by status. */
export async function listTournaments(repo: Repository, guildId: string, status?: Tournament["status"]): Promise<Tournament[]> {
  return repo.tournamentPlay.list(guildId, status);
}

/** The whole tournament as one view (entrants, stages, rounds, bracket, standings). One round trip. */
export async function tournamentView(repo: Repository, guildId: string, tournamentId: string): Promise<TournamentView> {
  return buildView(await repo.tournamentPlay.load(guildId, tournamentId));
}

/**
 * Seeds the field (checked-in entrants if check-in was held, else every registered entrant not
 * dropped), creates stage 1 and pairs round 1, all in one guarded batch. Starting a tournament that
 * is already running (a double click) returns it as it is.
 */
export async function startTournament(
  repo: Repository,
  guildId: string,
  tournamentId: string,
  input: StartInput,
  actor: Actor,
  _options: ServiceOptions,
): Promise<TournamentView> {
  const seeding = input.seeding ?? "rating";
  if (!["rating", "registration", "manual"].includes(seeding)) throw invalid("seeding must be rating, registration or manual", "seeding");
  return retryConflicts({}, async () => {
    const snap = await repo.tournamentPlay.load(guildId, tournamentId);
    const { tournament } = snap;
    if (tournament.status === "running" && snap.stages.length > 0) return buildView(snap);
    if (tournament.status !== "registration" && tournament.status !== "check_in") {
      throw new ConflictError(`Tournament ${tournament.name} is ${tournament.status}; start needs registration or check_in`, {
        reason: "TOURNAMENT_STATUS",
        status: tournament.status,
      });
    }
    const statuses: ("registered" | "checked_in")[] = tournament.status === "check_in" ? ["checked_in"] : ["registered", "checked_in"];
    const playing = snap.registrations.filter((r) => r.status !== "dropped" && statuses.includes(r.status));
    if (playing.length < 2) {
      throw new ConflictError(`A tournament needs at least 2 entrants; ${playing.length} can play`, {
        reason: "NOT_ENOUGH_ENTRANTS",
        entrants: playing.length,
      });
    }
    if (tournament.topCut !== null && (snap.format.kind === "single_elimination" || snap.format.kind === "double_elimination")) {
      throw invalid("A top cut follows a Swiss or round-robin stage; this format is an elimination", "topCut");
    }
    if (tournament.topCut !== null && tournament.topCut > playing.length) {
      throw new ConflictError(`The top cut of ${tournament.topCut} needs at least that many entrants; ${playing.length} can play`, {
        reason: "NOT_ENOUGH_ENTRANTS",
        entrants: playing.length,
      });
    }
    let field: string[];
    if (seeding === "registration") field = playing.map((r) => r.id);
    else if (seeding === "manual") {
      const order = input.order ?? [];
      const ids = new Set(playing.map((r) => r.id));
      if (order.length !== ids.size || new Set(order).size !== order.length || order.some((id) => !ids.has(id))) {
        throw invalid("order must list every playing entrant's registration id exactly once", "order");
      }
      field = [...order];
    } else {
      const rosterRating = (id: string, own: number | null) => {
        const members = snap.rosters.filter((m) => m.registrationId === id);
        const ratings = members.length > 0 ? members.map((m) => m.rating ?? snap.ladder.initialRating) : [own ?? snap.ladder.initialRating];
        return ratings.reduce((a, b) => a + b, 0) / ratings.length;
      };
      field = seedByRating(playing.map((r) => ({ id: r.id, rating: rosterRating(r.id, r.rating) })));
    }
    const stage = firstStage(snap, field);
    const pairings = nextPairings(snap, stage.kind, field, [], 1, field);
    const plan = {
      tournamentId: tournament.id,
      playVersion: snap.playVersion,
      stage,
      previousStageId: null,
      previousRoundId: null,
      number: 1,
      pairings,
      seeds: field.map((id, i): [string, number] => [id, i + 1]),
    };
    try {
      await repo.tournamentPlay.start(plan, { status: tournament.status, nextSeq: tournament.nextSeq, playing: statuses }, actor);
    } catch (error) {
      // Lost to a concurrent start (the stage exists) or the field changed: a fresh read decides.
      if (error instanceof RoundTaken) {
        const again = await repo.tournamentPlay.load(guildId, tournamentId);
        if (again.stages.length > 0) return buildView(again);
        throw new ConflictError("The tournament changed while starting; try again", { retryable: true });
      }
      throw error;
    }
    return tournamentView(repo, guildId, tournamentId);
  });
}
