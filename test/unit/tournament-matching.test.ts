import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxWeightMatching, reducedSlack } from "../../src/domain/tournament/matching.js";
import type { WeightedEdge } from "../../src/domain/tournament/matching.js";

/** Every matching of the graph, enumerated: best = most edges, then most weight. */
function bruteForce(n: number, edges: WeightedEdge[]): { size: number; weight: number } {
  let best = { size: 0, weight: 0 };
  const used = new Array<boolean>(n).fill(false);
  const visit = (k: number, size: number, weight: number): void => {
    if (size > best.size || (size === best.size && weight > best.weight)) best = { size, weight };
    for (let e = k; e < edges.length; e += 1) {
      const { a, b, weight: w } = edges[e] as WeightedEdge;
      if (used[a] || used[b]) continue;
      used[a] = used[b] = true;
      visit(e + 1, size + 1, weight + w);
      used[a] = used[b] = false;
    }
  };
  visit(0, 0, 0);
  return best;
}

const graph = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.array(fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), weight: fc.integer({ min: 0, max: 30 }) }), { maxLength: 22 }).map((raw) => {
    const seen = new Set<string>();
    const edges = raw.filter((e) => {
      const key = `${Math.min(e.a, e.b)}-${Math.max(e.a, e.b)}`;
      if (e.a === e.b || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { n, edges };
  }),
);

describe("maxWeightMatching against brute force", () => {
  it("finds a maximum-cardinality matching of maximum weight on random graphs", () => {
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const { mate } = maxWeightMatching(n, edges);
        let size = 0;
        let weight = 0;
        for (const e of edges) {
          if (mate[e.a] === e.b) {
            expect(mate[e.b]).toBe(e.a);
            size += 1;
            weight += e.weight;
          }
        }
        expect(mate.filter((x) => x >= 0).length).toBe(2 * size);
        expect({ size, weight }).toEqual(bruteForce(n, edges));
      }),
      { numRuns: 600 },
    );
  });

  it("certifies perfect matchings on complete graphs: no edge has negative reduced slack", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 45, maxLength: 45 }), (half, ws) => {
        const n = 2 * half;
        const edges: WeightedEdge[] = [];
        for (let a = 0; a < n; a += 1) for (let b = a + 1; b < n; b += 1) edges.push({ a, b, weight: ws[edges.length] ?? 0 });
        const result = maxWeightMatching(n, edges);
        const slack = reducedSlack(result);
        for (const e of edges) expect(slack(e.a, e.b, e.weight)).toBeGreaterThanOrEqual(0);
        expect(result.mate.every((x) => x >= 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
