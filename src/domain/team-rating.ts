import { DomainError } from "./errors.js";
import type { GlickoConfig, PlayerRating, Scaled } from "./glicko2.js";
import { DEFAULT_GLICKO_CONFIG, assertConfig, assertRating, clampDeviation, finishUpdate, fromScaled, g, logistic, toScaled } from "./glicko2.js";

/*
 * Team model — why this one.
 *
 * A team's strength is the SUM of its players' μ (weighted by share of play), and P(A beats B) =
 * logistic(g(Φ)·(M_A − M_B)) where Φ² sums the deviations involved. The sum, not the mean, is what
 * a "stronger roster wins more" world looks like (a 6-stack beats a 5-stack of equals), and on the
 * Glicko-2 scale (400/ln 10 per unit) it is exactly the Elo-style logistic in skill sums.
 *
 * Each player is rated as in the paper against ONE virtual opponent per opposing team: that
 * opponent sits at the player's own μ minus the team difference (so E is the team's win
 * probability, not the player's individual edge) with the combined deviation of everyone else in
 * the two teams (teammates' uncertainty is just as much "noise" as the opponents'). Prediction and
 * update therefore agree: the number a player is scored against is the number we publish as the
 * win probability. "Each player vs the opposing team's mean" and npm glicko2's pairwise player
 * games learn from a different quantity than they predict with, and on a mean scale a team's
 * strength no longer adds up. Measured when the model was chosen (200 players, 6000 random 5v5,
 * outcome logistic in the difference of skill sums; Brier on the second half, 3 seeds, RD 350 /
 * σ 0.06): this model 0.141 static / 0.166 drifting skills, openskill Plackett–Luce 0.144 / 0.182,
 * composite mean 0.209 / 0.213, oracle 0.122. bench/ratings.ts tracks it against openskill and
 * the oracle under the current defaults and calibrated settings.
 *
 * In a 1v1 the virtual opponent IS the opponent (μ_j, φ_j), so 1v1 is the paper, unchanged.
 * With k > 2 teams each opposing team is one game (score 1 / 0.5 / 0 by placement), as the paper
 * treats several games in one period; the k-team win probabilities use Plackett–Luce (softmax of
 * the same scaled strengths), whose pairwise marginals are the same logistic in the strength
 * difference (with Φ² averaged over the pairs).
 * A weight w ∈ (0, 1] (a substitute's share) enters the strength as w·μ, so the player's score
 * gradient and information scale by w and w²: a half-time sub moves about half as far.
 */

/** A player in a finished match; weight is the share of the match played (default 1). */
export interface RatedPlayer {
  id: string;
  rating: PlayerRating;
  weight?: number;
}

/** Before/after per player plus the expected and actual score, for the ledger and for replies. */
export interface PlayerUpdate {
  id: string;
  team: number;
  before: PlayerRating;
  after: PlayerRating;
  /** Mean expected score over the opposing teams (the team's predicted result, 0..1). */
  expectedScore: number;
  /** Mean actual score over the opposing teams: 1 win, 0.5 draw, 0 loss. */
  actualScore: number;
}

interface TeamSum {
  strength: number;
  variance: number;
}

function teamSum(players: readonly { s: Scaled; w: number }[]): TeamSum {
  let strength = 0;
  let variance = 0;
  for (const p of players) {
    strength += p.w * p.s.mu;
    variance += p.w * p.w * p.s.phi * p.s.phi;
  }
  return { strength, variance };
}

/**
 * Rates one finished match: teams[i] are the players of team i, ranks[i] its placement (0 best,
 * equal ranks = draw). Every player gets one rating period, so call decayRating first for idle time.
 */
export function rateMatch(teams: RatedPlayer[][], ranks: number[], config: GlickoConfig = DEFAULT_GLICKO_CONFIG): PlayerUpdate[] {
  assertConfig(config);
  validateMatch(teams, ranks);
  const scaled = teams.map((team) => team.map((p) => ({ p, s: toScaled(p.rating, config), w: p.weight ?? 1 })));
  const sums = scaled.map(teamSum);
  const updates: PlayerUpdate[] = [];
  scaled.forEach((team, a) => {
    const sumA = sums[a];
    for (const { p, s, w } of team) {
      let vInv = 0;
      let scoreSum = 0;
      let expected = 0;
      let actual = 0;
      sums.forEach((sumB, b) => {
        if (b === a) return;
        const diff = sumA.strength - sumB.strength;
        const others = Math.max(0, sumA.variance + sumB.variance - w * w * s.phi * s.phi);
        const gj = g(Math.sqrt(others));
        const e = logistic(gj * diff);
        const score = pairScore(ranks[a], ranks[b]);
        // d/dμ of the team difference is w, hence w·g in the gradient and (w·g)² in the information.
        vInv += w * w * gj * gj * e * (1 - e);
        scoreSum += w * gj * (score - e);
        expected += e;
        actual += score;
      });
      const after = clampDeviation(fromScaled(finishUpdate(s, vInv, scoreSum, config.tau), config), config);
      const games = teams.length - 1;
      updates.push({
        id: p.id,
        team: a,
        before: { ...p.rating },
        after,
        expectedScore: expected / games,
        actualScore: actual / games,
      });
    }
  });
  return updates;
}

/** 1 / 0.5 / 0 for team a against team b from their placements. */
function pairScore(rankA: number, rankB: number): number {
  if (rankA < rankB) return 1;
  return rankA === rankB ? 0.5 : 0;
}

/**
 * Probability that each team finishes first, from the same model the update learns with: for two
 * teams logistic(g(Φ)·ΔM); for k teams Plackett–Luce on g(Φ)·M, Φ² being the mean pairwise
 * variance (equal to the two-team Φ² when k = 2). Sums to 1.
 */
export function winProbabilities(teams: PlayerRating[][], config: GlickoConfig = DEFAULT_GLICKO_CONFIG): number[] {
  assertConfig(config);
  if (teams.length < 2) throw new DomainError("INVALID_MATCH", "need at least two teams");
  const sums = teams.map((team, t) => {
    if (team.length === 0) throw new DomainError("INVALID_MATCH", `team ${t} is empty`);
    return teamSum(
      team.map((r, i) => {
        assertRating(r, `team ${t} player ${i}`);
        return { s: toScaled(r, config), w: 1 };
      }),
    );
  });
  const totalVariance = sums.reduce((acc, s) => acc + s.variance, 0);
  const gamma = g(Math.sqrt((2 * totalVariance) / teams.length));
  return softmax(sums.map((s) => gamma * s.strength));
}

/** exp(x_i) / Σ exp(x_j), shifted by the max so large strengths cannot overflow. */
function softmax(xs: number[]): number[] {
  const max = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Match shape checks shared by the update; throws DomainError with the first problem found. */
function validateMatch(teams: RatedPlayer[][], ranks: number[]): void {
  if (!Array.isArray(teams) || teams.length < 2) {
    throw new DomainError("INVALID_MATCH", `a match needs at least 2 teams, got ${teams?.length ?? 0}`);
  }
  if (!Array.isArray(ranks) || ranks.length !== teams.length) {
    throw new DomainError("INVALID_RANKS", `ranks has ${ranks?.length ?? 0} entries for ${teams.length} teams`);
  }
  ranks.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 0) {
      throw new DomainError("INVALID_RANKS", `rank of team ${i} must be a non-negative integer, got ${r}`);
    }
  });
  const seen = new Map<string, number>();
  teams.forEach((team, t) => {
    if (!Array.isArray(team) || team.length === 0) throw new DomainError("INVALID_MATCH", `team ${t} is empty`);
    for (const p of team) {
      if (typeof p.id !== "string" || p.id.length === 0) {
        throw new DomainError("INVALID_PLAYER", `team ${t} has a player without an id`);
      }
      const previous = seen.get(p.id);
      if (previous !== undefined) {
        throw new DomainError("DUPLICATE_PLAYER", `player ${p.id} appears in team ${previous} and team ${t}`);
      }
      seen.set(p.id, t);
      if (p.weight !== undefined && !(p.weight > 0 && p.weight <= 1)) {
        throw new DomainError("INVALID_WEIGHT", `player ${p.id}: weight must be in (0, 1], got ${p.weight}`);
      }
      assertRating(p.rating, `player ${p.id}`);
    }
  });
}
