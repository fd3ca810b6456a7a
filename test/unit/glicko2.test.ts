import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import fc from "fast-check";
import {
  DEFAULT_GLICKO_CONFIG,
  GLICKO2_SCALE,
  LEGACY_GLICKO_CONFIG,
  decayRating,
  expectedScore,
  g,
  initialRating,
  newVolatility,
  ratePeriod,
} from "../../src/domain/glicko2.js";
import type { GlickoConfig, PlayerRating } from "../../src/domain/glicko2.js";
import { rateMatch } from "../../src/domain/team-rating.js";

// Glickman, "Example of the Glicko-2 system": a 1500/200/0.06 player against 1400/30, 1550/100
// and 1700/300 with results 1, 0, 0 and τ = 0.5.
const player: PlayerRating = { rating: 1500, deviation: 200, volatility: 0.06 };
const opponents: PlayerRating[] = [
  { rating: 1400, deviation: 30, volatility: 0.06 },
  { rating: 1550, deviation: 100, volatility: 0.06 },
  { rating: 1700, deviation: 300, volatility: 0.06 },
];
const scores = [1, 0, 0];
// The paper's system: τ = 0.5 around 1500, no RD floor to speak of, no idle decay.
const PAPER: GlickoConfig = {
  tau: 0.5,
  initialRating: 1500,
  initialDeviation: 350,
  initialVolatility: 0.06,
  minDeviation: 1e-6,
  maxDeviation: 350,
  idleDeviationPerDay: 0,
  ratingPeriodMs: 86_400_000,
};

describe("Glicko-2 against the paper's worked example", () => {
  it("reproduces the paper's intermediate table (g, E, v, Δ, σ')", () => {
    // Values printed in the paper, step 3 and 4, to its precision.
    const phis = opponents.map((o) => o.deviation / GLICKO2_SCALE);
    const mus = opponents.map((o) => (o.rating - 1500) / GLICKO2_SCALE);
    expect(phis.map(g).map((x) => Number(x.toFixed(4)))).toEqual([0.9955, 0.9531, 0.7242]);
    const es = mus.map((mu, j) => expectedScore(0, mu, phis[j] as number));
    expect(es.map((x) => Number(x.toFixed(3)))).toEqual([0.639, 0.432, 0.303]);
    const v = 1 / es.reduce((a, e, j) => a + g(phis[j] as number) ** 2 * e * (1 - e), 0);
    // The paper computes v and Δ from its rounded g and E, hence the looser tolerance.
    expect(Math.abs(v - 1.7785)).toBeLessThan(1e-3);
    const delta = v * es.reduce((a, e, j) => a + g(phis[j] as number) * ((scores[j] as number) - e), 0);
    expect(Math.abs(delta - -0.4834)).toBeLessThan(1e-3);
    expect(newVolatility(200 / GLICKO2_SCALE, 0.06, v, delta, 0.5)).toBeCloseTo(0.05999, 4);
  });

  it("gives r' = 1464.0507, RD' = 151.5165, σ' = 0.0599960 without intermediate rounding", () => {
    const after = ratePeriod(
      player,
      opponents.map((opponent, j) => ({ opponent, score: scores[j] as number })),
      PAPER,
    );
    expect(after.rating).toBeCloseTo(1464.0507, 4);
    expect(after.deviation).toBeCloseTo(151.5165, 4);
    expect(after.volatility).toBeCloseTo(0.059996, 7);
  });

  it("gives the same answer through the team model (free-for-all of singletons)", () => {
    // One match: our player beat 1400 (rank 1 vs 2) and lost to 1550 and 1700 (rank 0).
    const teams = [player, ...opponents].map((rating, i) => [{ id: `p${i}`, rating }]);
    const updates = rateMatch(teams, [1, 2, 0, 0], PAPER);
    const mine = updates.find((u) => u.id === "p0");
    expect(mine?.after.rating).toBeCloseTo(1464.0507, 4);
    expect(mine?.after.deviation).toBeCloseTo(151.5165, 4);
    expect(mine?.after.volatility).toBeCloseTo(0.059996, 7);
    expect(mine?.actualScore).toBeCloseTo(1 / 3, 12);
  });

  it("only grows RD for a player with no games: sqrt(φ² + σ²)", () => {
    const after = ratePeriod(player, [], PAPER);
    expect(after.rating).toBe(1500);
    expect(after.volatility).toBe(0.06);
    expect(after.deviation).toBeCloseTo(Math.sqrt(200 ** 2 + (0.06 * GLICKO2_SCALE) ** 2), 9);
  });
});

describe("1v1 through rateMatch is the paper", () => {
  it("matches a one-game rating period for both players", () => {
    const a: PlayerRating = { rating: 1620, deviation: 80, volatility: 0.05 };
    const b: PlayerRating = { rating: 1480, deviation: 150, volatility: 0.07 };
    const [ua, ub] = rateMatch([[{ id: "a", rating: a }], [{ id: "b", rating: b }]], [1, 0]);
    expect(ua?.after).toEqual(ratePeriod(a, [{ opponent: b, score: 0 }]));
    expect(ub?.after).toEqual(ratePeriod(b, [{ opponent: a, score: 1 }]));
  });

  it("leaves equal players' ratings unchanged after a draw but tightens their RD", () => {
    const r: PlayerRating = { rating: 1500, deviation: 120, volatility: 0.06 };
    const updates = rateMatch([[{ id: "a", rating: r }], [{ id: "b", rating: r }]], [0, 0]);
    for (const u of updates) {
      expect(u.after.rating).toBeCloseTo(1500, 9);
      expect(u.after.deviation).toBeLessThan(120);
      expect(u.expectedScore).toBe(0.5);
      expect(u.actualScore).toBe(0.5);
    }
  });
});

describe("decayRating (inactivity, Glicko-1's c per idle day)", () => {
  const day = 86_400_000;
  const r: PlayerRating = { rating: 1700, deviation: 60, volatility: 0.06 };
  const c10: GlickoConfig = { ...PAPER, initialDeviation: 150, idleDeviationPerDay: 10 };

  it("adds c² per idle day to RD², whatever σ is", () => {
    // sqrt(60² + 10² · 10) = sqrt(4600), by hand.
    expect(decayRating(r, 10 * day, c10).deviation).toBeCloseTo(67.8233, 4);
    expect(decayRating({ ...r, volatility: 0.001 }, 10 * day, c10).deviation).toBeCloseTo(67.8233, 4);
    const tenDays = decayRating(r, 10 * day, c10);
    expect(tenDays.rating).toBe(1700);
    expect(tenDays.volatility).toBe(0.06);
    // The period length no longer matters: decay is per day by definition.
    expect(decayRating(r, 10 * day, { ...c10, ratingPeriodMs: 7 * day })).toEqual(tenDays);
  });

  it("is additive in time: two reads in a row equal one read over the whole gap (below the cap)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), (d1, d2) => {
        const once = decayRating(r, (d1 + d2) * day, c10).deviation;
        const twice = decayRating(decayRating(r, d1 * day, c10), d2 * day, c10).deviation;
        expect(twice).toBeCloseTo(once, 9);
      }),
    );
  });

  it("caps at the initial RD, leaves an RD already above it alone, never shrinks on negative time, rejects NaN", () => {
    expect(decayRating(r, 1e6 * day, c10).deviation).toBe(150);
    expect(decayRating({ ...r, deviation: 200 }, 1e6 * day, c10).deviation).toBe(200);
    expect(decayRating(r, -5 * day, c10)).toEqual(r);
    expect(decayRating(r, 0, c10)).toEqual(r);
    expect(decayRating(r, 1e6 * day, { ...c10, idleDeviationPerDay: 0 })).toEqual(r);
    expect(() => decayRating(r, Number.NaN, c10)).toThrow(DomainError);
  });

  it("legacy settings decay exactly as decay by σ = 0.06 per daily period did", () => {
    // The old rule: φ'² = φ² + days · σ², on the Glicko-2 scale.
    const old = Math.sqrt((60 / GLICKO2_SCALE) ** 2 + 10 * 0.06 ** 2) * GLICKO2_SCALE;
    expect(decayRating(r, 10 * day, LEGACY_GLICKO_CONFIG).deviation).toBeCloseTo(old, 9);
  });

  it("with the defaults, a settled player is clearly less certain after half a year away, and a newcomer's RD is the cap", () => {
    const settled: PlayerRating = { rating: 1600, deviation: 40, volatility: DEFAULT_GLICKO_CONFIG.initialVolatility };
    const back = decayRating(settled, 182 * day).deviation;
    expect(back).toBeGreaterThan(50);
    expect(back).toBeLessThan(DEFAULT_GLICKO_CONFIG.initialDeviation);
    const fresh = initialRating();
    expect(decayRating(fresh, 365 * day).deviation).toBe(fresh.deviation);
  });
});

describe("configuration", () => {
  it("clamps RD to the configured floor and ceiling", () => {
    const config = { ...DEFAULT_GLICKO_CONFIG, minDeviation: 160, maxDeviation: 180 };
    expect(ratePeriod(player, [], config).deviation).toBe(180); // sitting out: 200.27, above the ceiling
    const settled = ratePeriod(
      player,
      opponents.map((opponent, j) => ({ opponent, score: scores[j] as number })),
      config,
    );
    expect(settled.deviation).toBe(160); // the paper's 151.5 is below this floor
  });

  it("rejects nonsense configuration and ratings with a typed error", () => {
    const bad = { ...DEFAULT_GLICKO_CONFIG, tau: 0 };
    expect(() => ratePeriod(player, [], bad)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    const inverted = { ...DEFAULT_GLICKO_CONFIG, minDeviation: 400 };
    expect(() => decayRating(player, 0, inverted)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    const negativeDecay = { ...DEFAULT_GLICKO_CONFIG, idleDeviationPerDay: -1 };
    expect(() => decayRating(player, 0, negativeDecay)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    // Settings stored before the field existed must fail loudly, not silently never decay.
    const { idleDeviationPerDay: _, ...stored } = DEFAULT_GLICKO_CONFIG;
    expect(() => decayRating(player, 0, stored as GlickoConfig)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    expect(() => ratePeriod({ ...player, deviation: 0 }, [])).toThrow(expect.objectContaining({ code: "INVALID_RATING" }));
    expect(() => ratePeriod({ ...player, rating: Number.POSITIVE_INFINITY }, [])).toThrow(DomainError);
  });
});
