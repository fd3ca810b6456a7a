/**
 * The public API v1 as its clients meet it, once per dialect: the OpenAPI document covers every
 * route, the typed hono/client works against the Worker, public shapes hide internals, players are
 * found by Discord id, profiles, analytics and balance answer in one round trip.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createApi, type ApiType } from "../../src/routes/v1";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";
import { seedLadder } from "../support/api";

const INTERNAL = /"(createdBy|updatedBy|idempotencyKey|writeToken|keyHash|ratingVersion|version)"/;

describe("the OpenAPI document", () => {
  it("describes every /v1 route the app serves, and the docs page loads it", async () => {
    const env = bindingsFor("sqlite");
    const doc = await body<{ paths: Record<string, Record<string, unknown>> }>(await call(env, "/openapi.json"));
    const served = createApi()
      .routes.filter((r) => r.path.startsWith("/v1/") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThan(20);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    const docs = await call(env, "/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/openapi.json");
  });
});

describe.each<Dialect>(["sqlite", "pg"])("public API v1 on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("serves a typed hono/client against the Worker", async () => {
    const { guildId, players } = await seedLadder(env(), 4, 2);
    const client = hc<ApiType>("https://teamrank.test", {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const ctx = createExecutionContext();
        const res = await worker.fetch(new Request(input, init), env(), ctx);
        await waitOnExecutionContext(ctx);
        return res;
      },
    });
    const res = await client.v1.guilds[":guildId"].leaderboard.$get({ param: { guildId }, query: { limit: "10" } });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const page = await res.json();
    expect(page.items.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
    expect(new Set(page.items.map((e) => e.playerId))).toEqual(new Set(players.map((p) => p.id)));
    const missing = await client.v1.guilds[":guildId"].players[":player"].$get({ param: { guildId, player: randomSnowflake() }, query: {} });
    expect(missing.status).toBe(404);
  });

  it("finds players by Discord id, with a profile, history and analytics in one round trip each", async () => {
    const { guildId, players } = await seedLadder(env(), 4, 3);
    const [a, b] = players;
    if (!a || !b) throw new Error("seed");
    const byDiscord = await call(env(), `/v1/guilds/${guildId}/players/${a.discordUserId}`);
    expect(byDiscord.status).toBe(200);
    expect(byDiscord.headers.get("x-db-round-trips")).toBe("1");
    const text = await byDiscord.clone().text();
    expect(text).not.toMatch(INTERNAL);
    const profile = await body<{
      player: { id: string };
      standing: { games: number };
      ratingHistory: unknown[];
      recentMatches: Array<{ teammates: string[] }>;
    }>(byDiscord);
    expect(profile.player.id).toBe(a.id);
    expect(profile.standing.games).toBe(3);
    expect(profile.ratingHistory).toHaveLength(3);
    expect(profile.recentMatches[0]?.teammates).toHaveLength(1);

    const stats = await call(env(), `/v1/guilds/${guildId}/players/${a.id}/analytics?vs=${b.discordUserId}`);
    expect(stats.headers.get("x-db-round-trips")).toBe("1");
    const s = await body<{ stats: { games: number; form: string[]; headToHead: { against: unknown; together: unknown }; teammates: unknown[] } }>(stats);
    expect(s.stats.games).toBe(3);
    expect(s.stats.form).toHaveLength(3);
    expect(s.stats.headToHead.against ?? s.stats.headToHead.together).not.toBeNull();

    const history = await call(env(), `/v1/guilds/${guildId}/players/${a.discordUserId}/history`);
    expect(history.headers.get("x-db-round-trips")).toBe("1");
    expect((await body<{ items: unknown[] }>(history)).items).toHaveLength(3);

    const ladder = await call(env(), `/v1/guilds/${guildId}/analytics?days=7`);
    expect(ladder.headers.get("x-db-round-trips")).toBe("1");
    const l = await body<{
      matchesPerDay: Array<{ matches: number }>;
      activePlayers: { last7Days: number };
      ratingHistogram: { bins: Array<{ players: number }> };
    }>(ladder);
    expect(l.matchesPerDay.reduce((n, d) => n + d.matches, 0)).toBe(3);
    expect(l.activePlayers.last7Days).toBe(4);
    expect(l.ratingHistogram.bins.reduce((n, b) => n + b.players, 0)).toBe(4);
  });

  it("balances players named by Discord id with parties and apart pairs, writing nothing", async () => {
    const { guildId, players } = await seedLadder(env(), 6, 2);
    const ids = players.map((p) => p.discordUserId);
    const [p0, p1, p2, p3] = ids;
    const res = await call(env(), `/v1/guilds/${guildId}/balance`, {
      method: "POST",
      json: { players: ids, parties: [[p0, p1]], apart: [[p2, p3]], alternatives: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-db-round-trips")).toBe("1");
    const out = await body<{ best: { teams: Array<Array<{ discordUserId: string }>>; winProbabilities: number[] }; alternatives: unknown[] }>(res);
    const teamOf = (id?: string) => out.best.teams.findIndex((t) => t.some((m) => m.discordUserId === id));
    expect(teamOf(p0)).toBe(teamOf(p1));
    expect(teamOf(p2)).not.toBe(teamOf(p3));
    expect(out.best.winProbabilities.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
    // {p0, p1} with p2 or p3: exactly two splits keep the party and the apart pair, so one runner-up.
    expect(out.alternatives).toHaveLength(1);
    const unknown = await call(env(), `/v1/guilds/${guildId}/balance`, { method: "POST", json: { players: [...ids, randomSnowflake()] } });
    expect(unknown.status).toBe(404);
  });

  it("gives every public read an explicit shape without internals", async () => {
    const { guildId, matchIds } = await seedLadder(env(), 4, 1);
    for (const path of [
      `/v1/guilds/${guildId}`,
      `/v1/guilds/${guildId}/ladders`,
      `/v1/guilds/${guildId}/ladders/default`,
      `/v1/guilds/${guildId}/players`,
      `/v1/guilds/${guildId}/matches`,
      `/v1/guilds/${guildId}/matches/${matchIds[0]}`,
      `/v1/guilds/${guildId}/leaderboard?all=1`,
    ]) {
      const res = await call(env(), path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toMatch(INTERNAL);
    }
  });

  it("answers 404 for unknown guilds and ladders instead of empty pages", async () => {
    const stranger = randomSnowflake();
    for (const path of ["players", "matches", "leaderboard", "ladders", "analytics", "ladders/default/seasons"]) {
      const res = await call(env(), `/v1/guilds/${stranger}/${path}`);
      expect(res.status, path).toBe(404);
      expect((await body<{ error: { code: string; requestId: string } }>(res)).error.requestId).toBeTruthy();
    }
    const { guildId } = await seedLadder(env(), 2, 0);
    expect((await call(env(), `/v1/guilds/${guildId}/leaderboard?ladder=nope`)).status).toBe(404);
    expect((await call(env(), `/v1/guilds/${guildId}/matches?ladder=nope`)).status).toBe(404);
  });
});
