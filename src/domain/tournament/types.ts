import { DomainError } from "../errors.js";

/**
 * Shared vocabulary of the tournament formats. Entrants are opaque ids (players or teams); their
 * order in every `entrants` array is the seed order (index 0 = top seed), so ties always fall
 * back to it and every function is deterministic.
 */
export type EntrantId = string;

/** Points per result; a bye is worth `bye` (by default a win, as most Swiss rules count it). */
export interface PointsFormat {
  win: number;
  draw: number;
  loss: number;
  bye: number;
}

export const CHESS_POINTS: PointsFormat = { win: 1, draw: 0.5, loss: 0, bye: 1 };
export const FOOTBALL_POINTS: PointsFormat = { win: 3, draw: 1, loss: 0, bye: 3 };

/**
 * One finished game as a database row would hold it: `b === null` is a bye for `a` (its
 * `result` is ignored). Players who withdrew may still appear here: their games keep counting
 * for their opponents' scores and tiebreaks.
 */
export interface GameRecord {
  a: EntrantId;
  b: EntrantId | null;
  result: "a" | "b" | "draw";
}

/** A pairing to be played: `a` is the higher-ranked side (first board, home, white). */
export interface Pairing {
  a: EntrantId;
  b: EntrantId;
}

/** Refuses fields the formats cannot handle: empty or repeated ids. */
export function checkEntrants(entrants: readonly EntrantId[]): void {
  const seen = new Set<EntrantId>();
  for (const id of entrants) {
    if (typeof id !== "string" || id.length === 0) throw new DomainError("INVALID_PLAYER", "entrant ids must be non-empty strings");
    if (seen.has(id)) throw new DomainError("DUPLICATE_PLAYER", `entrant ${id} is listed twice`);
    seen.add(id);
  }
}

/**
 * Points must be finite, non-negative multiples of ½ (chess 1-½-0, football 3-1-0, …): Swiss
 * pairing compares scores exactly, in half points, inside integer matching weights.
 */
export function checkPoints(points: PointsFormat): void {
  for (const key of ["win", "draw", "loss", "bye"] as const) {
    const v = points[key];
    if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v * 2)) {
      throw new DomainError("INVALID_CONFIG", `points.${key} must be a non-negative multiple of 0.5, got ${String(v)}`);
    }
  }
}

/** Points each side earned in a game (a bye: `bye` for a, nothing for the absent side). */
export function gamePoints(game: GameRecord, points: PointsFormat): [number, number] {
  if (game.b === null) return [points.bye, 0];
  if (game.result === "draw") return [points.draw, points.draw];
  return game.result === "a" ? [points.win, points.loss] : [points.loss, points.win];
}

/** Validates the history's shape (no self-games, known results) before any format reads it. */
export function checkGames(games: readonly GameRecord[]): void {
  for (const g of games) {
    if (g.a === g.b) throw new DomainError("INVALID_MATCH", `${g.a} cannot play itself`);
    if (g.result !== "a" && g.result !== "b" && g.result !== "draw") {
      throw new DomainError("INVALID_MATCH", `result must be "a", "b" or "draw", got ${String(g.result)}`);
    }
  }
}

/** Total points per id over the games, entrants or not (withdrawn players keep their score). */
export function scoresOf(games: readonly GameRecord[], points: PointsFormat): Map<EntrantId, number> {
  const scores = new Map<EntrantId, number>();
  for (const g of games) {
    const [pa, pb] = gamePoints(g, points);
    scores.set(g.a, (scores.get(g.a) ?? 0) + pa);
    if (g.b !== null) scores.set(g.b, (scores.get(g.b) ?? 0) + pb);
  }
  return scores;
}
