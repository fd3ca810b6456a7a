import { describe, expect, it } from "vitest";
import { ladderStats, playerStats } from "../../src/domain/stats";

describe("player statistics", () => {
  const games = [
    { matchId: "m5", team: 0, result: "win" as const },
    { matchId: "m4", team: 1, result: "win" as const },
    { matchId: "m3", team: 0, result: "loss" as const },
    { matchId: "m2", team: 0, result: "draw" as const },
    { matchId: "m1", team: 0, result: "win" as const },
  ];
  const others = games.flatMap((g) => [
    { matchId: g.matchId, playerId: "mate", displayName: "Mate", team: g.team },
    { matchId: g.matchId, playerId: "foe", displayName: "Foe", team: 1 - g.team },
  ]);

  it("counts records, streaks and form newest first, draws as half a win", () => {
    const s = playerStats(games, others);
    expect(s).toMatchObject({ games: 5, wins: 3, losses: 1, draws: 1, currentStreak: { result: "win", length: 2 }, longestWinStreak: 2, longestLossStreak: 1 });
    expect(s.winRate).toBeCloseTo(3.5 / 5, 12);
    expect(s.form).toEqual(["win", "win", "loss", "draw", "win"]);
  });

  it("splits teammates from opponents per match and answers head-to-head", () => {
    const s = playerStats(games, others, { vs: "foe" });
    expect(s.teammates).toEqual([{ playerId: "mate", displayName: "Mate", games: 5, wins: 3, losses: 1, draws: 1, winRate: 0.7 }]);
    expect(s.opponents[0]?.playerId).toBe("foe");
    expect(s.headToHead?.against?.games).toBe(5);
    expect(s.headToHead?.together).toBeNull();
  });

  it("has no streak and no win rate without games", () => {
    expect(playerStats([], [])).toMatchObject({ games: 0, winRate: null, currentStreak: null, form: [] });
  });
});

describe("ladder statistics", () => {
  it("buckets matches per UTC day with zeros, counts active players and builds a contiguous histogram", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const times = ["2026-11-20T01:00:00Z", "2026-11-20T23:00:00Z", "2026-11-18T10:00:00Z", "2026-10-01T00:00:00Z"].map((t) => new Date(t));
    const players = [
      { rating: 1510, lastPlayedAt: new Date("2026-11-19T00:00:00Z") },
      { rating: 1620, lastPlayedAt: new Date("2026-11-01T00:00:00Z") },
      { rating: 1440, lastPlayedAt: null },
    ];
    const s = ladderStats(times, players, now, { days: 3, binWidth: 100 });
    expect(s.matchesPerDay).toEqual([
      { date: "2026-11-18", matches: 1 },
      { date: "2026-11-19", matches: 0 },
      { date: "2026-11-20", matches: 2 },
    ]);
    expect(s.activePlayers).toEqual({ last7Days: 1, last30Days: 2, rated: 3 });
    expect(s.ratingHistogram.bins).toEqual([
      { from: 1400, to: 1500, players: 1 },
      { from: 1500, to: 1600, players: 1 },
      { from: 1600, to: 1700, players: 1 },
    ]);
  });
});
