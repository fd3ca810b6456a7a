import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/domain/calibration.js";
import type { CalibrationMatch } from "../../src/domain/calibration.js";
import { DEFAULT_GLICKO_CONFIG } from "../../src/domain/glicko2.js";
import type { GlickoConfig } from "../../src/domain/glicko2.js";
import { gaussian, seededRandom } from "../../src/domain/random.js";
import { replayScores } from "../../src/domain/replay.js";

const MINUTE = 60_000;

/**
 * A 5v5 league whose skills (Glicko-2 units) take a random step of SD `stepPerGame` every time a
 * player plays: the per-game change that σ0 models. Matches are a minute apart, so idle decay is
 * negligible and σ0 is the only setting that can account for the drift.
 */
function league(seed: number, stepPerGame: number, players = 40, matches = 1000): CalibrationMatch[] {
  const random = seededRandom(seed);
  const skill = Array.from({ length: players }, () => 0.8 * gaussian(random));
  const history: CalibrationMatch[] = [];
  for (let m = 0; m < matches; m += 1) {
    const ids = new Set<number>();
    while (ids.size < 10) ids.add(Math.floor(random() * players));
    const [a, b] = [[...ids].slice(0, 5), [...ids].slice(5)];
    const diff = a.reduce((s, i) => s + (skill[i] ?? 0), 0) - b.reduce((s, i) => s + (skill[i] ?? 0), 0);
    const aWon = random() < 1 / (1 + Math.exp(-diff));
    history.push({ teams: [a.map(String), b.map(String)], ranks: aWon ? [0, 1] : [1, 0], playedAt: m * MINUTE });
    for (const i of ids) skill[i] = (skill[i] ?? 0) + stepPerGame * gaussian(random);
  }
  return history;
}

const grid = { initialVolatility: [0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.12], initialDeviation: [150] };

describe("calibrate recovers a planted per-game volatility", () => {
  it("picks a small σ0 for fixed skills and a large one for skills that move 0.06 per game", () => {
    for (const seed of [1, 2]) {
      const still = calibrate(league(seed, 0, 40, 2000), DEFAULT_GLICKO_CONFIG, { grid });
      const moving = calibrate(league(seed, 0.06, 40, 2000), DEFAULT_GLICKO_CONFIG, { grid });
      if (!still.ok || !moving.ok) throw new Error("histories of 2000 matches, 500 games per player, must be accepted");
      expect(still.best.initialVolatility).toBeLessThanOrEqual(0.02);
      expect(moving.best.initialVolatility).toBeGreaterThanOrEqual(0.04);
      expect(moving.best.initialVolatility).toBeLessThanOrEqual(0.08);
      expect(moving.changed).toBe(true);
      // Held out: the pick must also win on the later half, which it never saw.
      expect(moving.expectedGain).toBeGreaterThan(0);
      expect(moving.bestTestLogLoss).toBeLessThan(moving.currentTestLogLoss);
    }
  });

  it("keeps every setting it does not search, reports the grid, and keeps current when nothing is clearly better", () => {
    const current: GlickoConfig = { ...DEFAULT_GLICKO_CONFIG, tau: 0.7, minDeviation: 20 };
    const result = calibrate(league(3, 0.06), current, { grid, minImprovementZ: Number.POSITIVE_INFINITY });
    if (!result.ok) throw new Error("expected ok");
    expect(result.changed).toBe(false);
    expect(result.best).toBe(current);
    expect(result.expectedGain).toBe(0);
    expect(result.grid).toHaveLength(7);
    for (const cell of result.grid) {
      expect(cell.config).toMatchObject({ tau: 0.7, minDeviation: 20, initialDeviation: 150, idleDeviationPerDay: current.idleDeviationPerDay });
    }
    expect(result.matches).toBe(1000);
    expect(result.trainMatches).toBe(500);
    expect(result.gamesPerPlayer).toBeCloseTo((1000 * 10) / result.players, 9);
  });
});

describe("calibrate refuses histories too short to trust", () => {
  it("names the minimum on matches", () => {
    const result = calibrate(league(4, 0, 10, 100), DEFAULT_GLICKO_CONFIG);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("HISTORY_TOO_SHORT");
    expect(result.reason).toMatch(/100 matches \(need 400\)/);
    expect(result.reason).not.toMatch(/games per player/); // 10 players × 100 matches: 100 games each
  });

  it("names the minimum on games per player", () => {
    // 500 players drawn at random for 1000 matches: about 20 games each.
    const result = calibrate(league(5, 0, 500, 1000), DEFAULT_GLICKO_CONFIG);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/games per player \(need 100\)/);
    expect(result.reason).not.toMatch(/matches \(need/);
    expect(result.gamesPerPlayer).toBeCloseTo(20, 0);
  });
});

describe("replayScores follows the product's path", () => {
  const teams = [
    ["a", "b"],
    ["c", "d"],
  ];

  it("scores a first match of newcomers as a coin flip: log loss ln 2, Brier 1/4, also per pair in a 3-team match", () => {
    const s = replayScores([{ teams, ranks: [0, 1], playedAt: 0 }], DEFAULT_GLICKO_CONFIG);
    expect(s.logLoss[0]).toBeCloseTo(Math.LN2, 12);
    expect(s.brier[0]).toBeCloseTo(0.25, 12);
    const three = replayScores([{ teams: [["a"], ["b"], ["c"]], ranks: [0, 1, 1], playedAt: 0 }], DEFAULT_GLICKO_CONFIG);
    expect(three.logLoss[0]).toBeCloseTo(Math.LN2, 12); // every pair, draws included, is a 50/50 call
  });

  it("learns from the first result and forgets with idle time", () => {
    const again = (gapDays: number, c: number) =>
      replayScores(
        [
          { teams, ranks: [0, 1], playedAt: 0 },
          { teams, ranks: [0, 1], playedAt: gapDays * 86_400_000 },
        ],
        { ...DEFAULT_GLICKO_CONFIG, idleDeviationPerDay: c },
      ).logLoss[1] ?? Number.NaN;
    // The winners are now favoured, so their second win costs less than ln 2…
    expect(again(0, 3)).toBeLessThan(Math.LN2);
    // …and less still right away than after a year away with strong decay (closer to a coin flip).
    expect(again(365, 20)).toBeGreaterThan(again(0, 20));
    expect(again(365, 20)).toBeLessThan(Math.LN2);
    expect(again(365, 0)).toBeCloseTo(again(0, 0), 12);
  });

  it("rejects a history out of play order", () => {
    const history = [
      { teams, ranks: [0, 1], playedAt: 10 },
      { teams, ranks: [0, 1], playedAt: 5 },
    ];
    expect(() => replayScores(history, DEFAULT_GLICKO_CONFIG)).toThrow(expect.objectContaining({ code: "INVALID_MATCH" }));
  });
});
