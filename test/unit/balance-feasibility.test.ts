import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { construct } from "../../src/domain/balance/construct.js";
import { balanceTeams } from "../../src/domain/balance/index.js";
import { Packer, StepBudget } from "../../src/domain/balance/packing.js";
import { buildProblem } from "../../src/domain/balance/problem.js";
import type { BalanceRequest } from "../../src/domain/balance/types.js";
import { DomainError } from "../../src/domain/errors.js";
import { checkSplit, teamSizesOf } from "./brute-force.js";

/** 32 players rated 1500+i into 4 teams of 8, with two triples and thirteen pairs. */
function triplesAndPairs(): BalanceRequest {
  const players = Array.from({ length: 32 }, (_, i) => ({ id: `u${i}`, rating: 1500 + i }));
  const parties = [
    ["u0", "u1", "u2"],
    ["u3", "u4", "u5"],
  ];
  for (let i = 6; i < 32; i += 2) parties.push([`u${i}`, `u${i + 1}`]);
  return { players, teamCount: 4, parties };
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("feasible requests always get an answer", () => {
  it("two triples and thirteen pairs into 4 teams of 8 (the triples must share a team)", () => {
    const req = triplesAndPairs();
    const result = balanceTeams(req);
    for (const split of [result.best, ...result.alternatives]) checkSplit(req, split);
    // A team of 8 holding one triple needs 5 more places, which pairs cannot fill: both triples
    // (strength 0+…+5 = 15) share a team with one pair, at most u30+u31 (61), so that team has at
    // most 76 and the other three share the remaining 496 − 76 = 420 evenly at best: gap ≥ 64.
    const tripleTeam = result.best.teams.find((team) => team.includes("u0"));
    expect(tripleTeam).toEqual(expect.arrayContaining(["u0", "u1", "u2", "u3", "u4", "u5"]));
    expect(result.best.gap).toBeGreaterThanOrEqual(64);
    expect(result.best.gap).toBeCloseTo(64, 9); // u30+u31 with the triples, 140 in each other team
  });

  /**
   * A hidden split is drawn first (each team carved into parties of 1–4), and every constraint is
   * read off it: parties, apart pairs across hidden teams, locks to the hidden team. So a valid
   * split exists, and the balancer must find one whatever route (exact or search) it takes.
   */
  const hiddenSplit = (teamSize: fc.Arbitrary<number>, cut: fc.Arbitrary<number>) =>
    fc
      .record({
        sizes: fc.array(teamSize, { minLength: 2, maxLength: 6 }),
        cuts: fc.array(cut, { minLength: 90, maxLength: 90 }),
        ratings: fc.array(fc.integer({ min: 900, max: 2300 }), { minLength: 90, maxLength: 90 }),
        shuffle: fc.array(fc.nat(), { minLength: 90, maxLength: 90 }),
        apart: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        locks: fc.array(fc.nat(), { maxLength: 3 }),
        givenSizes: fc.boolean(),
      })
      .map(({ sizes, cuts, ratings, shuffle, apart, locks, givenSizes }): BalanceRequest => {
        const n = sizes.reduce((a, b) => a + b, 0);
        // Near-equal sizes (larger first) when not given, as the balancer would pick them.
        const players = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, rating: ratings[i] ?? 1500 }));
        const teamSizes = givenSizes ? sizes : teamSizesOf({ players, teamCount: sizes.length });
        const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (shuffle[a] ?? 0) - (shuffle[b] ?? 0) || a - b);
        const hidden: number[] = new Array(n);
        const parties: string[][] = [];
        let next = 0;
        let cut = 0;
        teamSizes.forEach((size, t) => {
          let left = size;
          while (left > 0) {
            const part = Math.min(left, cuts[cut % cuts.length] ?? 1);
            cut += 1;
            const members = order.slice(next, next + part);
            for (const i of members) hidden[i] = t;
            if (part > 1) parties.push(members.map((i) => `p${i}`));
            next += part;
            left -= part;
          }
        });
        const pairs = apart.map(([a, b]) => [a % n, b % n]).filter(([a, b]) => hidden[a as number] !== hidden[b as number]);
        return {
          players,
          ...(givenSizes ? { teamSizes } : { teamCount: teamSizes.length }),
          parties,
          apart: pairs.map(([a, b]) => [`p${a}`, `p${b}`] as [string, string]),
          locks: Object.fromEntries(locks.map((i) => [`p${i % n}`, hidden[i % n] as number])),
          alternatives: 1,
        };
      });

  const answersValidly = (req: BalanceRequest): void => {
    const result = balanceTeams(req, { maxIterations: 4 });
    for (const split of [result.best, ...result.alternatives]) checkSplit(req, split);
  };

  it("random requests built around a hidden valid split (property)", () => {
    fc.assert(fc.property(hiddenSplit(fc.integer({ min: 2, max: 14 }), fc.integer({ min: 1, max: 4 })), answersValidly), { numRuns: 300 });
  });

  it("the same with tight packings: mostly pairs and triples, singles only where a team forces one", () => {
    const cut = fc.constantFrom(2, 2, 2, 3, 3, 4);
    fc.assert(fc.property(hiddenSplit(fc.integer({ min: 6, max: 12 }), cut), answersValidly), { numRuns: 300 });
  });
});

describe("refusals say what was proven", () => {
  it("a packing that cannot work is INFEASIBLE, with the sizes named, even for a large lobby", () => {
    // Thirteen triples and one single into four teams of 10: each team needs a single (10 = 3+3+3+1).
    const players = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, rating: 1500 + 7 * i }));
    const parties = Array.from({ length: 13 }, (_, i) => [`p${3 * i}`, `p${3 * i + 1}`, `p${3 * i + 2}`]);
    const error = refusal(() => balanceTeams({ players, teamCount: 4, parties }));
    expect(error.code).toBe("INFEASIBLE");
    expect(error.message).toMatch(/teams of 10, 10, 10, 10/);
    expect(error.message).toMatch(/cannot fill/);
  });

  it("a search that hits its step bound says SEARCH_LIMIT and names the bound, not INFEASIBLE", () => {
    const problem = buildProblem(triplesAndPairs(), 1500);
    const error = refusal(() => construct(problem, 3));
    expect(error.code).toBe("SEARCH_LIMIT");
    expect(error.message).toMatch(/bound of 3 steps/);
    expect(error.message).not.toMatch(/no split/);
    expect(construct(problem).length).toBe(problem.units.length); // the default bound is ample
  });
});

describe("packing check", () => {
  const fits = (pieces: number[], free: number[]): boolean => {
    const packer = new Packer(pieces, Math.max(...free), new StepBudget(10_000, () => "test"));
    return packer.fits(packer.counts(pieces), pieces.filter((s) => s === 1).length, free);
  };

  it("finds packings a largest-first greedy misses", () => {
    expect(fits([3, 3, ...new Array(13).fill(2)], [8, 8, 8, 8])).toBe(true);
    expect(fits([3, 3, 2, 2, 2, 2, 2], [8, 8])).toBe(true); // 3+3+2 | 2+2+2+2
    expect(fits([4, 3, 3, 3, 2, 1], [8, 8])).toBe(true); // 4+3+1 | 3+3+2
  });

  it("refuses what cannot be packed", () => {
    expect(fits([2, 2, 2, 2, 1], [3, 3, 3])).toBe(false); // one pair per team of 3
    expect(fits([3, 3, ...new Array(13).fill(2)], [9, 9, 7, 7])).toBe(false); // four odd teams, two triples
    expect(fits([5, 5, 5], [8, 7])).toBe(false);
  });
});
