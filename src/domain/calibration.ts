import { DomainError } from "./errors.js";
import type { GlickoConfig } from "./glicko2.js";
import { assertConfig } from "./glicko2.js";
import type { CalibrationMatch } from "./replay.js";
import { meanOf, replayScores } from "./replay.js";

export type { CalibrationMatch } from "./replay.js";

/*
 * Calibration — why this shape.
 *
 * With one match per rating period, σ0 is "how far skill moves per game" and the initial RD is
 * "how far a newcomer may be from 1500": both are properties of the community, not of the maths,
 * and the best values differ by a factor of 10 between a stable league and a fast-changing one
 * (bench/ratings.ts). So we let the ladder's own history choose: replay it under each candidate
 * (exactly as the product would have rated it), score the pre-match predictions by log loss on
 * the earlier part, pick the best, and report how it does on the later part, which the choice
 * never saw. The pick only replaces the current settings when its advantage on the earlier part
 * is at least one standard error of the paired per-match differences: measured on 15 synthetic
 * ladders (40 players, 1000 matches), the plain argmin was worse than the current settings on
 * the held-out half 7 times (by up to 0.0125 nats per match), z ≥ 1 never, and z ≥ 2 kept
 * current too often (mean regret against the grid's best 0.0076 instead of 0.0052 nats).
 * Too little history makes the pick unstable, so below a minimum we refuse and say which failed.
 * bench/ratings.ts: held-out regret of the pick against the grid's best is ≤ 0.004 nats per match
 * on average from 50 games per player up, but reaches 0.043 at 25; an independent experiment
 * found picks unstable at ≤ 75, hence the conservative default of 100.
 * Idle decay is not searched by default: as a third axis (c 1.5 / 3 / 6 / 10) it gained 0.00 /
 * 0.01 / 0.01 share on the bench's drifting / stationary / community ladders for 4× the replays.
 * On all 18 bench ladders the calibrated settings were never worse than the defaults held out.
 */

/** Candidate values per setting; the grid is their product. */
export interface CalibrationGrid {
  initialVolatility: readonly number[];
  initialDeviation: readonly number[];
  idleDeviationPerDay: readonly number[];
}

export interface CalibrationOptions {
  grid?: Partial<CalibrationGrid>;
  /** Share of the matches (in play order) the choice is fitted on; the rest only checks it. */
  trainFraction?: number;
  minMatches?: number;
  /** Mean matches played per player seen in the history. */
  minGamesPerPlayer?: number;
  /** Paired z-score of the training improvement required to leave the current settings. */
  minImprovementZ?: number;
}

export interface CalibrationCell {
  config: GlickoConfig;
  trainLogLoss: number;
  testLogLoss: number;
}

export type CalibrationResult =
  | {
      ok: true;
      /** The settings to use: the grid's best on the earlier part, or `current` if not clearly better. */
      best: GlickoConfig;
      /** False when the current settings were kept. */
      changed: boolean;
      grid: CalibrationCell[];
      currentTrainLogLoss: number;
      currentTestLogLoss: number;
      bestTrainLogLoss: number;
      bestTestLogLoss: number;
      /** currentTestLogLoss − bestTestLogLoss, nats per match on the later part (may be negative). */
      expectedGain: number;
      /** Paired z-score of the best candidate's improvement over current on the earlier part. */
      trainImprovementZ: number;
      matches: number;
      trainMatches: number;
      players: number;
      gamesPerPlayer: number;
    }
  | {
      ok: false;
      code: "HISTORY_TOO_SHORT";
      reason: string;
      matches: number;
      players: number;
      gamesPerPlayer: number;
      minMatches: number;
      minGamesPerPlayer: number;
    };

/** The default grid: σ0 from "stable league" to "fast-changing", RD0 around a community's spread. */
export const DEFAULT_CALIBRATION_GRID: CalibrationGrid = Object.freeze({
  initialVolatility: [0.005, 0.01, 0.02, 0.03, 0.045, 0.06, 0.08],
  initialDeviation: [100, 150, 200, 300],
  idleDeviationPerDay: [],
});

export const DEFAULT_CALIBRATION_OPTIONS = Object.freeze({
  trainFraction: 0.5,
  minMatches: 400,
  minGamesPerPlayer: 100,
  minImprovementZ: 1,
});

/**
 * Chooses σ0 × initial RD (× idle decay, when the grid lists values for it) for a ladder from
 * its own history; every other setting is kept from `current`. An empty grid axis means "keep
 * the current value". Pure and deterministic; cost ≈ grid size × one replay.
 */
export function calibrate(history: readonly CalibrationMatch[], current: GlickoConfig, options: CalibrationOptions = {}): CalibrationResult {
  assertConfig(current);
  const o = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  if (!(o.trainFraction > 0 && o.trainFraction < 1)) {
    throw new DomainError("INVALID_CONFIG", `trainFraction must be in (0, 1), got ${o.trainFraction}`);
  }
  const appearances = new Map<string, number>();
  for (const match of history) for (const team of match.teams) for (const id of team) appearances.set(id, (appearances.get(id) ?? 0) + 1);
  const players = appearances.size;
  const gamesPerPlayer = players === 0 ? 0 : [...appearances.values()].reduce((a, b) => a + b, 0) / players;
  const matches = history.length;
  const short: string[] = [];
  if (matches < o.minMatches) short.push(`${matches} matches (need ${o.minMatches})`);
  if (gamesPerPlayer < o.minGamesPerPlayer) short.push(`${gamesPerPlayer.toFixed(1)} games per player (need ${o.minGamesPerPlayer})`);
  if (short.length > 0) {
    return {
      ok: false,
      code: "HISTORY_TOO_SHORT",
      reason: `history too short to calibrate: ${short.join(" and ")}`,
      matches,
      players,
      gamesPerPlayer,
      minMatches: o.minMatches,
      minGamesPerPlayer: o.minGamesPerPlayer,
    };
  }

  const split = Math.round(matches * o.trainFraction);
  const score = (config: GlickoConfig) => {
    const { logLoss } = replayScores(history, config);
    return { logLoss, cell: { config, trainLogLoss: meanOf(logLoss, 0, split), testLogLoss: meanOf(logLoss, split, matches) } };
  };
  const base = score(current);
  const grid: CalibrationCell[] = [];
  let best = base;
  for (const config of candidates(current, o.grid)) {
    const scored = config === current ? base : score(config);
    grid.push(scored.cell);
    if (scored.cell.trainLogLoss < best.cell.trainLogLoss) best = scored;
  }
  const z = pairedZ(base.logLoss, best.logLoss, 0, split);
  const chosen = z >= o.minImprovementZ ? best : base;
  return {
    ok: true,
    best: chosen.cell.config,
    changed: chosen !== base,
    grid,
    currentTrainLogLoss: base.cell.trainLogLoss,
    currentTestLogLoss: base.cell.testLogLoss,
    bestTrainLogLoss: chosen.cell.trainLogLoss,
    bestTestLogLoss: chosen.cell.testLogLoss,
    expectedGain: base.cell.testLogLoss - chosen.cell.testLogLoss,
    trainImprovementZ: z,
    matches,
    trainMatches: split,
    players,
    gamesPerPlayer,
  };
}

/** The grid's configs, skipping RDs above the ceiling; `current` itself where it is a grid point. */
function candidates(current: GlickoConfig, partial: Partial<CalibrationGrid> = {}): GlickoConfig[] {
  const grid = { ...DEFAULT_CALIBRATION_GRID, ...partial };
  const axis = (values: readonly number[], keep: number) => (values.length > 0 ? values : [keep]);
  const out: GlickoConfig[] = [];
  for (const initialVolatility of axis(grid.initialVolatility, current.initialVolatility)) {
    for (const initialDeviation of axis(grid.initialDeviation, current.initialDeviation)) {
      if (initialDeviation > current.maxDeviation || initialDeviation < current.minDeviation) continue;
      for (const idleDeviationPerDay of axis(grid.idleDeviationPerDay, current.idleDeviationPerDay)) {
        const same =
          initialVolatility === current.initialVolatility &&
          initialDeviation === current.initialDeviation &&
          idleDeviationPerDay === current.idleDeviationPerDay;
        const config = same ? current : { ...current, initialVolatility, initialDeviation, idleDeviationPerDay };
        assertConfig(config);
        out.push(config);
      }
    }
  }
  return out;
}

/** z of mean(a − b) over matches [from, to): how clearly b's per-match log loss beats a's. */
function pairedZ(a: Float64Array, b: Float64Array, from: number, to: number): number {
  if (a === b) return 0;
  const n = to - from;
  let sum = 0;
  let sumSq = 0;
  for (let i = from; i < to; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d;
    sumSq += d * d;
  }
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean) / Math.max(1, n - 1);
  if (variance === 0) return mean > 0 ? Number.POSITIVE_INFINITY : 0;
  return mean / Math.sqrt(variance);
}
