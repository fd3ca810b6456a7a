import { EXACT2_MAX_ITEMS, countItems, solveExact2 } from "./exact2.js";
import { EXACTK_DIRECT_PARTITIONS, EXACTK_SEEDED_PARTITIONS, estimatePartitions, solveExactK } from "./exactk.js";
import type { Candidate } from "./split-pool.js";
import { SplitPool } from "./split-pool.js";
import { buildProblem, describeValue } from "./problem.js";
import { solveSearch } from "./local-search.js";
import type { BalancePlayer, BalanceRequest, BalanceResult, Problem, TeamSplit } from "./types.js";
import { DomainError } from "../errors.js";
import type { GlickoConfig, PlayerRating } from "../glicko2.js";
import { DEFAULT_GLICKO_CONFIG } from "../glicko2.js";
import { seededRandom } from "../random.js";
import { winProbabilities } from "../team-rating.js";

export type { BalancePlayer, BalanceRequest, BalanceResult, TeamSplit } from "./types.js";

/** Knobs for the solver; all optional, and the defaults are deterministic. */
export interface BalanceOptions {
  /** Uniform [0, 1) source for the local search; defaults to a fixed seed so results repeat. */
  random?: () => number;
  /** Local-search rounds (each re-splits a few teams exactly) for large lobbies and k > 2 (default 48). */
  maxIterations?: number;
  /** Rating model used for the published win probabilities and the strength baseline. */
  config?: GlickoConfig;
}

const DEFAULT_ITERATIONS = 48;
const DEFAULT_SEED = 0x7ea3;
const MAX_ALTERNATIVES = 10;

/**
 * Proposes teams: the split with the smallest largest gap in team strength (for two teams the
 * same as the win probability closest to even), its predicted win probabilities, and the next
 * best distinct splits so an organiser can pick another. Proven optimal for two teams up to 26
 * players (more when parties shrink the choice) and for small k-team lobbies (`exact` says so);
 * near-optimal local search beyond. Equal gaps are broken by a canonical key (team per player in
 * lobby order), so the same request always gets the same answer. Impossible requests throw
 * DomainError, never a split that breaks a rule; INFEASIBLE means proven impossible, while
 * SEARCH_LIMIT means a search hit its step bound first (the request may still be feasible).
 */
export function balanceTeams(req: BalanceRequest, options: BalanceOptions = {}): BalanceResult {
  const config = options.config ?? DEFAULT_GLICKO_CONFIG;
  const alternatives = req.alternatives ?? 3;
  if (!Number.isInteger(alternatives) || alternatives < 0 || alternatives > MAX_ALTERNATIVES) {
    throw new DomainError("INVALID_TEAMS", `alternatives must be an integer 0..${MAX_ALTERNATIVES}, got ${describeValue(alternatives)}`);
  }
  const maxIterations = options.maxIterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new DomainError("INVALID_TEAMS", `maxIterations must be a non-negative integer, got ${describeValue(maxIterations)}`);
  }
  const problem = buildProblem(req, config.initialRating);
  const { pool, exact } = solve(problem, alternatives + 1, options.random ?? seededRandom(DEFAULT_SEED), maxIterations);
  const [best, ...rest] = pool.list().map((c) => toSplit(problem, req.players, c, config));
  if (best === undefined) throw new DomainError("INFEASIBLE", "no split satisfies the constraints");
  return { best, alternatives: rest.slice(0, alternatives), exact };
}

/**
 * Two teams: meet-in-the-middle when the free choices are few, else large-neighbourhood search.
 * k teams: branch and bound directly when the lobby is tiny; otherwise local search first, whose
 * splits then seed a budgeted branch and bound that proves or improves them.
 */
function solve(problem: Problem, poolSize: number, random: () => number, maxIterations: number): { pool: SplitPool; exact: boolean } {
  if (problem.sizes.length === 2) {
    if (countItems(problem) <= EXACT2_MAX_ITEMS) return { pool: solveExact2(problem, poolSize), exact: true };
    return { pool: solveSearch(problem, poolSize, random, maxIterations), exact: false };
  }
  const partitions = estimatePartitions(problem);
  if (partitions <= EXACTK_DIRECT_PARTITIONS) {
    const pool = new SplitPool(poolSize);
    return { pool, exact: solveExactK(problem, pool, Number.POSITIVE_INFINITY) };
  }
  const pool = solveSearch(problem, poolSize, random, maxIterations);
  if (partitions > EXACTK_SEEDED_PARTITIONS) return { pool, exact: false };
  return { pool, exact: solveExactK(problem, pool) };
}

/** Ids per team in lobby order, plain rating sums and the model's win probabilities. */
function toSplit(problem: Problem, players: BalancePlayer[], c: Candidate, config: GlickoConfig): TeamSplit {
  const k = problem.sizes.length;
  const teams: string[][] = Array.from({ length: k }, () => []);
  const ratings: PlayerRating[][] = Array.from({ length: k }, () => []);
  const sums = new Array<number>(k).fill(0);
  players.forEach((p, i) => {
    const t = c.teamOfPlayer[i];
    teams[t].push(p.id);
    ratings[t].push({
      rating: p.rating,
      // Unknown deviation: treat the rating as settled (the floor), not as a newcomer's 350.
      deviation: p.deviation ?? config.minDeviation,
      volatility: config.initialVolatility,
    });
    sums[t] = sums[t] + p.rating;
  });
  return { teams, sums, gap: c.gap, winProbabilities: winProbabilities(ratings, config) };
}
