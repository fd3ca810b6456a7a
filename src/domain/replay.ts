import { DomainError } from "./errors.js";
import type { GlickoConfig, PlayerRating } from "./glicko2.js";
import { decayRating, initialRating } from "./glicko2.js";
import { rateMatch, winProbabilities } from "./team-rating.js";

/** One finished match of a ladder's history, in play order: what calibration replays. */
export interface CalibrationMatch {
  /** Player ids per team. */
  teams: string[][];
  /** Placement per team, 0 best; equal ranks are a draw. */
  ranks: number[];
  /** Share of the match played per player id (default 1), as rateMatch takes it. */
  weights?: Record<string, number>;
  /** When the match was played, ms since the epoch; drives idle decay. */
  playedAt: number;
}

/** Per-match scores of the pre-match predictions (mean over the team pairs of the match). */
export interface ReplayScores {
  logLoss: Float64Array;
  brier: Float64Array;
}

/** Keeps log loss finite when a prediction is (numerically) certain and wrong. */
const P_MIN = 1e-12;

/**
 * Replays a history through the product's own path — decayRating for the idle time since each
 * player's last match, the published winProbabilities as the prediction, then rateMatch — and
 * scores every prediction before its result is learnt. For k > 2 teams each pair of teams is
 * scored as a two-team prediction (outcome 1 / 0.5 / 0 by placement) and the pairs averaged, so
 * every match weighs the same. Weights move ratings but not predictions, as in the product, where
 * the win probability is published before anyone knows who will be substituted.
 */
export function replayScores(history: readonly CalibrationMatch[], config: GlickoConfig): ReplayScores {
  const state = new Map<string, { rating: PlayerRating; at: number }>();
  const logLoss = new Float64Array(history.length);
  const brier = new Float64Array(history.length);
  const fresh = initialRating(config);
  let previous = Number.NEGATIVE_INFINITY;
  history.forEach((match, m) => {
    if (!(match.playedAt >= previous)) {
      throw new DomainError("INVALID_MATCH", `history must be in play order: match ${m} is earlier than match ${m - 1}`);
    }
    previous = match.playedAt;
    const current = match.teams.map((team) =>
      team.map((id) => {
        const s = state.get(id);
        return s ? decayRating(s.rating, match.playedAt - s.at, config) : fresh;
      }),
    );
    let ll = 0;
    let br = 0;
    let pairs = 0;
    for (let a = 0; a < current.length; a += 1) {
      for (let b = a + 1; b < current.length; b += 1) {
        const p = winProbabilities([current[a] ?? [], current[b] ?? []], config)[0] ?? 0.5;
        const ra = match.ranks[a] ?? 0;
        const rb = match.ranks[b] ?? 0;
        const y = ra < rb ? 1 : ra === rb ? 0.5 : 0;
        const q = Math.min(1 - P_MIN, Math.max(P_MIN, p));
        ll -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
        br += (p - y) ** 2;
        pairs += 1;
      }
    }
    logLoss[m] = ll / Math.max(1, pairs);
    brier[m] = br / Math.max(1, pairs);
    const teams = match.teams.map((team, t) => team.map((id, i) => ({ id, rating: current[t]?.[i] ?? fresh, weight: match.weights?.[id] })));
    for (const u of rateMatch(teams, match.ranks, config)) state.set(u.id, { rating: u.after, at: match.playedAt });
  });
  return { logLoss, brier };
}

/** Mean of xs[from..to). */
export function meanOf(xs: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i += 1) s += xs[i] ?? 0;
  return to > from ? s / (to - from) : Number.NaN;
}
