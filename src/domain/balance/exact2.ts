import { SplitPool } from "./split-pool.js";
import type { Problem } from "./types.js";
import { DomainError } from "../errors.js";

/**
 * Exact two-team balance by meet-in-the-middle over sorted sums. With two teams an "apart" pair
 * means "exactly one of them in team 0", so each connected component of the apart graph has only
 * two orientations; locked components have one. What remains is a choice of one bit per free
 * component: split the bits in halves, enumerate each half (2^(q/2)), bucket the right half by
 * head-count and sort by strength, and for every left half binary-search the right sums nearest
 * the target. The K nearest on each side of the insertion point contain the K best completions,
 * so the best split AND the runners-up are exact. 24 free players: 2 × 4096 subsets, < 1 ms.
 */

/** Above this many free components the enumeration stops paying for itself; search takes over. */
export const EXACT2_MAX_ITEMS = 26;

interface Item {
  sides: [number[], number[]];
  count: [number, number];
  sum: [number, number];
}

interface Components {
  items: Item[];
  fixed: Int32Array;
}

/** Number of free two-way choices, so the caller can decide between exact and search. */
export function countItems(problem: Problem): number {
  return components(problem).items.length;
}

/** The best `poolSize` distinct splits for two teams; throws INFEASIBLE when there is none. */
export function solveExact2(problem: Problem, poolSize: number): SplitPool {
  const { items, fixed } = components(problem);
  const strengths = problem.units.map((u) => u.strength);
  const total = strengths.reduce((a, b) => a + b, 0);
  let baseCount = 0;
  let baseSum = 0;
  problem.units.forEach((unit, u) => {
    if (fixed[u] === 0) {
      baseCount += unit.size;
      baseSum += unit.strength;
    }
  });
  const need = problem.sizes[0] - baseCount;
  const symmetric = problem.teamClass[0] === problem.teamClass[1] && items.length > 0;
  const half = items.length >> 1;
  const left = enumerate(items.slice(0, half));
  const right = sortedBuckets(items.slice(half));
  const pool = new SplitPool(poolSize);
  const tolerance = 1e-9 * (1 + strengths.reduce((a, s) => a + Math.abs(s), 0));
  const target = total / 2 - baseSum;
  const byCount: (Bucket | undefined)[] = [];
  for (const [c, bucket] of right) byCount[c] = bucket;
  // One pass with plain numbers: `best` holds the K smallest gaps so far; every completion that
  // could still make the pool is recorded and only those are canonicalised at the end. For each
  // left half the walk goes outward from the target and stops after K steps or once worse.
  const best = new Float64Array(poolSize).fill(Number.POSITIVE_INFINITY);
  const found: number[] = [];
  const record = (gap: number, lm: number, rm: number): void => {
    found.push(gap, lm, rm);
    if (gap >= best[poolSize - 1]) return;
    let at = poolSize - 1;
    while (at > 0 && gap < best[at - 1]) {
      best[at] = best[at - 1];
      at -= 1;
    }
    best[at] = gap;
  };
  for (let lm = 0; lm < left.count.length; lm += 1) {
    if (symmetric && (lm & 1) === 1) continue; // the mirror of every split has item 0 flipped
    const bucket = byCount[need - left.count[lm]];
    if (bucket === undefined) continue;
    const sums = bucket.sums;
    const want = target - left.sum[lm];
    const at = lowerBound(sums, want);
    for (let p = at - 1; p >= 0 && p >= at - poolSize; p -= 1) {
      const gap = 2 * (want - sums[p]);
      if (gap > best[poolSize - 1] + tolerance) break;
      record(gap, lm, bucket.masks[p]);
    }
    for (let p = at; p < sums.length && p < at + poolSize; p += 1) {
      const gap = 2 * (sums[p] - want);
      if (gap > best[poolSize - 1] + tolerance) break;
      record(gap, lm, bucket.masks[p]);
    }
  }
  const threshold = best[poolSize - 1] + tolerance;
  const unitTeams = new Int32Array(problem.units.length);
  for (let f = 0; f < found.length; f += 3) {
    if (found[f] > threshold) continue;
    unitTeams.set(fixed);
    paint(items, 0, half, found[f + 1], unitTeams);
    paint(items, half, items.length, found[f + 2], unitTeams);
    pool.offer(problem, unitTeams);
  }
  if (pool.list().length === 0) {
    throw new DomainError(
      "INFEASIBLE",
      `no split into teams of ${problem.sizes.join(" and ")} keeps every party together, every apart pair apart and every lock`,
    );
  }
  return pool;
}

/** Head-count and strength that team 0 gets from every bit pattern of a list of items. */
function enumerate(items: Item[]): { count: Int32Array; sum: Float64Array } {
  const size = 1 << items.length;
  const count = new Int32Array(size);
  const sum = new Float64Array(size);
  let c0 = 0;
  let s0 = 0;
  for (const item of items) {
    c0 += item.count[0];
    s0 += item.sum[0];
  }
  count[0] = c0;
  sum[0] = s0;
  for (let mask = 1; mask < size; mask += 1) {
    const low = mask & -mask;
    const item = items[31 - Math.clz32(low)];
    const prev = mask ^ low;
    count[mask] = count[prev] + item.count[1] - item.count[0];
    sum[mask] = sum[prev] + item.sum[1] - item.sum[0];
  }
  return { count, sum };
}

interface Bucket {
  sums: Float64Array;
  masks: Int32Array;
}

/**
 * Every bit pattern of `items`, grouped by the head-count it gives team 0 and sorted by strength.
 * Built item by item as in Horowitz–Sahni: each head-count's list is the merge of (at most) two
 * already-sorted shifted lists, so the whole thing is linear in its output — no comparison sort.
 */
function sortedBuckets(items: Item[]): Map<number, Bucket> {
  let buckets = new Map<number, Bucket>([[0, { sums: Float64Array.of(0), masks: Int32Array.of(0) }]]);
  items.forEach((item, i) => {
    const parts = new Map<number, { from: Bucket; add: number; bit: number }[]>();
    for (const [c, bucket] of buckets) {
      for (const bit of [0, 1]) {
        const target = c + item.count[bit];
        const list = parts.get(target) ?? [];
        list.push({ from: bucket, add: item.sum[bit], bit: bit << i });
        parts.set(target, list);
      }
    }
    const next = new Map<number, Bucket>();
    for (const [c, list] of parts) next.set(c, mergeShifted(list));
    buckets = next;
  });
  return buckets;
}

/** Merges one or two sorted lists, each shifted by `add` and tagged with `bit`. */
function mergeShifted(lists: { from: Bucket; add: number; bit: number }[]): Bucket {
  const a = lists[0];
  const b: (typeof lists)[number] | undefined = lists[1];
  const la = a.from.sums.length;
  const lb = b === undefined ? 0 : b.from.sums.length;
  const sums = new Float64Array(la + lb);
  const masks = new Int32Array(la + lb);
  let i = 0;
  let j = 0;
  for (let o = 0; o < la + lb; o += 1) {
    const va = i < la ? a.from.sums[i] + a.add : Number.POSITIVE_INFINITY;
    if (b !== undefined && j < lb && b.from.sums[j] + b.add < va) {
      sums[o] = b.from.sums[j] + b.add;
      masks[o] = b.from.masks[j] | b.bit;
      j += 1;
    } else {
      sums[o] = va;
      masks[o] = a.from.masks[i] | a.bit;
      i += 1;
    }
  }
  return { sums, masks };
}

function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Writes the teams chosen by `mask` for items[from..to) into unitTeams. */
function paint(items: Item[], from: number, to: number, mask: number, unitTeams: Int32Array): void {
  for (let i = from; i < to; i += 1) {
    const item = items[i];
    const bit = (mask >> (i - from)) & 1;
    for (const u of item.sides[bit]) unitTeams[u] = 0;
    for (const u of item.sides[1 - bit]) unitTeams[u] = 1;
  }
}

/**
 * Two-colours the apart graph. A component with a lock is fixed; an odd cycle ("a apart from b,
 * b from c, c from a") cannot be split into two teams and is refused with the players named.
 */
function components(problem: Problem): Components {
  const q = problem.units.length;
  const adj: number[][] = Array.from({ length: q }, () => []);
  for (const [a, b] of problem.apart) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const colour = new Int32Array(q).fill(-1);
  const fixed = new Int32Array(q).fill(-1);
  const items: Item[] = [];
  for (let start = 0; start < q; start += 1) {
    if (colour[start] !== -1) continue;
    const members: number[] = [start];
    colour[start] = 0;
    for (let h = 0; h < members.length; h += 1) {
      const u = members[h];
      for (const w of adj[u]) {
        if (colour[w] === -1) {
          colour[w] = 1 - colour[u];
          members.push(w);
        } else if (colour[w] === colour[u]) {
          throw new DomainError(
            "CONFLICTING_CONSTRAINTS",
            `apart pairs form an odd cycle through ${describe(problem, members)}: two teams cannot separate them all`,
          );
        }
      }
    }
    // A lock on colour c to team t fixes the orientation: colour x goes to team x XOR c XOR t.
    let flip = -1;
    for (const u of members) {
      const lock = problem.units[u].lock;
      if (lock < 0) continue;
      const f = colour[u] ^ lock;
      if (flip !== -1 && flip !== f) {
        throw new DomainError("CONFLICTING_CONSTRAINTS", `locks contradict the apart pairs among ${describe(problem, members)}`);
      }
      flip = f;
    }
    if (flip !== -1) {
      for (const u of members) fixed[u] = colour[u] ^ flip;
      continue;
    }
    const item: Item = { sides: [[], []], count: [0, 0], sum: [0, 0] };
    for (const u of members) {
      const c = colour[u] as 0 | 1;
      const unit = problem.units[u];
      item.sides[c].push(u);
      item.count[c] += unit.size;
      item.sum[c] += unit.strength;
    }
    items.push(item);
  }
  return { items, fixed };
}

function describe(problem: Problem, units: number[]): string {
  return units
    .flatMap((u) => problem.units[u]?.members ?? [])
    .map((i) => problem.ids[i])
    .join(", ");
}
