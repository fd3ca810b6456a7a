import type { Candidate } from "./balance-pool.js";
import type { Problem, Unit } from "./balance-types.js";

/** A neighbourhood: some teams re-split among themselves, everything else pinned. */
export interface SubProblem {
  sub: Problem;
  /** Global unit index of each local unit. */
  units: number[];
  /** Global team index of each local team. */
  teams: number[];
}

/**
 * "Re-split these teams": their pieces, with every piece outside `free` (or locked by the
 * organiser) pinned where it is. Apart pairs that reach into other teams cannot be broken by
 * moving pieces among these teams, so only pairs inside them are kept. Teams with a pinned piece
 * are told apart; the others are interchangeable when their sizes match.
 */
export function subProblem(problem: Problem, teamOf: Int32Array, teams: number[], free: Set<number>): SubProblem {
  const localTeam = new Map(teams.map((t, i) => [t, i]));
  const units: number[] = [];
  teamOf.forEach((t, u) => {
    if (localTeam.has(t)) units.push(u);
  });
  const localUnit = new Map(units.map((u, i) => [u, i]));
  const ids: string[] = [];
  const strengths: number[] = [];
  const pinned = new Set<number>();
  const subUnits = units.map((u) => {
    const unit = problem.units[u] as Unit;
    const members = unit.members.map((i) => {
      ids.push(problem.ids[i] as string);
      strengths.push(problem.strengths[i] as number);
      return ids.length - 1;
    });
    const lock = free.has(u) ? -1 : (localTeam.get(teamOf[u] as number) as number);
    if (lock >= 0) pinned.add(lock);
    return { members, size: unit.size, strength: unit.strength, lock };
  });
  const apart: [number, number][] = [];
  for (const [x, y] of problem.apart) {
    const lx = localUnit.get(x);
    const ly = localUnit.get(y);
    if (lx !== undefined && ly !== undefined) apart.push([lx, ly]);
  }
  const sizes = teams.map((t) => problem.sizes[t] as number);
  const classOfSize = new Map<number, number>();
  const teamClass = sizes.map((size, i) => {
    if (pinned.has(i)) return -1 - i;
    const c = classOfSize.get(size) ?? i;
    classOfSize.set(size, c);
    return c;
  });
  return { sub: { ids, strengths, sizes, units: subUnits, apart, teamClass }, units, teams };
}

/** The local team of every local unit, i.e. the neighbourhood's current split. */
export function currentLocal(s: SubProblem, teamOf: Int32Array): Int32Array {
  return Int32Array.from(s.units, (u) => s.teams.indexOf(teamOf[u] as number));
}

/** Writes a sub-solution back into a global assignment. */
export function applyLocal(s: SubProblem, c: Candidate, target: Int32Array): void {
  s.units.forEach((u, local) => {
    const first = (s.sub.units[local] as { members: number[] }).members[0] as number;
    target[u] = s.teams[c.teamOfPlayer[first] as number] as number;
  });
}
