/**
 * The tournament service on every transport, format by format: a full 8-player Swiss over 3 rounds
 * (standings worked out by hand below), a 5-entrant single elimination with byes, a 16-entrant
 * double elimination with a grand-final reset, and a round robin played to completeness.
 */
import { describe, expect, it } from "vitest";
import {
  checkInEntrant,
  dropEntrant,
  finishTournament,
  pairNextRound,
  registerEntrant,
  reportResult,
  startTournament,
  tournamentView,
} from "../../src/services/tournaments";
import { TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { standingOf } from "../support/fixtures";
import { meetings, OPTIONS, openTournament, playOut, playRound, SWISS_8_TABLE, seedPairs } from "./tournament-fixtures";

const TAG = "tplay";
const reason = (r: string) => ({ code: "CONFLICT", details: expect.objectContaining({ reason: r }) });

describe.each(TRANSPORTS)("tournament play on %s", (transport) => {
  const s = useBackend(transport, TAG);

  it("runs an 8-player Swiss over 3 rounds: Dutch pairings, no rematch, hand-checked standings, tables from the venue", async () => {
    const setup = await openTournament(s.repo, { players: 9, register: 8, format: { rounds: 3 }, venueStations: 3 });
    const { guildId, tournamentId } = setup;
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS)).rejects.toMatchObject(reason("TOURNAMENT_STATUS"));
    // Two starts at once (a double click): one stage, one round 1, the same view for both.
    const starts = await Promise.all(
      [0, 1].map(() => withRequest(s.backend, (r) => startTournament(r, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS))),
    );
    expect(starts[1]?.rounds[0]?.pairings.map((p) => p.id)).toEqual(starts[0]?.rounds[0]?.pairings.map((p) => p.id));
    let view = await tournamentView(s.repo, guildId, tournamentId);
    expect(view.stages).toHaveLength(1);
    expect(view.tournament.status).toBe("running");
    expect(view.entrants.map((e) => e.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(view.stages).toMatchObject([{ number: 1, kind: "swiss", status: "running", plannedRounds: 3, bracket: null }]);
    // A second start (a double click) changes nothing.
    expect((await startTournament(s.repo, guildId, tournamentId, {}, "test", OPTIONS)).rounds).toHaveLength(1);

    const r1 = view.rounds[0];
    if (!r1) throw new Error("no round 1");
    expect(seedPairs(r1)).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 8],
    ]);
    // Boards 1..4 at a venue with 3 tables: board 4 shares table 1.
    expect(r1.pairings.map((p) => [p.station, p.table])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 1],
    ]);
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS)).rejects.toMatchObject(reason("ROUND_INCOMPLETE"));
    await playRound(s.repo, setup, r1, () => "a");

    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 3 })).rejects.toMatchObject(reason("ROUND_MISMATCH"));
    const r2 = await pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 2 });
    expect(seedPairs(r2)).toEqual([
      [1, 3],
      [2, 4],
      [5, 7],
      [6, 8],
    ]);
    // The same request again (a retry) returns the round that exists.
    expect((await pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 2 })).pairings.map((p) => p.id)).toEqual(
      r2.pairings.map((p) => p.id),
    );
    await playRound(s.repo, setup, r2, () => "a");

    const r3 = await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS);
    expect(seedPairs(r3)).toEqual([
      [1, 2],
      [3, 5],
      [4, 6],
      [7, 8],
    ]);
    const results = { "1-2": "draw", "3-5": "b", "4-6": "a", "7-8": "a" } as const;
    await playRound(s.repo, setup, r3, (a, b) => results[`${a}-${b}` as keyof typeof results]);
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS)).rejects.toMatchObject(reason("NOTHING_TO_PAIR"));

    view = await tournamentView(s.repo, guildId, tournamentId);
    const all = meetings(view.rounds);
    expect(new Set(all).size).toBe(all.length);
    expect(view.standings.map((r) => [r.rank, r.entrant.seed, r.points, r.tiebreaks.buchholz])).toEqual(SWISS_8_TABLE);
    expect(view.standings[0]).toMatchObject({ played: 3, wins: 2, draws: 1, losses: 0, byes: 0, dropped: false });
    // Sonneborn-Berger of 1: beat 5 (2) + beat 3 (1) + half of 2 (2.5) = 4.25.
    expect(view.standings[0]?.tiebreaks["sonneborn-berger"]).toBe(4.25);

    const done = await finishTournament(s.repo, guildId, tournamentId, "test");
    expect(done.tournament.status).toBe("finished");
    expect(done.stages[0]?.status).toBe("finished");
    expect(done.rounds.every((r) => r.status === "finished")).toBe(true);
    // Repeated: the finished view again. Unrated: no ladder match anywhere.
    expect((await finishTournament(s.repo, guildId, tournamentId, "test")).tournament.status).toBe("finished");
    expect(done.rounds.flatMap((r) => r.pairings).every((p) => p.matchId === null)).toBe(true);
    for (const id of setup.players) expect(await standingOf(s.repo, guildId, id)).toBeNull();
  });

  it("plays a 5-entrant single elimination: top seeds skip round one, draws refused, placement standings", async () => {
    const setup = await openTournament(s.repo, { players: 5, register: 5, format: { kind: "single_elimination" } });
    const { guildId, tournamentId } = setup;
    const view = await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS);
    const bracket = view.stages[0]?.bracket ?? [];
    expect(bracket.map((m) => [m.id, m.slots[0].label, m.slots[1].label])).toEqual([
      ["W1-2", "Seed 4", "Seed 5"],
      ["W2-1", "Seed 1", "Winner of W1-2"],
      ["W2-2", "Seed 2", "Seed 3"],
      ["W3-1", "Winner of W2-1", "Winner of W2-2"],
    ]);
    const r1 = view.rounds[0];
    if (!r1) throw new Error("no round 1");
    expect(r1.pairings.map((p) => [p.slot, p.a.seed, p.b?.seed])).toEqual([
      ["W1-2", 4, 5],
      ["W2-2", 2, 3],
    ]);
    await expect(reportResult(s.repo, guildId, tournamentId, r1.pairings[0]?.id ?? "", "draw", "test", OPTIONS)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await playRound(s.repo, setup, r1, (a) => (a === 4 ? "b" : "a"));
    const r2 = await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS);
    expect(r2.pairings.map((p) => [p.slot, p.a.seed, p.b?.seed])).toEqual([["W2-1", 1, 5]]);
    // Seed 5 wins every game it plays.
    const { rounds, view: end } = await playOut(s.repo, setup, r2, (a) => (a === 5 ? "a" : "b"));
    expect(rounds.map((r) => r.pairings.map((p) => p.slot))).toEqual([["W2-1"], ["W3-1"]]);
    // 5 beat 4, then 1, then 2 (who beat 3). Out in round 2: seeds 1 and 3 share third; 4 fifth.
    expect(end.standings.map((r) => [r.rank, r.entrant.seed, r.wins, r.losses])).toEqual([
      [1, 5, 3, 0],
      [2, 2, 1, 1],
      [3, 1, 0, 1],
      [3, 3, 0, 1],
      [5, 4, 0, 1],
    ]);
    expect(end.stages[0]?.bracket?.find((m) => m.id === "W3-1")?.winner?.seed).toBe(5);
    expect((await finishTournament(s.repo, guildId, tournamentId, "test")).tournament.status).toBe("finished");
  });

  it("plays a 16-entrant double elimination to the end, with the grand-final reset", async () => {
    const setup = await openTournament(s.repo, { players: 16, register: 16, format: { kind: "double_elimination" } });
    const { guildId, tournamentId } = setup;
    const view = await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS);
    const r1 = view.rounds[0];
    if (!r1) throw new Error("no round 1");
    expect(seedPairs(r1)).toEqual([
      [1, 16],
      [8, 9],
      [4, 13],
      [5, 12],
      [2, 15],
      [7, 10],
      [3, 14],
      [6, 11],
    ]);
    // Slot a always wins, except GF1 (the losers-bracket champion wins it: reset) and GF2.
    const { rounds, view: end } = await playOut(s.repo, setup, r1, (_a, _b, slot) => (slot === "GF1" ? "b" : "a"));
    const games = rounds.flatMap((r) => r.pairings);
    // 2n − 2 games plus the reset.
    expect(games).toHaveLength(31);
    // Winners round 2 and losers round 1 become known together: they share play round 2.
    expect(rounds[1]?.pairings.map((p) => p.slot)).toEqual(["W2-1", "W2-2", "W2-3", "W2-4", "L1-1", "L1-2", "L1-3", "L1-4"]);
    expect(rounds.at(-1)?.pairings.map((p) => p.slot)).toEqual(["GF2"]);
    const gf2 = end.stages[0]?.bracket?.find((m) => m.id === "GF2");
    expect(gf2).toMatchObject({ onlyIfReset: true, skipped: false, slots: [{ label: "Winner of GF1" }, { label: "Loser of GF1" }] });
    // By hand: seed 1 wins the winners bracket (beating 2 in W4-1); 16 (out of W1-1 to seed 1) wins every
    // losers game as slot a, takes GF1 and GF2. Seed 2 loses the losers final to 16.
    expect(end.standings.slice(0, 3).map((r) => [r.rank, r.entrant.seed])).toEqual([
      [1, 16],
      [2, 1],
      [3, 2],
    ]);
    expect(end.stages[0]?.status).toBe("finished");
    expect((await finishTournament(s.repo, guildId, tournamentId, "test")).tournament.status).toBe("finished");
  });

  it("plays a round robin: every pair exactly once, one bye each, a dropped entrant's games forfeited", async () => {
    const setup = await openTournament(s.repo, { players: 6, register: 5, format: { kind: "round_robin", points: { win: 3, draw: 1, loss: 0, bye: 0 } } });
    const { guildId, tournamentId, players } = setup;
    await s.repo.tournaments.advance(guildId, tournamentId, "openCheckIn", "test");
    for (const id of players.slice(0, 5)) await checkInEntrant(s.repo, guildId, tournamentId, id, "test");
    // Late registrant during check-in who never checks in: not in the field.
    await registerEntrant(s.repo, guildId, tournamentId, { playerId: players[5] ?? "" }, "test");
    const view = await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS);
    expect(view.entrants.map((e) => e.seed)).toEqual([1, 2, 3, 4, 5, null]);
    expect(view.stages[0]?.plannedRounds).toBe(5);
    const r1 = view.rounds[0];
    if (!r1) throw new Error("no round 1");
    await playRound(s.repo, setup, r1, () => "a");
    // Seed 5 drops after round 1: its later games are forfeits won by the opponent.
    await dropEntrant(s.repo, guildId, tournamentId, players[4] ?? "", "test");
    const { rounds, view: end } = await playOut(s.repo, setup, await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS), () => "draw");
    const all = [r1, ...rounds];
    expect(all).toHaveLength(5);
    const met = meetings(all);
    expect(met.sort()).toEqual(["1-2", "1-3", "1-4", "1-5", "2-3", "2-4", "2-5", "3-4", "3-5", "4-5"]);
    const byes = all.flatMap((r) => r.pairings.filter((p) => p.b === null).map((p) => p.a.seq));
    expect(byes.filter((seq) => seq !== 5).sort()).toEqual([1, 2, 3, 4]);
    expect(byes.filter((seq) => seq === 5).length).toBeLessThanOrEqual(1);
    const forfeits = all.slice(1).flatMap((r) => r.pairings.filter((p) => p.b && (p.a.seq === 5 || p.b.seq === 5)));
    expect(forfeits.every((p) => p.result === (p.a.seq === 5 ? "b" : "a"))).toBe(true);
    expect(end.standings.find((r) => r.entrant.seq === 5)).toMatchObject({ dropped: true });
    expect(end.standings.reduce((n, r) => n + r.played, 0)).toBe(20);
    expect((await finishTournament(s.repo, guildId, tournamentId, "test")).tournament.status).toBe("finished");
  });
});
