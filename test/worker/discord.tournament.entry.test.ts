/**
 * `/tournament join|leave|checkin` through the Worker in workerd, signed like Discord, once per
 * dialect: registration numbers, repeats, check-in, teams with USER options, and every refusal as
 * a polite ephemeral reply (unknown tournament, not registered, registration closed, ambiguity).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { tournamentView } from "../../src/services/tournaments";
import { discordBindings, type KeyPair, makeKeyPair, type Member, snowflake } from "../support/discord";
import { body, call } from "../support/worker";
import { harness, people, staffMember } from "./discord.tournament.setup";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

describe.each(["sqlite", "pg"] as const)("/tournament join, leave, checkin on %s", (dialect) => {
  const h = harness(dialect, () => key);

  it("registers members with gapless numbers, refuses a second join, and lets a member leave once", async () => {
    const { guildId, tournament } = await h.tournament();
    const [a, b, c] = people(3) as [Member, Member, Member];
    const first = await h.send(guildId, a, "join");
    // No tournament named: the guild's only active one is used, and the public reply names it.
    expect(first.ephemeral).toBe(false);
    expect(first.text).toContain(`<@${a.id}> registered for **Spring Swiss** as #1.`);
    expect((await h.send(guildId, b, "join", { tournament: "spring swiss" })).text).toContain("as #2.");
    expect((await h.send(guildId, c, "join", { tournament: tournament.id })).text).toContain("as #3.");

    const again = await h.send(guildId, a, "join");
    expect(again.ephemeral).toBe(true);
    expect(again.text).toMatch(/already registered in \*\*Spring Swiss\*\*/);

    const left = await h.send(guildId, b, "leave");
    expect(left.ephemeral).toBe(true);
    expect(left.text).toContain("You left **Spring Swiss** (tournament: **Spring Swiss**).");
    expect((await h.send(guildId, b, "leave")).text).toContain("You already left **Spring Swiss**.");

    const view = await h.withRepo((repo) => tournamentView(repo, guildId, tournament.id));
    const byUser = new Map(view.entrants.map((e) => [e.discordUserId, e]));
    expect(view.entrants).toHaveLength(3);
    expect(byUser.get(a.id ?? "")).toMatchObject({ seq: 1, status: "registered", name: "player1" });
    expect(byUser.get(b.id ?? "")).toMatchObject({ seq: 2, status: "dropped" });
    expect(byUser.get(c.id ?? "")).toMatchObject({ seq: 3, status: "registered" });
  });

  it("checks in only during check-in, once, and only registered members", async () => {
    const { guildId, tournament } = await h.tournament();
    const [a, outsider] = people(2) as [Member, Member];
    await h.send(guildId, a, "join");
    const early = await h.send(guildId, a, "checkin");
    expect(early.ephemeral).toBe(true);
    expect(early.text).toBe("Check-in for **Spring Swiss** has not opened yet. You are registered (#1); check in when staff open it.");

    await h.withRepo((repo) => repo.tournaments.advance(guildId, tournament.id, "openCheckIn", "test"));
    const done = await h.send(guildId, a, "checkin");
    expect(done.ephemeral).toBe(true);
    expect(done.text).toContain(`<@${a.id}> checked in for **Spring Swiss** (tournament: **Spring Swiss**) (#1).`);
    expect((await h.send(guildId, a, "checkin")).text).toContain("You are already checked in for **Spring Swiss**.");
    const stranger = await h.send(guildId, outsider, "checkin");
    expect(stranger.ephemeral).toBe(true);
    expect(stranger.text).toContain("You are not registered in **Spring Swiss**");
    // Joining during check-in is still open, and says check-in is waiting.
    expect((await h.send(guildId, outsider, "join")).text).toContain("Check-in is open: use `/tournament checkin`.");

    const view = await h.withRepo((repo) => tournamentView(repo, guildId, tournament.id));
    expect(view.entrants.map((e) => [e.seq, e.status])).toEqual([
      [1, "checked_in"],
      [2, "registered"],
    ]);

    // Check-in was held: only checked-in members play, and one is not a tournament.
    const staff = staffMember();
    const alone = await h.send(guildId, staff, "start");
    expect(alone).toMatchObject({ ephemeral: true, text: "Cannot do that in **Spring Swiss** now: A tournament needs at least 2 entrants; 1 can play." });
    const third = people(1, "third")[0] as Member;
    await h.send(guildId, third, "join");
    await h.send(guildId, third, "checkin");
    const started = await h.send(guildId, staff, "start");
    expect(started.text).toContain(`**Spring Swiss** started by <@${staff.id}> with 2 entrants.`);
    expect(started.text).not.toContain(`<@${outsider.id}>`);
  });

  it("refuses politely: unknown tournament, none open, a draft, several active, not registered", async () => {
    const guildId = snowflake();
    const [a] = people(1) as [Member];
    const none = await h.send(guildId, a, "join");
    expect(none).toMatchObject({ ephemeral: true, text: "No tournament is open on this server right now." });

    await h.tournament({ guildId, name: "Winter Cup", draft: true });
    const draft = await h.send(guildId, a, "join", { tournament: "Winter Cup" });
    expect(draft.ephemeral).toBe(true);
    expect(draft.text).toBe("You cannot join: **Winter Cup** is not open for registration yet.");

    await h.tournament({ guildId, name: "Summer Open" });
    await h.tournament({ guildId, name: "Summer Blitz" });
    const several = await h.send(guildId, a, "standings");
    expect(several.ephemeral).toBe(true);
    expect(several.text).toMatch(/^Several tournaments are active: .*\*\*Summer Open\*\*.*Name one with `tournament:`/);
    const ambiguous = await h.send(guildId, a, "join", { tournament: "Summer" });
    expect(ambiguous.text).toMatch(/could be .*please give the full name/);
    const unknown = await h.send(guildId, a, "join", { tournament: "Autumn" });
    expect(unknown).toMatchObject({ ephemeral: true });
    expect(unknown.text).toMatch(/^No tournament named “Autumn” on this server\. Active: /);
    const unknownId = await h.send(guildId, a, "leave", { tournament: "6f1c1f43-5d7a-4a57-9a3b-2f9a4f0c0e11" });
    expect(unknownId.text).toBe("No tournament with id 6f1c1f43-5d7a-4a57-9a3b-2f9a4f0c0e11 on this server.");
    // A unique start of a name is enough.
    const joined = await h.send(guildId, a, "join", { tournament: "summer o" });
    expect(joined.text).toContain("registered for **Summer Open** as #1.");
    expect((await h.send(guildId, a, "leave", { tournament: "Summer Blitz" })).text).toBe("You are not registered in **Summer Blitz**.");
  });

  it("registers a team from its captain with USER options, and refuses rosters of the wrong size", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Duo Cup", teamSize: 2 });
    const [captain, mate, other] = people(3, "member") as [Member, Member, Member];
    const short = await h.send(guildId, captain, "join", { "team-name": "Solo" });
    expect(short.ephemeral).toBe(true);
    expect(short.text).toContain("**Duo Cup** is for teams of 2");
    expect(short.text).toContain("you named 0");
    const noName = await h.send(guildId, captain, "join", { "teammate-1": { user: mate } });
    expect(noName.text).toContain("is for teams of 2");

    const team = await h.send(guildId, captain, "join", { "team-name": "Blue Rooks", "teammate-1": { user: mate } });
    expect(team.ephemeral).toBe(false);
    expect(team.text).toContain(`Team **Blue Rooks** (<@${captain.id}>, <@${mate.id}>) registered for **Duo Cup** as #1.`);

    // The teammate is on a roster already: a second team with them is refused, nothing written.
    const taken = await h.send(guildId, other, "join", { "team-name": "Red Rooks", "teammate-1": { user: mate } });
    expect(taken).toMatchObject({ ephemeral: true, text: "A player of your team is already on a team in **Duo Cup**." });
    // Only the captain withdraws a team.
    const notCaptain = await h.send(guildId, mate, "leave");
    expect(notCaptain.text).toBe(`Only your team's captain, <@${captain.id}>, can withdraw the team.`);

    const view = await h.withRepo((repo) => tournamentView(repo, guildId, tournament.id));
    expect(view.entrants).toHaveLength(1);
    expect(view.entrants[0]).toMatchObject({ seq: 1, teamName: "Blue Rooks", name: "Blue Rooks" });
    expect(view.entrants[0]?.roster.map((m) => m.discordUserId)).toEqual([captain.id, mate.id]);
  });

  it("refuses joining and check-in once the tournament is finished, and check-in while it runs", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Old Cup" });
    const [a, b] = people(2) as [Member, Member];
    await h.send(guildId, a, "join");
    await h.withRepo((repo) => repo.tournaments.advance(guildId, tournament.id, "start", "test"));
    expect((await h.send(guildId, a, "checkin")).text).toBe("Check-in is closed: **Old Cup** is running.");
    await h.withRepo((repo) => repo.tournaments.advance(guildId, tournament.id, "finish", "test"));
    // Finished tournaments are found by name, but nothing can be joined or reported.
    const join = await h.send(guildId, b, "join", { tournament: "Old Cup" });
    expect(join).toMatchObject({ ephemeral: true, text: "You cannot join: **Old Cup** is finished." });
    expect((await h.send(guildId, a, "report", { tournament: "old cup", result: "win" })).text).toBe("**Old Cup** is not running: there is no game to report.");
    // Not named, a finished tournament is not picked.
    expect((await h.send(guildId, b, "join")).text).toBe("No tournament is open on this server right now.");
  });

  it("registers a double click once", async () => {
    const { guildId, tournament } = await h.tournament();
    const [a] = people(1) as [Member];
    const replies = await Promise.all([h.send(guildId, a, "join"), h.send(guildId, a, "join")]);
    const texts = replies.map((r) => r.text).sort();
    expect(texts[0]).toContain("registered for **Spring Swiss** as #1.");
    expect(texts[1]).toBe("You are already registered in **Spring Swiss**.");
    const view = await h.withRepo((repo) => tournamentView(repo, guildId, tournament.id));
    expect(view.entrants.map((e) => e.seq)).toEqual([1]);
  });

  it("makes the guild's cached public reads fresh after a join, as an API write does", async () => {
    const { guildId, tournament } = await h.tournament();
    const env = discordBindings(dialect, key);
    const read = async () => {
      const res = await call(env, `/v1/guilds/${guildId}/tournaments/${tournament.id}`);
      expect(res.status).toBe(200);
      const view = await body<{ entrants: unknown[] }>(res);
      return { entrants: view.entrants.length, roundTrips: Number(res.headers.get("x-db-round-trips")) };
    };
    expect(await read()).toEqual({ entrants: 0, roundTrips: 1 });
    expect(await read()).toEqual({ entrants: 0, roundTrips: 0 }); // served from the cache
    await h.send(guildId, people(1)[0] as Member, "join");
    expect(await read()).toEqual({ entrants: 1, roundTrips: 1 });
  });

  it("answers malformed options politely and writes nothing", async () => {
    const { guildId, tournament } = await h.tournament({ name: "Pair Cup", teamSize: 2 });
    const [a] = people(1) as [Member];
    const cases: Array<[string, Record<string, string | number>]> = [
      ["join", { tournament: "Pair\u0000Cup" }],
      ["join", { tournament: "x".repeat(5000) }],
      ["join", { "team-name": "Nul\u0000l", "teammate-1": "not-a-user" }],
      ["join", { "team-name": "Bad\u0000name", "teammate-1": "123456789012345678" }],
      ["report", {}],
      ["report", { result: 3 }],
      ["pairings", { round: "two" }],
      ["nope", {}],
    ];
    for (const [sub, options] of cases) {
      const reply = await h.send(guildId, a, sub, options);
      expect(reply.ephemeral, `${sub} ${JSON.stringify(options)}`).toBe(true);
      expect(reply.text).not.toMatch(/went wrong/);
    }
    const view = await h.withRepo((repo) => tournamentView(repo, guildId, tournament.id));
    expect(view.entrants).toEqual([]);
  });

  it("refuses team options in an individual tournament", async () => {
    const { guildId } = await h.tournament({ name: "Solo Open" });
    const [a, b] = people(2) as [Member, Member];
    const reply = await h.send(guildId, a, "join", { "team-name": "Pair", "teammate-1": { user: b } });
    expect(reply).toMatchObject({ ephemeral: true, text: "**Solo Open** is for individual players: join without a team name or teammates." });
  });
});
