/**
 * An elimination stage's bracket as it stands: the pure bracket from the stage's seeded field, with
 * every match's entrants, winner and loser resolved from the stored games (keyed by bracket slot).
 */
import type { SnapshotPairing } from "../../db/repository";
import { type BracketMatch, doubleElimination, singleElimination } from "../../domain/tournament";

export interface BracketMatchState {
  match: BracketMatch;
  /** Who fills each slot, once known (registration ids). */
  entrants: [string | null, string | null];
  game: SnapshotPairing | null;
  winner: string | null;
  loser: string | null;
  /** The grand-final reset, not needed because the winners-bracket champion won GF1. */
  skipped: boolean;
}

export function bracketMatches(kind: "single_elimination" | "double_elimination", entrants: string[]): BracketMatch[] {
  return kind === "single_elimination" ? singleElimination(entrants).matches : doubleElimination(entrants).matches;
}

/** Resolves every match in bracket order (the domain lists feeders before their use). */
export function resolveBracket(kind: "single_elimination" | "double_elimination", entrants: string[], games: readonly SnapshotPairing[]): BracketMatchState[] {
  const bySlot = new Map(games.filter((g) => g.slot !== null).map((g) => [g.slot as string, g]));
  const states = new Map<string, BracketMatchState>();
  const out: BracketMatchState[] = [];
  for (const match of bracketMatches(kind, entrants)) {
    const fill = (i: 0 | 1): string | null => {
      const source = match.slots[i];
      if (source.kind === "seed") return source.entrant;
      const from = states.get(source.match);
      return (source.kind === "winner" ? from?.winner : from?.loser) ?? null;
    };
    const game = bySlot.get(match.id) ?? null;
    const decided = game !== null && game.result !== null;
    const a = game?.entrantA ?? null;
    const b = game?.entrantB ?? null;
    const winner = decided ? (game.result === "b" ? b : a) : null;
    const loser = decided ? (game.result === "b" ? a : b) : null;
    const feeder = match.onlyIfReset ? states.get("GF1") : undefined;
    const skipped = match.onlyIfReset === true && feeder?.game?.result === "a";
    const state: BracketMatchState = { match, entrants: [fill(0), fill(1)], game, winner, loser, skipped };
    states.set(match.id, state);
    out.push(state);
  }
  return out;
}

/** Matches whose two entrants are known and that are not paired yet (nor skipped): the next round. */
export function pairable(states: readonly BracketMatchState[]): BracketMatchState[] {
  return states.filter((s) => s.game === null && !s.skipped && s.entrants[0] !== null && s.entrants[1] !== null);
}

/** Every match decided or skipped. */
export function bracketComplete(states: readonly BracketMatchState[]): boolean {
  return states.every((s) => s.skipped || (s.game !== null && s.game.result !== null));
}

/** The bracket slots fed by a match (its winner or loser plays there). */
export function dependentsOf(kind: "single_elimination" | "double_elimination", entrants: string[], slot: string): string[] {
  return bracketMatches(kind, entrants)
    .filter((m) => m.slots.some((s) => s.kind !== "seed" && s.match === slot))
    .map((m) => m.id);
}

/**
 * How far each entrant got, for placement standings: a larger key is a later exit; entrants still
 * in (and the champion) have none. Single elimination: the round lost in. Double: the losers round
 * of the second loss, and the grand final above all (its loser is the runner-up).
 */
export function exits(kind: "single_elimination" | "double_elimination", states: readonly BracketMatchState[]): Map<string, number> {
  const losses = new Map<string, number>();
  const out = new Map<string, number>();
  for (const s of states) {
    if (s.loser === null) continue;
    const key = s.match.side === "final" ? 1000 + s.match.round : s.match.round;
    const count = (losses.get(s.loser) ?? 0) + 1;
    losses.set(s.loser, count);
    if (kind === "single_elimination" || count >= 2 || s.match.side === "losers") out.set(s.loser, key);
    // The losers-bracket champion losing GF1 is out; the winners-bracket champion gets the reset.
    else if (s.match.id === "GF1" && s.loser === s.entrants[1]) out.set(s.loser, key);
  }
  return out;
}
