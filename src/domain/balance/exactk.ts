import { adjacency, lockedStart } from "./construct.js";
import type { SplitPool } from "./split-pool.js";
import type { Problem } from "./types.js";
import { DomainError } from "../errors.js";

/**
 * Exact balance for any team count by depth-first branch and bound. Interchangeable teams are
 * only ever opened in index order, so each partition is visited once. Bound: a team that still
 * needs r players will gain between the r weakest and the r strongest remaining players (parties
 * relaxed to their members), so if even the best case leaves a gap worse than the K-th best split
 * kept, the branch is cut. It is anytime: seeded with the local search's splits and stopped after
 * a node budget, it either proves them optimal (or improves them) or keeps the best it saw.
 */

/** Below this many partitions the search alone is cheaper than a local search first. */
export const EXACTK_DIRECT_PARTITIONS = 150_000;
/** Nodes the seeded branch and bound may visit after the local search (~0.3 µs each). */
export const EXACTK_NODE_BUDGET = 10_000;
/** Beyond this many partitions a budgeted branch and bound cannot finish: do not start it. */
export const EXACTK_SEEDED_PARTITIONS = 5_000_000;

/** Rough count of distinct partitions of the free players, to decide between exact and search. */
export function estimatePartitions(problem: Problem): number {
  const free = new Array<number>(problem.sizes.length).fill(0);
  problem.sizes.forEach((s, t) => {
    free[t] = s;
  });
  let players = 0;
  for (const unit of problem.units) {
    if (unit.lock >= 0) free[unit.lock] = free[unit.lock] - unit.size;
    else players += unit.size;
  }
  let log = logFactorial(players);
  for (const f of free) log -= logFactorial(f);
  const classSizes = new Map<number, number>();
  for (const c of problem.teamClass) if (c >= 0) classSizes.set(c, (classSizes.get(c) ?? 0) + 1);
  for (const m of classSizes.values()) log -= logFactorial(m);
  return Math.exp(log);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i += 1) s += Math.log(i);
  return s;
}

/**
 * Feeds the best splits into `pool` (which may already hold a local search's answers). Returns
 * true when the search completed, i.e. the pool now holds the proven best splits; throws
 * INFEASIBLE when it completed without finding any split that satisfies the constraints.
 */
export function solveExactK(problem: Problem, pool: SplitPool, nodeBudget = EXACTK_NODE_BUDGET): boolean {
  const k = problem.sizes.length;
  const units = problem.units;
  const { teamOf, load, sum } = lockedStart(problem);
  const adj = adjacency(problem);
  // Big and extreme units first: they decide most of the gap, so bounds bite early.
  const order = units
    .map((_, u) => u)
    .filter((u) => teamOf[u] === -1)
    .sort((a, b) => {
      const ua = units[a];
      const ub = units[b];
      return ub.size - ua.size || Math.abs(ub.strength) - Math.abs(ua.strength) || a - b;
    });
  // For each depth, prefix sums of the remaining players' strengths, weakest-first and
  // strongest-first (for the bound). Built by deleting each placed unit's players from one sorted
  // list, so setup is O(depth × players), not a sort per depth.
  const rest = order.flatMap((u) => units[u].members.map((i) => problem.strengths[i]));
  rest.sort((a, b) => a - b);
  const prefixLow: Float64Array[] = [];
  const prefixHigh: Float64Array[] = [];
  for (let d = 0; d <= order.length; d += 1) {
    if (d > 0) {
      for (const i of units[order[d - 1]].members) {
        rest.splice(rest.indexOf(problem.strengths[i]), 1);
      }
    }
    const low = new Float64Array(rest.length + 1);
    const high = new Float64Array(rest.length + 1);
    for (let i = 0; i < rest.length; i += 1) {
      low[i + 1] = low[i] + rest[i];
      high[i + 1] = high[i] + rest[rest.length - 1 - i];
    }
    prefixLow.push(low);
    prefixHigh.push(high);
  }
  const tolerance = 1e-9 * (1 + problem.strengths.reduce((a, s) => a + Math.abs(s), 0));

  const mean = problem.strengths.reduce((a, x) => a + x, 0) / k;
  // Every team ends between its weakest and strongest possible completion, and the final sums
  // average to `mean`, so the largest ends ≥ mean and the smallest ≤ mean.
  const bound = (d: number): number => {
    const low = prefixLow[d];
    const high = prefixHigh[d];
    let maxLow = mean;
    let minHigh = mean;
    for (let t = 0; t < k; t += 1) {
      const r = problem.sizes[t] - load[t];
      const lo = sum[t] + low[r];
      const hi = sum[t] + high[r];
      if (lo > maxLow) maxLow = lo;
      if (hi < minHigh) minHigh = hi;
    }
    return maxLow - minHigh;
  };

  let nodes = 0;
  const opened = Array.from({ length: order.length }, () => new Uint8Array(k));
  const byWeakness = Array.from({ length: order.length }, () => new Int32Array(k));
  const visit = (d: number): void => {
    nodes += 1;
    if (nodes > nodeBudget) return;
    if (bound(d) > pool.worst() + tolerance) return;
    if (d === order.length) {
      pool.offer(problem, teamOf);
      return;
    }
    const u = order[d];
    const unit = units[u];
    const neighbours = adj[u];
    const seen = opened[d].fill(0);
    // Weakest team first: good splits early make the bound bite sooner.
    const teams = byWeakness[d];
    for (let t = 0; t < k; t += 1) {
      let at = t;
      while (at > 0 && sum[teams[at - 1]] > sum[t]) {
        teams[at] = teams[at - 1];
        at -= 1;
      }
      teams[at] = t;
    }
    for (let i = 0; i < k; i += 1) {
      const t = teams[i];
      if (load[t] + unit.size > problem.sizes[t]) continue;
      const cls = problem.teamClass[t];
      if (load[t] === 0 && cls >= 0) {
        if (seen[cls] === 1) continue; // an empty twin team was already tried
        seen[cls] = 1;
      }
      let clash = false;
      for (const w of neighbours) if (teamOf[w] === t) clash = true;
      if (clash) continue;
      teamOf[u] = t;
      load[t] = load[t] + unit.size;
      sum[t] = sum[t] + unit.strength;
      visit(d + 1);
      teamOf[u] = -1;
      load[t] = load[t] - unit.size;
      sum[t] = sum[t] - unit.strength;
    }
  };
  visit(0);
  const completed = nodes <= nodeBudget;
  if (completed && pool.list().length === 0) {
    throw new DomainError("INFEASIBLE", `no split into teams of ${problem.sizes.join(", ")} keeps every party together, every apart pair apart and every lock`);
  }
  return completed;
}
