import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceTeams } from "../../src/domain/balance/index.js";
import type { BalanceRequest, BalanceResult } from "../../src/domain/balance/types.js";
import { DomainError } from "../../src/domain/errors.js";
import { bruteForce, checkSplit } from "./brute-force.js";

/** Random lobby with random constraints, many of them impossible on purpose. */
function lobby(maxPlayers: number, teamCounts: number[], constrained: boolean) {
  return fc
    .record({
      ratings: fc.array(fc.oneof(fc.integer({ min: 1000, max: 2000 }), fc.double({ min: 800, max: 2400, noNaN: true })), {
        minLength: 2,
        maxLength: maxPlayers,
      }),
      k: fc.constantFrom(...teamCounts),
      parties: fc.array(fc.array(fc.nat(maxPlayers - 1), { minLength: 2, maxLength: 3 }), { maxLength: constrained ? 2 : 0 }),
      apart: fc.array(fc.tuple(fc.nat(maxPlayers - 1), fc.nat(maxPlayers - 1)), { maxLength: constrained ? 2 : 0 }),
      locks: fc.array(fc.tuple(fc.nat(maxPlayers - 1), fc.nat(3)), { maxLength: constrained ? 2 : 0 }),
    })
    .filter((x) => x.ratings.length >= x.k)
    .map(({ ratings, k, parties, apart, locks }): BalanceRequest => {
      const n = ratings.length;
      const id = (i: number): string => `p${i % n}`;
      const uniqueParties = parties.map((party) => [...new Set(party.map(id))]).filter((party) => party.length > 1);
      return {
        players: ratings.map((rating, i) => ({ id: `p${i}`, rating })),
        teamCount: k,
        parties: uniqueParties,
        apart: apart.map(([a, b]) => [id(a), id(b)] as [string, string]).filter(([a, b]) => a !== b),
        locks: Object.fromEntries(locks.map(([p, t]) => [id(p), t % k])),
      };
    });
}

/** Exact answers must equal brute force: the best gap, the runners-up, and all constraints. */
function expectMatchesBruteForce(req: BalanceRequest): void {
  const reference = bruteForce(req);
  let result: BalanceResult;
  try {
    result = balanceTeams(req);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(reference.gaps, `refused (${error.code}: ${error.message}) a solvable request`).toEqual([]);
    return;
  }
  expect(reference.gaps.length, "answered an impossible request").toBeGreaterThan(0);
  expect(result.exact).toBe(true);
  const splits = [result.best, ...result.alternatives];
  const keys = splits.map((s) => checkSplit(req, s));
  expect(new Set(keys).size).toBe(keys.length);
  expect(splits.length).toBe(Math.min(4, reference.gaps.length));
  for (const [i, split] of splits.entries()) expect(split.gap).toBeCloseTo(reference.gaps[i] as number, 6);
}

describe("balanceTeams against brute force", () => {
  it("two teams, n ≤ 14, no constraints: optimal gap and the true runners-up", () => {
    fc.assert(fc.property(lobby(14, [2], false), expectMatchesBruteForce), { numRuns: 60 });
  });

  it("two teams, n ≤ 12, random parties, apart pairs and locks", () => {
    fc.assert(fc.property(lobby(12, [2], true), expectMatchesBruteForce), { numRuns: 150 });
  });

  it("three and four teams, n ≤ 9, with and without constraints", () => {
    fc.assert(fc.property(lobby(9, [3, 4], true), expectMatchesBruteForce), { numRuns: 80 });
    fc.assert(fc.property(lobby(9, [3, 4], false), expectMatchesBruteForce), { numRuns: 30 });
  });

  it("12 players in 3 teams, 8 in 4, uneven and given sizes", () => {
    const ratings = [1500, 1720, 1610, 1390, 1450, 1830, 1205, 1555, 1666, 1498, 1377, 1901];
    const players = ratings.map((rating, i) => ({ id: `p${i}`, rating }));
    expectMatchesBruteForce({ players, teamCount: 3 });
    expectMatchesBruteForce({ players: players.slice(0, 8), teamCount: 4 });
    expectMatchesBruteForce({ players: players.slice(0, 11) }); // 6v5 by default
    expectMatchesBruteForce({ players: players.slice(0, 10), teamSizes: [4, 3, 3], locks: { p5: 0 } });
  });
});

describe("balanceTeams results", () => {
  const players = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, rating: 1400 + 25 * i, deviation: 80 }));

  it("is deterministic, including among tied splits", () => {
    const tied = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, rating: 1500 + (i % 3) * 100 }));
    expect(balanceTeams({ players: tied })).toEqual(balanceTeams({ players: tied }));
    const big = Array.from({ length: 40 }, (_, i) => ({ id: `b${i}`, rating: 1000 + ((i * 7919) % 1000) }));
    expect(balanceTeams({ players: big, teamCount: 3 })).toEqual(balanceTeams({ players: big, teamCount: 3 }));
  });

  it("reports win probabilities from the rating model: even split, even odds", () => {
    const { best } = balanceTeams({ players: players.slice(0, 8) });
    expect(best.gap).toBe(0); // steps 0..7 of 25 split evenly: {0,3,4,7} vs {1,2,5,6}
    expect(best.winProbabilities[0]).toBeCloseTo(0.5, 12);
    // Steps 0..9 add up to 45, which is odd: the best possible gap is one step.
    expect(balanceTeams({ players }).best.gap).toBe(25);
    const lopsided = balanceTeams({ players, locks: { p9: 0, p8: 0, p7: 0, p0: 1, p1: 1, p2: 1 } });
    expect(lopsided.best.winProbabilities[0]).toBeGreaterThan(0.5);
    expect(lopsided.best.gap).toBeGreaterThan(0);
  });

  it("returns the requested number of alternatives, all distinct and no better than the best", () => {
    const result = balanceTeams({ players, alternatives: 2 });
    expect(result.alternatives).toHaveLength(2);
    for (const alt of result.alternatives) expect(alt.gap).toBeGreaterThanOrEqual(result.best.gap);
    expect(balanceTeams({ players, alternatives: 0 }).alternatives).toEqual([]);
  });
});
