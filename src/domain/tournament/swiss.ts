import { DomainError } from "../errors.js";
import type { MatchingResult, WeightedEdge } from "./matching.js";
import { maxWeightMatching, reducedSlack } from "./matching.js";
import type { EntrantId, GameRecord, Pairing, PointsFormat } from "./types.js";
import { CHESS_POINTS, checkEntrants, checkGames, checkPoints, scoresOf } from "./types.js";

/** The next Swiss round for the entrants still playing (seed order), given every finished game. */
export interface SwissRequest {
  entrants: EntrantId[];
  history: GameRecord[];
  points?: PointsFormat;
}

export interface SwissOptions {
  /**
   * Fields up to this size are solved on the complete graph (default 96); larger ones on the
   * candidate graph with pricing. Both are exact; tests set 0 to check the second against the first.
   */
  denseLimit?: number;
}

/** Pairings in board order (by the higher-ranked side), the bye, and what the pairing cost. */
export interface SwissRound {
  pairings: Pairing[];
  bye: EntrantId | null;
  rematches: number;
  /** Pairings whose two sides have different scores. */
  crossScore: number;
  /** Σ |score a − score b| over the pairings, in points. */
  scoreDifference: number;
}

/** Fine preference per pairing (Dutch-style halves); capped so the weights stay exact. */
const FINE_MAX = 15;
/** Up to this many entrants the complete graph is cheap; beyond, candidates plus pricing. */
const DENSE_LIMIT = 96;
const WINDOW = 3;
const EDGE_K = 4;
const BORDER = 2;

/**
 * Pairs one Swiss round by a maximum-weight perfect matching (a virtual opponent takes the bye
 * when the field is odd). The weights make the choice lexicographic, so the result is optimal
 * for, in order: fewest rematches; the bye to someone who has not had one; the bye to the
 * lowest-ranked such player (rank = score, then seed); fewest cross-score pairings; smallest
 * Σ|score difference|; then, inside a score group, top half against bottom half by seed.
 * Large fields are solved on a sparse candidate graph, and the matching's dual certificate is
 * checked against every left-out pair (adding any that could improve it), so the answer is
 * still proven optimal over all pairings.
 */
export function pairSwissRound(req: SwissRequest, options: SwissOptions = {}): SwissRound {
  const points = req.points ?? CHESS_POINTS;
  checkPoints(points);
  checkEntrants(req.entrants);
  checkGames(req.history);
  const field = buildField(req.entrants, req.history, points);
  const { n } = field;
  if (n < 2) return { pairings: [], bye: req.entrants[0] ?? null, rematches: 0, crossScore: 0, scoreDifference: 0 };
  const mate = solve(field, options.denseLimit ?? DENSE_LIMIT);
  const pairings: Pairing[] = [];
  let bye: EntrantId | null = null;
  let rematches = 0;
  let crossScore = 0;
  let diff = 0;
  for (let i = 0; i < n; i += 1) {
    const j = mate[i];
    if (j === n) bye = field.ids[i] as EntrantId;
    if (j <= i || j === n) continue;
    pairings.push({ a: field.ids[i] as EntrantId, b: field.ids[j] as EntrantId });
    if (field.played[i * n + j]) rematches += 1;
    if (field.half[i] !== field.half[j]) crossScore += 1;
    diff += field.half[i] - field.half[j];
  }
  return { pairings, bye, rematches, crossScore, scoreDifference: diff / 2 };
}

/** The field in rank order (score, then seed), with everything the weights need. */
interface Field {
  n: number;
  ids: EntrantId[];
  /** Score in half points, descending. */
  half: Int32Array;
  pos: Int32Array;
  groupSize: Int32Array;
  played: Uint8Array;
  hadBye: Uint8Array;
  cost: (i: number, j: number) => number;
  /** Per-edge weight offset: weight = top − cost, always positive. */
  top: number;
}

function buildField(entrants: EntrantId[], history: GameRecord[], points: PointsFormat): Field {
  const scores = scoresOf(history, points);
  const order = entrants.map((id, seed) => ({ id, seed, half: Math.round(2 * (scores.get(id) ?? 0)) })).sort((x, y) => y.half - x.half || x.seed - y.seed);
  const n = order.length;
  const rank = new Map(order.map((e, r) => [e.id, r]));
  const half = Int32Array.from(order, (e) => e.half);
  const pos = new Int32Array(n);
  const groupSize = new Int32Array(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end < n && half[end] === half[start]) end += 1;
    for (let r = start; r < end; r += 1) [pos[r], groupSize[r]] = [r - start, end - start];
    start = end;
  }
  const played = new Uint8Array(n * n);
  const hadBye = new Uint8Array(n);
  for (const g of history) {
    const a = rank.get(g.a);
    if (a === undefined) continue;
    if (g.b === null) hadBye[a] = 1;
    const b = g.b === null ? undefined : rank.get(g.b);
    if (b !== undefined) played[a * n + b] = played[b * n + a] = 1;
  }
  // Each level's unit exceeds the largest total all lower levels can reach over one round.
  const pairs = Math.ceil(n / 2);
  const maxDiff = n > 0 ? (half[0] as number) - (half[n - 1] as number) : 0;
  const unitDiff = pairs * FINE_MAX + 1;
  const lowTotal = pairs * (maxDiff * unitDiff + FINE_MAX);
  const unitCross = lowTotal + 1;
  const unitRank = pairs * unitCross + lowTotal + 1;
  const unitRepeat = n * unitRank + 1;
  const unitRematch = 2 * unitRepeat;
  const top = unitRematch + unitCross + maxDiff * unitDiff + FINE_MAX + 1;
  if (4 * top > Number.MAX_SAFE_INTEGER) {
    throw new DomainError("INVALID_CONFIG", `a Swiss round of ${n} entrants with a ${maxDiff / 2}-point score spread is too large to pair exactly`);
  }
  const cost = (i: number, j: number): number => {
    if (j === n) return (hadBye[i] ? unitRepeat : 0) + (n - 1 - i) * unitRank;
    let c = played[i * n + j] ? unitRematch : 0;
    const d = (half[i] as number) - (half[j] as number);
    if (d > 0) return c + unitCross + d * unitDiff + Math.min(FINE_MAX, (groupSize[i] as number) - 1 - (pos[i] as number) + (pos[j] as number));
    c += Math.min(FINE_MAX, Math.abs((pos[j] as number) - (pos[i] as number) - Math.floor((groupSize[i] as number) / 2)));
    return c;
  };
  return { n, ids: order.map((e) => e.id), half, pos, groupSize, played, hadBye, cost, top };
}

/** Partner per rank index; index n is the bye. */
function solve(field: Field, denseLimit: number): Int32Array {
  const { n, cost, top } = field;
  const vertices = n % 2 === 1 ? n + 1 : n;
  const keys = new Set<number>();
  const edges: WeightedEdge[] = [];
  const add = (i: number, j: number): void => {
    const key = i * vertices + j;
    if (i >= j || j >= vertices || keys.has(key) || (j === n && vertices === n)) return;
    keys.add(key);
    edges.push({ a: i, b: j, weight: top - cost(i, j) });
  };
  if (n <= denseLimit) {
    for (let i = 0; i < n; i += 1) for (let j = i + 1; j < vertices; j += 1) add(i, j);
    return maxWeightMatching(vertices, edges).mate;
  }
  candidates(field, vertices, add);
  for (;;) {
    const result = maxWeightMatching(vertices, edges);
    const before = edges.length;
    price(result, field, vertices, add);
    if (edges.length === before) return result.mate;
  }
}

/**
 * A sparse graph that holds the likely optimum: partners about half a group away (where the
 * fine preference wants them), rank neighbours (so a perfect matching always exists), the
 * boundary players of adjacent score groups, every group's ends, and the lowest-ranked players
 * for the bye.
 */
function candidates(field: Field, vertices: number, add: (i: number, j: number) => void): void {
  const { n, pos, groupSize, hadBye } = field;
  for (let i = 0; i < n; i += 1) {
    add(i, i + 1);
    const start = i - (pos[i] as number);
    const size = groupSize[i] as number;
    const target = i + Math.floor(size / 2);
    for (let d = -WINDOW; d <= WINDOW; d += 1) if (target + d < start + size) add(i, target + d);
    if (pos[i] === size - 1) {
      for (let a = Math.max(start, i - EDGE_K + 1); a <= i; a += 1) for (let b = i + 1; b <= Math.min(n - 1, i + EDGE_K); b += 1) add(a, b);
    }
  }
  // Everyone to the two first and two last of every score group. Without these the sparse
  // duals are degenerate: a group's top player ends up priced so low that hundreds of far
  // cross-group pairs look improving, and pricing needs several re-solves (measured: up to 5
  // at 256 entrants; with them, one solve and an empty pricing pass in nearly every round).
  const ends: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const size = groupSize[i] as number;
    if ((pos[i] as number) < BORDER || (pos[i] as number) >= size - BORDER) ends.push(i);
  }
  for (let i = 0; i < n; i += 1) for (const j of ends) if (j > i) add(i, j);
  if (vertices === n) return;
  let fresh = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    if (i >= n - EDGE_K || (!hadBye[i] && fresh < EDGE_K)) add(i, n);
    if (!hadBye[i]) fresh += 1;
  }
}

/**
 * Prices every left-out pair against the certificate and adds, per entrant, the pair with the
 * most negative reduced slack (those alone could still improve the round). Adding one per
 * entrant keeps the graph sparse; the loop ends when nothing is negative, i.e. proven optimal.
 */
function price(result: MatchingResult, field: Field, vertices: number, add: (i: number, j: number) => void): void {
  const { n, cost, top } = field;
  const slack = reducedSlack(result);
  const worst = new Float64Array(vertices);
  const partner = new Int32Array(vertices).fill(-1);
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < vertices; j += 1) {
      const s = slack(i, j, top - cost(i, j));
      if (s >= 0) continue;
      if (s < (worst[i] as number)) [worst[i], partner[i]] = [s, j];
      if (s < (worst[j] as number)) [worst[j], partner[j]] = [s, i];
    }
  }
  partner.forEach((j, i) => {
    if (j >= 0) add(Math.min(i, j), Math.max(i, j));
  });
}
