/**
 * Report a match result: read the snapshot, rate it with the pure engine, commit the guarded batch.
 * A commit that loses a race (another result, a replay or a season start touched the ladder or a
 * player, or the same match was applied concurrently) is retried from a fresh read, within a time
 * budget, so concurrent reports end in the state of some serial order. Normal cost: two round trips.
 */
import { toGlickoConfig } from "../domain/ladder-settings";
import { rateResult } from "../domain/results";
import type { Actor, Repository, ResultPlan, ResultSnapshot } from "../db/repository";
import { AppError, ConflictError } from "../errors";
import { retryConflicts, type RetryOptions } from "./retry";

export type Outcome = { ranks: number[] } | { winner: number | "draw" };

export interface ReportResult {
  guildId: string;
  matchId: string;
  /** Placement per team (0 = best, equal = draw), or the winning team's index, or "draw". */
  outcome: Outcome;
}

export interface AppliedChange {
  playerId: string;
  team: number;
  ratingBefore: number;
  ratingAfter: number;
  deviationBefore: number;
  deviationAfter: number;
  result: "win" | "loss" | "draw";
}

export interface AppliedResult {
  matchId: string;
  /** True when this exact result had already been applied (a retry or double click): nothing changed. */
  alreadyApplied: boolean;
  changes: AppliedChange[];
}

export interface ApplyOptions extends RetryOptions {
  now: () => Date;
}

export async function applyMatchResult(repo: Repository, input: ReportResult, actor: Actor, options: ApplyOptions): Promise<AppliedResult> {
  return retryConflicts(options, async () => {
    const snapshot = await repo.results.load(input.guildId, input.matchId);
    const ranks = ranksOf(input.outcome, snapshot.match.teamCount);
    const done = settled(snapshot, ranks);
    if (done) return done;
    const plan = planResult(snapshot, ranks, options.now());
    await repo.results.commit(plan, actor);
    return appliedResult(plan);
  });
}

/** What a freshly applied result reports: every player's change. */
export function appliedResult(plan: ResultPlan): AppliedResult {
  return {
    matchId: plan.matchId,
    alreadyApplied: false,
    changes: plan.entries.map((e) => ({
      playerId: e.playerId,
      team: e.team,
      ratingBefore: e.before.rating,
      ratingAfter: e.after.rating,
      deviationBefore: e.before.deviation,
      deviationAfter: e.after.deviation,
      result: e.result,
    })),
  };
}

/** A match that is no longer pending: an identical report is a no-op, anything else a conflict. */
export function settled(snapshot: ResultSnapshot, ranks: number[]): AppliedResult | null {
  const { match } = snapshot;
  if (match.status === "pending") return null;
  if (match.status === "completed" && JSON.stringify(match.ranks) === JSON.stringify(ranks)) {
    return {
      matchId: match.id,
      alreadyApplied: true,
      changes: snapshot.recorded.map((p) => ({
        playerId: p.playerId,
        team: p.team,
        ratingBefore: p.ratingBefore ?? Number.NaN,
        ratingAfter: p.ratingAfter ?? Number.NaN,
        deviationBefore: p.deviationBefore ?? Number.NaN,
        deviationAfter: p.deviationAfter ?? Number.NaN,
        result: p.result ?? "draw",
      })),
    };
  }
  throw new ConflictError(`Match ${match.id} is already ${match.status}`, { status: match.status, ranks: match.ranks });
}

/** Normalise the outcome to placements and check them against the match's team count. */
export function ranksOf(outcome: Outcome, teamCount: number): number[] {
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

export function planResult(snapshot: ResultSnapshot, ranks: number[], appliedAt: Date): ResultPlan {
  const { match, ladder } = snapshot;
  const states = new Map(snapshot.states.map((s) => [s.playerId, { ...s, lastPlayedAt: s.lastPlayedAt?.getTime() ?? null }]));
  const rated = rateResult(snapshot.roster, states, ranks, match.teamCount, appliedAt.getTime(), toGlickoConfig(ladder.settings));
  return {
    guildId: match.guildId,
    ladderId: ladder.id,
    matchId: match.id,
    season: ladder.season,
    fromMatchVersion: match.version,
    ranks,
    winnerTeam: rated.winnerTeam,
    resultType: rated.resultType,
    appliedAt,
    entries: rated.entries.map((e) => ({ ...e, fromVersion: states.get(e.playerId)?.ratingVersion ?? -1 })),
  };
}
