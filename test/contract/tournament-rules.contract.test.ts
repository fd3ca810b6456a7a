/**
 * The tournament service's guarantees on every transport: rated games change ladder ratings exactly
 * once (repeated, concurrent, or settled after a crash), one round from two concurrent pairings, one
 * result from two concurrent reports, team rosters validated with no partial write, correction
 * rules, late entries, and a Swiss stage followed by a top-4 playoff.
 */
import { describe, expect, it } from "vitest";
import { correctResult, finishTournament, pairNextRound, registerEntrant, reportResult, startTournament, tournamentView } from "../../src/services/tournaments";
import { TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { standingOf } from "../support/fixtures";
import { OPTIONS, openTournament, playOut, playRound, SWISS_8_TABLE, seedPairs } from "./tournament-fixtures";

const TAG = "trules";
const reason = (r: string) => ({ code: "CONFLICT", details: expect.objectContaining({ reason: r }) });
const first = <T>(items: readonly T[] | undefined): T => {
  const item = items?.[0];
  if (item === undefined) throw new Error("expected an item");
  return item;
};

describe.each(TRANSPORTS)("tournament rules on %s", (transport) => {
  const s = useBackend(transport, TAG);

  it("rates each game once however often and concurrently it is reported, settles a result a crash left unrated, corrects through the ladder", async () => {
    const setup = await openTournament(s.repo, { players: 4, register: 4, format: { rounds: 2 }, rated: true });
    const { guildId, tournamentId, players } = setup;
    const [p0, p1, p2, p3] = players as [string, string, string, string];
    const view = await startTournament(s.repo, guildId, tournamentId, {}, "test", OPTIONS);
    // Nobody rated yet: equal ratings keep registration order.
    const r1 = first(view.rounds);
    expect(seedPairs(r1)).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const [g1, g2] = r1.pairings as [(typeof r1.pairings)[0], (typeof r1.pairings)[0]];
    const report = (id: string, result: "a" | "b") => withRequest(s.backend, (r) => reportResult(r, guildId, tournamentId, id, result, "test", OPTIONS));
    const same = await Promise.allSettled([report(g1.id, "a"), report(g1.id, "a"), report(g1.id, "a")]);
    expect(same.map((x) => x.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(await reportResult(s.repo, guildId, tournamentId, g1.id, "a", "test", OPTIONS)).toMatchObject({ result: "a", matchId: g1.id });
    // Different results at once: one wins, the other is told to correct.
    const race = await Promise.allSettled([report(g2.id, "a"), report(g2.id, "b")]);
    expect(race.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(race.filter((x) => x.status === "rejected").map((x) => x.reason)).toEqual([expect.objectContaining(reason("RESULT_EXISTS"))]);
    const won = race.find((x) => x.status === "fulfilled")?.value.result;

    const ladderMatch = await s.repo.matches.get(guildId, g1.id);
    expect(ladderMatch).toMatchObject({ status: "completed", ranks: [0, 1] });
    expect(ladderMatch?.players.map((p) => [p.playerId, p.team])).toEqual(
      [
        [p0, 0],
        [p2, 1],
      ].sort((x, y) => Number(x[1]) - Number(y[1]) || String(x[0]).localeCompare(String(y[0]))),
    );
    expect(await s.repo.matches.get(guildId, g2.id)).toMatchObject({ status: "completed", ranks: won === "a" ? [0, 1] : [1, 0] });
    for (const id of players) expect((await standingOf(s.repo, guildId, id))?.games).toBe(1);
    const p0After = (await standingOf(s.repo, guildId, p0))?.rating ?? 0;
    expect(p0After).toBeGreaterThan(1500);

    // Two pairings of round 2 at once (a double click carries the round it expects): one round 2, the same for both.
    const pair = (round?: number) => withRequest(s.backend, (r) => pairNextRound(r, guildId, tournamentId, "test", { ...OPTIONS, round }));
    const [a, b] = await Promise.all([pair(2), pair(2)]);
    expect(a.number).toBe(2);
    expect(b.pairings.map((p) => p.id)).toEqual(a.pairings.map((p) => p.id));
    // Without the expected round, a late second call may also be told the round is not complete; never a third round.
    const blind = await Promise.allSettled([pair(), pair()]);
    for (const x of blind) {
      if (x.status === "fulfilled") expect(x.value.pairings.map((p) => p.id)).toEqual(a.pairings.map((p) => p.id));
      else expect(x.reason).toMatchObject(reason("ROUND_INCOMPLETE"));
    }
    expect((await tournamentView(s.repo, guildId, tournamentId)).rounds).toHaveLength(2);
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 3 })).rejects.toMatchObject(reason("ROUND_INCOMPLETE"));

    // A result stored without its rating (as a crash between the two would leave it): finishing settles it.
    for (const p of a.pairings) expect(await s.repo.tournamentPlay.report(tournamentId, p.id, "a", "test")).not.toBeNull();
    expect(await s.repo.matches.get(guildId, first(a.pairings).id)).toBeNull();
    // Swiss corrections are allowed in any round; the ladder match follows.
    await correctResult(s.repo, guildId, tournamentId, g1.id, "b", "test", OPTIONS);
    expect(await s.repo.matches.get(guildId, g1.id)).toMatchObject({ status: "completed", ranks: [1, 0] });
    const done = await finishTournament(s.repo, guildId, tournamentId, "test");
    for (const p of a.pairings) expect(await s.repo.matches.get(guildId, p.id)).toMatchObject({ status: "completed", ranks: [0, 1] });
    expect(done.rounds.flatMap((r) => r.pairings).every((p) => p.matchId === p.id)).toBe(true);
    for (const id of [p0, p1, p2, p3]) expect((await standingOf(s.repo, guildId, id))?.games).toBe(2);
    expect((await standingOf(s.repo, guildId, p2))?.wins).toBeGreaterThanOrEqual(1);
  });

  it("registers teams with their rosters in one guarded write, and rates team games with both rosters", async () => {
    const setup = await openTournament(s.repo, { players: 6, teamSize: 2, rated: true });
    const other = await openTournament(s.repo, { players: 1 });
    const { guildId, tournamentId, players } = setup;
    const [p0, p1, p2, p3, p4, p5] = players as [string, string, string, string, string, string];
    const register = (playerId: string, roster?: string[], teamName?: string) =>
      registerEntrant(s.repo, guildId, tournamentId, { playerId, roster, teamName }, "test");
    await expect(register(p0)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(register(p0, [p1, p2])).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(register(p0, [p1, p1])).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(register(p0, [p1], "\u0000")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const view = await register(p0, [p1, p0], "Reds");
    expect(view.entrants.map((e) => [e.seq, e.name, e.roster.map((m) => m.playerId)])).toEqual([[1, "Reds", [p0, p1]]]);
    // p1 is on the Reds: neither another captain's roster nor a captain of their own.
    await expect(register(p2, [p1])).rejects.toMatchObject({ code: "DUPLICATE", details: { reason: "ROSTER_TAKEN" } });
    await expect(register(p1, [p3])).rejects.toMatchObject({ code: "DUPLICATE" });
    await expect(register(p2, [other.players[0] ?? ""])).rejects.toMatchObject({ code: "NOT_FOUND", details: { what: "player" } });
    // Nothing of the refused attempts stayed: no registration, no roster row, no number used.
    expect(await s.repo.tournaments.registrations(tournamentId)).toHaveLength(1);
    expect(await s.repo.tournaments.get(guildId, tournamentId)).toMatchObject({ nextSeq: 2 });
    expect((await register(p2, [p3], "Blues")).entrants.map((e) => e.seq)).toEqual([1, 2]);
    await register(p4, [p5]);
    await expect(registerEntrant(s.repo, other.guildId, other.tournamentId, { playerId: other.players[0] ?? "", roster: [p0] }, "test")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });

    const started = await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS);
    const game = first(first(started.rounds).pairings);
    expect([game.a.name, game.b?.name]).toEqual(["Reds", "Blues"]);
    await reportResult(s.repo, guildId, tournamentId, game.id, "b", "test", OPTIONS);
    const match = await s.repo.matches.get(guildId, game.id);
    expect(match?.ranks).toEqual([1, 0]);
    expect(new Set(match?.players.filter((p) => p.team === 0).map((p) => p.playerId))).toEqual(new Set([p0, p1]));
    expect(new Set(match?.players.filter((p) => p.team === 1).map((p) => p.playerId))).toEqual(new Set([p2, p3]));
    expect(match?.players.filter((p) => p.team === 1).every((p) => p.result === "win")).toBe(true);
    // The bye (third team) is not a ladder match.
    const bye = first(started.rounds).pairings.find((p) => p.b === null);
    expect(bye).toMatchObject({ result: "a", matchId: null });
    expect(await s.repo.matches.get(guildId, bye?.id ?? "")).toBeNull();
  });

  it("corrects an elimination game only until a game it feeds is paired", async () => {
    const setup = await openTournament(s.repo, { players: 4, register: 4, format: { kind: "single_elimination" } });
    const { guildId, tournamentId } = setup;
    const r1 = first((await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS)).rounds);
    const [w11, w12] = r1.pairings as [(typeof r1.pairings)[0], (typeof r1.pairings)[0]];
    expect([w11.slot, w12.slot]).toEqual(["W1-1", "W1-2"]);
    await expect(correctResult(s.repo, guildId, tournamentId, w11.id, "b", "test", OPTIONS)).rejects.toMatchObject(reason("NOT_REPORTED"));
    await reportResult(s.repo, guildId, tournamentId, w11.id, "a", "test", OPTIONS);
    await expect(reportResult(s.repo, guildId, tournamentId, w11.id, "b", "test", OPTIONS)).rejects.toMatchObject(reason("RESULT_EXISTS"));
    expect(await correctResult(s.repo, guildId, tournamentId, w11.id, "b", "test", OPTIONS)).toMatchObject({ result: "b" });
    await reportResult(s.repo, guildId, tournamentId, w12.id, "a", "test", OPTIONS);
    const r2 = await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS);
    // Seed 4 won W1-1 after the correction.
    expect(r2.pairings.map((p) => [p.slot, p.a.seed, p.b?.seed])).toEqual([["W2-1", 4, 2]]);
    await expect(correctResult(s.repo, guildId, tournamentId, w11.id, "a", "test", OPTIONS)).rejects.toMatchObject(reason("DEPENDENT_PAIRED"));
    await expect(correctResult(s.repo, guildId, tournamentId, w11.id, "draw", "test", OPTIONS)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const final = first(r2.pairings);
    await reportResult(s.repo, guildId, tournamentId, final.id, "a", "test", OPTIONS);
    await correctResult(s.repo, guildId, tournamentId, final.id, "b", "test", OPTIONS);
    const view = await finishTournament(s.repo, guildId, tournamentId, "test");
    expect(view.standings.slice(0, 2).map((r) => r.entrant.seed)).toEqual([2, 4]);
    // Finished tournaments still take corrections of games nothing depends on.
    expect(await correctResult(s.repo, guildId, tournamentId, final.id, "a", "test", OPTIONS)).toMatchObject({ result: "a" });
    await expect(reportResult(s.repo, guildId, tournamentId, "not-a-pairing", "a", "test", OPTIONS)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reportResult(s.repo, guildId, tournamentId, final.id, "x" as "a", "test", OPTIONS)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("forfeits a bracket game of a dropped entrant at pairing time, unrated and uncorrectable", async () => {
    const setup = await openTournament(s.repo, { players: 4, register: 4, format: { kind: "single_elimination" }, rated: true });
    const { guildId, tournamentId, players } = setup;
    const r1 = first((await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS)).rounds);
    await playRound(s.repo, setup, r1, () => "a");
    // Seed 2 won W1-2, then leaves: the final is decided without play.
    await s.repo.tournaments.drop(tournamentId, players[1] ?? "", "test");
    const final = first((await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS)).pairings);
    expect(final).toMatchObject({ slot: "W2-1", a: { seed: 1 }, b: { seed: 2 }, result: "a", matchId: null });
    expect(await s.repo.matches.get(guildId, final.id)).toBeNull();
    await expect(correctResult(s.repo, guildId, tournamentId, final.id, "b", "test", OPTIONS)).rejects.toMatchObject(reason("NOT_PLAYED"));
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS)).rejects.toMatchObject(reason("NOTHING_TO_PAIR"));
    const view = await finishTournament(s.repo, guildId, tournamentId, "test");
    expect(view.standings.slice(0, 2).map((r) => [r.rank, r.entrant.seed, r.dropped])).toEqual([
      [1, 1, false],
      [2, 2, true],
    ]);
    // The two played games were rated; the forfeit was not.
    expect((await standingOf(s.repo, guildId, players[0] ?? ""))?.games).toBe(1);
  });

  it("takes late entrants into Swiss from the next round, leaves dropped ones out, and refuses late entry elsewhere", async () => {
    const setup = await openTournament(s.repo, { players: 5, register: 4, format: { rounds: 3 } });
    const { guildId, tournamentId, players } = setup;
    const r1 = first((await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS)).rounds);
    await playRound(s.repo, setup, r1, () => "a");
    const late = await registerEntrant(s.repo, guildId, tournamentId, { playerId: players[4] ?? "" }, "test");
    expect(late.entrants.find((e) => e.seq === 5)).toMatchObject({ late: true, seed: null });
    await s.repo.tournaments.drop(tournamentId, players[3] ?? "", "test");
    const r2 = await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS);
    const seeds = r2.pairings.flatMap((p) => [p.a.seed, p.b?.seed ?? null]);
    expect(seeds.filter((x) => x !== null).sort()).toEqual([1, 2, 3, 5]);
    expect((await tournamentView(s.repo, guildId, tournamentId)).entrants.find((e) => e.seq === 5)?.seed).toBe(5);

    const rr = await openTournament(s.repo, { players: 3, register: 2, format: { kind: "round_robin" } });
    await startTournament(s.repo, rr.guildId, rr.tournamentId, {}, "test", OPTIONS);
    await expect(registerEntrant(s.repo, rr.guildId, rr.tournamentId, { playerId: rr.players[2] ?? "" }, "test")).rejects.toMatchObject(
      reason("LATE_ENTRY_CLOSED"),
    );
    const few = await openTournament(s.repo, { players: 1, register: 1 });
    await expect(startTournament(s.repo, few.guildId, few.tournamentId, {}, "test", OPTIONS)).rejects.toMatchObject(reason("NOT_ENOUGH_ENTRANTS"));
    const manual = await openTournament(s.repo, { players: 3, register: 3 });
    await expect(startTournament(s.repo, manual.guildId, manual.tournamentId, { seeding: "manual", order: [] }, "test", OPTIONS)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("follows a Swiss stage with a top-4 single-elimination playoff", async () => {
    const setup = await openTournament(s.repo, { players: 8, register: 8, format: { rounds: 3 }, topCut: 4 });
    const { guildId, tournamentId } = setup;
    const r1 = first((await startTournament(s.repo, guildId, tournamentId, { seeding: "registration" }, "test", OPTIONS)).rounds);
    // The same games as the 8-player Swiss of tournament-play: final order 1, 2, 5, 4, 3, 6, 7, 8.
    const results: Record<string, "a" | "b" | "draw"> = { "1-2": "draw", "3-5": "b" };
    await playRound(s.repo, setup, r1, () => "a");
    for (let round = 2; round <= 3; round += 1) {
      await playRound(s.repo, setup, await pairNextRound(s.repo, guildId, tournamentId, "test", OPTIONS), (a, b) => results[`${a}-${b}`] ?? "a");
    }
    await expect(finishTournament(s.repo, guildId, tournamentId, "test")).rejects.toMatchObject(reason("ROUNDS_REMAIN"));
    // The playoff's rounds restart at 1: a round number alone names the current (Swiss) stage, so
    // "round 4" is refused with the round that comes next, and "round 1" is the Swiss round 1.
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 4 })).rejects.toMatchObject({
      code: "CONFLICT",
      details: expect.objectContaining({ reason: "ROUND_MISMATCH", nextStage: 2, next: 1 }),
    });
    await expect(pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, stage: 2, round: 2 })).rejects.toMatchObject(reason("ROUND_MISMATCH"));
    const swissRound1 = await pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, round: 1 });
    expect(swissRound1).toMatchObject({ stage: 1, number: 1 });
    expect(swissRound1.pairings.map((p) => p.id)).toEqual(r1.pairings.map((p) => p.id));
    expect((await tournamentView(s.repo, guildId, tournamentId)).stages).toHaveLength(1);
    // A double click on "pair the playoff": one stage 2, one round, the same answer for both.
    const clicks = await Promise.all(
      [0, 1].map(() => withRequest(s.backend, (r) => pairNextRound(r, guildId, tournamentId, "test", { ...OPTIONS, stage: 2, round: 1 }))),
    );
    const playoff = first(clicks);
    expect(playoff).toMatchObject({ stage: 2, number: 1 });
    expect(clicks[1]).toMatchObject({ stage: 2, number: 1 });
    expect(clicks[1]?.pairings.map((p) => p.id)).toEqual(playoff.pairings.map((p) => p.id));
    expect(playoff.pairings.map((p) => [p.slot, p.a.seed, p.b?.seed])).toEqual([
      ["W1-1", 1, 4],
      ["W1-2", 2, 5],
    ]);
    // A late retry of the same click still answers with that round.
    expect((await pairNextRound(s.repo, guildId, tournamentId, "test", { ...OPTIONS, stage: 2, round: 1 })).pairings.map((p) => p.id)).toEqual(
      playoff.pairings.map((p) => p.id),
    );
    const started = await tournamentView(s.repo, guildId, tournamentId);
    expect(started.rounds.map((r) => [r.stage, r.number])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
    ]);
    // Stage 1 keeps its Swiss table once the playoff runs (the same games as the lifecycle test).
    const swissTable = SWISS_8_TABLE;
    const [swiss, cut] = started.stages;
    expect(swiss?.standings.map((r) => [r.rank, r.entrant.seed, r.points, r.tiebreaks.buchholz])).toEqual(swissTable);
    expect(swiss?.standings[0]).toMatchObject({ played: 3, wins: 2, draws: 1, losses: 0, byes: 0 });
    // Sonneborn-Berger of 1: beat 5 (2) + beat 3 (1) + half of 2 (2.5) = 4.25.
    expect(swiss?.standings[0]?.tiebreaks["sonneborn-berger"]).toBe(4.25);
    // The view's own standings are the playoff's: its four, nobody placed yet, no tiebreaks.
    expect(started.standings).toEqual(cut?.standings);
    expect(started.standings.map((r) => [r.entrant.seed, r.played, r.tiebreaks])).toEqual([
      [1, 0, {}],
      [2, 0, {}],
      [5, 0, {}],
      [4, 0, {}],
    ]);
    const swissGame = first((await tournamentView(s.repo, guildId, tournamentId)).rounds[0]?.pairings);
    await expect(correctResult(s.repo, guildId, tournamentId, swissGame.id, "b", "test", OPTIONS)).rejects.toMatchObject(reason("LATER_STAGE"));
    const { view } = await playOut(s.repo, setup, playoff, () => "a");
    expect(view.stages.map((st) => [st.number, st.kind, st.status])).toEqual([
      [1, "swiss", "finished"],
      [2, "single_elimination", "finished"],
    ]);
    expect(view.stages[0]?.standings.map((r) => [r.rank, r.entrant.seed, r.points, r.tiebreaks.buchholz])).toEqual(swissTable);
    // Playoff: 1 beats 4, 2 beats 5, 1 beats 2. Semi-final losers share third, in playoff seed order.
    expect(view.standings.map((r) => [r.rank, r.entrant.seed])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
      [3, 4],
    ]);
    expect((await finishTournament(s.repo, guildId, tournamentId, "test")).tournament.status).toBe("finished");
  });
});
