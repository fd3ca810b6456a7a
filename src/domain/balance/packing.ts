import { DomainError } from "../errors.js";

/**
 * Exact capacity check for the constructive phase: can pieces of the given sizes fill teams with
 * the given free slots? That is bin packing, so a greedy "largest piece to the emptiest team" is
 * not enough (two triples and thirteen pairs fit 4 × 8 only if both triples share a team). This
 * is a depth-first search, largest piece first, made cheap by three facts:
 * - single players fill any slot, so only pieces of two or more are searched, and the singles
 *   only have to cover the slots the larger pieces cannot fill;
 * - teams with the same number of free slots are interchangeable here, so the state is the
 *   remaining pieces plus the SORTED free slots, and failed states are remembered;
 * - each team's free slots minus the largest total ≤ them that the remaining pieces can make is
 *   waste only singles can fill; if the waste exceeds the singles, the state is dead.
 * Every step is charged to a shared budget, so a pathological request stops with SEARCH_LIMIT.
 */

/** Steps (search nodes) shared by construction and packing before giving up. */
export const CONSTRUCT_BUDGET = 200_000;

/** Counts steps and stops the search truthfully when the bound is hit. */
export class StepBudget {
  private steps = 0;

  constructor(
    readonly limit: number,
    private readonly what: () => string,
  ) {}

  tick(): void {
    this.steps += 1;
    if (this.steps > this.limit) {
      throw new DomainError(
        "SEARCH_LIMIT",
        `${this.what()}: the search stopped at its bound of ${this.limit} steps without finding a split or proving that none exists; simplify the parties or apart pairs`,
      );
    }
  }
}

/** Remaining pieces as counts per size; sizes ≥ 2 only, singles are just a number. */
export class Packer {
  /** Distinct piece sizes ≥ 2, largest first. */
  private readonly sizes: number[];
  private readonly failed = new Set<string>();
  private readonly reachCache = new Map<string, Uint8Array>();

  constructor(
    pieceSizes: number[],
    private readonly maxSlots: number,
    private readonly budget: StepBudget,
  ) {
    this.sizes = [...new Set(pieceSizes.filter((s) => s >= 2))].sort((a, b) => b - a);
  }

  /** Count vector (aligned with the distinct sizes) of a list of piece sizes. */
  counts(pieceSizes: number[]): number[] {
    const counts = new Array<number>(this.sizes.length).fill(0);
    for (const s of pieceSizes) {
      const i = this.sizes.indexOf(s);
      if (i >= 0) counts[i] = counts[i] + 1;
    }
    return counts;
  }

  /** Index of a size in the count vector, or -1 for singles. */
  slot(size: number): number {
    return this.sizes.indexOf(size);
  }

  /**
   * Whether the pieces in `counts` (plus `singles` single players) can fill `free` exactly.
   * The caller keeps Σ free = Σ sizes, which is what lets singles stand for "any leftover".
   */
  fits(counts: number[], singles: number, free: number[]): boolean {
    return this.search(
      [...counts],
      singles,
      [...free].sort((a, b) => b - a),
    );
  }

  private search(counts: number[], singles: number, free: number[]): boolean {
    const first = counts.findIndex((c) => c > 0);
    if (first === -1) return true; // only singles left: they fill whatever is free
    const key = `${counts.join(",")}|${free.join(",")}`;
    if (this.failed.has(key)) return false;
    this.budget.tick();
    if (this.waste(counts, free) > singles) {
      this.failed.add(key);
      return false;
    }
    const size = this.sizes[first];
    counts[first] = counts[first] - 1;
    // `free` is sorted descending; try each distinct free-slot value that can take the piece.
    for (let j = 0; j < free.length && free[j] >= size; j += 1) {
      if (j > 0 && free[j] === free[j - 1]) continue;
      const next = [...free];
      next[j] = next[j] - size;
      next.sort((a, b) => b - a);
      if (this.search(counts, singles, next)) {
        counts[first] = counts[first] + 1;
        return true;
      }
    }
    counts[first] = counts[first] + 1;
    this.failed.add(key);
    return false;
  }

  /** Σ over teams of the slots the remaining pieces cannot fill, whatever else they do. */
  private waste(counts: number[], free: number[]): number {
    const reach = this.reachable(counts);
    let total = 0;
    for (const f of free) {
      let r = Math.min(f, reach.length - 1);
      while (r > 0 && reach[r] === 0) r -= 1;
      total += f - r;
    }
    return total;
  }

  /** Subset sums (with multiplicities) of the remaining pieces, up to the largest team. */
  private reachable(counts: number[]): Uint8Array {
    const key = counts.join(",");
    const cached = this.reachCache.get(key);
    if (cached !== undefined) return cached;
    let reach: Uint8Array = new Uint8Array(this.maxSlots + 1);
    reach[0] = 1;
    for (let i = 0; i < this.sizes.length; i += 1) {
      const size = this.sizes[i];
      const count = counts[i];
      if (count === 0) continue;
      // Bounded multiplicity: x is reachable if x − j·size was, for some 0 ≤ j ≤ count. Walking
      // each residue class upward with the distance to the last reachable value keeps it linear.
      const next = new Uint8Array(reach.length);
      for (let residue = 0; residue < size && residue < reach.length; residue += 1) {
        let lastReached = Number.NEGATIVE_INFINITY;
        for (let x = residue, step = 0; x < reach.length; x += size, step += 1) {
          if (reach[x] === 1) lastReached = step;
          if (step - lastReached <= count) next[x] = 1;
        }
      }
      reach = next;
    }
    this.reachCache.set(key, reach);
    return reach;
  }
}
