import { DomainError } from "../errors.js";
import type { EntrantId, GameRecord, PointsFormat } from "./types.js";
import { CHESS_POINTS, checkEntrants, checkGames, checkPoints, gamePoints, scoresOf } from "./types.js";

export type Tiebreak = "buchholz" | "median-buchholz" | "sonneborn-berger" | "head-to-head";

export const DEFAULT_TIEBREAKS: readonly Tiebreak[] = ["buchholz", "median-buchholz", "sonneborn-berger", "head-to-head"];

/** Entrants in seed order (the last tiebreak), every finished game, the points and tiebreak order. */
export interface StandingsRequest {
  entrants: EntrantId[];
  games: GameRecord[];
  points?: PointsFormat;
  tiebreaks?: readonly Tiebreak[];
}

export interface Standing {
  rank: number;
  entrant: EntrantId;
  points: number;
  played: number;
  wins: number;
  draws: number;
  losses: number;
  byes: number;
  /** Σ of the opponents' points (a bye adds nothing). */
  buchholz: number;
  /** Buchholz without the best and worst opponent (only with three or more opponents). */
  medianBuchholz: number;
  /** Σ of beaten opponents' points + ½ Σ of drawn opponents' points. */
  sonnebornBerger: number;
}

/**
 * Ranks by points, then each tiebreak in the given order, then seed, so no two entrants ever
 * share a rank and the same games always give the same table. Head-to-head compares the points
 * scored in games among the entrants still tied, and is applied again to any smaller group it
 * leaves tied (as football's "mini-league" rules do).
 */
export function computeStandings(req: StandingsRequest): Standing[] {
  const points = req.points ?? CHESS_POINTS;
  checkPoints(points);
  checkEntrants(req.entrants);
  checkGames(req.games);
  const tiebreaks = req.tiebreaks ?? DEFAULT_TIEBREAKS;
  for (const t of tiebreaks) {
    if (!DEFAULT_TIEBREAKS.includes(t)) throw new DomainError("INVALID_CONFIG", `unknown tiebreak ${String(t)}`);
  }
  const scores = scoresOf(req.games, points);
  const score = (id: EntrantId): number => scores.get(id) ?? 0;
  const rows = new Map<EntrantId, Omit<Standing, "rank">>();
  const opponents = new Map<EntrantId, number[]>();
  for (const id of req.entrants) {
    const base = { entrant: id, points: score(id), played: 0, wins: 0, draws: 0, losses: 0, byes: 0, buchholz: 0, medianBuchholz: 0, sonnebornBerger: 0 };
    rows.set(id, base);
    opponents.set(id, []);
  }
  for (const g of req.games) {
    const a = rows.get(g.a);
    if (g.b === null) {
      if (a) a.byes += 1;
      continue;
    }
    const sides: [Omit<Standing, "rank"> | undefined, EntrantId, number][] = [
      [a, g.b, g.result === "a" ? 1 : g.result === "draw" ? 0.5 : 0],
      [rows.get(g.b), g.a, g.result === "b" ? 1 : g.result === "draw" ? 0.5 : 0],
    ];
    for (const [row, opponent, fraction] of sides) {
      if (!row) continue;
      row.played += 1;
      if (fraction === 1) row.wins += 1;
      else if (fraction === 0.5) row.draws += 1;
      else row.losses += 1;
      row.buchholz += score(opponent);
      row.sonnebornBerger += fraction * score(opponent);
      opponents.get(row.entrant)?.push(score(opponent));
    }
  }
  for (const row of rows.values()) {
    const opp = opponents.get(row.entrant) ?? [];
    row.medianBuchholz = opp.length >= 3 ? row.buchholz - Math.max(...opp) - Math.min(...opp) : row.buchholz;
  }
  const seed = new Map(req.entrants.map((id, i) => [id, i]));
  const value = (id: EntrantId, key: "points" | "buchholz" | "medianBuchholz" | "sonnebornBerger"): number => rows.get(id)?.[key] ?? 0;
  let groups: EntrantId[][] = [[...req.entrants]];
  groups = refine(groups, (id) => value(id, "points"));
  for (const t of tiebreaks) {
    if (t === "head-to-head") groups = groups.flatMap((g) => headToHead(g, req.games, points));
    else groups = refine(groups, (id) => value(id, t === "buchholz" ? "buchholz" : t === "median-buchholz" ? "medianBuchholz" : "sonnebornBerger"));
  }
  const order = groups.flatMap((g) => [...g].sort((x, y) => (seed.get(x) ?? 0) - (seed.get(y) ?? 0)));
  return order.map((id, i) => ({ rank: i + 1, ...(rows.get(id) as Omit<Standing, "rank">) }));
}

/** Splits every tied group by a value, higher first; exact comparison (scores are in halves). */
function refine(groups: EntrantId[][], value: (id: EntrantId) => number): EntrantId[][] {
  return groups.flatMap((group) => {
    if (group.length < 2) return [group];
    const values = [...new Set(group.map(value))].sort((x, y) => y - x);
    return values.map((v) => group.filter((id) => value(id) === v));
  });
}

/** Orders a tied group by points in the games among its members, re-applied while it splits. */
function headToHead(group: EntrantId[], games: GameRecord[], points: PointsFormat): EntrantId[][] {
  if (group.length < 2) return [group];
  const members = new Set(group);
  const mini = new Map<EntrantId, number>();
  for (const g of games) {
    if (g.b === null || !members.has(g.a) || !members.has(g.b)) continue;
    const [pa, pb] = gamePoints(g, points);
    mini.set(g.a, (mini.get(g.a) ?? 0) + pa);
    mini.set(g.b, (mini.get(g.b) ?? 0) + pb);
  }
  const split = refine([group], (id) => mini.get(id) ?? 0);
  if (split.length === 1) return split;
  return split.flatMap((sub) => headToHead(sub, games, points));
}
