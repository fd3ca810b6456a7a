/**
 * A whole Discord flow inside workerd, once per dialect: lobby → joins → proposal → start →
 * report → confirm, with ratings checked against the engine; duplicates, the join race, disputes,
 * staff resolve, undo and correct (deferred, finished through the recording Discord API).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect";
import { createRepository } from "../../src/db/repository";
import { defaultLadderSettings, toGlickoConfig } from "../../src/domain/ladder-settings";
import { rateMatch } from "../../src/domain/team-rating";
import { parseConfig } from "../../src/env";
import {
  buttonId,
  command,
  discordBindings,
  type KeyPair,
  makeKeyPair,
  type Member,
  postInteraction,
  press,
  recorded,
  type ReplyBody,
  snowflake,
  text,
} from "../support/discord";
import { body } from "../support/worker";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

describe.each(["sqlite", "pg"] as const)("Discord lifecycle on %s", (dialect) => {
  const env = () => discordBindings(dialect, key);
  const staff: Member = { id: snowflake(), permissions: "32" };

  async function send(payload: unknown): Promise<ReplyBody & { roundTrips: number }> {
    const res = await postInteraction(env(), key, payload);
    expect(res.status).toBe(200);
    return { ...(await body<ReplyBody>(res)), roundTrips: Number(res.headers.get("x-db-round-trips")) };
  }

  async function withRepo<T>(fn: (repo: ReturnType<typeof createRepository>) => Promise<T>): Promise<T> {
    const database = connect(parseConfig(env()).database);
    try {
      return await fn(createRepository(database));
    } finally {
      await database.close();
    }
  }

  const lobbyIdOf = (reply: ReplyBody) => buttonId(reply, "Join").slice(3);
  const players = (n: number): Member[] => Array.from({ length: n }, () => ({ id: snowflake() }));

  async function fullLobby(guild: string, people: Member[]) {
    const opened = await send(command(guild, people[0] ?? staff, "lobby", "open", { size: people.length }));
    expect(opened.type).toBe(4);
    const lobbyId = lobbyIdOf(opened);
    let last: ReplyBody & { roundTrips: number } = opened;
    for (const p of people) last = await send(press(guild, p, `lj:${lobbyId}`));
    return { lobbyId, proposal: last };
  }

  it("runs lobby → 10 joins → proposal → start → report → confirm, with the engine's ratings", async () => {
    const guild = snowflake();
    const people = players(10);
    const { proposal } = await fullLobby(guild, people);
    expect(proposal.type).toBe(7);
    expect(text(proposal)).toMatch(/Proposed teams/);
    expect(text(proposal)).toMatch(/Predicted win probability: Team 1 50\.0% · Team 2 50\.0%/);

    const started = await send(press(guild, people[0] as Member, buttonId(proposal, "Start match")));
    expect(started.type).toBe(7);
    const matchId = buttonId(started, "Team 1 won").split(":")[1] ?? "";
    const teamOf = (m: Member) => {
      const t1 = started.data?.embeds?.[0]?.fields?.[0]?.value ?? "";
      return t1.includes(`<@${m.id}>`) ? 0 : 1;
    };
    const a = people.find((p) => teamOf(p) === 0) as Member;
    const b = people.find((p) => teamOf(p) === 1) as Member;

    const reported = await send(press(guild, a, `mr:${matchId}:0`));
    expect(text(reported)).toMatch(/reported \*\*Team 1 won\*\*/);
    expect(reported.roundTrips).toBeLessThanOrEqual(2);
    // A second press by the same reporter is the same report; a teammate cannot confirm.
    const again = await send(press(guild, a, `mr:${matchId}:0`));
    expect(text(again)).toMatch(/reported/);
    const mate = people.find((p) => p !== a && teamOf(p) === 0) as Member;
    expect(text(await send(press(guild, mate, `mr:${matchId}:0`)))).toMatch(/another team/);

    const confirmed = await send(press(guild, b, `mr:${matchId}:0`));
    expect(text(confirmed)).toMatch(/Team 1 won/);
    expect(confirmed.roundTrips).toBeLessThanOrEqual(2);
    expect(confirmed.data?.components).toEqual([]);

    const config = toGlickoConfig(defaultLadderSettings());
    const init = { rating: config.initialRating, deviation: config.initialDeviation, volatility: config.initialVolatility };
    const teams = [0, 1].map((t) => people.filter((p) => teamOf(p) === t).map((p) => ({ id: p.id, rating: init })));
    const expected = rateMatch(teams, [0, 1], config);
    await withRepo(async (repo) => {
      for (const update of expected) {
        const player = await repo.players.getByDiscordId(guild, update.id);
        const standing = (await repo.players.inLadder(guild, player?.id ?? "")).standing;
        expect(standing?.rating).toBeCloseTo(update.after.rating, 9);
        expect(standing?.deviation).toBeCloseTo(update.after.deviation, 9);
        expect(standing?.games).toBe(1);
      }
    });
    // The confirmation again, and a late contradicting press: nothing changes.
    expect(text(await send(press(guild, b, `mr:${matchId}:0`)))).toMatch(/Team 1 won/);
    expect((await send(press(guild, b, `mr:${matchId}:1`))).data?.flags).toBe(64);

    const profile = await send(command(guild, a, "profile", null, {}));
    expect(text(profile)).toMatch(/1W 0L 0D/);
    const board = await send(command(guild, a, "leaderboard", null, {}));
    expect(text(board)).toMatch(/Nobody is ranked|Leaderboard/);
    expect(text(await send(command(guild, a, "history", null, {})))).toMatch(/win/);
  });

  it("keeps duplicates to one: double joins, a redelivered open, double starts", async () => {
    const guild = snowflake();
    const people = players(4);
    const open = command(guild, people[0] as Member, "lobby", "open", { size: 4 });
    const first = await send(open);
    const redelivered = await send(open);
    expect(lobbyIdOf(redelivered)).toBe(lobbyIdOf(first));
    const lobbyId = lobbyIdOf(first);
    await send(press(guild, people[0] as Member, `lj:${lobbyId}`));
    const twice = await send(press(guild, people[0] as Member, `lj:${lobbyId}`));
    expect(twice.roundTrips).toBeLessThanOrEqual(2);
    expect(text(twice)).toMatch(/1\/4 players/);
    const left = await send(press(guild, people[0] as Member, `ll:${lobbyId}`));
    expect(text(left)).toMatch(/0\/4 players/);
    let proposal: ReplyBody = first;
    for (const p of people) proposal = await send(press(guild, p, `lj:${lobbyId}`));
    const start = buttonId(proposal, "Start match");
    const results = await Promise.all(people.map((p) => send(press(guild, p, start))));
    expect(results.filter((r) => r.type === 7)).toHaveLength(1);
    await withRepo(async (repo) => {
      const matches = await repo.matches.list(guild, { limit: 10 });
      expect(matches.items).toHaveLength(1);
    });
  });

  it("lets 100 concurrent joins fill a 10-slot lobby exactly once", async () => {
    const guild = snowflake();
    const opener = { id: snowflake() };
    const opened = await send(command(guild, opener, "lobby", "open", { size: 10 }));
    const lobbyId = lobbyIdOf(opened);
    const crowd = players(100);
    const replies = await Promise.all(crowd.map((p) => send(press(guild, p, `lj:${lobbyId}`))));
    expect(replies.filter((r) => text(r).includes("Proposed teams"))).toHaveLength(1);
    await withRepo(async (repo) => {
      const view = await repo.lobbies.get(guild, lobbyId);
      expect(view.members).toHaveLength(10);
      expect(view.lobby.status).toBe("proposed");
      expect(view.lobby.proposal?.splits.length).toBeGreaterThan(1);
    });
  });

  it("turns contradicting reports into a dispute that staff resolve, then undo and correct with replay", async () => {
    const guild = snowflake();
    const people = players(4);
    const { proposal } = await fullLobby(guild, people);
    const started = await send(press(guild, people[0] as Member, buttonId(proposal, "Start match")));
    const matchId = buttonId(started, "Draw").split(":")[1] ?? "";
    const t1 = started.data?.embeds?.[0]?.fields?.[0]?.value ?? "";
    const a = people.find((p) => t1.includes(p.id)) as Member;
    const b = people.find((p) => !t1.includes(p.id)) as Member;
    await send(press(guild, a, `mr:${matchId}:0`));
    const disputed = await send(press(guild, b, `mr:${matchId}:1`));
    expect(text(disputed)).toMatch(/Match disputed/);
    expect((await send(press(guild, a, `mr:${matchId}:0`))).data?.flags).toBe(64);
    // Not staff: refused, nothing written.
    expect((await send(command(guild, a, "match", "resolve", { match: matchId, outcome: "1" }))).data?.flags).toBe(64);
    const resolved = await send(command(guild, staff, "match", "resolve", { match: matchId, outcome: "2" }));
    expect(text(resolved)).toMatch(/Team 2 won/);

    const undo = await send(command(guild, staff, "match", "undo", { match: matchId }));
    expect(undo.type).toBe(5);
    const corrected = await send(command(guild, staff, "match", "correct", { match: matchId, outcome: "draw" }));
    expect(corrected.type).toBe(5);
    const edits = (await recorded()).filter((r) => r.method === "PATCH" && r.path.endsWith("/messages/@original"));
    const contents = edits.map((e) => (e.body as { content?: string }).content ?? "");
    expect(contents.some((c) => c.includes(`Match ${matchId} voided`))).toBe(true);
    // A voided match cannot be corrected: the deferred reply says so.
    expect(contents.some((c) => c.includes("only a completed match"))).toBe(true);
    await withRepo(async (repo) => {
      const match = await repo.matches.get(guild, matchId);
      expect(match?.status).toBe("voided");
    });
  });

  it("balances mentioned players with parties and reshuffles through the alternatives", async () => {
    const guild = snowflake();
    const people = players(6);
    const mentions = people.map((p) => `<@${p.id}>`).join(" ");
    const party = `<@${people[0]?.id}> <@${people[1]?.id}>`;
    const reply = await send(command(guild, staff, "balance", null, { players: mentions, party }));
    expect(text(reply)).toMatch(/Proposed teams/);
    const team = (r: ReplyBody) => r.data?.embeds?.[0]?.fields?.map((f) => f.value) ?? [];
    const together = (r: ReplyBody) => team(r).some((v) => v.includes(people[0]?.id ?? "-") && v.includes(people[1]?.id ?? "-"));
    expect(together(reply)).toBe(true);
    const next = await send(press(guild, staff, buttonId(reply, "Reshuffle")));
    expect(text(next)).toMatch(/Split 2 of/);
    expect(together(next)).toBe(true);
    // The old message's Start is stale now.
    expect((await send(press(guild, staff, buttonId(reply, "Start match")))).data?.flags).toBe(64);
  });

  it("sets up a staff role, a ladder and a season", async () => {
    const guild = snowflake();
    const role = snowflake();
    await send(command(guild, staff, "lobby", "open", {}));
    expect(text(await send(command(guild, staff, "setup", null, { "staff-role": role })))).toMatch(/Staff role set/);
    const roleMember = { id: snowflake(), roles: [role] };
    const created = await send(command(guild, roleMember, "ladder", "create", { slug: "duo", teams: 2, "team-size": 2, confirm: false }));
    expect(text(created)).toMatch(/Ladder \*\*duo\*\*/);
    const season = command(guild, roleMember, "season", "start", { ladder: "duo" });
    expect(text(await send(season))).toMatch(/Season 1 ended/);
    expect(text(await send(season))).toMatch(/already done/);
  });
});

describe.each(["sqlite", "pg"] as const)("lobby expiry on %s", (dialect) => {
  it("closes lobbies and pending matches past their time, and a press says so", async () => {
    const { createExecutionContext, createScheduledController, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../../src/index")).default;
    const env = discordBindings(dialect, key, { LOBBY_TTL_MINUTES: "1" });
    const guild = snowflake();
    const member = { id: snowflake() };
    const res = await postInteraction(env, key, command(guild, member, "lobby", "open", { size: 4 }));
    const opened = await body<ReplyBody>(res);
    const lobbyId = buttonId(opened, "Join").slice(3);
    const database = connect(parseConfig(env).database);
    const repo = createRepository(database);
    // Travel: expire everything that ends within the next two minutes.
    const expired = await repo.lobbies.expire(new Date(Date.now() + 120_000));
    expect(expired.lobbies).toBeGreaterThanOrEqual(1);
    expect((await repo.lobbies.get(guild, lobbyId)).lobby.status).toBe("expired");
    await database.close();
    const press1 = await body<ReplyBody>(await postInteraction(env, key, press(guild, member, `lj:${lobbyId}`)));
    expect(press1.data?.flags).toBe(64);
    expect(press1.data?.content).toMatch(/expired/);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
  });
});
