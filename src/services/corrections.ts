/**
 * Correct a completed match's outcome, or void it, and replay every later result of its ladder and
 * season in the original order, so that ratings, counters and the ledger end exactly (double for
 * double) as if the match had always had the corrected outcome, or had never been played. Two round
 * trips (one read, one guarded batch), retried from a fresh read when a concurrent writer got there
 * first.
 */
import { type LadderSettings, ladderSettingsSchema, toGlickoConfig } from "../domain/ladder-settings";
import { type PlayerResult, type ReplayMatch, replayResults, type StoredRating } from "../domain/results";
import type { Actor, Repository } from "../db/repository";
import type { ReplayPlan, ReplaySnapshot } from "../db/repository/corrections";
import { AppError, ConflictError } from "../errors";
import { retryConflicts } from "./retry";
import { type Outcome, ranksOf } from "./results";
import type { ApplyOptions } from "./results";

/**
 * The most one request replays; beyond it the correction is refused, never half done. The replay is
 * one atomic batch, and Hrana and Neon cap a request near 10 MB: the ledger rows of 1,000 later 5v5
 * results (10,010 with the corrected one) are measured on the wire by `npm run bench -- replay`.
 */
export const MAX_REPLAY_MATCHES = 1_000;
export const MAX_REPLAY_ROWS = 11_000;

export type CorrectionInput = { guildId: string; matchId: string } & ({ kind: "correct"; outcome: Outcome } | { kind: "void" });

export interface CorrectionResult {
  matchId: string;
  kind: "correct" | "void";
  /** False when the match already had this outcome (or was already voided): nothing was written. */
  changed: boolean;
  /** Results re-rated after the corrected one (the corrected match itself not counted). */
  replayedMatches: number;
}

export interface CorrectionOptions extends ApplyOptions {
  /** Defaults to MAX_REPLAY_MATCHES; lower in tests. */
  maxReplayMatches?: number;
}

export async function correctMatch(repo: Repository, input: CorrectionInput, actor: Actor, options: CorrectionOptions): Promise<CorrectionResult> {
  const limit = options.maxReplayMatches ?? MAX_REPLAY_MATCHES;
  return retryConflicts(options, async () => {
    const snapshot = await repo.corrections.load(input.guildId, input.matchId);
    const { match, ladder } = snapshot;
    const base = { matchId: match.id, kind: input.kind };
    if (input.kind === "void" && match.status === "voided") return { ...base, changed: false, replayedMatches: 0 };
    if (match.status !== "completed" || match.resultSeq === null || match.season === null || !match.ranks) {
      throw new ConflictError(`Match ${match.id} is ${match.status}: only a completed match can be corrected or voided`, { status: match.status });
    }
    if (match.season !== ladder.season) {
      throw new ConflictError(
        `Match ${match.id} belongs to season ${match.season}, which has ended; only the current season (${ladder.season}) can be corrected`,
        {
          reason: "SEASON_CLOSED",
        },
      );
    }
    const newRanks = input.kind === "correct" ? ranksOf(input.outcome, match.teamCount) : null;
    if (newRanks && JSON.stringify(newRanks) === JSON.stringify(match.ranks)) return { ...base, changed: false, replayedMatches: 0 };
    const later = new Set(snapshot.rows.map((r) => r.matchId)).size - 1;
    if (snapshot.rows.length > MAX_REPLAY_ROWS) {
      throw new AppError(
        "REPLAY_TOO_LARGE",
        `Correcting this match would rewrite ${snapshot.rows.length} rating rows; one request rewrites at most ${MAX_REPLAY_ROWS}`,
        {
          limit: MAX_REPLAY_ROWS,
          rows: snapshot.rows.length,
        },
      );
    }
    if (later > limit) {
      throw new AppError("REPLAY_TOO_LARGE", `Correcting this match would replay ${later} later results; one request replays at most ${limit}`, {
        limit,
        later,
      });
    }
    const plan = planReplay(snapshot, newRanks ? { kind: "correct", ranks: newRanks } : { kind: "void" }, options.now());
    await repo.corrections.commit(plan, actor);
    return { ...base, changed: true, replayedMatches: later };
  });
}

/**
 * Change a ladder's rating settings and replay its current season with them, atomically, so every
 * rating is what the new settings would have given (what `npm run calibrate -- --apply` does).
 */
export async function recalibrateSeason(
  repo: Repository,
  input: { guildId: string; ladder?: string; settings: Partial<LadderSettings> },
  actor: Actor,
  options: CorrectionOptions,
): Promise<{ ladder: string; season: number; replayedMatches: number }> {
  const limit = options.maxReplayMatches ?? MAX_REPLAY_MATCHES;
  return retryConflicts(options, async () => {
    const ladder = await repo.ladders.resolve(input.guildId, input.ladder);
    const parsed = ladderSettingsSchema.safeParse({ ...ladder.settings, ...input.settings });
    if (!parsed.success)
      throw new AppError("VALIDATION_FAILED", `Invalid ladder settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const first = await repo.corrections.firstOfSeason(ladder.id, ladder.season);
    if (!first) {
      await repo.ladders.update(ladder, { settings: parsed.data }, actor);
      return { ladder: ladder.slug, season: ladder.season, replayedMatches: 0 };
    }
    const snapshot = await repo.corrections.load(input.guildId, first);
    const matches = new Set(snapshot.rows.map((r) => r.matchId)).size;
    if (matches > limit || snapshot.rows.length > MAX_REPLAY_ROWS) {
      throw new AppError("REPLAY_TOO_LARGE", `Recalibrating would replay ${matches} results of this season; one request replays at most ${limit}`, {
        limit,
        later: matches,
      });
    }
    await repo.corrections.commit(planReplay(snapshot, { kind: "recalibrate", settings: parsed.data }, options.now()), actor);
    return { ladder: ladder.slug, season: ladder.season, replayedMatches: matches };
  });
}

export type ReplayChange = { kind: "correct"; ranks: number[] } | { kind: "void" } | { kind: "recalibrate"; settings: LadderSettings };

/**
 * Pure: from the snapshot and the change to everything the batch writes. A correction re-rates its
 * match with the new placements, a void skips it, a recalibration re-rates the whole tail with new
 * settings (players whose first game ever is in the tail then start from the new initial rating).
 */
export function planReplay(snapshot: ReplaySnapshot, change: ReplayChange, at: Date): ReplayPlan {
  const { match, ladder, rows } = snapshot;
  const settings = change.kind === "recalibrate" ? change.settings : ladder.settings;
  const newRanks = change.kind === "correct" ? change.ranks : change.kind === "void" ? null : match.ranks;
  const matches: ReplayMatch[] = [];
  const start = new Map<string, StoredRating>();
  const oldCounts = new Map<string, Record<PlayerResult, number>>();
  for (const row of rows) {
    let current = matches.at(-1);
    if (!current || current.matchId !== row.matchId) {
      current = { matchId: row.matchId, resultSeq: row.resultSeq, appliedAt: row.appliedAt.getTime(), teamCount: row.teamCount, ranks: row.ranks, roster: [] };
      if (row.matchId === match.id) current.ranks = newRanks;
      matches.push(current);
    }
    (current.roster as Array<{ playerId: string; team: number; weight: number }>).push({ playerId: row.playerId, team: row.team, weight: row.weight });
    if (!start.has(row.playerId)) {
      const firstEver = row.previousPlayedAt === null && change.kind === "recalibrate";
      start.set(row.playerId, {
        rating: firstEver ? settings.initialRating : row.ratingBefore,
        deviation: firstEver ? settings.initialDeviation : row.deviationBefore,
        volatility: firstEver ? settings.initialVolatility : row.volatilityBefore,
        lastPlayedAt: row.previousPlayedAt?.getTime() ?? null,
      });
    }
    const counts = oldCounts.get(row.playerId) ?? { win: 0, loss: 0, draw: 0 };
    counts[row.result] += 1;
    oldCounts.set(row.playerId, counts);
  }
  const replay = replayResults(matches, start, toGlickoConfig(settings));
  const newCounts = new Map<string, Record<PlayerResult, number>>();
  const ledger: ReplayPlan["ledger"] = [];
  for (const r of replay.results) {
    const appliedAt = new Date(r.match.appliedAt);
    for (const e of r.entries) {
      const counts = newCounts.get(e.playerId) ?? { win: 0, loss: 0, draw: 0 };
      counts[e.result] += 1;
      newCounts.set(e.playerId, counts);
      ledger.push({
        matchId: r.match.matchId,
        playerId: e.playerId,
        resultSeq: r.match.resultSeq,
        team: e.team,
        weight: e.weight,
        score: e.score,
        expected: e.expected,
        result: e.result,
        before: e.before,
        after: e.after,
        previousPlayedAt: e.previousPlayedAt === null ? null : new Date(e.previousPlayedAt),
        appliedAt,
      });
    }
  }
  const corrected = replay.results.find((r) => r.match.matchId === match.id);
  return {
    guildId: match.guildId,
    ladderId: ladder.id,
    season: ladder.season,
    fromToken: ladder.writeToken,
    change:
      change.kind === "recalibrate"
        ? { kind: "recalibrate", settings }
        : {
            kind: change.kind,
            matchId: match.id,
            ranksBefore: match.ranks ?? [],
            match: corrected
              ? { status: "completed", ranks: newRanks, winnerTeam: corrected.winnerTeam, resultType: corrected.resultType }
              : { status: "voided", ranks: match.ranks, winnerTeam: null, resultType: null },
          },
    fromSeq: match.resultSeq ?? 0,
    ledger,
    players: snapshot.states.map((s) => {
      const final = replay.final.get(s.playerId);
      if (!final) throw new Error(`replay lost player ${s.playerId}`);
      const before = oldCounts.get(s.playerId) ?? { win: 0, loss: 0, draw: 0 };
      const after = newCounts.get(s.playerId) ?? { win: 0, loss: 0, draw: 0 };
      const delta = (k: PlayerResult) => after[k] - before[k];
      return {
        playerId: s.playerId,
        fromVersion: s.ratingVersion,
        rated: { rating: final.rating, deviation: final.deviation, volatility: final.volatility },
        games: s.games + delta("win") + delta("loss") + delta("draw"),
        wins: s.wins + delta("win"),
        losses: s.losses + delta("loss"),
        draws: s.draws + delta("draw"),
        lastPlayedAt: final.lastPlayedAt === null ? null : new Date(final.lastPlayedAt),
      };
    }),
    replayedMatches: new Set(rows.map((r) => r.matchId)).size - 1,
    at,
  };
}
