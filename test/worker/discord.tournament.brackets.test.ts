/**
 * `/tournament` beyond individual Swiss, through the Worker in workerd once per dialect: a single
 * elimination bracket played to its end (slots on the boards, the final paired by `next`, nothing
 * left to pair said politely), and a rated team tournament where any team member reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { tournamentView } from "../../src/services/tournaments";
import { type KeyPair, makeKeyPair, type Member } from "../support/discord";
import { harness, people, staffMember } from "./discord.tournament.setup";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

describe.each(["sqlite", "pg"] as const)("/tournament brackets and teams on %s", (dialect) => {
  const h = harness(dialect, () => key);
  const view = (guildId: string, id: string) => h.withRepo((repo) => tournamentView(repo, guildId, id));

  it("plays a 4-player single elimination to its end", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Knockout", kind: "single_elimination" });
    const field = people(4) as Member[];
    const staff = staffMember();
    for (const p of field) await h.send(guildId, p, "join");
    const started = await h.send(guildId, staff, "start", { seeding: "registration" });
    const v1 = await view(guildId, tournament.id);
    const semis = v1.rounds[0]?.pairings ?? [];
    expect(semis).toHaveLength(2);
    const memberOf = (registrationId: string | undefined) =>
      field.find((p) => p.id === v1.entrants.find((e) => e.registrationId === registrationId)?.discordUserId) as Member;
    for (const semi of semis) {
      expect(semi.slot).toBeTruthy();
      // The board names the bracket match it is.
      expect(started.text).toContain(`Board ${semi.station} · ${semi.slot}: **${memberOf(semi.a.registrationId).name}**`);
    }
    // Side b wins the first semi-final, side a the second; the final is paired from them.
    const [s1, s2] = semis as [(typeof semis)[number], (typeof semis)[number]];
    await h.send(guildId, memberOf(s1.b?.registrationId), "report", { result: "win" });
    const last = await h.send(guildId, memberOf(s2.b?.registrationId), "report", { result: "loss" });
    expect(last.text).toContain("Every result of round 1 is in");

    const final = await h.send(guildId, staff, "next");
    expect(final.text).toContain("Knockout · round 2");
    const v2 = await view(guildId, tournament.id);
    const game = v2.rounds[1]?.pairings[0];
    expect([game?.a.registrationId, game?.b?.registrationId].sort()).toEqual([s1.b?.registrationId, s2.a.registrationId].sort());
    expect(final.text).toContain(`Board 1 · ${game?.slot}: `);

    await h.send(guildId, memberOf(game?.a.registrationId), "report", { result: "draw" }).then((r) => {
      // Elimination games need a winner: the service refuses a draw, politely.
      expect(r.ephemeral).toBe(true);
      expect(r.text).toMatch(/^Cannot do that in \*\*Knockout\*\*/);
    });
    await h.send(guildId, memberOf(game?.a.registrationId), "report", { result: "win" });
    const nothing = await h.send(guildId, staff, "next");
    expect(nothing).toMatchObject({ ephemeral: true, text: "Cannot do that in **Knockout** now: Nothing is left to pair: finish the tournament." });
    const standings = await h.send(guildId, staff, "standings");
    expect(standings.text).toContain(`**1.** **${memberOf(game?.a.registrationId).name}**`);

    // Finishing is staff's; a second finish (a double click) answers the same and changes nothing.
    const player = await h.send(guildId, field[0] as Member, "finish");
    expect(player).toMatchObject({ ephemeral: true });
    expect(player.text).toMatch(/^Only staff/);
    expect((await view(guildId, tournament.id)).tournament.status).toBe("running");
    const finished = await h.send(guildId, staff, "finish");
    expect(finished.ephemeral).toBe(false);
    expect(finished.text).toContain("**Knockout** is finished");
    const runnerUp = game?.b?.registrationId;
    expect(finished.text).toContain(`**1.** ${memberOf(game?.a.registrationId).name}`);
    expect(finished.text).toContain(`**2.** ${memberOf(runnerUp).name}`);
    // Finished tournaments are no longer "the active one": name it.
    const again = await h.send(guildId, staff, "finish", { tournament: tournament.id });
    expect(again.text).toContain("**Knockout** is finished");
    expect((await view(guildId, tournament.id)).tournament.status).toBe("finished");
  });

  it("tells the top seed of a 3-player bracket that it has a bye, not a game to report", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Trio", kind: "single_elimination" });
    const field = people(3) as [Member, Member, Member];
    for (const p of field) await h.send(guildId, p, "join");
    await h.send(guildId, staffMember(), "start", { seeding: "registration" });
    const v1 = await view(guildId, tournament.id);
    // Seed 1 (the first to register) skips round 1: the only game is seeds 2 and 3.
    const game = v1.rounds[0]?.pairings ?? [];
    expect(game.map((p) => [p.a.seq, p.b?.seq])).toEqual([[2, 3]]);
    const top = await h.send(guildId, field[0], "report", { result: "win" });
    expect(top).toMatchObject({
      ephemeral: true,
      text: "You have no game to report in **Trio** right now: you have a bye, or your next opponent is not decided yet.",
    });
    expect((await view(guildId, tournament.id)).rounds[0]?.pairings[0]?.result).toBeNull();
  });

  it("lets any member of a team report its game in a rated team tournament", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Team Cup", teamSize: 2, rated: true });
    const members = people(4, "member") as [Member, Member, Member, Member];
    const [capA, mateA, capB, mateB] = members;
    await h.send(guildId, capA, "join", { "team-name": "Ants", "teammate-1": { user: mateA } });
    await h.send(guildId, capB, "join", { "team-name": "Bees", "teammate-1": { user: mateB } });
    const started = await h.send(guildId, staffMember(), "start", { seeding: "registration" });
    expect(started.text).toContain(`**Ants** <@${capA.id}>`);
    expect(started.text).toContain(`**Bees** <@${capB.id}>`);

    const v1 = await view(guildId, tournament.id);
    const pairing = v1.rounds[0]?.pairings[0];
    const antsSide = v1.entrants.find((e) => e.teamName === "Ants")?.registrationId === pairing?.a.registrationId ? "a" : "b";
    const reported = await h.send(guildId, mateA, "report", { result: "win" });
    expect(reported.ephemeral).toBe(false);
    expect(reported.text).toContain(`reported by <@${mateA.id}>`);
    const confirm = await h.send(guildId, mateB, "report", { result: "loss" });
    expect(confirm.text).toBe("Your game is already recorded as a loss for you. Nothing changed.");
    const bad = await h.send(guildId, capB, "report", { result: "maybe" });
    expect(bad).toMatchObject({ ephemeral: true, text: "`result` is `win`, `loss` or `draw` (from your side)." });

    const v2 = await view(guildId, tournament.id);
    const stored = v2.rounds[0]?.pairings[0];
    expect(stored?.result).toBe(antsSide);
    // Rated: the game went to the ladder as a match.
    expect(stored?.matchId).toBe(stored?.id);
  });
});
