/**
 * Round by round: pair the next round (one action, safe to repeat), report and correct results,
 * finish. Rated games are settled into the ladder right after their result, and again (for anything
 * a crash left behind) before pairing and finishing.
 */
import { type Actor, type PlaySnapshot, type Repository, RoundTaken, type RoundPlan, type SnapshotPairing } from "../../db/repository";
import { ConflictError, NotFoundError } from "../../errors";
import { retryConflicts } from "../retry";
import { dependentsOf } from "./bracket";
import type { ExpectedRound, ServiceOptions } from "./index";
import { isElimination, nextPairings, playoffStage, stageStates, swissField } from "./play";
import { settle, settleAll } from "./rating";
import { checkResult, invalid, notRunning } from "./rules";
import type { PairingResult, PairingView, RoundView, TournamentView } from "./types";
import { buildView, pairingView, roundViews } from "./view";

const incomplete = () => new ConflictError("Every game of the current round needs its result first", { reason: "ROUND_INCOMPLETE" });

function latestRound(snap: PlaySnapshot): RoundView {
  const round = roundViews(snap).at(-1);
  if (!round) throw new Error("no round after pairing");
  return round;
}

function checkExpected({ stage, round }: ExpectedRound): void {
  const positive = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1);
  if (!positive(round)) throw invalid("round must be a positive integer", "round");
  if (!positive(stage)) throw invalid("stage must be a positive integer", "stage");
  if (stage !== undefined && round === undefined) throw invalid("stage needs the round expected within it", "round");
}

const mismatch = (message: string, next: { stage: number; round: number }) =>
  new ConflictError(message, { reason: "ROUND_MISMATCH", next: next.round, nextStage: next.stage });

/**
 * Pairs the next round: only when every game of the current round has its result. `round` (the
 * number within `stage` the caller expects to create; `stage` defaults to the current stage) makes
 * a repeat harmless: when that round exists it is returned; when it is not the one the next pairing
 * would create, a 409 ROUND_MISMATCH names the next one (`details.nextStage`, `details.next`).
 * A playoff's rounds restart at 1, so the pairing that starts it is expected as `{ stage: 2,
 * round: 1 }` (a bare `round: 1` names the current stage's round 1). Without `round`, a call that
 * loses a race on the unique (stage, number) key returns the winner's round, while one that reads
 * after the winner committed sees an incomplete round (409 ROUND_INCOMPLETE): never two rounds.
 * Buttons and retries should send `stage` and `round`. With nothing left to pair the answer is a
 * 409 NOTHING_TO_PAIR (finish instead). Swiss: format rounds or ⌈log2 n⌉, dropped entrants leave,
 * late ones join. Round robin: the circle schedule fixed at the start (a dropped entrant's games are
 * forfeits). Elimination: every match whose two entrants are known. After the last round of a
 * Swiss / round-robin stage with a top cut, the next pairing starts the playoff.
 */
export async function pairNextRound(
  repo: Repository,
  guildId: string,
  tournamentId: string,
  actor: Actor,
  options: ServiceOptions & ExpectedRound,
): Promise<RoundView> {
  checkExpected(options);
  return retryConflicts({}, async () => {
    let snap = await repo.tournamentPlay.load(guildId, tournamentId);
    if (snap.tournament.status !== "running") throw notRunning(snap.tournament.name, snap.tournament.status, "pairing");
    if (await settleAll(repo, snap, actor, options)) snap = await repo.tournamentPlay.load(guildId, tournamentId);
    const current = stageStates(snap).at(-1);
    if (!current) throw incomplete();
    const wanted = options.round === undefined ? null : { stage: options.stage ?? current.stage.number, round: options.round };
    const existing = wanted && findRound(snap, wanted);
    if (existing) return existing;
    if (current.games.some((g) => g.result === null)) throw incomplete();
    const last = current.rounds.at(-1);
    let plan: RoundPlan;
    let stageNumber = current.stage.number;
    const base = { tournamentId: snap.tournament.id, playVersion: snap.playVersion, previousRoundId: last?.id ?? null };
    if (!current.complete) {
      const number = (last?.number ?? 0) + 1;
      const swiss = current.stage.kind === "swiss" ? swissField(snap.registrations) : null;
      const pairings = nextPairings(snap, current.stage.kind, current.entrants, current.games, number, swiss?.ids ?? current.entrants);
      plan = { ...base, stage: { id: current.stage.id }, previousStageId: null, number, pairings, seeds: swiss?.seeds ?? [] };
    } else {
      const next = current.stage.number === 1 ? playoffStage(snap, current) : null;
      if (!next) throw new ConflictError("Nothing is left to pair: finish the tournament", { reason: "NOTHING_TO_PAIR" });
      const pairings = nextPairings(snap, next.kind, next.entrants, [], 1, next.entrants);
      plan = { ...base, stage: next, previousStageId: current.stage.id, number: 1, pairings, seeds: [] };
      stageNumber = next.number;
    }
    if (plan.pairings.length === 0) throw new ConflictError("Nothing is left to pair: finish the tournament", { reason: "NOTHING_TO_PAIR" });
    const coming = { stage: stageNumber, round: plan.number };
    if (wanted && (wanted.stage !== coming.stage || wanted.round !== coming.round)) {
      throw mismatch(`The next round is round ${coming.round} of stage ${coming.stage}, not round ${wanted.round} of stage ${wanted.stage}`, coming);
    }
    try {
      await repo.tournamentPlay.pairRound(plan, actor);
    } catch (error) {
      if (!(error instanceof RoundTaken)) throw error;
      // A concurrent pairing won: its round is the answer, unless the caller expected another one.
      const after = await repo.tournamentPlay.load(guildId, tournamentId);
      const round = wanted ? findRound(after, wanted) : latestRound(after);
      if (!round) throw new ConflictError("Another round was paired meanwhile", { reason: "ROUND_MISMATCH" });
      return round;
    }
    return latestRound(await repo.tournamentPlay.load(guildId, tournamentId));
  });
}

function findRound(snap: PlaySnapshot, wanted: { stage: number; round: number }): RoundView | null {
  return roundViews(snap).find((r) => r.stage === wanted.stage && r.number === wanted.round) ?? null;
}

function findPairing(snap: PlaySnapshot, pairingId: string): { pairing: SnapshotPairing; kind: PlaySnapshot["stages"][number] } {
  const pairing = snap.pairings.find((p) => p.id === pairingId.toLowerCase());
  const kind = snap.stages.find((s) => s.id === pairing?.stageId);
  if (!pairing || !kind) throw new NotFoundError("pairing", pairingId);
  return { pairing, kind };
}

const played = (snap: PlaySnapshot, p: SnapshotPairing, result: PairingResult): PairingView => ({
  ...pairingView(snap, { ...p, result }),
  matchId: snap.tournament.rated && p.entrantB !== null && !p.forfeit ? p.id : null,
});

/** First report wins; the same result again is a no-op; a different one is a 409 (use correctResult). */
export async function reportResult(
  repo: Repository,
  guildId: string,
  tournamentId: string,
  pairingId: string,
  result: PairingResult,
  actor: Actor,
  options: ServiceOptions,
): Promise<PairingView> {
  checkResult(result);
  const snap = await repo.tournamentPlay.load(guildId, tournamentId);
  const { pairing, kind: stage } = findPairing(snap, pairingId);
  if (result === "draw" && isElimination(stage.kind)) throw invalid("An elimination game needs a winner", "result");
  const conflict = (stored: PairingResult) =>
    new ConflictError(`This game's result is already ${stored}; a different result needs a correction`, { reason: "RESULT_EXISTS", result: stored });
  if (pairing.result === null) {
    if (snap.tournament.status !== "running") throw notRunning(snap.tournament.name, snap.tournament.status, "reporting");
    const written = await repo.tournamentPlay.report(snap.tournament.id, pairing.id, result, actor);
    if (!written) {
      const again = findPairing(await repo.tournamentPlay.load(guildId, tournamentId), pairingId).pairing;
      if (again.result === null) throw notRunning(snap.tournament.name, "not running", "reporting");
      if (again.result !== result) throw conflict(again.result);
    }
  } else if (pairing.result !== result) throw conflict(pairing.result);
  await settle(repo, snap, { ...pairing, result }, actor, options);
  return played(snap, pairing, result);
}

/**
 * Staff correction. Swiss and round robin: any round (later pairings stay as they were; standings
 * change). Elimination: only while no game fed by this one (its winner's or loser's next match) is
 * paired. Never once a later stage (the playoff) exists. Rated games are corrected in the ladder too.
 */
export async function correctResult(
  repo: Repository,
  guildId: string,
  tournamentId: string,
  pairingId: string,
  result: PairingResult,
  actor: Actor,
  options: ServiceOptions,
): Promise<PairingView> {
  checkResult(result);
  return retryConflicts({}, async () => {
    const snap = await repo.tournamentPlay.load(guildId, tournamentId);
    const { pairing, kind: stage } = findPairing(snap, pairingId);
    if (result === "draw" && isElimination(stage.kind)) throw invalid("An elimination game needs a winner", "result");
    if (pairing.result === null) throw new ConflictError("This game has no result yet: report it", { reason: "NOT_REPORTED" });
    if (pairing.entrantB === null || pairing.forfeit) throw new ConflictError("A bye or a forfeit has no result to correct", { reason: "NOT_PLAYED" });
    if (snap.tournament.status !== "running" && snap.tournament.status !== "finished")
      throw notRunning(snap.tournament.name, snap.tournament.status, "a correction");
    if (pairing.result !== result) {
      const dependents = isElimination(stage.kind) && pairing.slot ? dependentsOf(stage.kind, stage.entrants ?? [], pairing.slot) : [];
      const paired = snap.pairings.some((p) => p.stageId === stage.id && p.slot !== null && dependents.includes(p.slot));
      if (paired) throw new ConflictError("A later game already depends on this result", { reason: "DEPENDENT_PAIRED" });
      if (snap.stages.some((s) => s.number > stage.number))
        throw new ConflictError("The playoff already started from these standings", { reason: "LATER_STAGE" });
      const input = {
        tournamentId: snap.tournament.id,
        pairingId: pairing.id,
        stageId: stage.id,
        stageNumber: stage.number,
        from: pairing.result,
        to: result,
        dependents,
      };
      const row = await repo.tournamentPlay.correct(input, actor);
      // Refused in SQL: something changed since the read; the next attempt's fresh read explains it.
      if (!row) throw new ConflictError("The game changed while correcting; try again", { retryable: true });
    }
    await settle(repo, snap, { ...pairing, result }, actor, options);
    return played(snap, pairing, result);
  });
}

/** Finishes when every round is complete and nothing remains to pair; a repeat returns the finished view. */
export async function finishTournament(
  repo: Repository,
  guildId: string,
  tournamentId: string,
  actor: Actor,
  options?: ServiceOptions,
): Promise<TournamentView> {
  return retryConflicts({}, async () => {
    let snap = await repo.tournamentPlay.load(guildId, tournamentId);
    if (snap.tournament.status === "finished") return buildView(snap);
    if (snap.tournament.status !== "running") throw notRunning(snap.tournament.name, snap.tournament.status, "finishing");
    if (await settleAll(repo, snap, actor, { now: options?.now ?? (() => new Date()) })) snap = await repo.tournamentPlay.load(guildId, tournamentId);
    const current = stageStates(snap).at(-1);
    if (!current || current.games.some((g) => g.result === null)) throw incomplete();
    const playoff = current.stage.number === 1 && current.complete ? playoffStage(snap, current) : null;
    if (!current.complete || playoff) throw new ConflictError("Rounds remain to be played: pair the next round", { reason: "ROUNDS_REMAIN" });
    if (!(await repo.tournamentPlay.finish(snap.tournament.id, snap.playVersion, actor))) {
      throw new ConflictError("The tournament changed while finishing; try again", { retryable: true });
    }
    return buildView(await repo.tournamentPlay.load(guildId, tournamentId));
  });
}
