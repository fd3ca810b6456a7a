import { describe, expect, it } from "vitest";
import { balanceTeams } from "../../src/domain/balance/index.js";
import { solveExact2 } from "../../src/domain/balance/exact2.js";
import { buildProblem } from "../../src/domain/balance/problem.js";
import { NEGLIGIBLE_GAP } from "../../src/domain/balance/local-search.js";
import type { BalanceRequest } from "../../src/domain/balance/types.js";
import { greedySplit, snakeDraft } from "../../src/domain/balance/baselines.js";
import { seededRandom } from "../../src/domain/random.js";
import { checkSplit } from "./brute-force.js";

const ratings = (n: number, seed: number): { id: string; rating: number }[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `p${i}`, rating: Math.round(1500 + 600 * (random() + random() - 1)) }));
};

/**
 * Constraints drawn from a hidden valid split, so the request is always satisfiable: the
 * balancer must answer and must honour every one (large lobbies go through the local search).
 */
function satisfiable(n: number, k: number, seed: number): BalanceRequest {
  const random = seededRandom(seed);
  const players = ratings(n, seed);
  const hidden = players.map((_, i) => i % k);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [hidden[i], hidden[j]] = [hidden[j] as number, hidden[i] as number];
  }
  const pick = (): number => Math.floor(random() * n);
  const parties: string[][] = [];
  const apart: [string, string][] = [];
  const locks: Record<string, number> = {};
  for (let c = 0; c < 6; c += 1) {
    const a = pick();
    const b = pick();
    if (a === b) continue;
    if (hidden[a] === hidden[b] && c % 2 === 0) parties.push([`p${a}`, `p${b}`]);
    if (hidden[a] !== hidden[b]) apart.push([`p${a}`, `p${b}`]);
  }
  for (let c = 0; c < 3; c += 1) {
    const a = pick();
    locks[`p${a}`] = hidden[a] as number;
  }
  return { players, teamCount: k, parties, apart, locks };
}

describe("constraints are always honoured", () => {
  it.each([
    [30, 2],
    [40, 2],
    [60, 2],
    [24, 3],
    [30, 4],
    [50, 5],
    [16, 4],
  ])("n = %i in %i teams with parties, apart pairs and locks", (n, k) => {
    for (let seed = 1; seed <= 4; seed += 1) {
      const req = satisfiable(n, k, seed * 100 + n);
      const result = balanceTeams(req);
      const keys = [result.best, ...result.alternatives].map((split) => checkSplit(req, split));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe("large lobbies: near-optimal", () => {
  it("two teams beyond the exact range land within a hundredth of a point of the optimum", () => {
    for (const n of [28, 30, 32]) {
      const req = { players: ratings(n, n).map((p) => ({ ...p, rating: p.rating + 0.37 * (n % 7) })) };
      const result = balanceTeams(req);
      expect(result.exact).toBe(false);
      const optimum = (solveExact2(buildProblem(req, 1500), 1).list()[0] as { gap: number }).gap;
      expect(result.best.gap).toBeLessThanOrEqual(Math.max(optimum, NEGLIGIBLE_GAP) + 1e-9);
    }
  });

  it("beats snake draft and greedy on every lobby", () => {
    for (const [n, k] of [
      [10, 2],
      [24, 2],
      [100, 2],
      [12, 3],
      [24, 4],
      [100, 4],
    ] as const) {
      for (let seed = 1; seed <= 3; seed += 1) {
        const req = { players: ratings(n, seed * 7 + n), teamCount: k };
        const best = balanceTeams(req).best.gap;
        expect(best).toBeLessThanOrEqual(snakeDraft(req).gap);
        expect(best).toBeLessThanOrEqual(greedySplit(req).gap);
      }
    }
  });

  it("uses only the injected random source", () => {
    const req = { players: ratings(60, 3), teamCount: 3 };
    let calls = 0;
    const counting = seededRandom(9);
    balanceTeams(req, {
      random: () => {
        calls++;
        return counting();
      },
    });
    const a = balanceTeams(req, { random: seededRandom(5) });
    const b = balanceTeams(req, { random: seededRandom(5) });
    expect(a).toEqual(b);
    expect(calls).toBeGreaterThan(0);
  });
});

describe("impossible or malformed requests get a typed error", () => {
  const p = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, rating: 1500 + i }));
  const cases: [string, BalanceRequest, string, RegExp][] = [
    ["no players", { players: [] }, "INVALID_TEAMS", /no players/],
    ["duplicate ids", { players: [...p(3), { id: "p1", rating: 1 }] }, "DUPLICATE_PLAYER", /p1/],
    ["a NaN rating", { players: [...p(3), { id: "x", rating: Number.NaN }] }, "INVALID_RATING", /x/],
    ["an infinite rating", { players: [...p(3), { id: "x", rating: Number.POSITIVE_INFINITY }] }, "INVALID_RATING", /x/],
    ["a zero deviation", { players: [...p(3), { id: "x", rating: 1500, deviation: 0 }] }, "INVALID_RATING", /deviation/],
    ["more teams than players", { players: p(3), teamCount: 4 }, "INVALID_TEAMS", /4 teams need at least 4 players/],
    ["one team", { players: p(3), teamCount: 1 }, "INVALID_TEAMS", /≥ 2/],
    ["sizes that do not add up", { players: p(6), teamSizes: [3, 2] }, "INVALID_TEAMS", /add up to 5 but there are 6/],
    ["sizes against teamCount", { players: p(6), teamSizes: [3, 3], teamCount: 3 }, "INVALID_TEAMS", /disagrees/],
    ["a zero-sized team", { players: p(6), teamSizes: [6, 0] }, "INVALID_TEAMS", /positive/],
    ["a party larger than a team", { players: p(6), parties: [["p0", "p1", "p2", "p3"]] }, "PARTY_TOO_LARGE", /4 players but the largest team has 3/],
    [
      "overlapping parties too large",
      {
        players: p(6),
        parties: [
          ["p0", "p1"],
          ["p1", "p2"],
          ["p2", "p3"],
        ],
      },
      "PARTY_TOO_LARGE",
      /p0, p1, p2, p3/,
    ],
    ["an unknown party member", { players: p(4), parties: [["p0", "ghost"]] }, "UNKNOWN_PLAYER", /ghost/],
    ["apart within a party", { players: p(4), parties: [["p0", "p1"]], apart: [["p1", "p0"]] }, "CONFLICTING_CONSTRAINTS", /same player or in one party/],
    ["apart with oneself", { players: p(4), apart: [["p2", "p2"]] }, "CONFLICTING_CONSTRAINTS", /p2/],
    ["a lock to a missing team", { players: p(4), locks: { p0: 2 } }, "INVALID_TEAMS", /integer 0\.\.1, got 2$/],
    ["party members locked apart", { players: p(4), parties: [["p0", "p1"]], locks: { p0: 0, p1: 1 } }, "CONFLICTING_CONSTRAINTS", /locked/],
    ["apart pair locked together", { players: p(4), apart: [["p0", "p1"]], locks: { p0: 1, p1: 1 } }, "CONFLICTING_CONSTRAINTS", /both locked to team 1/],
    ["too many locks on one team", { players: p(4), locks: { p0: 0, p1: 0, p2: 0 } }, "INFEASIBLE", /need 3 slots but it has 2/],
    [
      "an odd apart cycle for two teams",
      {
        players: p(6),
        apart: [
          ["p0", "p1"],
          ["p1", "p2"],
          ["p2", "p0"],
        ],
      },
      "CONFLICTING_CONSTRAINTS",
      /odd cycle/,
    ],
    [
      "four pairs into three teams of three",
      {
        players: p(9),
        teamCount: 3,
        parties: [
          ["p0", "p1"],
          ["p2", "p3"],
          ["p4", "p5"],
          ["p6", "p7"],
        ],
      },
      "INFEASIBLE",
      /no split into teams of 3, 3, 3/,
    ],
    [
      "the same, too large for exhaustive search",
      { players: p(45), teamCount: 15, parties: Array.from({ length: 16 }, (_, i) => [`p${2 * i}`, `p${2 * i + 1}`]) },
      "INFEASIBLE",
      /no split/,
    ],
    [
      "no split fits the sizes",
      {
        players: p(6),
        teamSizes: [4, 2],
        parties: [
          ["p0", "p1", "p2"],
          ["p3", "p4", "p5"],
        ],
      },
      "INFEASIBLE",
      /teams of 4 and 2/,
    ],
    [
      "an impossible k-team colouring",
      {
        players: p(6),
        teamCount: 3,
        apart: [
          ["p0", "p1"],
          ["p0", "p2"],
          ["p0", "p3"],
          ["p1", "p2"],
          ["p1", "p3"],
          ["p2", "p3"],
        ],
      },
      "INFEASIBLE",
      /apart/,
    ],
    ["a bad alternatives count", { players: p(4), alternatives: -1 }, "INVALID_TEAMS", /alternatives/],
  ];
  it.each(cases)("%s", (_, req, code, message) => {
    expect(() => balanceTeams(req)).toThrow(expect.objectContaining({ name: "DomainError", code, message: expect.stringMatching(message) }));
  });
});
