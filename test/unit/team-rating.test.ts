import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_GLICKO_CONFIG, GLICKO2_SCALE, ratePeriod } from "../../src/domain/glicko2.js";
import type { PlayerRating } from "../../src/domain/glicko2.js";
import { gaussian, seededRandom } from "../../src/domain/random.js";
import { rateMatch, winProbabilities } from "../../src/domain/team-rating.js";
import type { RatedPlayer } from "../../src/domain/team-rating.js";

const rating = fc.record({
  rating: fc.double({ min: 500, max: 2500, noNaN: true }),
  deviation: fc.double({ min: 30, max: 350, noNaN: true }),
  volatility: fc.double({ min: 0.03, max: 0.1, noNaN: true }),
});
const team = (max: number) => fc.array(rating, { minLength: 1, maxLength: max });
const named = (teams: PlayerRating[][], weights?: number[][]): RatedPlayer[][] =>
  teams.map((t, i) => t.map((r, j) => ({ id: `t${i}p${j}`, rating: r, weight: weights?.[i]?.[j] })));

describe("team model properties", () => {
  it("a win never lowers a winner's rating and a loss never raises a loser's", () => {
    fc.assert(
      fc.property(fc.array(team(6), { minLength: 2, maxLength: 4 }), (teams) => {
        const ranks = teams.map((_, i) => i); // team 0 wins outright, the last team loses to all
        for (const u of rateMatch(named(teams), ranks)) {
          if (u.team === 0) expect(u.after.rating).toBeGreaterThanOrEqual(u.before.rating);
          if (u.team === teams.length - 1) expect(u.after.rating).toBeLessThanOrEqual(u.before.rating);
        }
      }),
    );
  });

  it("playing leaves RD below sitting the period out, and newcomers' RD shrinks", () => {
    fc.assert(
      fc.property(fc.array(team(5), { minLength: 2, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), (teams, winner) => {
        const ranks = teams.map((_, i) => (i === winner % teams.length ? 0 : 1));
        for (const u of rateMatch(named(teams), ranks)) {
          // The paper's pre-period φ* = sqrt(φ² + σ'²) is what sitting out would have left.
          const sitOut = ratePeriod({ ...u.before, volatility: u.after.volatility }, []);
          expect(u.after.deviation).toBeLessThanOrEqual(sitOut.deviation);
        }
      }),
    );
    // Evenly matched newcomers (RD 350) learn a lot from one game: RD must drop.
    const fresh: PlayerRating = { rating: 1500, deviation: 350, volatility: 0.06 };
    for (const size of [1, 3, 5]) {
      const teams = [Array(size).fill(fresh), Array(size).fill(fresh)];
      for (const u of rateMatch(named(teams), [0, 1])) expect(u.after.deviation).toBeLessThan(350);
    }
  });

  it("a 1v1 is symmetric: swapping the sides swaps the results, and equal players move equally", () => {
    fc.assert(
      fc.property(rating, rating, fc.constantFrom(0, 0.5, 1), (a, b, s) => {
        const ranks = s === 1 ? [0, 1] : s === 0 ? [1, 0] : [0, 0];
        const [ua, ub] = rateMatch(named([[a], [b]]), ranks);
        const [ub2, ua2] = rateMatch(named([[b], [a]]), [ranks[1] as number, ranks[0] as number]);
        expect(ua2?.after).toEqual(ua?.after);
        expect(ub2?.after).toEqual(ub?.after);
        const [ua3, ub3] = rateMatch(named([[a], [a]]), [0, 1]);
        expect((ua3?.after.rating ?? 0) - a.rating).toBeCloseTo(a.rating - (ub3?.after.rating ?? 0), 9);
      }),
    );
  });

  it("stays finite and within the RD bounds for extreme inputs", () => {
    const extreme = fc.record({
      rating: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      deviation: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
      volatility: fc.double({ min: 1e-6, max: 2, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(extreme, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        (teams, rawRanks) => {
          for (const u of rateMatch(named(teams), rawRanks.slice(0, teams.length))) {
            expect(Number.isFinite(u.after.rating)).toBe(true);
            expect(Number.isFinite(u.after.volatility) && u.after.volatility > 0).toBe(true);
            expect(u.after.deviation).toBeGreaterThanOrEqual(DEFAULT_GLICKO_CONFIG.minDeviation);
            expect(u.after.deviation).toBeLessThanOrEqual(DEFAULT_GLICKO_CONFIG.maxDeviation);
          }
          const p = winProbabilities(teams);
          expect(p.every(Number.isFinite)).toBe(true);
        },
      ),
    );
  });

  // Per-player Glicko expectations use the OTHER side's deviation (as in the paper), so they sum
  // to 1 across the sides only when deviations match; the published win probabilities always do.
  it("total expected score sums to 1: win probabilities for any k, and both sides when RDs match", () => {
    fc.assert(
      fc.property(fc.array(team(6), { minLength: 2, maxLength: 5 }), (teams) => {
        expect(winProbabilities(teams).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: 800, max: 2200, noNaN: true }), { minLength: 2, maxLength: 12 }), (rs) => {
        const half = Math.ceil(rs.length / 2);
        const teams = [rs.slice(0, half), rs.slice(half)].map((t) => t.map((r) => ({ rating: r, deviation: 90, volatility: 0.06 })));
        const updates = rateMatch(named(teams), [0, 1]);
        const e0 = updates.find((u) => u.team === 0)?.expectedScore ?? Number.NaN;
        const e1 = updates.find((u) => u.team === 1)?.expectedScore ?? Number.NaN;
        expect(e0 + e1).toBeCloseTo(1, 10);
        for (const u of updates) expect(u.expectedScore).toBe(u.team === 0 ? e0 : e1); // one number per team
      }),
    );
  });
});

describe("team model behaviour", () => {
  const r = (rating: number, deviation = 80): PlayerRating => ({ rating, deviation, volatility: 0.06 });

  it("predicts two teams with the logistic in the difference of summed ratings, discounted by g(Φ)", () => {
    const a = [r(1600), r(1550), r(1500)];
    const b = [r(1500), r(1450), r(1400)];
    const diff = (4650 - 4350) / GLICKO2_SCALE;
    const phi2 = (6 * 80 * 80) / GLICKO2_SCALE ** 2;
    const expected = 1 / (1 + Math.exp(-diff / Math.sqrt(1 + (3 * phi2) / Math.PI ** 2)));
    expect(winProbabilities([a, b])[0]).toBeCloseTo(expected, 12);
  });

  it("sums strengths: a 6-stack of equals beats a 5-stack of the same players, equal teams are even", () => {
    const p = winProbabilities([Array(6).fill(r(1600)), Array(5).fill(r(1600))]);
    expect(p[0]).toBeGreaterThan(0.5);
    const even = winProbabilities([Array(5).fill(r(1500)), Array(5).fill(r(1500)), Array(5).fill(r(1500))]);
    for (const x of even) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it("in a k-team match the stronger team is more likely to win and draws count half", () => {
    const p = winProbabilities([[r(1700)], [r(1500)], [r(1300)]]);
    expect(p[0]).toBeGreaterThan(p[1] as number);
    expect(p[1]).toBeGreaterThan(p[2] as number);
    const updates = rateMatch(named([[r(1500)], [r(1500)], [r(1500)]]), [0, 0, 1]);
    expect(updates.map((u) => u.actualScore)).toEqual([0.75, 0.75, 0]);
  });

  it("scales a substitute's change by the share of the match played", () => {
    const full = r(1500, 200);
    const teams: RatedPlayer[][] = [
      [
        { id: "regular", rating: full },
        { id: "sub", rating: full, weight: 0.5 },
        { id: "explicit", rating: full, weight: 1 },
      ],
      [
        { id: "x", rating: full },
        { id: "y", rating: full },
      ],
    ];
    const byId = new Map(rateMatch(teams, [0, 1]).map((u) => [u.id, u]));
    const gain = (id: string) => (byId.get(id)?.after.rating ?? 0) - 1500;
    expect(gain("sub")).toBeGreaterThan(0);
    expect(gain("sub")).toBeLessThan(gain("regular"));
    expect(gain("sub") / gain("regular")).toBeCloseTo(0.5, 1);
    expect(byId.get("explicit")?.after).toEqual(byId.get("regular")?.after);
    expect(byId.get("sub")?.after.deviation).toBeGreaterThan(byId.get("regular")?.after.deviation ?? 0);
  });

  it("learns a league: on simulated 5v5 games its second-half Brier score beats the coin flip", () => {
    const random = seededRandom(42);
    const skills = Array.from({ length: 40 }, () => 0.9 * gaussian(random));
    const ratings: PlayerRating[] = skills.map(() => ({ rating: 1500, deviation: 350, volatility: 0.06 }));
    let brier = 0;
    let counted = 0;
    for (let m = 0; m < 800; m += 1) {
      const ids = new Set<number>();
      while (ids.size < 10) ids.add(Math.floor(random() * 40));
      const [a, b] = [[...ids].slice(0, 5), [...ids].slice(5)] as [number[], number[]];
      const d = a.reduce((s, i) => s + (skills[i] as number), 0) - b.reduce((s, i) => s + (skills[i] as number), 0);
      const won = random() < 1 / (1 + Math.exp(-d)) ? 1 : 0;
      const p = winProbabilities([a.map((i) => ratings[i] as PlayerRating), b.map((i) => ratings[i] as PlayerRating)])[0] as number;
      if (m >= 400) {
        brier += (p - won) ** 2;
        counted += 1;
      }
      const teams = [a, b].map((t) => t.map((i) => ({ id: String(i), rating: ratings[i] as PlayerRating })));
      for (const u of rateMatch(teams, won ? [0, 1] : [1, 0])) ratings[Number(u.id)] = u.after;
    }
    expect(brier / counted).toBeLessThan(0.2); // a coin flip scores 0.25
  });
});

describe("rateMatch input validation", () => {
  const ok: PlayerRating = { rating: 1500, deviation: 100, volatility: 0.06 };
  const p = (id: string, extra: Partial<RatedPlayer> = {}): RatedPlayer => ({ id, rating: ok, ...extra });
  const cases: [string, RatedPlayer[][], number[], string][] = [
    ["one team", [[p("a")]], [0], "INVALID_MATCH"],
    ["an empty team", [[p("a")], []], [0, 1], "INVALID_MATCH"],
    ["ranks of the wrong length", [[p("a")], [p("b")]], [0], "INVALID_RANKS"],
    ["a negative rank", [[p("a")], [p("b")]], [0, -1], "INVALID_RANKS"],
    ["a player on both teams", [[p("a")], [p("a")]], [0, 1], "DUPLICATE_PLAYER"],
    ["a zero weight", [[p("a", { weight: 0 })], [p("b")]], [0, 1], "INVALID_WEIGHT"],
    ["a weight above 1", [[p("a", { weight: 1.5 })], [p("b")]], [0, 1], "INVALID_WEIGHT"],
    ["a NaN weight", [[p("a", { weight: Number.NaN })], [p("b")]], [0, 1], "INVALID_WEIGHT"],
    ["a NaN rating", [[p("a", { rating: { ...ok, rating: Number.NaN } })], [p("b")]], [0, 1], "INVALID_RATING"],
    ["a negative deviation", [[p("a", { rating: { ...ok, deviation: -1 } })], [p("b")]], [0, 1], "INVALID_RATING"],
  ];
  it.each(cases)("rejects %s", (_, teams, ranks, code) => {
    expect(() => rateMatch(teams, ranks)).toThrow(expect.objectContaining({ code, name: "DomainError" }));
  });
});
