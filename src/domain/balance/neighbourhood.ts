import type { Candidate } from "./split-pool.js";
import type { Problem, Unit } from "./types.js";

/** A neighbourhood: some teams re-split among themselves, everything else pinned. */
export interface SubProblem {
  sub: Problem;
  /** Global unit index of each local unit; -1 for a team's merged pinned pieces. */
  units: number[];
  /** Global team index of each local team. */
  teams: number[];
}

/**
 * "Re-split these teams": their free pieces, plus one locked pseudo-piece per team standing for
 * everything pinned there (only its size and total strength matter), so a round over 100 players
 * costs what its 20 free pieces cost. Apart pairs from a free piece to a pinned one become pairs
 * with that team's pseudo-piece; pairs reaching into other teams cannot be broken by moving pieces
 * among these teams and are dropped. Teams holding pinned pieces are told apart; the others are
 * interchangeable when their sizes match.
 */
export function subProblem(problem: Problem, teamOf: Int32Array, teams: number[], free: Set<number>): SubProblem {
  const localTeam = new Map(teams.map((t, i) => [t, i]));
  const ids: string[] = [];
  const strengths: number[] = [];
  const units: number[] = [];
  const subUnits: Unit[] = [];
  const localUnit = new Map<number, number>();
  for (const u of free) {
    const unit = problem.units[u];
    const members = unit.members.map((i) => {
      ids.push(problem.ids[i]);
      strengths.push(problem.strengths[i]);
      return ids.length - 1;
    });
    localUnit.set(u, subUnits.length);
    units.push(u);
    subUnits.push({ members, size: unit.size, strength: unit.strength, lock: -1 });
  }
  const pseudo = teams.map((_, local) => {
    const unit: Unit = { members: [], size: 0, strength: 0, lock: local };
    return unit;
  });
  teamOf.forEach((t, u) => {
    const local = localTeam.get(t);
    if (local === undefined || free.has(u)) return;
    const unit = problem.units[u];
    const p = pseudo[local];
    p.size += unit.size;
    p.strength += unit.strength;
    localUnit.set(u, subUnits.length + local);
  });
  pseudo.forEach((p, local) => {
    if (p.size === 0) return;
    ids.push(`pinned:${teams[local]}`);
    strengths.push(p.strength);
    p.members = [ids.length - 1];
  });
  const offset = subUnits.length;
  const kept = pseudo.filter((p) => p.size > 0);
  // Renumber pseudo-pieces densely (empty ones are dropped).
  const pseudoIndex = pseudo.map((p) => (p.size > 0 ? offset + kept.indexOf(p) : -1));
  for (const p of kept) {
    units.push(-1);
    subUnits.push(p);
  }
  const apart: [number, number][] = [];
  for (const [x, y] of problem.apart) {
    const lx = resolve(localUnit.get(x), offset, pseudoIndex);
    const ly = resolve(localUnit.get(y), offset, pseudoIndex);
    if (lx !== undefined && ly !== undefined && (lx < offset || ly < offset)) apart.push([lx, ly]);
  }
  const sizes = teams.map((t) => problem.sizes[t]);
  const classOfSize = new Map<number, number>();
  const teamClass = sizes.map((size, i) => {
    if (pseudo[i].size > 0) return -1 - i;
    const c = classOfSize.get(size) ?? i;
    classOfSize.set(size, c);
    return c;
  });
  return { sub: { ids, strengths, sizes, units: subUnits, apart, teamClass }, units, teams };
}

/** Maps a provisional local index (pseudo-pieces at offset + team) to the final one. */
function resolve(local: number | undefined, offset: number, pseudoIndex: number[]): number | undefined {
  if (local === undefined || local < offset) return local;
  const index = pseudoIndex[local - offset];
  return index === undefined || index < 0 ? undefined : index;
}

/** The local team of every local unit, i.e. the neighbourhood's current split. */
export function currentLocal(s: SubProblem, teamOf: Int32Array): Int32Array {
  return Int32Array.from(s.units, (u, local) => (u >= 0 ? s.teams.indexOf(teamOf[u]) : s.sub.units[local].lock));
}

/** Writes a sub-solution back into a global assignment (pinned pieces stay where they are). */
export function applyLocal(s: SubProblem, c: Candidate, target: Int32Array): void {
  s.units.forEach((u, local) => {
    if (u < 0) return;
    const first = s.sub.units[local].members[0];
    target[u] = s.teams[c.teamOfPlayer[first]];
  });
}
