import type { Problem } from "./types.js";
import { DomainError } from "../errors.js";
import { CONSTRUCT_BUDGET, Packer, StepBudget } from "./packing.js";

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
 * A first feasible split, as a start for the local search. Locked pieces are already in place.
 * Pieces with apart pairs are placed first, one apart-graph component at a time (breadth-first,
 * so each piece meets its placed neighbours early), by depth-first search; pieces without apart
 * pairs follow, largest and strongest first. Each goes to the weakest team that has room, has no
 * apart conflict and still leaves a packing of every remaining piece into the free slots (an
 * exact check, see packing.ts): so the pieces without apart pairs never need to backtrack, and
 * the search only backtracks over apart conflicts. Failed states at component boundaries are
 * remembered, which makes two-team requests polynomial. Throws INFEASIBLE only when it has
 * proven that no split exists, and SEARCH_LIMIT when it stopped at its step bound first.
 */
export function construct(problem: Problem, stepLimit = CONSTRUCT_BUDGET): Int32Array {
  const adj = adjacency(problem);
  const k = problem.sizes.length;
  const units = problem.units;
  const { teamOf, load, sum } = lockedStart(problem);
  const teamsText = problem.sizes.join(", ");
  const budget = new StepBudget(stepLimit, () => `balancing into teams of ${teamsText}`);
  const freeUnits = units.map((_, u) => u).filter((u) => teamOf[u] === -1);
  const packer = new Packer(
    freeUnits.map((u) => units[u].size),
    Math.max(...problem.sizes),
    budget,
  );
  const counts = packer.counts(freeUnits.map((u) => units[u].size));
  let singles = freeUnits.filter((u) => units[u].size === 1).length;
  const slots = (): number[] => problem.sizes.map((s, t) => s - load[t]);
  const put = (u: number, t: number, sign: 1 | -1): void => {
    const unit = units[u];
    teamOf[u] = sign === 1 ? t : -1;
    load[t] = load[t] + sign * unit.size;
    sum[t] = sum[t] + sign * unit.strength;
    const i = packer.slot(unit.size);
    if (i >= 0) counts[i] = counts[i] - sign;
    else singles -= sign;
  };
  const weakestFirst = (): number[] => Array.from({ length: k }, (_, t) => t).sort((x, y) => sum[x] - sum[y] || x - y);

  if (!packer.fits(counts, singles, slots())) {
    const bySize = new Map<number, number>();
    for (const u of freeUnits) bySize.set(units[u].size, (bySize.get(units[u].size) ?? 0) + 1);
    const pieces = [...bySize].sort((a, b) => b[0] - a[0]).map(([size, count]) => `${count} of ${size}`);
    throw new DomainError(
      "INFEASIBLE",
      `no split into teams of ${teamsText} keeps every party together: the parties and single players (${pieces.join(", ")}) cannot fill the free places ${slots().join(", ")}`,
    );
  }

  const { order, startsComponent } = componentOrder(problem, adj, freeUnits);
  const dead = new Set<string>();
  const place = (d: number): boolean => {
    if (d === order.length) return true;
    // At a component boundary nothing placed so far touches what is left, so the loads alone
    // decide whether the rest can be done: remember the loads that could not.
    const key = startsComponent[d] ? `${d}|${load.join(",")}` : undefined;
    if (key !== undefined && dead.has(key)) return false;
    budget.tick();
    const u = order[d];
    const unit = units[u];
    const opened = new Set<number>();
    for (const t of weakestFirst()) {
      if (load[t] + unit.size > problem.sizes[t]) continue;
      if (adj[u].some((w) => teamOf[w] === t)) continue;
      const cls = problem.teamClass[t];
      if (load[t] === 0 && cls >= 0) {
        if (opened.has(cls)) continue; // an empty twin team was already tried
        opened.add(cls);
      }
      put(u, t, 1);
      if (packer.fits(counts, singles, slots()) && place(d + 1)) return true;
      put(u, t, -1);
    }
    if (key !== undefined) dead.add(key);
    return false;
  };
  if (!place(0)) {
    throw new DomainError("INFEASIBLE", `no split into teams of ${teamsText} keeps every party together, every apart pair apart and every lock`);
  }

  // The rest have no apart pairs: the packing check guarantees some team keeps things feasible.
  const rest = freeUnits.filter((u) => adj[u].length === 0).sort((a, b) => units[b].size - units[a].size || units[b].strength - units[a].strength || a - b);
  for (const u of rest) {
    const unit = units[u];
    const t = weakestFirst().find((team) => {
      if (load[team] + unit.size > problem.sizes[team]) return false;
      if (unit.size === 1) return true; // singles come last, when no larger piece is left: any room will do
      put(u, team, 1);
      const ok = packer.fits(counts, singles, slots());
      put(u, team, -1);
      return ok;
    });
    if (t === undefined) throw new Error(`balance: packing check admitted a dead end at piece ${u}`); // a bug, not an input error
    put(u, t, 1);
  }
  return teamOf;
}

/**
 * Pieces with apart pairs, one component of the apart graph after another (largest first), each
 * breadth-first from its largest piece; `startsComponent[d]` marks where a new component begins.
 */
function componentOrder(problem: Problem, adj: number[][], freeUnits: number[]): { order: number[]; startsComponent: boolean[] } {
  const units = problem.units;
  const byWeight = (a: number, b: number): number =>
    units[b].size - units[a].size || adj[b].length - adj[a].length || units[b].strength - units[a].strength || a - b;
  const free = new Set(freeUnits);
  const seen = new Set<number>();
  const order: number[] = [];
  const startsComponent: boolean[] = [];
  for (const seed of freeUnits.filter((u) => adj[u].length > 0).sort(byWeight)) {
    if (seen.has(seed)) continue;
    seen.add(seed);
    const start = order.length;
    order.push(seed);
    for (let h = start; h < order.length; h += 1) {
      for (const w of adj[order[h]].filter((x) => free.has(x) && !seen.has(x)).sort(byWeight)) {
        seen.add(w);
        order.push(w);
      }
    }
    for (let i = start; i < order.length; i += 1) startsComponent.push(i === start);
  }
  return { order, startsComponent };
}
