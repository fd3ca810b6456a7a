import { construct } from "./construct.js";
import { solveExact2 } from "./exact2.js";
import { solveExactK } from "./exactk.js";
import { SplitPool } from "./split-pool.js";
import { applyLocal, currentLocal, subProblem } from "./neighbourhood.js";
import type { Problem } from "./types.js";

/**
 * Near-optimal balance for lobbies too large to enumerate, and for k > 2 teams: large-neighbourhood
 * search whose neighbourhoods are solved EXACTLY. Start from a feasible greedy split; then
 * repeatedly take two teams (the most unequal pair first), free up to 20 of their pieces (all of
 * them when they fit, else a random half from each side), pin the rest, and let the
 * meet-in-the-middle solver re-split them optimally — ~10^5 splits per round, so 100 players settle
 * in a few rounds. Re-splitting a pair keeps its total, so both new sums lie between the old ones
 * and the overall gap never grows. With k > 2 teams, splits where every pair is already optimal
 * can still be improved by passing strength around a cycle, so when pairs stop helping, three
 * teams (the strongest, the weakest and one other) are re-split together by branch and bound.
 * A move is kept only if it lowers (gap, sum of squared deviations). Randomness comes only from
 * the injected source; work is bounded by `maxIterations` rounds.
 */

/** Pieces freed per pair: 2 × 2^10 enumerated subsets, well under a millisecond. */
const FREE_PAIR = 20;
/** Pieces freed per triple, and the node budget of its branch and bound. */
const FREE_TRIPLE = 12;
const TRIPLE_NODES = 5_000;
/**
 * A gap below a hundredth of a rating point changes the win probability by < 0.00002: stop there
 * instead of hunting for a zero that may not exist.
 */
export const NEGLIGIBLE_GAP = 0.01;
/** Failed random neighbourhoods per pair, and per triple, before the search concludes. */
const PATIENCE = 6;
const TRIPLE_PATIENCE = 3;

interface Score {
  gap: number;
  ssq: number;
}

interface Context {
  problem: Problem;
  pool: SplitPool;
  teamOf: Int32Array;
  random: () => number;
  tolerance: number;
}

/** The best `poolSize` distinct splits found; deterministic for a given random source. */
export function solveSearch(problem: Problem, poolSize: number, random: () => number, maxIterations: number): SplitPool {
  const teamOf = construct(problem);
  const pool = new SplitPool(poolSize);
  pool.offer(problem, teamOf);
  const k = problem.sizes.length;
  const ctx: Context = {
    problem,
    pool,
    teamOf,
    random,
    tolerance: 1e-9 * (1 + problem.strengths.reduce((a, s) => a + Math.abs(s), 0)),
  };
  let pairFails = 0;
  let pairWhole = true; // every pair failure since the last improvement freed the whole pair
  let tripleFails = 0;
  let tripleWhole = true;
  for (let round = 0; round < maxIterations; round += 1) {
    const sums = teamSums(problem, teamOf);
    if (Math.max(...sums) - Math.min(...sums) <= NEGLIGIBLE_GAP + ctx.tolerance) break;
    const order = sums.map((_, t) => t).sort((x, y) => sums[y] - sums[x] || x - y);
    // Pairs among the (up to) four strongest and four weakest teams — only moves that touch the
    // ends can lower the gap, and it keeps a round O(1) in k — most unequal pair first.
    const ends = k <= 8 ? order : [...order.slice(0, 4), ...order.slice(k - 4)];
    const pairs: number[][] = [];
    for (let i = 0; i < ends.length; i += 1) {
      for (let j = ends.length - 1; j > i; j -= 1) pairs.push([ends[i], ends[j]]);
    }
    pairs.sort((p, q) => spread(sums, q) - spread(sums, p));
    let result: { improved: boolean; whole: boolean };
    if (pairFails < pairs.length * (pairWhole ? 1 : PATIENCE)) {
      result = tryMove(ctx, pairs[pairFails % pairs.length], FREE_PAIR, poolSize);
      if (!result.improved) {
        pairFails += 1;
        pairWhole &&= result.whole;
        continue;
      }
    } else {
      const strongest = order[0];
      const weakest = order[k - 1];
      const thirds = order.slice(1, k - 1);
      if (thirds.length === 0 || tripleFails >= thirds.length * (tripleWhole ? 1 : TRIPLE_PATIENCE)) break;
      const third = thirds[tripleFails % thirds.length];
      result = tryMove(ctx, [strongest, third, weakest], FREE_TRIPLE, poolSize);
      if (!result.improved) {
        tripleFails += 1;
        tripleWhole &&= result.whole;
        continue;
      }
    }
    pairFails = 0;
    pairWhole = true;
    tripleFails = 0;
    tripleWhole = true;
  }
  return pool;
}

/**
 * Re-splits `teams` optimally over a free subset of their pieces, offers the results to the pool
 * and keeps the best one if it lowers the overall (gap, ssq).
 */
function tryMove(ctx: Context, teams: number[], freeLimit: number, poolSize: number): { improved: boolean; whole: boolean } {
  const { problem, teamOf } = ctx;
  const movable = teams.map((t) => {
    const list: number[] = [];
    teamOf.forEach((team, u) => {
      if (team === t && problem.units[u].lock < 0) list.push(u);
    });
    return list;
  });
  const whole = movable.reduce((a, m) => a + m.length, 0) <= freeLimit;
  const share = Math.floor(freeLimit / teams.length);
  const free = new Set(whole ? movable.flat() : movable.flatMap((m) => sample(m, share, ctx.random)));
  const neighbourhood = subProblem(problem, teamOf, teams, free);
  let candidates: ReturnType<SplitPool["list"]>;
  if (teams.length === 2) {
    candidates = solveExact2(neighbourhood.sub, poolSize).list();
  } else {
    const local = new SplitPool(poolSize);
    local.offer(neighbourhood.sub, currentLocal(neighbourhood, teamOf)); // incumbent: prunes from the start
    solveExactK(neighbourhood.sub, local, TRIPLE_NODES);
    candidates = local.list();
  }
  let best: { score: Score; teamOf: Int32Array } | undefined;
  const current = score(problem, teamOf);
  for (const c of candidates) {
    const next = Int32Array.from(teamOf);
    applyLocal(neighbourhood, c, next);
    const s = score(problem, next);
    if (s.gap <= ctx.pool.worst() + ctx.tolerance) ctx.pool.offer(problem, next);
    if (better(s, best?.score ?? current, ctx.tolerance)) best = { score: s, teamOf: next };
  }
  if (best === undefined) return { improved: false, whole };
  teamOf.set(best.teamOf);
  return { improved: true, whole };
}

function better(a: Score, b: Score, tolerance: number): boolean {
  return a.gap < b.gap - tolerance || (a.gap <= b.gap + tolerance && a.ssq < b.ssq - tolerance);
}

function spread(sums: number[], [a, b]: number[]): number {
  return Math.abs(sums[a] - sums[b]);
}

function score(problem: Problem, teamOf: Int32Array): Score {
  const sums = teamSums(problem, teamOf);
  const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
  return { gap: Math.max(...sums) - Math.min(...sums), ssq: sums.reduce((a, s) => a + (s - mean) * (s - mean), 0) };
}

function teamSums(problem: Problem, teamOf: Int32Array): number[] {
  const sums = new Array<number>(problem.sizes.length).fill(0);
  teamOf.forEach((t, u) => {
    sums[t] = sums[t] + problem.units[u].strength;
  });
  return sums;
}

/** `count` distinct elements chosen by partial Fisher–Yates with the injected source. */
function sample(list: number[], count: number, random: () => number): number[] {
  const copy = [...list];
  const take = Math.min(count, copy.length);
  for (let i = 0; i < take; i += 1) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, take);
}
