/**
 * Histories for the correction and season suites: play a list of matches into a guild on a given
 * clock, and rebuild a guild's final history in a fresh guild through the ordinary report path, so
 * that a replayed guild can be compared field by field with one that never needed a replay.
 */
import { expect } from "vitest";
import type { Repository } from "../../src/db/repository";
import { applyMatchResult } from "../../src/services/results";
import { API_RETRY } from "../../src/services/retry";
import { freshGuildId } from "./backends";
import { seedGuild } from "./fixtures";

export interface PlayedMatch {
  /** Player indexes per team. */
  teams: number[][];
  ranks: number[];
  at: number;
}

/** Create and report each match at its own time; returns the match ids in play order. */
export async function playHistory(repo: Repository, guildId: string, playerIds: string[], history: PlayedMatch[], ladder?: string): Promise<string[]> {
  const ids: string[] = [];
  for (const m of history) {
    const teams = m.teams.map((team) => team.map((i) => playerIds[i] ?? ""));
    const match = await repo.matches.create({ guildId, ladder, teams }, "test");
    await applyMatchResult(repo, { guildId, matchId: match.id, outcome: { ranks: m.ranks } }, "test", { now: () => new Date(m.at), ...API_RETRY });
    ids.push(match.id);
  }
  return ids;
}

/** Every match of a guild, oldest first (all pages). */
async function allMatches(repo: Repository, guildId: string) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await repo.matches.list(guildId, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The guild's history as it now stands (completed matches in the ladder's result order, with the
 * outcome and time each has), played from scratch into a new guild of as many players.
 */
export async function rebuildInFreshGuild(repo: Repository, guildId: string, playerIds: string[]): Promise<{ guildId: string; playerIds: string[] }> {
  const index = new Map(playerIds.map((id, i) => [id, i]));
  const completed = (await allMatches(repo, guildId)).filter((m) => m.status === "completed").sort((a, b) => (a.resultSeq ?? 0) - (b.resultSeq ?? 0));
  const history: PlayedMatch[] = [];
  for (const row of completed) {
    const match = await repo.matches.get(guildId, row.id);
    if (!match || !row.ranks || !row.completedAt) throw new Error(`match ${row.id} incomplete`);
    const teams = Array.from({ length: match.teamCount }, (_, team) => match.players.filter((p) => p.team === team).map((p) => index.get(p.playerId) ?? -1));
    history.push({ teams, ranks: row.ranks, at: row.completedAt.getTime() });
  }
  const fresh = freshGuildId();
  const freshIds = (await seedGuild(repo, fresh, playerIds.length)).map((p) => p.id);
  await playHistory(repo, fresh, freshIds, history);
  return { guildId: fresh, playerIds: freshIds };
}

/** Ratings, counters and every ledger row of each player, in a form two guilds can be compared in. */
export async function ratingState(repo: Repository, guildId: string, playerIds: string[], ladder?: string) {
  const out = [];
  for (const id of playerIds) {
    const { standing } = await repo.players.inLadder(guildId, id, ladder);
    const ledger = (await repo.ledger.history(guildId, id, { limit: 100, ladder })).items.reverse().map((r) => ({
      team: r.team,
      weight: r.weight,
      score: r.score,
      expected: r.expected,
      result: r.result,
      season: r.season,
      before: [r.ratingBefore, r.deviationBefore, r.volatilityBefore],
      after: [r.ratingAfter, r.deviationAfter, r.volatilityAfter],
      previousPlayedAt: r.previousPlayedAt?.getTime() ?? null,
      appliedAt: r.appliedAt.getTime(),
    }));
    out.push({ standing: standing && { ...standing, lastPlayedAt: standing.lastPlayedAt?.getTime() ?? null }, ledger });
  }
  return out;
}

/** The replayed guild equals, double for double, the guild that played the final history from the start. */
export async function expectSameAsFreshHistory(repo: Repository, guildId: string, playerIds: string[]): Promise<void> {
  const fresh = await rebuildInFreshGuild(repo, guildId, playerIds);
  const replayed = await ratingState(repo, guildId, playerIds);
  const expected = await ratingState(repo, fresh.guildId, fresh.playerIds);
  // Players who never played in the fresh history have no standing row there; in the replayed guild they keep an untouched one.
  for (const [i, e] of expected.entries()) {
    const r = replayed[i];
    if (e.standing === null && r?.standing?.games === 0) continue;
    expect(r).toEqual(e);
  }
}
