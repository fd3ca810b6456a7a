/**
 * Rating one result, and replaying a run of results: the same function serves a fresh report and
 * a correction's replay, so a replayed season is, double for double, what reporting the corrected
 * history would have produced. Pure: states in, states out; the caller reads and writes storage.
 */
import { DomainError } from "./errors.js";
import { decayRating, type GlickoConfig, type PlayerRating } from "./glicko2.js";
import { rateMatch } from "./team-rating.js";

export type PlayerResult = "win" | "loss" | "draw";

/** A player's stored state in a ladder: what the next result starts from. */
export interface StoredRating extends PlayerRating {
  lastPlayedAt: number | null;
}

export interface RosterEntry {
  playerId: string;
  team: number;
  weight: number;
}

export interface RatedEntry extends RosterEntry {
  /** The stored state the result started from (before idle decay). */
  before: PlayerRating;
  after: PlayerRating;
  expected: number;
  score: number;
  result: PlayerResult;
  /** When the player last played before this result (drives the idle decay a replay recomputes). */
  previousPlayedAt: number | null;
}

export interface RatedResult {
  winnerTeam: number | null;
  resultType: "win" | "draw" | "placement";
  entries: RatedEntry[];
}

/** Placements 0..teamCount-1 per team; equal placements share. */
export function checkRanks(ranks: readonly number[], teamCount: number): void {
  if (ranks.length !== teamCount || ranks.some((r) => !Number.isInteger(r) || r < 0 || r >= teamCount)) {
    throw new DomainError("INVALID_MATCH", `ranks must list one placement (0..${teamCount - 1}) for each of the ${teamCount} teams`);
  }
}

/**
 * Rate one result. Idle time since each player's last game widens their RD first; counters follow
 * placement: sole first place wins, a shared first place draws, everyone else loses.
 */
export function rateResult(
  roster: readonly RosterEntry[],
  states: ReadonlyMap<string, StoredRating>,
  ranks: readonly number[],
  teamCount: number,
  appliedAt: number,
  config: GlickoConfig,
): RatedResult {
  checkRanks(ranks, teamCount);
  const stateOf = (id: string): StoredRating => {
    const state = states.get(id);
    if (!state) throw new DomainError("INVALID_MATCH", `no rating state for player ${id}`);
    return state;
  };
  const teams = Array.from({ length: teamCount }, (_, team) =>
    roster
      .filter((p) => p.team === team)
      .map((p) => {
        const s = stateOf(p.playerId);
        const rating = s.lastPlayedAt === null ? s : decayRating(s, appliedAt - s.lastPlayedAt, config);
        return { id: p.playerId, rating: { rating: rating.rating, deviation: rating.deviation, volatility: rating.volatility }, weight: p.weight };
      })
      // Team sums are floating-point: adding in an order given by the values (not by ids, not by
      // storage order) makes the result a function of the match alone, to the last bit.
      .sort(
        (a, b) =>
          a.rating.rating - b.rating.rating || a.rating.deviation - b.rating.deviation || a.rating.volatility - b.rating.volatility || a.weight - b.weight,
      ),
  );
  const updates = rateMatch(teams, [...ranks], config);
  const best = Math.min(...ranks);
  const winners = ranks.filter((r) => r === best).length;
  const byId = new Map(roster.map((p) => [p.playerId, p]));
  return {
    winnerTeam: winners === 1 ? ranks.indexOf(best) : null,
    resultType: winners === ranks.length ? "draw" : teamCount === 2 ? "win" : "placement",
    entries: updates.map((u) => {
      const s = stateOf(u.id);
      return {
        playerId: u.id,
        team: u.team,
        weight: byId.get(u.id)?.weight ?? 1,
        before: { rating: s.rating, deviation: s.deviation, volatility: s.volatility },
        after: u.after,
        expected: u.expectedScore,
        score: u.actualScore,
        result: ranks[u.team] !== best ? "loss" : winners === 1 ? "win" : "draw",
        previousPlayedAt: s.lastPlayedAt,
      };
    }),
  };
}

export interface ReplayMatch {
  matchId: string;
  resultSeq: number;
  appliedAt: number;
  teamCount: number;
  /** The placements to rate with; null skips the match (voided). */
  ranks: readonly number[] | null;
  roster: readonly RosterEntry[];
}

export interface ReplayOutcome {
  results: Array<{ match: ReplayMatch } & RatedResult>;
  /** Every player's state after the run, for each player the run touched. */
  final: Map<string, StoredRating>;
}

/**
 * Re-rate `matches` in order from `start` (each player's stored state before the first match of
 * the run they appear in). Voided matches are skipped entirely, so the players' next results see
 * the idle time since their previous real game.
 */
export function replayResults(matches: readonly ReplayMatch[], start: ReadonlyMap<string, StoredRating>, config: GlickoConfig): ReplayOutcome {
  const states = new Map(start);
  const results: ReplayOutcome["results"] = [];
  for (const match of matches) {
    if (!match.ranks) continue;
    const rated = rateResult(match.roster, states, match.ranks, match.teamCount, match.appliedAt, config);
    for (const e of rated.entries)
      states.set(e.playerId, { rating: e.after.rating, deviation: e.after.deviation, volatility: e.after.volatility, lastPlayedAt: match.appliedAt });
    results.push({ match, winnerTeam: rated.winnerTeam, resultType: rated.resultType, entries: rated.entries });
  }
  return { results, final: states };
}
