/**
 * Autocomplete for `/tournament <sub> tournament:` through the Worker in workerd, signed like
 * Discord, once per dialect: which tournaments each sub-command suggests and in which order, the
 * typed text as a case-insensitive part of the name, 25 choices at most with names of 100
 * characters at most, a picked choice (the id) working in the command, one database read, and an
 * empty list (never an error or a message) for DMs, other options, an unreachable database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect";
import { createRepository, type Tournament } from "../../src/db/repository";
import type { TournamentStep } from "../../src/db/repository/tournaments";
import { CHESS_POINTS } from "../../src/domain/tournament";
import { parseConfig } from "../../src/env";
import { tournamentView } from "../../src/services/tournaments";
import { discordBindings, type KeyPair, makeKeyPair, type Member, postInteraction, snowflake } from "../support/discord";
import { body } from "../support/worker";
import { harness, people, tournamentPayload } from "./discord.tournament.setup";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

interface Suggestions {
  type: number;
  data: { choices: Array<{ name: string; value: string }> };
}

const STEPS_TO: Record<Tournament["status"], TournamentStep[]> = {
  draft: [],
  registration: ["openRegistration"],
  check_in: ["openRegistration", "openCheckIn"],
  running: ["openRegistration", "start"],
  finished: ["openRegistration", "start", "finish"],
};

/** The member typing `typed` into `tournament:` of `/tournament <sub>`, as Discord sends it (type 4, focused). */
function typing(guildId: string, member: Member, sub: string, typed: string, focus = "tournament") {
  const payload = tournamentPayload(guildId, member, sub, sub === "join" ? { tournament: typed, "team-name": "Rooks" } : { tournament: typed });
  const [subOption] = payload.data.options;
  const options = (subOption?.options ?? []).map((o) => (o.name === focus ? { ...o, focused: true } : o));
  return { ...payload, type: 4, data: { ...payload.data, options: [{ ...subOption, options }] } };
}

describe.each(["sqlite", "pg"] as const)("/tournament autocomplete on %s", (dialect) => {
  const h = harness(dialect, () => key);
  const member = people(1)[0] as Member;

  async function suggest(payload: unknown, env = h.env()) {
    const res = await postInteraction(env, key, payload);
    expect(res.status).toBe(200);
    const reply = await body<Suggestions>(res);
    return { ...reply, roundTrips: Number(res.headers.get("x-db-round-trips")) };
  }
  const names = async (guildId: string, sub: string, typed: string) => (await suggest(typing(guildId, member, sub, typed))).data.choices.map((c) => c.name);

  /** Tournaments in one guild, created a minute apart in the order given (so "newest first" is known), then moved to their status. */
  async function seed(list: Array<[name: string, status: Tournament["status"]]>) {
    const guildId = snowflake();
    const database = connect(parseConfig(h.env()).database);
    let minute = 0;
    const repo = createRepository(database, { now: () => new Date(Date.UTC(2026, 0, 1, 12, minute++)) });
    try {
      await repo.guilds.upsert({ id: guildId, name: "Autocomplete guild" }, "test");
      const ladder = await repo.ladders.resolve(guildId);
      const format = await repo.tournaments.createFormat(guildId, { name: "Swiss", kind: "swiss", rounds: 3, points: CHESS_POINTS }, "test");
      const ids: Record<string, string> = {};
      const order: string[] = [];
      for (const [name, status] of list) {
        const t = await repo.tournaments.create(
          guildId,
          { ladderId: ladder.id, formatId: format.id, name, rated: false, teamSize: null, topCut: null },
          "test",
        );
        for (const step of STEPS_TO[status]) await repo.tournaments.advance(guildId, t.id, step, "test");
        ids[name] = t.id;
        order.push(t.id);
      }
      return { guildId, ids, order };
    } finally {
      await database.close();
    }
  }

  it("suggests, per sub-command, the tournaments it can use: active first, newest first, drafts never", async () => {
    const { guildId, ids } = await seed([
      ["Old Friday Cup", "finished"],
      ["Friday Blitz", "registration"],
      ["Friday Swiss", "running"],
      ["Friday Rapid", "check_in"],
      ["Secret Friday", "draft"],
      ["Monday Open", "registration"],
      ["Friday Finale", "finished"],
    ]);
    const leave = await suggest(typing(guildId, member, "leave", "friday"));
    expect(leave.type).toBe(8);
    expect(leave.data.choices).toEqual([
      { name: "Friday Swiss · running", value: ids["Friday Swiss"] },
      { name: "Friday Rapid · check-in", value: ids["Friday Rapid"] },
      { name: "Friday Blitz · registration open", value: ids["Friday Blitz"] },
    ]);
    // One read: the guild's tournaments. Nothing else (no player, no guild, no staff check).
    expect(leave.roundTrips).toBe(1);

    // Case-insensitive part of the name; finished ones where results are still worth reading, newest first.
    expect(await names(guildId, "standings", "FRI")).toEqual(["Friday Swiss · running", "Friday Finale · finished", "Old Friday Cup · finished"]);
    expect(await names(guildId, "pairings", "cup")).toEqual(["Old Friday Cup · finished"]);
    // Nothing typed yet: everything the sub-command can use. Join: open ones only, registration first.
    expect(await names(guildId, "join", "")).toEqual(["Monday Open · registration open", "Friday Blitz · registration open", "Friday Rapid · check-in"]);
    expect(await names(guildId, "checkin", "")).toEqual(["Friday Rapid · check-in", "Friday Swiss · running"]);
    expect(await names(guildId, "start", "  ")).toEqual(["Friday Rapid · check-in", "Monday Open · registration open", "Friday Blitz · registration open"]);
    expect(await names(guildId, "report", "")).toEqual(["Friday Swiss · running"]);
    expect(await names(guildId, "next", "swiss")).toEqual(["Friday Swiss · running"]);
    // Drafts are invisible to members, whatever is typed; so is another guild's tournament.
    expect(await names(guildId, "start", "secret")).toEqual([]);
    expect(await names(snowflake(), "join", "")).toEqual([]);
    // A pasted id finds its tournament.
    expect(await names(guildId, "join", ids["Monday Open"] ?? "")).toEqual(["Monday Open · registration open"]);
  });

  it("sends the id of a picked suggestion, and the command accepts it", async () => {
    const { guildId, order } = await seed([
      ["Weekly", "registration"],
      ["Weekly", "check_in"],
    ]);
    const [older, newer] = order as [string, string];
    const { choices } = (await suggest(typing(guildId, member, "join", "week"))).data;
    expect(choices).toEqual([
      { name: "Weekly · registration open", value: older },
      { name: "Weekly · check-in", value: newer },
    ]);
    // Same names: by name the newest would be taken; the picked id reaches the older one.
    const joined = await h.send(guildId, member, "join", { tournament: older });
    expect(joined.text).toBe(`<@${member.id}> registered for **Weekly** as #1.`);
    const entrants = async (id: string) => (await h.withRepo((repo) => tournamentView(repo, guildId, id))).entrants.map((e) => e.discordUserId);
    expect(await entrants(older)).toEqual([member.id]);
    expect(await entrants(newer)).toEqual([]);
  });

  it("answers at most 25 choices, each name at most 100 characters with its status", async () => {
    const long = `${"Grand Prix ".repeat(12)}🏆 final`;
    const { guildId, ids } = await seed([
      [long, "running"],
      ...Array.from({ length: 30 }, (_, i): [string, Tournament["status"]] => [`Grand Prix ${i + 1}`, "registration"]),
    ]);
    const { choices } = (await suggest(typing(guildId, member, "leave", "grand prix"))).data;
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe(ids[long]);
    expect(choices[0]?.name).toMatch(/^Grand Prix Grand Prix .*… · running$/);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThanOrEqual(1);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
    // Newest first after the running one: 30, 29, ...
    expect(choices[1]?.name).toBe("Grand Prix 30 · registration open");
    expect(choices[24]?.name).toBe("Grand Prix 7 · registration open");
  });

  it("answers an empty list, never a message or an error, when there is nothing to suggest", async () => {
    const { guildId } = await seed([["Summer Open", "registration"]]);
    const empty = { type: 8, data: { choices: [] } };
    // Typing in another option, or a command without a tournament option.
    expect(await suggest(typing(guildId, member, "join", "sum", "team-name"))).toMatchObject(empty);
    const other = typing(guildId, member, "join", "sum");
    expect(await suggest({ ...other, data: { ...other.data, name: "lobby" } })).toMatchObject(empty);
    // Malformed options from a client that is not quite Discord.
    expect(await suggest({ ...other, data: { ...other.data, options: "join" } })).toMatchObject(empty);
    expect(await suggest({ ...other, data: undefined })).toMatchObject(empty);
    // In a DM (no guild, no member).
    const { guild_id: _guild, member: _member, ...dm } = other;
    expect(await suggest({ ...dm, user: { id: member.id, username: "dm", discriminator: "0" } })).toMatchObject(empty);
    // The database unreachable: still a valid answer within Discord's 3 seconds.
    const dead = dialect === "sqlite" ? { DATABASE_URL: "http://127.0.0.1:9" } : { DATABASE_URL: h.env().DATABASE_URL?.replace(/:(\d+)\//, ":9/") };
    expect(await suggest(other, discordBindings(dialect, key, dead))).toMatchObject(empty);
    // And the same typing in a working guild does suggest (the empty answers above are not the only answer).
    expect((await suggest(other)).data.choices.map((c) => c.name)).toEqual(["Summer Open · registration open"]);
  });

  it("refuses unsigned or forged autocomplete requests like every interaction", async () => {
    const { guildId } = await seed([["Signed Open", "registration"]]);
    const payload = typing(guildId, member, "join", "signed");
    expect((await postInteraction(h.env(), key, payload, { noHeaders: true })).status).toBe(401);
    expect((await postInteraction(h.env(), key, payload, { signature: "00".repeat(64) })).status).toBe(401);
    const other = await makeKeyPair();
    expect((await postInteraction(h.env(), other, payload)).status).toBe(401);
  });
});
