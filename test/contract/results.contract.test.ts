/**
 * Applying results on every transport: atomic, applied once, and serializable under concurrency.
 */
import { describe, expect, it } from "vitest";
import { countRoundTrips } from "../../src/db/round-trips";
import { applyMatchResult, type ReportResult } from "../../src/services/results";
import { API_RETRY } from "../../src/services/retry";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { seedGuild, seeded, standingOf } from "../support/fixtures";

const now = () => new Date();

describe.each(TRANSPORTS)("result application on %s", (transport) => {
  const s = useBackend(transport, "results");
  const report = (guildId: string, matchId: string, outcome: ReportResult["outcome"]) =>
    withRequest(s.backend, (r) => applyMatchResult(r, { guildId, matchId, outcome }, "test", { now, ...API_RETRY }));

  it("moves winners up and losers down, updates counters, writes the ledger, in two round trips", async () => {
    const guildId = freshGuildId();
    const [a, b, c, d] = (await seedGuild(s.repo, guildId, 4)).map((p) => p.id);
    if (!a || !b || !c || !d) throw new Error("seed failed");
    const match = await s.repo.matches.create(
      {
        guildId,
        teams: [
          [a, b],
          [c, d],
        ],
      },
      "test",
    );
    const { result, roundTrips } = await countRoundTrips(() => report(guildId, match.id, { winner: 0 }));
    if (transport !== "neon-ws") expect(roundTrips).toBe(2);
    expect(result.alreadyApplied).toBe(false);

    const after = await s.repo.matches.get(guildId, match.id);
    expect(after).toMatchObject({ status: "completed", winnerTeam: 0, resultType: "win", ranks: [0, 1], version: 1 });
    for (const id of [a, b]) expect(await standingOf(s.repo, guildId, id)).toMatchObject({ games: 1, wins: 1, losses: 0 });
    for (const id of [c, d]) expect(await standingOf(s.repo, guildId, id)).toMatchObject({ games: 1, wins: 0, losses: 1 });
    const winner = await standingOf(s.repo, guildId, a);
    const loser = await standingOf(s.repo, guildId, c);
    expect(winner?.rating).toBeGreaterThan(1500);
    expect(loser?.rating).toBeLessThan(1500);
    const history = await s.repo.ledger.history(guildId, a, { limit: 10 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ matchId: match.id, season: 1, result: "win", ratingBefore: 1500, ratingAfter: winner?.rating, score: 1 });
  });

  it("applies a match once: a repeat changes nothing, a different result is a conflict", async () => {
    const guildId = freshGuildId();
    const [a, b] = (await seedGuild(s.repo, guildId, 2)).map((p) => p.id);
    if (!a || !b) throw new Error("seed failed");
    const match = await s.repo.matches.create({ guildId, teams: [[a], [b]] }, "test");
    await report(guildId, match.id, { ranks: [1, 0] });
    const before = await standingOf(s.repo, guildId, a);
    const repeat = await report(guildId, match.id, { ranks: [1, 0] });
    expect(repeat.alreadyApplied).toBe(true);
    expect(await standingOf(s.repo, guildId, a)).toEqual(before);
    await expect(report(guildId, match.id, { winner: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await s.repo.ledger.history(guildId, a, { limit: 10 })).items).toHaveLength(1);
  });

  it("refuses results for cancelled matches and bad placements without writing", async () => {
    const guildId = freshGuildId();
    const [a, b] = (await seedGuild(s.repo, guildId, 2)).map((p) => p.id);
    if (!a || !b) throw new Error("seed failed");
    const match = await s.repo.matches.create({ guildId, teams: [[a], [b]] }, "test");
    await expect(applyMatchResult(s.repo, { guildId, matchId: match.id, outcome: { ranks: [0, 5] } }, "test", { now })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await s.repo.matches.cancel(guildId, match.id, "test");
    await expect(applyMatchResult(s.repo, { guildId, matchId: match.id, outcome: { winner: 0 } }, "test", { now })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await standingOf(s.repo, guildId, a)).toMatchObject({ games: 0, rating: 1500 });
    const done = await s.repo.matches.create({ guildId, teams: [[a], [b]] }, "test");
    await report(guildId, done.id, { winner: 1 });
    await expect(s.repo.matches.cancel(guildId, done.id, "test")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("ranks the leaderboard by rating with continuous ranks across pages", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 5)).map((p) => p.id);
    for (let i = 1; i < ids.length; i++) {
      const m = await s.repo.matches.create({ guildId, teams: [[ids[0] ?? ""], [ids[i] ?? ""]] }, "test");
      await applyMatchResult(s.repo, { guildId, matchId: m.id, outcome: { winner: i % 2 } }, "test", { now });
    }
    const first = await s.repo.leaderboard.page(guildId, { limit: 2 });
    const rest = await s.repo.leaderboard.page(guildId, { limit: 10, cursor: first.nextCursor ?? undefined });
    const all = [...first.items, ...rest.items];
    expect(all.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(all.map((e) => e.playerId)).size).toBe(5);
    const ratings = all.map((e) => e.rating);
    expect(ratings).toEqual([...ratings].sort((x, y) => y - x));
    expect(rest.nextCursor).toBeNull();
  });

  it("ends 20 concurrent reports over overlapping players in the state of a serial order", async () => {
    const guildId = freshGuildId();
    const players = (await seedGuild(s.repo, guildId, 8)).map((p) => p.id);
    const random = seeded(42);
    const pick = () => {
      const pool = [...players].sort(() => random() - 0.5);
      return [pool.slice(0, 2), pool.slice(2, 4)];
    };
    const matches = [];
    for (let i = 0; i < 20; i++) matches.push(await s.repo.matches.create({ guildId, teams: pick() }, "test"));
    // Each report on its own connection, as concurrent Worker requests would be; some are sent twice.
    const reports = matches.flatMap((m, i) => (i % 5 === 0 ? [m, m] : [m]));
    const results = await Promise.all(reports.map((m, i) => report(guildId, m.id, { winner: i % 2 }).catch((e: unknown) => e)));
    const failures = results.filter((r) => r instanceof Error);
    // A duplicate report either applies first or sees the other's result: both outcomes are fine,
    // but only a same-outcome repeat is a no-op; different winners for one match are a conflict.
    expect(failures.every((e) => (e as { code?: string }).code === "CONFLICT")).toBe(true);

    for (const m of matches) expect((await s.repo.matches.get(guildId, m.id))?.status).toBe("completed");
    for (const id of players) {
      const player = await standingOf(s.repo, guildId, id);
      const appearances = matches.filter((m) => m.players.some((p) => p.playerId === id)).length;
      expect(player?.games).toBe(appearances);
      expect((player?.wins ?? 0) + (player?.losses ?? 0) + (player?.draws ?? 0)).toBe(appearances);
      // Serial order: each ledger row starts exactly where the previous one ended.
      const history = (await s.repo.ledger.history(guildId, id, { limit: 100 })).items.reverse();
      expect(history.map((h) => h.resultSeq)).toEqual([...history.map((h) => h.resultSeq)].sort((x, y) => x - y));
      for (let i = 1; i < history.length; i++) expect(history[i]?.ratingBefore).toBe(history[i - 1]?.ratingAfter);
      expect(player?.rating).toBe(history.at(-1)?.ratingAfter ?? 1500);
    }
  });
});
