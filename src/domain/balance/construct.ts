import type { Problem } from "./types.js";
import { DomainError } from "../errors.js";

/** Steps the feasibility backtracking may take before it gives up. */
const CONSTRUCT_BUDGET = 200_000;

/** Apart pairs as adjacency lists over units. */
export function adjacency(problem: Problem): number[][] {
  const adj: number[][] = Array.from({ length: problem.units.length }, () => []);
  for (const [a, b] of problem.apart) {
    adj[a].push(b);
    adj[b].push(a);
  }
  return adj;
}

/** Teams as they stand once every locked piece is placed: the common start of every solver. */
export function lockedStart(problem: Problem): { teamOf: Int32Array; load: number[]; sum: number[] } {
  const k = problem.sizes.length;
  const teamOf = new Int32Array(problem.units.length).fill(-1);
  const load = new Array<number>(k).fill(0);
  const sum = new Array<number>(k).fill(0);
  problem.units.forEach((unit, u) => {
    if (unit.lock < 0) return;
    teamOf[u] = unit.lock;
    load[unit.lock] = load[unit.lock] + unit.size;
    sum[unit.lock] = sum[unit.lock] + unit.strength;
  });
  return { teamOf, load, sum };
}

/**
 * A first feasible split: locked pieces in place, then the largest and strongest pieces first,
 * each to the weakest team with room and no apart conflict, backtracking when cornered. Proves
 * infeasibility (or gives up after a bounded number of steps) with a clear error.
 */
export function construct(problem: Problem): Int32Array {
  const adj = adjacency(problem);
  const k = problem.sizes.length;
  const units = problem.units;
  const { teamOf, load, sum } = lockedStart(problem);
  const order = units
    .map((_, u) => u)
    .filter((u) => teamOf[u] === -1)
    .sort((a, b) => {
      const ua = units[a];
      const ub = units[b];
      return ub.size - ua.size || adj[b].length - adj[a].length || ub.strength - ua.strength || a - b;
    });
  let steps = 0;
  const place = (d: number): boolean => {
    if (d === order.length) return true;
    steps += 1;
    if (steps > CONSTRUCT_BUDGET) return false;
    const u = order[d];
    const unit = units[u];
    const teams = Array.from({ length: k }, (_, t) => t).sort((x, y) => sum[x] - sum[y] || x - y);
    const opened = new Set<number>();
    for (const t of teams) {
      if (load[t] + unit.size > problem.sizes[t]) continue;
      if (adj[u].some((w) => teamOf[w] === t)) continue;
      const cls = problem.teamClass[t];
      if (load[t] === 0 && cls >= 0) {
        if (opened.has(cls)) continue;
        opened.add(cls);
      }
      teamOf[u] = t;
      load[t] = load[t] + unit.size;
      sum[t] = sum[t] + unit.strength;
      if (place(d + 1)) return true;
      teamOf[u] = -1;
      load[t] = load[t] - unit.size;
      sum[t] = sum[t] - unit.strength;
    }
    return false;
  };
  if (!place(0)) {
    const why = steps > CONSTRUCT_BUDGET ? " (search gave up; simplify the constraints)" : "";
    throw new DomainError(
      "INFEASIBLE",
      `no split into teams of ${problem.sizes.join(", ")} keeps every party together, every apart pair apart and every lock${why}`,
    );
  }
  return teamOf;
}
