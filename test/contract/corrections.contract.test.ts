/**
 * Corrections and voids with exact replay, on every transport: the final ratings, counters and
 * ledger equal, double for double, those of a guild that was given the corrected history from the
 * start; a replay is one read and one batch; concurrent reports are never lost.
 */
import { describe, expect, it } from "vitest";
import { countRoundTrips } from "../../src/db/round-trips";
import { seededRandom } from "../../src/domain/random";
import { correctMatch } from "../../src/services/corrections";
import { applyMatchResult } from "../../src/services/results";
import { API_RETRY } from "../../src/services/retry";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { seedGuild, standingOf } from "../support/fixtures";
import { expectSameAsFreshHistory, type PlayedMatch, playHistory } from "../support/history";

const T0 = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;
const options = (at: number) => ({ now: () => new Date(at), ...API_RETRY });

/** A random history on `players` players: 1v1 to 3v3 and three-team games, wins and draws, hours to days apart. */
function randomHistory(seed: number, players: number, count: number): PlayedMatch[] {
  const random = seededRandom(seed);
  let at = T0;
  const out: PlayedMatch[] = [];
  for (let i = 0; i < count; i++) {
    at += Math.floor(1 + random() * 72) * HOUR;
    const teamCount = random() < 0.15 ? 3 : 2;
    const size = 1 + Math.floor(random() * 3);
    const pool = Array.from({ length: players }, (_, k) => k).sort(() => random() - 0.5);
    const teams = Array.from({ length: teamCount }, (_, t) => pool.slice(t * size, (t + 1) * size));
    const ranks = random() < 0.1 ? teams.map(() => 0) : Array.from({ length: teamCount }, (_, k) => k).sort(() => random() - 0.5);
    out.push({ teams, ranks, at });
  }
  return out;
}

describe.each(TRANSPORTS)("corrections on %s", (transport) => {
  const s = useBackend(transport, "corrections");

  it("voids a match and replays the rest exactly, in one read and one batch", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 6)).map((p) => p.id);
    const history: PlayedMatch[] = [
      {
        teams: [
          [0, 1],
          [2, 3],
        ],
        ranks: [0, 1],
        at: T0,
      },
      {
        teams: [
          [0, 2],
          [1, 4],
        ],
        ranks: [1, 0],
        at: T0 + 5 * HOUR,
      },
      {
        teams: [
          [0, 3],
          [4, 5],
        ],
        ranks: [0, 0],
        at: T0 + 30 * HOUR,
      },
      {
        teams: [
          [1, 2],
          [3, 5],
        ],
        ranks: [0, 1],
        at: T0 + 80 * HOUR,
      },
    ];
    const matchIds = await playHistory(s.repo, guildId, ids, history);
    const { result, roundTrips } = await countRoundTrips(() =>
      withRequest(s.backend, (r) => correctMatch(r, { guildId, matchId: matchIds[0] ?? "", kind: "void" }, "test", options(T0 + 100 * HOUR))),
    );
    expect(result).toMatchObject({ changed: true, replayedMatches: 3 });
    if (transport !== "neon-ws") expect(roundTrips).toBe(2);
    expect(await s.repo.matches.get(guildId, matchIds[0] ?? "")).toMatchObject({ status: "voided" });
    await expectSameAsFreshHistory(s.repo, guildId, ids);
    // Voiding again is a no-op that says so; a voided match cannot be reported or corrected.
    expect(await correctMatch(s.repo, { guildId, matchId: matchIds[0] ?? "", kind: "void" }, "test", options(T0))).toMatchObject({ changed: false });
    await expect(
      correctMatch(s.repo, { guildId, matchId: matchIds[0] ?? "", kind: "correct", outcome: { winner: 1 } }, "test", options(T0)),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("corrects an outcome (to a draw, then back) and replays exactly; the same outcome is a no-op", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 5)).map((p) => p.id);
    const history: PlayedMatch[] = [
      { teams: [[0], [1]], ranks: [0, 1], at: T0 },
      { teams: [[1], [2]], ranks: [0, 1], at: T0 + 2 * HOUR },
      {
        teams: [
          [0, 2],
          [3, 4],
        ],
        ranks: [1, 0],
        at: T0 + 50 * HOUR,
      },
      { teams: [[0], [1], [4]], ranks: [2, 0, 1], at: T0 + 51 * HOUR },
    ];
    const matchIds = await playHistory(s.repo, guildId, ids, history);
    const first = matchIds[1] ?? "";
    expect(await correctMatch(s.repo, { guildId, matchId: first, kind: "correct", outcome: { winner: 1 } }, "test", options(T0))).toMatchObject({
      changed: true,
      replayedMatches: 2,
    });
    expect(await s.repo.matches.get(guildId, first)).toMatchObject({ status: "completed", ranks: [1, 0], winnerTeam: 1 });
    await expectSameAsFreshHistory(s.repo, guildId, ids);
    expect(await correctMatch(s.repo, { guildId, matchId: first, kind: "correct", outcome: { ranks: [1, 0] } }, "test", options(T0))).toMatchObject({
      changed: false,
    });
    await correctMatch(s.repo, { guildId, matchId: matchIds[3] ?? "", kind: "correct", outcome: { ranks: [0, 0, 0] } }, "test", options(T0));
    await expectSameAsFreshHistory(s.repo, guildId, ids);
    const counters = await standingOf(s.repo, guildId, ids[4] ?? "");
    // Player 4 won match 3 (ranks [1, 0]: team 1 first) and drew the three-way game once it was corrected to a draw.
    expect(counters).toMatchObject({ games: 2, wins: 1, losses: 0, draws: 1 });
  });

  it("refuses a replay longer than one request may hold, naming the limit, without writing", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 9)).map((p) => p.id);
    const matchIds = await playHistory(s.repo, guildId, ids, randomHistory(3, 9, 4));
    const before = await standingOf(s.repo, guildId, ids[0] ?? "");
    await expect(
      correctMatch(s.repo, { guildId, matchId: matchIds[0] ?? "", kind: "void" }, "test", { ...options(T0), maxReplayMatches: 2 }),
    ).rejects.toMatchObject({ code: "REPLAY_TOO_LARGE", details: { limit: 2, later: 3 } });
    expect(await standingOf(s.repo, guildId, ids[0] ?? "")).toEqual(before);
    expect((await s.repo.matches.get(guildId, matchIds[0] ?? ""))?.status).toBe("completed");
  });

  it("finds matches and players by upper-case ids on every dialect", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 2)).map((p) => p.id);
    const [matchId] = await playHistory(s.repo, guildId, ids, [{ teams: [[0], [1]], ranks: [0, 1], at: T0 }]);
    expect((await s.repo.matches.get(guildId, (matchId ?? "").toUpperCase()))?.id).toBe(matchId);
    expect((await s.repo.players.getById(guildId, (ids[0] ?? "").toUpperCase()))?.id).toBe(ids[0]);
    expect((await s.repo.ledger.history(guildId, (ids[0] ?? "").toUpperCase(), { limit: 5 })).items).toHaveLength(1);
  });

  it("refuses pending, cancelled and unknown matches without writing", async () => {
    const guildId = freshGuildId();
    const [a, b] = (await seedGuild(s.repo, guildId, 2)).map((p) => p.id);
    const pending = await s.repo.matches.create({ guildId, teams: [[a ?? ""], [b ?? ""]] }, "test");
    await expect(correctMatch(s.repo, { guildId, matchId: pending.id, kind: "void" }, "test", options(T0))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(correctMatch(s.repo, { guildId, matchId: crypto.randomUUID(), kind: "void" }, "test", options(T0))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(correctMatch(s.repo, { guildId: freshGuildId(), matchId: pending.id, kind: "void" }, "test", options(T0))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("never loses a report that races a replay: the end state is some serial order", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 8)).map((p) => p.id);
    const history = randomHistory(7, 8, 10);
    const matchIds = await playHistory(s.repo, guildId, ids, history);
    const pending = [];
    for (let i = 0; i < 6; i++) pending.push(await s.repo.matches.create({ guildId, teams: [[ids[i] ?? ""], [ids[(i + 3) % 8] ?? ""]] }, "test"));
    const late = history.at(-1)?.at ?? T0;
    await Promise.all([
      withRequest(s.backend, (r) => correctMatch(r, { guildId, matchId: matchIds[2] ?? "", kind: "void" }, "test", options(late + HOUR))),
      withRequest(s.backend, (r) =>
        correctMatch(r, { guildId, matchId: matchIds[5] ?? "", kind: "correct", outcome: { ranks: [0, 0] } }, "test", options(late + HOUR)),
      ),
      ...pending.map((m, i) =>
        withRequest(s.backend, (r) => applyMatchResult(r, { guildId, matchId: m.id, outcome: { winner: i % 2 } }, "test", options(late + (i + 2) * HOUR))),
      ),
    ]);
    for (const m of pending) expect((await s.repo.matches.get(guildId, m.id))?.status).toBe("completed");
    expect((await s.repo.matches.get(guildId, matchIds[2] ?? ""))?.status).toBe("voided");
    await expectSameAsFreshHistory(s.repo, guildId, ids);
  });
});

const PROPERTY_TRANSPORTS = TRANSPORTS.filter((t) => t === "libsql-embedded" || t === "neon-http");

describe.each(PROPERTY_TRANSPORTS)("replay property on %s", (transport) => {
  const s = useBackend(transport, "replay_property");

  it.each([1, 2, 3])(
    "seed %i: a random history of 20-60 matches, one random correction or void, equals the corrected history played from scratch",
    async (seed) => {
      const random = seededRandom(1000 + seed);
      const guildId = freshGuildId();
      const ids = (await seedGuild(s.repo, guildId, 12)).map((p) => p.id);
      const history = randomHistory(seed, 12, 20 + Math.floor(random() * 41));
      const matchIds = await playHistory(s.repo, guildId, ids, history);
      const pick = Math.floor(random() * history.length);
      const target = history[pick];
      if (!target) throw new Error("no match picked");
      const rotated = target.ranks.map((r) => (r + 1) % target.ranks.length);
      const input = random() < 0.5 ? ({ kind: "void" } as const) : ({ kind: "correct", outcome: { ranks: rotated } } as const);
      const done = await correctMatch(s.repo, { guildId, matchId: matchIds[pick] ?? "", ...input }, "test", options(T0));
      expect(done.replayedMatches).toBe(history.length - 1 - pick);
      await expectSameAsFreshHistory(s.repo, guildId, ids);
    },
  );
});
