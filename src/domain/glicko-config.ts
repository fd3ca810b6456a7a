/**
 * The Glicko-2 settings and their defaults, apart from the maths so a reader can find (and a
 * community can change) the numbers without wading through the paper's steps.
 */
/** Glicko-1 → Glicko-2 scale: 400 / ln 10 (the paper's 173.7178). */
export const GLICKO2_SCALE = 173.7178;

/** A player's rating on the Glicko-1 scale; volatility is σ, identical on both scales. */
export interface PlayerRating {
  rating: number;
  deviation: number;
  volatility: number;
}

/** Everything tunable in one object so a community's settings are data, not code. */
export interface GlickoConfig {
  /**
   * System constant τ: how fast volatility may change (paper suggests 0.3..1.2). Kept for the
   * paper's sake but nearly inert here: every match is its own rating period, and one game carries
   * too little evidence to move σ (measured: τ 0.2..1.2 changes Brier in the 4th decimal), so σ
   * stays close to initialVolatility for good.
   */
  tau: number;
  initialRating: number;
  initialDeviation: number;
  /**
   * σ0. With one match per rating period the paper's step 6 adds σ² to φ² before EVERY match, so
   * this is in effect "how much skill may change per game played" — the main lever of the model.
   */
  initialVolatility: number;
  /** Floor on RD so a veteran's rating can still move. */
  minDeviation: number;
  /** Ceiling on RD so one game can never swing a rating by thousands. */
  maxDeviation: number;
  /**
   * Idle decay, Glicko-1's c on the Glicko-1 scale: RD' = min(sqrt(RD² + c²·days), initialDeviation).
   * How much skill may change per day away, independent of σ (per game), so a small calibrated σ
   * does not switch off "returning players are uncertain".
   */
  idleDeviationPerDay: number;
  /** Unused by decay since idleDeviationPerDay (kept so stored settings and callers stay valid). */
  ratingPeriodMs: number;
}

/**
 * The settings every ladder had before idleDeviationPerDay existed: the paper's 350 / 0.06, and
 * idle decay at σ per day (0.06 × 173.7178 = 10.42 points, which is what decay by σ amounted to).
 * Existing ladders keep these unless an organiser recalibrates.
 */
export const LEGACY_GLICKO_CONFIG: GlickoConfig = Object.freeze({
  tau: 0.5,
  initialRating: 1500,
  initialDeviation: 350,
  initialVolatility: 0.06,
  minDeviation: 30,
  maxDeviation: 350,
  idleDeviationPerDay: 0.06 * GLICKO2_SCALE,
  ratingPeriodMs: 24 * 60 * 60 * 1000,
});

/**
 * Defaults for new ladders, measured with bench/ratings.ts (`npm run bench -- domain`: synthetic
 * 5v5 ladders with known skills, 6000 matches over a year, ~0.8 games per player per day, scored
 * on the later half; share = (Brier − oracle) / (openskill − oracle), lower is better, 6 seeds).
 * Shares stationary / drifting / community: old defaults 1.06 / 0.71 / 0.88, these 0.48 / 0.73 /
 * 0.72, calibrated per ladder 0.48 / 0.64 / 0.72.
 * - initialVolatility 0.01: with one match per period σ0² is added to RD² before every game, so
 *   0.06 holds RD near 85 for good. At RD0 150, c 3: σ0 0.01 → 0.49 / 0.73 / 0.72, 0.015 → 0.50 /
 *   0.71 / 0.72, 0.02 → 0.52 / 0.69 / 0.72; at c 2.5 (3 seeds) 0.03 → 0.53 / 0.67 / 0.72 and
 *   0.06 → 0.78 / 0.64 / 0.76. Fast-changing ladders should calibrate (they pick 0.03–0.045).
 * - initialDeviation 150: newcomers are spread like the community (SD ≈ 140–160 points); 125 is
 *   within 0.02 of it either way, 200 costs 0.04–0.05; 350 is part of why the old defaults score 0.88 on
 *   a community that keeps receiving newcomers.
 * - minDeviation 30: 10 measures the same; 60 costs 0.06 stationary and 0.03 on the community
 *   (it helps drifting skills by 0.03, which calibrating σ0 does better).
 * - idleDeviationPerDay 3: RD² grows 9 points² per idle day, so a settled RD of 40 reads 57 after
 *   six months away and 69 after a year (updates scale with RD², so the first games back move
 *   2–3× as far) and 150 after ~6 years. Decay is paid every calendar day, by regulars too, so
 *   it competes with σ0: "back to the initial RD in six months" (c ≈ 10.5) costs 0.33–0.36 share
 *   on stationary ladders, is within ±0.03 of c 3 on our community with breaks and helps only
 *   uniformly drifting skills (by 0.05–0.12). c 3 keeps stationary at 0.48 and gives up ~0.03 where players return with
 *   changed skill (c 5–6 is best there; calibrate() can search c when asked).
 * - τ 0.5 as in the paper: nearly inert here (0.2 and 1.2 measure identical to 4 decimals).
 */
export const DEFAULT_GLICKO_CONFIG: GlickoConfig = Object.freeze({
  tau: 0.5,
  initialRating: 1500,
  initialDeviation: 150,
  initialVolatility: 0.01,
  minDeviation: 30,
  maxDeviation: 350,
  idleDeviationPerDay: 3,
  ratingPeriodMs: 24 * 60 * 60 * 1000,
});
