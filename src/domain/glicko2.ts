/**
 * Glicko-2 as in Glickman, "Example of the Glicko-2 system" (2013). Public values stay on the
 * familiar Glicko-1 scale (1500 / 350) so stored ratings read like Elo; the maths runs on the
 * Glicko-2 scale (μ, φ), the conversion factor being 400 / ln 10 = 173.7178.
 */
import { DomainError } from "./errors.js";
import { DEFAULT_GLICKO_CONFIG, GLICKO2_SCALE, type GlickoConfig, type PlayerRating } from "./glicko-config.js";

export { DEFAULT_GLICKO_CONFIG, GLICKO2_SCALE, LEGACY_GLICKO_CONFIG } from "./glicko-config.js";
export type { GlickoConfig, PlayerRating } from "./glicko-config.js";

/** Convergence tolerance of the volatility iteration, as in the paper. */
const EPSILON = 0.000001;

/** Rating on the Glicko-2 scale: μ and φ, plus σ. */
export interface Scaled {
  mu: number;
  phi: number;
  sigma: number;
}

/** Step 2 of the paper: Glicko-1 scale → Glicko-2 scale. */
export function toScaled(r: PlayerRating, config: GlickoConfig = DEFAULT_GLICKO_CONFIG): Scaled {
  return {
    mu: (r.rating - config.initialRating) / GLICKO2_SCALE,
    phi: r.deviation / GLICKO2_SCALE,
    sigma: r.volatility,
  };
}

/** Step 8 of the paper: Glicko-2 scale → Glicko-1 scale. */
export function fromScaled(s: Scaled, config: GlickoConfig = DEFAULT_GLICKO_CONFIG): PlayerRating {
  return {
    rating: s.mu * GLICKO2_SCALE + config.initialRating,
    deviation: s.phi * GLICKO2_SCALE,
    volatility: s.sigma,
  };
}

/** g(φ): discounts a game by the opponent's uncertainty. */
export function g(phi: number): number {
  return 1 / Math.sqrt(1 + (3 * phi * phi) / (Math.PI * Math.PI));
}

/** E(μ, μj, φj): expected score against one opponent. */
export function expectedScore(mu: number, muOpponent: number, phiOpponent: number): number {
  return logistic(g(phiOpponent) * (mu - muOpponent));
}

/** Numerically safe logistic, so extreme rating gaps give 0/1 rather than NaN. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Step 5: the new volatility σ' by the Illinois (regula falsi) iteration on f(x), x = ln σ².
 * Exported for tests and for the team model, which feeds it its own v and Δ.
 */
export function newVolatility(phi: number, sigma: number, v: number, delta: number, tau: number): number {
  const a = Math.log(sigma * sigma);
  const phi2 = phi * phi;
  const delta2 = delta * delta;
  const f = (x: number): number => {
    const ex = Math.exp(x);
    const d = phi2 + v + ex;
    return (ex * (delta2 - phi2 - v - ex)) / (2 * d * d) - (x - a) / (tau * tau);
  };
  let A = a;
  let B: number;
  if (delta2 > phi2 + v) {
    B = Math.log(delta2 - phi2 - v);
  } else {
    let k = 1;
    while (f(a - k * tau) < 0) k += 1;
    B = a - k * tau;
  }
  let fA = f(A);
  let fB = f(B);
  // Bounded so a pathological input can never hang a Worker; the iteration converges in ~10 steps.
  for (let i = 0; i < 200 && Math.abs(B - A) > EPSILON; i += 1) {
    const C = A + ((A - B) * fA) / (fB - fA);
    const fC = f(C);
    if (fC * fB <= 0) {
      A = B;
      fA = fB;
    } else {
      fA /= 2;
    }
    B = C;
    fB = fC;
  }
  return Math.exp(A / 2);
}

/** One game inside a rating period, on the Glicko-2 scale. */
export interface ScaledGame {
  opponentMu: number;
  opponentPhi: number;
  score: number;
}

/**
 * Steps 3–7 of the paper for one player over one rating period; with no games only φ grows.
 * Returns unclamped values: callers apply the configured RD bounds once, at the edge.
 */
export function updateScaled(player: Scaled, games: readonly ScaledGame[], tau: number): Scaled {
  if (games.length === 0) {
    return { mu: player.mu, phi: Math.sqrt(player.phi * player.phi + player.sigma * player.sigma), sigma: player.sigma };
  }
  let vInv = 0;
  let scoreSum = 0;
  for (const game of games) {
    const gj = g(game.opponentPhi);
    const e = logistic(gj * (player.mu - game.opponentMu));
    vInv += gj * gj * e * (1 - e);
    scoreSum += gj * (game.score - e);
  }
  return finishUpdate(player, vInv, scoreSum, tau);
}

/**
 * Steps 4–7 given the accumulated information Σ g²E(1−E) (= 1/v) and Σ g(s−E). Shared by the
 * paper's per-opponent form and the team model, so both use literally the same update.
 */
export function finishUpdate(player: Scaled, vInv: number, scoreSum: number, tau: number): Scaled {
  // Extreme mismatches make E(1−E) underflow to 0; such a game carries no information.
  if (!(vInv > 0) || !Number.isFinite(vInv)) {
    return updateScaled(player, [], tau);
  }
  const v = 1 / vInv;
  const delta = v * scoreSum;
  const sigma = newVolatility(player.phi, player.sigma, v, delta, tau);
  const phiStar2 = player.phi * player.phi + sigma * sigma;
  const phi2 = 1 / (1 / phiStar2 + vInv);
  return { mu: player.mu + phi2 * scoreSum, phi: Math.sqrt(phi2), sigma };
}

/**
 * Rate one player over one rating period against individual opponents, exactly as the paper
 * (including its worked example). RD is clamped to [minDeviation, maxDeviation] afterwards.
 */
export function ratePeriod(
  player: PlayerRating,
  games: readonly { opponent: PlayerRating; score: number }[],
  config: GlickoConfig = DEFAULT_GLICKO_CONFIG,
): PlayerRating {
  assertConfig(config);
  assertRating(player, "player");
  const scaled = games.map((game, i) => {
    assertRating(game.opponent, `opponent ${i}`);
    if (!(game.score >= 0 && game.score <= 1)) {
      throw new DomainError("INVALID_MATCH", `game ${i}: score must be in [0, 1], got ${game.score}`);
    }
    const o = toScaled(game.opponent, config);
    return { opponentMu: o.mu, opponentPhi: o.phi, score: game.score };
  });
  return clampDeviation(fromScaled(updateScaled(toScaled(player, config), scaled, config.tau), config), config);
}

/** Milliseconds in a day: idle decay is stated per day, time arrives in ms. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * RD grown for idle time; pure, no writes. Glicko-1's step for inactivity: RD² grows by c² per
 * day away (skill as a random walk), capped at the initial RD so a returning player is at most as
 * uncertain as a newcomer. Time is a fraction of days so reading a rating twice a day gives the
 * same answer as once a day; negative elapsed time (clock skew) never shrinks RD, and an RD already
 * above the cap (a ladder that lowered its initial RD) is left alone rather than cut.
 */
export function decayRating(r: PlayerRating, elapsedMs: number, config: GlickoConfig = DEFAULT_GLICKO_CONFIG): PlayerRating {
  assertConfig(config);
  assertRating(r, "rating");
  if (Number.isNaN(elapsedMs)) throw new DomainError("INVALID_RATING", "elapsed time is NaN");
  const days = Math.max(0, elapsedMs) / DAY_MS;
  const cap = Math.min(config.initialDeviation, config.maxDeviation);
  const c = config.idleDeviationPerDay;
  if (days === 0 || c === 0 || r.deviation >= cap) return { rating: r.rating, deviation: r.deviation, volatility: r.volatility };
  const grown = Math.sqrt(r.deviation * r.deviation + c * c * days);
  return { rating: r.rating, deviation: Math.min(grown, cap), volatility: r.volatility };
}

/** A fresh player's rating under this configuration. */
export function initialRating(config: GlickoConfig = DEFAULT_GLICKO_CONFIG): PlayerRating {
  return { rating: config.initialRating, deviation: config.initialDeviation, volatility: config.initialVolatility };
}

/** Applies the configured RD floor and ceiling. */
export function clampDeviation(r: PlayerRating, config: GlickoConfig): PlayerRating {
  const deviation = Math.min(config.maxDeviation, Math.max(config.minDeviation, r.deviation));
  return { rating: r.rating, deviation, volatility: r.volatility };
}

/** Rejects NaN, infinities and non-positive deviations before they poison stored ratings. */
export function assertRating(r: PlayerRating, label: string): void {
  const ok = Number.isFinite(r.rating) && Number.isFinite(r.deviation) && r.deviation > 0 && Number.isFinite(r.volatility) && r.volatility > 0;
  if (!ok) {
    throw new DomainError(
      "INVALID_RATING",
      `${label}: rating must be finite, deviation and volatility finite and > 0 (got ${r.rating}/${r.deviation}/${r.volatility})`,
    );
  }
}

/** Rejects configurations that would make the maths meaningless (τ ≤ 0, floor above ceiling…). */
export function assertConfig(c: GlickoConfig): void {
  const positive = [c.tau, c.initialDeviation, c.initialVolatility, c.minDeviation, c.maxDeviation, c.ratingPeriodMs];
  if (!Number.isFinite(c.initialRating) || positive.some((x) => !(Number.isFinite(x) && x > 0))) {
    throw new DomainError("INVALID_CONFIG", "Glicko config: values must be finite and τ, RDs, σ, period > 0");
  }
  // 0 is a legal setting (no idle decay, e.g. a one-evening tournament ladder); undefined is not,
  // so settings stored before the field existed fail loudly instead of silently never decaying.
  if (!(Number.isFinite(c.idleDeviationPerDay) && c.idleDeviationPerDay >= 0)) {
    throw new DomainError("INVALID_CONFIG", `Glicko config: idleDeviationPerDay must be finite and ≥ 0, got ${c.idleDeviationPerDay}`);
  }
  if (c.minDeviation > c.maxDeviation) {
    throw new DomainError("INVALID_CONFIG", `Glicko config: minDeviation ${c.minDeviation} > maxDeviation ${c.maxDeviation}`);
  }
}
