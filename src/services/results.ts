/**
 * Report a match result: read the snapshot, rate it with the pure Glicko-2 team model, commit the
 * guarded batch. A commit that loses a race (another result touched one of the players, or the same
 * match was applied concurrently) is retried from a fresh read, so 50 concurrent reports end in the
 * state of some serial order. Normal cost: two round trips.
 */
import { DEFAULT_GLICKO_CONFIG, decayRating, type GlickoConfig } from "../domain/glicko2";
import { rateMatch } from "../domain/team-rating";
import type { Actor, Repository, ResultPlan, ResultSnapshot } from "../db/repository";
import { AppError, ConflictError } from "../errors";

export interface ReportResult {
  guildId: string;
  matchId: string;
  /** Placement per team (0 = best, equal = draw), or the winning team's index, or "draw". */
  outcome: { ranks: number[] } | { winner: number | "draw" };
}

export interface AppliedResult {
  matchId: string;
  /** True when this exact result had already been applied (a retry or double click): nothing changed. */
  alreadyApplied: boolean;
  changes: Array<{
    playerId: string;
    team: number;
    ratingBefore: number;
    ratingAfter: number;
    deviationBefore: number;
    deviationAfter: number;
    result: "win" | "loss" | "draw";
  }>;
}

export interface ApplyOptions {
  now: () => Date;
  config?: GlickoConfig;
  maxAttempts?: number;
  /** Backoff between attempts; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export async function applyMatchResult(repo: Repository, input: ReportResult, actor: Actor, options: ApplyOptions): Promise<AppliedResult> {
  const config = options.config ?? DEFAULT_GLICKO_CONFIG;
  const maxAttempts = options.maxAttempts ?? 40;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    const snapshot = await repo.results.load(input.guildId, input.matchId);
    const ranks = ranksOf(input.outcome, snapshot.match.teamCount);
    const done = settled(snapshot, ranks);
    if (done) return done;
    const plan = planResult(snapshot, input, ranks, options.now(), config);
    try {
      await repo.results.commit(plan, actor);
      return {
        matchId: input.matchId,
        alreadyApplied: false,
        changes: plan.changes.map((c) => ({
          playerId: c.playerId,
          team: c.team,
          ratingBefore: c.before.rating,
          ratingAfter: c.after.rating,
          deviationBefore: c.before.deviation,
          deviationAfter: c.after.deviation,
          result: c.result,
        })),
      };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= maxAttempts) throw error;
      // Jittered, growing backoff so that contending reporters spread out instead of colliding again.
      await sleep(Math.min(200, 2 ** Math.min(attempt, 7)) * random());
    }
  }
}

/** A match that is no longer pending: an identical report is a no-op, anything else a conflict. */
function settled(snapshot: ResultSnapshot, ranks: number[]): AppliedResult | null {
  const { match } = snapshot;
  if (match.status === "pending") return null;
  if (match.status === "completed" && JSON.stringify(match.ranks) === JSON.stringify(ranks)) {
    return {
      matchId: match.id,
      alreadyApplied: true,
      changes: snapshot.players.map((p) => ({
        playerId: p.playerId,
        team: p.team,
        ratingBefore: p.ratingBefore ?? p.rating,
        ratingAfter: p.ratingAfter ?? p.rating,
        deviationBefore: p.deviationBefore ?? p.deviation,
        deviationAfter: p.deviationAfter ?? p.deviation,
        result: p.result ?? "draw",
      })),
    };
  }
  throw new ConflictError(`Match ${match.id} is already ${match.status}`, { status: match.status, ranks: match.ranks });
}

/** Normalise the outcome to placements and check them against the match's team count. */
function ranksOf(outcome: ReportResult["outcome"], teamCount: number): number[] {
  if ("winner" in outcome) {
    if (outcome.winner === "draw") return Array.from({ length: teamCount }, () => 0);
    if (outcome.winner >= teamCount) throw new AppError("VALIDATION_FAILED", `winner must be a team index below ${teamCount}`, { field: "winner" });
    return Array.from({ length: teamCount }, (_, i) => (i === outcome.winner ? 0 : 1));
  }
  const { ranks } = outcome;
  if (ranks.length !== teamCount || ranks.some((r) => !Number.isInteger(r) || r < 0 || r >= teamCount)) {
    throw new AppError("VALIDATION_FAILED", `ranks must list one placement (0..${teamCount - 1}) for each of the ${teamCount} teams`, { field: "ranks" });
  }
  return ranks;
}

function planResult(snapshot: ResultSnapshot, input: ReportResult, ranks: number[], appliedAt: Date, config: GlickoConfig): ResultPlan {
  const { match, players } = snapshot;
  // Idle time widens the deviation before the match is rated (Glickman's step for empty periods).
  const current = new Map(
    players.map((p) => [
      p.playerId,
      p.lastPlayedAt
        ? decayRating(p, appliedAt.getTime() - p.lastPlayedAt.getTime(), config)
        : { rating: p.rating, deviation: p.deviation, volatility: p.volatility },
    ]),
  );
  const teams = Array.from({ length: match.teamCount }, (_, team) =>
    players.filter((p) => p.team === team).map((p) => ({ id: p.playerId, rating: current.get(p.playerId) ?? p, weight: p.weight })),
  );
  const updates = rateMatch(teams, ranks, config);
  const byId = new Map(players.map((p) => [p.playerId, p]));
  const best = Math.min(...ranks);
  const winners = ranks.filter((r) => r === best).length;
  return {
    guildId: input.guildId,
    matchId: input.matchId,
    fromMatchVersion: match.version,
    ranks,
    winnerTeam: winners === 1 ? ranks.indexOf(best) : null,
    resultType: winners === ranks.length ? "draw" : match.teamCount === 2 ? "win" : "placement",
    appliedAt,
    changes: updates.map((u) => {
      const row = byId.get(u.id);
      if (!row) throw new Error(`rated an unknown player ${u.id}`);
      return {
        playerId: u.id,
        team: u.team,
        weight: row.weight,
        fromVersion: row.ratingVersion,
        before: u.before,
        after: u.after,
        expected: u.expectedScore,
        score: u.actualScore,
        // Counters follow placement: sole first place wins, a shared first place draws, the rest lose.
        result: ranks[u.team] !== best ? "loss" : winners === 1 ? "win" : "draw",
      };
    }),
  };
}
