import type { Problem } from "./types.js";

/** A split in canonical form: player → team, its gap, and a key that identifies the partition. */
export interface Candidate {
  teamOfPlayer: Int32Array;
  gap: number;
  key: string;
}

/**
 * Canonical form of a unit assignment. Interchangeable teams (same size, nothing locked) are
 * relabelled in order of their first player, so a split and its mirror get one key; sums are
 * recomputed in player order so every solver reports the same gap for the same partition, which
 * is what makes tie-breaking (gap, then key) deterministic across solvers.
 */
export function canonical(problem: Problem, unitTeams: ArrayLike<number>): Candidate {
  const n = problem.strengths.length;
  const k = problem.sizes.length;
  const raw = new Int32Array(n);
  const units = problem.units;
  for (let u = 0; u < units.length; u += 1) {
    const t = unitTeams[u];
    for (const i of units[u].members) raw[i] = t;
  }
  const relabel = new Int32Array(k);
  for (let t = 0; t < k; t += 1) relabel[t] = t;
  const classes = interchangeable(problem);
  if (classes.length > 0) {
    const firstPlayer = new Int32Array(k).fill(n);
    for (let i = n - 1; i >= 0; i -= 1) firstPlayer[raw[i]] = i;
    for (const teams of classes) {
      const ordered = [...teams].sort((a, b) => firstPlayer[a] - firstPlayer[b]);
      ordered.forEach((t, j) => {
        relabel[t] = teams[j];
      });
    }
  }
  const teamOfPlayer = new Int32Array(n);
  const sums = new Float64Array(k);
  let key = "";
  for (let i = 0; i < n; i += 1) {
    const t = relabel[raw[i]];
    teamOfPlayer[i] = t;
    sums[t] = sums[t] + problem.strengths[i];
    key += t < 36 ? t.toString(36) : `(${t})`;
  }
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const s of sums) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  return { teamOfPlayer, gap: max - min, key };
}

const classCache = new WeakMap<Problem, number[][]>();

/** Groups of two or more interchangeable teams, computed once per problem. */
function interchangeable(problem: Problem): number[][] {
  let classes = classCache.get(problem);
  if (classes === undefined) {
    const byClass = new Map<number, number[]>();
    problem.teamClass.forEach((c, t) => {
      if (c < 0) return;
      const list = byClass.get(c) ?? [];
      list.push(t);
      byClass.set(c, list);
    });
    classes = [...byClass.values()].filter((teams) => teams.length > 1);
    classCache.set(problem, classes);
  }
  return classes;
}

/** Total order on candidates: smaller gap first, then smaller key. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.gap !== b.gap) return a.gap - b.gap;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The best `capacity` distinct splits seen so far; solvers feed it and prune against worst(). */
export class SplitPool {
  private readonly items: Candidate[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Gap a new split must beat (or tie) to matter; Infinity until the pool is full. */
  worst(): number {
    return this.items.length < this.capacity ? Number.POSITIVE_INFINITY : this.items[this.items.length - 1].gap;
  }

  /** Adds a split unless it is already present or worse than everything kept. */
  offer(problem: Problem, unitTeams: ArrayLike<number>): void {
    const c = canonical(problem, unitTeams);
    if (this.keys.has(c.key)) return;
    if (this.items.length >= this.capacity) {
      const last = this.items[this.items.length - 1];
      if (compareCandidates(c, last) >= 0) return;
      this.items.pop();
      this.keys.delete(last.key);
    }
    let at = this.items.length;
    while (at > 0 && compareCandidates(c, this.items[at - 1]) < 0) at -= 1;
    this.items.splice(at, 0, c);
    this.keys.add(c.key);
  }

  /** Best first. */
  list(): Candidate[] {
    return [...this.items];
  }
}
