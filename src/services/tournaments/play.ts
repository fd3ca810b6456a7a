/**
 * What the stored rows say about play, and what comes next: per stage its rounds and games, whether
 * it is complete, and the pairings of the next round (Swiss, round robin, elimination, or the top-cut
 * playoff that follows a Swiss / round-robin stage). Pure over the snapshot: no I/O here.
 */
import type { NewPairing, NewStage, PlaySnapshot, SnapshotPairing, SnapshotRegistration, Stage } from "../../db/repository";
import { computeStandings, type GameRecord, type PointsFormat, pairSwissRound, roundRobin } from "../../domain/tournament";
import { bracketComplete, type BracketMatchState, pairable, resolveBracket } from "./bracket";

type Round = PlaySnapshot["rounds"][number];
export type EliminationKind = "single_elimination" | "double_elimination";

export interface StageState {
  stage: Stage;
  entrants: string[];
  rounds: Round[];
  games: SnapshotPairing[];
  /** Elimination stages only. */
  bracket: BracketMatchState[] | null;
  /** Swiss and round robin: the planned number of rounds. */
  planned: number | null;
  complete: boolean;
}

export const isElimination = (kind: Stage["kind"]): kind is EliminationKind => kind === "single_elimination" || kind === "double_elimination";

export function pointsOf(snap: PlaySnapshot): PointsFormat {
  const f = snap.format;
  return { win: f.pointsWin, draw: f.pointsDraw, loss: f.pointsLoss, bye: f.pointsBye };
}

/** Swiss: the format's rounds, else ⌈log2 n⌉ (at least 1). Round robin: the circle schedule's length. */
export function plannedRounds(kind: Stage["kind"], rounds: number | null, n: number): number | null {
  if (kind === "swiss") return rounds ?? Math.max(1, Math.ceil(Math.log2(n)));
  if (kind === "round_robin") return n % 2 === 0 ? n - 1 : n;
  return null;
}

export function stageStates(snap: PlaySnapshot): StageState[] {
  return snap.stages.map((stage) => {
    const entrants = stage.entrants ?? [];
    const rounds = snap.rounds.filter((r) => r.stageId === stage.id);
    const games = snap.pairings.filter((p) => p.stageId === stage.id);
    const allIn = games.every((g) => g.result !== null);
    if (isElimination(stage.kind)) {
      const bracket = resolveBracket(stage.kind, entrants, games);
      return { stage, entrants, rounds, games, bracket, planned: null, complete: bracketComplete(bracket) };
    }
    const planned = stage.rounds ?? plannedRounds(stage.kind, null, entrants.length) ?? 0;
    return { stage, entrants, rounds, games, bracket: null, planned, complete: allIn && rounds.length >= planned };
  });
}

export const gameRecords = (games: readonly SnapshotPairing[]): GameRecord[] =>
  games.flatMap((g) => (g.result === null ? [] : [{ a: g.entrantA, b: g.entrantB, result: g.result }]));

/** The Swiss field: every seeded entrant not dropped, plus late entrants (seeded after the rest now). */
export function swissField(registrations: readonly SnapshotRegistration[]): { ids: string[]; seeds: [string, number][] } {
  const seeded = registrations.filter((r) => r.seed !== null).sort((x, y) => (x.seed ?? 0) - (y.seed ?? 0));
  let next = Math.max(0, ...seeded.map((r) => r.seed ?? 0)) + 1;
  const seeds: [string, number][] = registrations.filter((r) => r.seed === null && r.late && r.status !== "dropped").map((r) => [r.id, next++]);
  const ids = [...seeded.filter((r) => r.status !== "dropped").map((r) => r.id), ...seeds.map(([id]) => id)];
  return { ids, seeds };
}

/** Boards 1..k in order; a decided-at-pairing game (bye, forfeit) carries its result. */
function boards(games: Omit<NewPairing, "station">[]): NewPairing[] {
  return games.map((g, i) => ({ ...g, station: i + 1 }));
}

/** A game with a dropped side is a forfeit win for the other (both dropped: not played at all). */
function game(a: string, b: string, slot: string | null, dropped: ReadonlySet<string>): Omit<NewPairing, "station"> | null {
  const da = dropped.has(a);
  const db = dropped.has(b);
  if (da && db) return slot === null ? null : { a, b, slot, result: "a", forfeit: true };
  if (da || db) return { a, b, slot, result: da ? "b" : "a", forfeit: true };
  return { a, b, slot, result: null, forfeit: false };
}

/** The pairings of round `number` of a stage (round 1 of a fresh stage has no games yet). */
export function nextPairings(
  snap: PlaySnapshot,
  kind: Stage["kind"],
  entrants: string[],
  games: readonly SnapshotPairing[],
  number: number,
  field: string[],
): NewPairing[] {
  const dropped = new Set(snap.registrations.filter((r) => r.status === "dropped").map((r) => r.id));
  if (kind === "swiss") {
    const round = pairSwissRound({ entrants: field, history: gameRecords(games), points: pointsOf(snap) });
    const played = round.pairings.map((p) => ({ a: p.a, b: p.b, slot: null, result: null, forfeit: false }));
    const bye = round.bye === null ? [] : [{ a: round.bye, b: null, slot: null, result: "a" as const, forfeit: false }];
    return boards([...played, ...bye]);
  }
  if (kind === "round_robin") {
    const round = roundRobin(entrants)[number - 1];
    if (!round) return [];
    const played = round.pairings.flatMap((p) => game(p.a, p.b, null, dropped) ?? []);
    const bye = round.bye === null || dropped.has(round.bye) ? [] : [{ a: round.bye, b: null, slot: null, result: "a" as const, forfeit: false }];
    return boards([...played, ...bye]);
  }
  const bracket = resolveBracket(kind, entrants, games);
  return boards(pairable(bracket).flatMap((s) => game(s.entrants[0] as string, s.entrants[1] as string, s.match.id, dropped) ?? []));
}

/** Stage 1 of a fresh start: the format's kind over the seeded field. */
export function firstStage(snap: PlaySnapshot, field: string[]): NewStage {
  const kind = snap.format.kind;
  return { number: 1, kind, rounds: plannedRounds(kind, snap.format.rounds, field.length), entrants: field };
}

/** The top-cut playoff: the top N of stage 1's standings, dropped entrants left out. */
export function playoffStage(snap: PlaySnapshot, first: StageState): NewStage | null {
  const cut = snap.tournament.topCut;
  if (cut === null || isElimination(first.stage.kind) || snap.stages.length > 1) return null;
  const dropped = new Set(snap.registrations.filter((r) => r.status === "dropped").map((r) => r.id));
  const table = computeStandings({
    entrants: stageField(snap, first),
    games: gameRecords(first.games),
    points: pointsOf(snap),
    tiebreaks: snap.format.tiebreaks,
  });
  const top = table
    .map((s) => s.entrant)
    .filter((id) => !dropped.has(id))
    .slice(0, cut);
  if (top.length < 2) return null;
  return { number: 2, kind: "single_elimination", rounds: null, entrants: top };
}

/** Everyone who belongs to a Swiss / round-robin stage's table: its field and any late entrant seeded since. */
export function stageField(snap: PlaySnapshot, state: StageState): string[] {
  if (state.stage.kind !== "swiss") return state.entrants;
  const extra = snap.registrations
    .filter((r) => r.seed !== null && !state.entrants.includes(r.id))
    .sort((x, y) => (x.seed ?? 0) - (y.seed ?? 0))
    .map((r) => r.id);
  return [...state.entrants, ...extra];
}
