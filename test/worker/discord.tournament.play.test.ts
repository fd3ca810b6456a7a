/**
 * `/tournament start|pairings|report|standings|next` through the Worker in workerd, signed like
 * Discord, once per dialect: staff start a Swiss, both players of a game report (the same result
 * again changes nothing, a contradicting one is refused politely and the stored result stays),
 * pairings and standings show names with mentions, byes and late entries, and the member's own
 * standings row below the top of a big field.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { registerEntrant, reportResult, startTournament, tournamentView } from "../../src/services/tournaments";
import { type KeyPair, makeKeyPair, type Member, snowflake } from "../support/discord";
import { harness, people, staffMember } from "./discord.tournament.setup";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

const clock = { now: () => new Date() };

describe.each(["sqlite", "pg"] as const)("/tournament play on %s", (dialect) => {
  const h = harness(dialect, () => key);
  const view = (guildId: string, id: string) => h.withRepo((repo) => tournamentView(repo, guildId, id));

  it("runs start → pairings → reports from both players → standings → next round", async () => {
    const { guildId, tournament } = await h.tournament();
    const field = people(4) as [Member, Member, Member, Member];
    const staff = staffMember();
    const joins = [];
    for (const p of field) joins.push(await h.send(guildId, p, "join"));
    // Round trips: the list (names), the player (found or made), and the service's read, write, read.
    expect(Math.max(...joins.map((j) => j.roundTrips))).toBeLessThanOrEqual(6);

    const notStaff = await h.send(guildId, field[0], "start");
    expect(notStaff).toMatchObject({ ephemeral: true });
    expect(notStaff.text).toMatch(/^Only staff/);
    const notYet = await h.send(guildId, field[0], "pairings");
    expect(notYet).toMatchObject({ ephemeral: true, text: "**Spring Swiss** has not started yet: 4 registered." });

    const started = await h.send(guildId, staff, "start", { seeding: "registration" });
    expect(started.ephemeral).toBe(false);
    expect(started.roundTrips).toBeLessThanOrEqual(4);
    expect(started.text).toContain("Spring Swiss · round 1");
    expect(started.text).toContain(`**Spring Swiss** started by <@${staff.id}> with 4 entrants.`);
    const name = new Map(field.map((p) => [p.id, p.name ?? ""]));
    const label = (userId: string) => `**${name.get(userId)}** <@${userId}>`;
    const userOf = (v: Awaited<ReturnType<typeof view>>, registrationId: string) =>
      v.entrants.find((e) => e.registrationId === registrationId)?.discordUserId ?? "";

    const v1 = await view(guildId, tournament.id);
    const round1 = v1.rounds[0];
    expect(round1?.pairings).toHaveLength(2);
    const [g1, g2] = round1?.pairings ?? [];
    if (!g1?.b || !g2?.b) throw new Error("4 players pair without byes");
    const [a1, b1, a2, b2] = [
      userOf(v1, g1.a.registrationId),
      userOf(v1, g1.b.registrationId),
      userOf(v1, g2.a.registrationId),
      userOf(v1, g2.b.registrationId),
    ];
    for (const [g, a, b] of [
      [g1, a1, b1],
      [g2, a2, b2],
    ] as const)
      expect(started.text).toContain(`Board ${g.station}: ${label(a)} **vs** ${label(b)} · *to play*`);
    const member = (id: string) => field.find((p) => p.id === id) as Member;

    // Game 1: a wins; b confirms (no-op), then claims the opposite (refused, stored result stays).
    const won = await h.send(guildId, member(a1), "report", { result: "win" });
    expect(won.ephemeral).toBe(false);
    expect(won.text).toContain(`board ${g1.station}: ${label(a1)} **1–0** ${label(b1)} — reported by <@${a1}>`);
    expect(won.text).toContain("1 game(s) of this round still to play.");
    expect(won.roundTrips).toBeLessThanOrEqual(4);
    const same = await h.send(guildId, member(b1), "report", { result: "loss" });
    expect(same).toMatchObject({ ephemeral: true, text: "Your game is already recorded as a loss for you. Nothing changed.", roundTrips: 2 });
    const contra = await h.send(guildId, member(b1), "report", { result: "win" });
    expect(contra).toMatchObject({
      ephemeral: true,
      text: "This game is already reported as a loss for you. If that is wrong, ask staff to correct it.",
    });
    const again = await h.send(guildId, member(a1), "report", { result: "win" });
    expect(again.text).toBe("Your game is already recorded as a win for you. Nothing changed.");

    // Game 2: b reports a draw from b's side; the round is complete.
    const drawn = await h.send(guildId, member(b2), "report", { result: "draw" });
    expect(drawn.text).toContain(`${label(a2)} **½–½** ${label(b2)} — reported by <@${b2}>`);
    expect(drawn.text).toContain("Every result of round 1 is in: staff pair the next round with `/tournament next`");

    const v2 = await view(guildId, tournament.id);
    expect(v2.rounds[0]?.pairings.map((p) => p.result)).toEqual(["a", "draw"]);

    const mine = await h.send(guildId, member(b1), "pairings");
    expect(mine.ephemeral).toBe(false);
    expect(mine.text).toContain(`Your game: Board ${g1.station}: ${label(a1)} **1–0** ${label(b1)}`);
    expect(mine.text).toContain("2/2 results in");
    expect(mine.roundTrips).toBe(2);

    const standings = await h.send(guildId, member(b1), "standings");
    expect(standings).toMatchObject({ ephemeral: false, roundTrips: 2 });
    // Hand-worked: a1 won (1 point), a2 and b2 drew (½ each), b1 lost (0).
    expect(standings.text).toContain(`**1.** ${label(a1)} — 1 pt · 1W 0D 0L`);
    expect(standings.text).toContain(`${label(a2)} — 0.5 pts · 0W 1D 0L`);
    expect(standings.text).toContain(`${label(b2)} — 0.5 pts · 0W 1D 0L`);
    expect(standings.text).toContain(`**4.** ${label(b1)} — 0 pts · 0W 0D 1L`);

    expect((await h.send(guildId, field[0], "next")).text).toMatch(/^Only staff/);
    const paired = await h.send(guildId, staff, "next");
    expect(paired.ephemeral).toBe(false);
    expect(paired.text).toContain("Spring Swiss · round 2");
    expect(paired.text).toContain(`Round 2 paired by <@${staff.id}>.`);
    expect(paired.roundTrips).toBeLessThanOrEqual(5);
    // A second press before any result: refused, no third round.
    const twice = await h.send(guildId, staff, "next");
    expect(twice).toMatchObject({ ephemeral: true, text: "Round 2: 2 game(s) still without a result." });
    const v3 = await view(guildId, tournament.id);
    expect(v3.rounds.map((r) => r.number)).toEqual([1, 2]);
    // Older rounds stay readable.
    const old = await h.send(guildId, member(a1), "pairings", { round: 1 });
    expect(old.text).toContain("Spring Swiss · round 1");
    expect((await h.send(guildId, member(a1), "pairings", { round: 9 })).text).toBe("**Spring Swiss** has no round 9 (yet): the current round is 2.");
  });

  it("refuses reports that have no game: not running, not registered, a bye; takes a late entry", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Odd Open" });
    const field = people(5) as Member[];
    const [first] = field as [Member];
    for (const p of field) await h.send(guildId, p, "join");
    expect((await h.send(guildId, first, "report", { result: "win" })).text).toBe("**Odd Open** is not running: there is no game to report.");

    await h.send(guildId, staffMember(), "start", { seeding: "registration" });
    const v = await view(guildId, tournament.id);
    const bye = v.rounds[0]?.pairings.find((p) => p.b === null);
    const byeUser = v.entrants.find((e) => e.registrationId === bye?.a.registrationId)?.discordUserId;
    expect(byeUser).toBeDefined();
    const byeReply = await h.send(guildId, field.find((p) => p.id === byeUser) as Member, "report", { result: "win" });
    expect(byeReply).toMatchObject({ ephemeral: true, text: "You have a bye in round 1: there is nothing to report." });
    const outsider: Member = { id: snowflake(), name: "latecomer" };
    expect((await h.send(guildId, outsider, "report", { result: "draw" })).text).toBe("You are not registered in **Odd Open**.");

    const late = await h.send(guildId, outsider, "join");
    expect(late.text).toContain("registered for **Odd Open** as #6. Late entry: you are paired from the next round on.");
    const dropped = await h.send(guildId, first, "leave");
    expect(dropped.text).toContain("You will not be paired again; your results so far stay in the standings.");
    const after = await view(guildId, tournament.id);
    expect(after.entrants.find((e) => e.discordUserId === outsider.id)).toMatchObject({ seq: 6, late: true });
    expect(after.entrants.find((e) => e.discordUserId === first.id)?.status).toBe("dropped");
  });

  it("settles two players claiming the win at the same moment to one result, and tells the other politely", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Duel" });
    const [a, b] = people(2) as [Member, Member];
    await h.send(guildId, a, "join");
    await h.send(guildId, b, "join");
    await h.send(guildId, staffMember(), "start", { seeding: "registration" });
    const [ra, rb] = await Promise.all([h.send(guildId, a, "report", { result: "win" }), h.send(guildId, b, "report", { result: "win" })]);
    const winners = [ra, rb].filter((r) => !r.ephemeral);
    const losers = [ra, rb].filter((r) => r.ephemeral);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.text)).toEqual(["This game is already reported as a loss for you. If that is wrong, ask staff to correct it."]);
    const v = await view(guildId, tournament.id);
    const pairing = v.rounds[0]?.pairings[0];
    const winnerId = winners[0] === ra ? a.id : b.id;
    const winnerSide = v.entrants.find((e) => e.discordUserId === winnerId)?.registrationId === pairing?.a.registrationId ? "a" : "b";
    expect(pairing?.result).toBe(winnerSide);
  });

  it("pairs the playoff after the last Swiss round (its rounds restart at 1) and reports in it", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Cut Cup", rounds: 1, topCut: 2 });
    const field = people(4) as Member[];
    const staff = staffMember();
    for (const p of field) await h.send(guildId, p, "join");
    await h.send(guildId, staff, "start", { seeding: "registration" });
    const v1 = await view(guildId, tournament.id);
    const userOf = (v: typeof v1, registrationId: string | undefined) =>
      field.find((p) => p.id === v.entrants.find((e) => e.registrationId === registrationId)?.discordUserId) as Member;
    for (const pairing of v1.rounds[0]?.pairings ?? []) await h.send(guildId, userOf(v1, pairing.a.registrationId), "report", { result: "win" });

    // A double click: both ask for round 1 of stage 2, so the playoff is paired once; the slower
    // click shows the same round or, if it read after the pairing, the game still to be played.
    const clicks = await Promise.all([h.send(guildId, staff, "next"), h.send(guildId, staff, "next")]);
    const playoff = clicks.find((c) => c.text.includes("Round 1 paired by"));
    expect(playoff?.ephemeral).toBe(false);
    expect(playoff?.text).toContain("Cut Cup · round 1 · stage 2");
    for (const c of clicks) expect(c.text).toMatch(/Round 1 paired by|Round 1: 1 game\(s\) still without a result/);
    const v2 = await view(guildId, tournament.id);
    expect(v2.rounds.map((r) => [r.stage, r.number])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const final = v2.rounds.at(-1);
    expect(final).toMatchObject({ stage: 2, number: 1 });
    const finalGame = final?.pairings[0];
    // Both Swiss winners meet; the one on side b reports the win.
    const reported = await h.send(guildId, userOf(v2, finalGame?.b?.registrationId), "report", { result: "win" });
    expect(reported.text).toContain("Cut Cup · round 1 · stage 2, board 1");
    expect(reported.text).toContain("**0–1**");
    expect((await view(guildId, tournament.id)).rounds.at(-1)?.pairings[0]?.result).toBe("b");
  });

  it("shows the top 15 and, below them, the caller's own row", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Big Swiss" });
    const field = people(18);
    await h.withRepo(async (repo) => {
      for (const p of field) {
        const player = await repo.players.create({ guildId, discordUserId: p.id, displayName: p.name ?? "" }, "test");
        await registerEntrant(repo, guildId, tournament.id, { playerId: player.id }, "test");
      }
      const started = await startTournament(repo, guildId, tournament.id, { seeding: "registration" }, "test", clock);
      for (const pairing of started.rounds[0]?.pairings ?? []) {
        if (pairing.b) await reportResult(repo, guildId, tournament.id, pairing.id, "a", "test", clock);
      }
    });
    const v = await view(guildId, tournament.id);
    const last = v.standings[v.standings.length - 1];
    const lastUser = v.entrants.find((e) => e.registrationId === last?.entrant.registrationId)?.discordUserId ?? "";
    const reply = await h.send(guildId, field.find((p) => p.id === lastUser) as Member, "standings");
    const lines = (reply.data?.embeds?.[0]?.description ?? "").split("\n");
    expect(lines).toHaveLength(17);
    expect(lines.slice(0, 15).map((l) => l.match(/^\*\*(\d+)\.\*\*/)?.[1])).toEqual(v.standings.slice(0, 15).map((s) => String(s.rank)));
    expect(lines[15]).toBe("…");
    expect(lines[16]).toMatch(new RegExp(`^\\*\\*${last?.rank}\\.\\*\\* \\*\\*player\\d+\\*\\* <@${lastUser}> — 0 pts`));
    expect(reply.text).toContain("18 entrants · 1 round complete · running");
  });
});
