/**
 * Ladders and seasons on every transport: one default ladder per guild even under concurrency,
 * settings validated before storage, leaderboards that never mix, and seasons that archive and reset
 * atomically while a concurrent report lands in exactly one of them.
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { ladderWhere } from "../../src/db/repository/ladders";
import { pageQuery } from "../../src/db/repository/leaderboard";
import { defaultLadderSettings } from "../../src/domain/ladder-settings";
import { applyMatchResult } from "../../src/services/results";
import { API_RETRY } from "../../src/services/retry";
import { startSeason } from "../../src/services/seasons";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { seedGuild, standingOf } from "../support/fixtures";
import { playHistory } from "../support/history";

const T0 = Date.UTC(2026, 7, 1);
const HOUR = 3_600_000;

describe.each(TRANSPORTS)("ladders and seasons on %s", (transport) => {
  const s = useBackend(transport, "ladders");

  it("creates exactly one default ladder per guild, even when the guild is created ten times at once", async () => {
    const guildId = freshGuildId();
    await Promise.all(Array.from({ length: 10 }, () => withRequest(s.backend, (r) => r.guilds.upsert({ id: guildId, name: "race" }, "test"))));
    const ladders = await s.repo.ladders.list(guildId);
    expect(ladders.map((l) => [l.slug, l.isDefault])).toEqual([["default", true]]);
    expect((await s.repo.ladders.resolve(guildId)).id).toBe(ladders[0]?.id);
    await expect(s.repo.ladders.resolve(guildId, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.repo.ladders.resolve(freshGuildId())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates settings before storing them, and keeps slugs unique per guild", async () => {
    const guildId = freshGuildId();
    await s.repo.guilds.upsert({ id: guildId, name: "g" }, "test");
    const settings = defaultLadderSettings();
    await expect(
      s.repo.ladders.create(guildId, { slug: "bad", name: "Bad", settings: { ...settings, minDeviation: 400, maxDeviation: 300 } }, "test"),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(s.repo.ladders.create(guildId, { slug: "nan", name: "NaN", settings: { ...settings, tau: Number.NaN } }, "test")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const twos = await s.repo.ladders.create(guildId, { slug: "2v2", name: "Twos", settings: { ...settings, teamSize: 2, initialRating: 1000 } }, "test");
    expect(twos).toMatchObject({ slug: "2v2", isDefault: false, season: 1, settings: { teamSize: 2, initialRating: 1000 } });
    await expect(s.repo.ladders.create(guildId, { slug: "2v2", name: "Again", settings }, "test")).rejects.toMatchObject({ code: "DUPLICATE" });
    await expect(s.repo.ladders.create(freshGuildId(), { slug: "x", name: "X", settings }, "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await s.repo.ladders.list(guildId)).map((l) => l.slug).sort()).toEqual(["2v2", "default"]);
  });

  it("keeps each ladder's ratings and leaderboard apart", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 4)).map((p) => p.id);
    await s.repo.ladders.create(guildId, { slug: "duel", name: "Duel", settings: { ...defaultLadderSettings(), initialRating: 1000 } }, "test");
    await playHistory(s.repo, guildId, ids, [{ teams: [[0], [1]], ranks: [0, 1], at: T0 }]);
    await playHistory(s.repo, guildId, ids, [{ teams: [[2], [0]], ranks: [0, 1], at: T0 + HOUR }], "duel");
    const main = await s.repo.leaderboard.page(guildId, { limit: 10 });
    const duel = await s.repo.leaderboard.page(guildId, { limit: 10, ladder: "duel" });
    expect(main.items.map((e) => e.playerId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(duel.items.map((e) => e.playerId).sort()).toEqual([ids[0], ids[2]].sort());
    // Player 0 won in one ladder and lost in the other: each ladder has its own rating and record.
    expect(await standingOf(s.repo, guildId, ids[0] ?? "")).toMatchObject({ games: 1, wins: 1 });
    expect(await standingOf(s.repo, guildId, ids[0] ?? "", "duel")).toMatchObject({ games: 1, losses: 1 });
    expect((await standingOf(s.repo, guildId, ids[0] ?? "", "duel"))?.rating).toBeLessThan(1000);
    expect(await standingOf(s.repo, guildId, ids[2] ?? "")).toBeNull();
    await expect(s.repo.leaderboard.page(guildId, { limit: 10, ladder: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.runIf(transport === "neon-http")("reads the leaderboard in index order on Postgres: EXPLAIN shows no sort", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 4)).map((p) => p.id);
    await playHistory(s.repo, guildId, ids, [
      {
        teams: [
          [0, 1],
          [2, 3],
        ],
        ranks: [0, 1],
        at: T0,
      },
    ]);
    const { t, db } = s.database;
    const query = pageQuery(db, t, ladderWhere(t.ladders, guildId), { limit: 25 }, { r: 1600, id: ids[0] ?? "" }).toSQL();
    const client = new pg.Client({ connectionString: s.backend.url });
    await client.connect();
    try {
      // With sorting priced out, a plan still sorts only if no index yields the requested order.
      await client.query("set enable_sort = off");
      const plan = (await client.query(`explain ${query.sql}`, query.params)).rows.map((r: Record<string, string>) => Object.values(r)[0]).join("\n");
      expect(plan).toContain("ladder_players_leaderboard_idx");
      expect(plan).not.toMatch(/\bSort\b/);
    } finally {
      await client.end();
    }
  });

  it("hides provisional players unless asked, per the ladder's rule", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 3)).map((p) => p.id);
    await s.repo.ladders.create(guildId, { slug: "strict", name: "Strict", settings: { ...defaultLadderSettings(), provisionalMinGames: 2 } }, "test");
    await playHistory(
      s.repo,
      guildId,
      ids,
      [
        { teams: [[0], [1]], ranks: [0, 1], at: T0 },
        { teams: [[0], [2]], ranks: [0, 1], at: T0 + HOUR },
      ],
      "strict",
    );
    expect((await s.repo.leaderboard.page(guildId, { limit: 10, ladder: "strict" })).items.map((e) => e.playerId)).toEqual([ids[0]]);
    expect((await s.repo.leaderboard.page(guildId, { limit: 10, ladder: "strict", all: true })).items).toHaveLength(3);
  });

  it("starts a season: archives the final standings, soft-resets ratings and clears records", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 3)).map((p) => p.id);
    const ladder = await s.repo.ladders.resolve(guildId);
    await s.repo.ladders.update(
      ladder,
      { settings: { seasonResetMode: "soft", softResetFraction: 0.25, softResetMinDeviation: 250, provisionalMinGames: 2 } },
      "test",
    );
    await playHistory(s.repo, guildId, ids, [
      { teams: [[0], [1]], ranks: [0, 1], at: T0 },
      { teams: [[0], [1]], ranks: [0, 1], at: T0 + HOUR },
      { teams: [[2], [1]], ranks: [0, 1], at: T0 + 2 * HOUR },
    ]);
    const before = await Promise.all(ids.map((id) => standingOf(s.repo, guildId, id)));
    const { ended } = await startSeason(s.repo, { guildId }, "test", API_RETRY);
    expect(ended).toMatchObject({ number: 1 });
    expect((await s.repo.ladders.resolve(guildId)).season).toBe(2);
    for (const [i, id] of ids.entries()) {
      const b = before[i];
      if (!b) throw new Error("no standing");
      const after = await standingOf(s.repo, guildId, id);
      // A quarter of the way back to 1500; RD raised to at least 250; a new season's record.
      expect(after?.rating).toBeCloseTo(b.rating + (1500 - b.rating) * 0.25, 9);
      expect(after?.deviation).toBe(Math.max(250, b.deviation));
      expect(after).toMatchObject({ games: 0, wins: 0, losses: 0, draws: 0, volatility: b.volatility });
    }
    const archived = await s.repo.seasons.standings(ended.ladderId, 1, { limit: 10 });
    // Players 0 and 1 met the two-game rule and are ranked by rating; player 2 (one game) is provisional.
    const [p0, p1] = [before[0]?.rating ?? 0, before[1]?.rating ?? 0];
    expect(archived.items.map((e) => [e.playerId, e.rank, e.games])).toEqual([
      [p0 > p1 ? ids[0] : ids[1], 1, p0 > p1 ? 2 : 3],
      [p0 > p1 ? ids[1] : ids[0], 2, p0 > p1 ? 3 : 2],
      [ids[2], null, 1],
    ]);
    expect(archived.items[0]?.rating).toBe(Math.max(p0, p1));
    // Repeating the request for season 1 answers with it instead of ending season 2.
    expect(await startSeason(s.repo, { guildId, endSeason: 1 }, "test", API_RETRY)).toMatchObject({ alreadyStarted: true, ended: { number: 1 } });
    expect((await s.repo.ladders.resolve(guildId)).season).toBe(2);
  });

  it("refuses rating-setting changes while the season has results, allows them at a new season", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 2)).map((p) => p.id);
    await playHistory(s.repo, guildId, ids, [{ teams: [[0], [1]], ranks: [0, 1], at: T0 }]);
    const ladder = await s.repo.ladders.resolve(guildId);
    await expect(s.repo.ladders.update(ladder, { settings: { initialVolatility: 0.025 } }, "test")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await s.repo.ladders.update(ladder, { name: "Main", settings: { provisionalMinGames: 3 } }, "test")).toMatchObject({ name: "Main" });
    await startSeason(s.repo, { guildId }, "test", API_RETRY);
    const next = await s.repo.ladders.resolve(guildId);
    expect((await s.repo.ladders.update(next, { settings: { initialVolatility: 0.025 } }, "test")).settings.initialVolatility).toBe(0.025);
  });

  it("lands a report that races a season start in exactly one season", async () => {
    for (let round = 0; round < 3; round++) {
      const guildId = freshGuildId();
      const ids = (await seedGuild(s.repo, guildId, 4)).map((p) => p.id);
      await playHistory(s.repo, guildId, ids, [{ teams: [[0], [1]], ranks: [0, 1], at: T0 }]);
      const match = await s.repo.matches.create({ guildId, teams: [[ids[2] ?? ""], [ids[3] ?? ""]] }, "test");
      await Promise.all([
        withRequest(s.backend, (r) => startSeason(r, { guildId, endSeason: 1 }, "test", API_RETRY)),
        withRequest(s.backend, (r) =>
          applyMatchResult(r, { guildId, matchId: match.id, outcome: { winner: 0 } }, "test", { now: () => new Date(T0 + HOUR), ...API_RETRY }),
        ),
      ]);
      const reported = await s.repo.matches.get(guildId, match.id);
      const winner = await standingOf(s.repo, guildId, ids[2] ?? "");
      const archived = (await s.repo.seasons.standings((await s.repo.ladders.resolve(guildId)).id, 1, { limit: 10 })).items;
      const inArchive = archived.some((e) => e.playerId === ids[2]);
      if (reported?.season === 1) {
        // Before the start: counted in season 1's archive, and the new season's record is clean.
        expect(inArchive).toBe(true);
        expect(winner?.games).toBe(0);
      } else {
        expect(reported?.season).toBe(2);
        expect(inArchive).toBe(false);
        expect(winner).toMatchObject({ games: 1, wins: 1 });
      }
      const ledger = (await s.repo.ledger.history(guildId, ids[2] ?? "", { limit: 10 })).items;
      expect(ledger.map((r) => r.season)).toEqual([reported?.season]);
    }
  });
});
