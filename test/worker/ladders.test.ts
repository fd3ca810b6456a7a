/**
 * Ladders, seasons and corrections over HTTP inside workerd, once per dialect: what an admin
 * client does, with the status codes and round trips it sees.
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake, seedGuildOverHttp } from "../support/worker";

type Standing = { games: number; wins: number; losses: number; rating: number };

describe.each<Dialect>(["sqlite", "pg"])("ladders, seasons and corrections on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  const seed = (players: number) => seedGuildOverHttp(env(), players, "Ladder guild");

  async function play(guildId: string, teams: string[][], winner: number, ladder?: string) {
    const match = await body<{ id: string }>(await call(env(), `/v1/guilds/${guildId}/matches`, { method: "POST", admin: true, json: { teams, ladder } }));
    expect((await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { winner } })).status).toBe(201);
    return match.id;
  }

  const standing = async (guildId: string, id: string, ladder?: string) =>
    (await body<{ standing: Standing | null }>(await call(env(), `/v1/guilds/${guildId}/players/${id}${ladder ? `?ladder=${ladder}` : ""}`))).standing;

  it("creates ladders, refuses bad settings and duplicates, and keeps leaderboards apart", async () => {
    const { guildId, ids } = await seed(3);
    const [a, b, c] = ids as [string, string, string];
    const list = await body<{ items: Array<{ slug: string; isDefault: boolean }> }>(await call(env(), `/v1/guilds/${guildId}/ladders`));
    expect(list.items.map((l) => [l.slug, l.isDefault])).toEqual([["default", true]]);
    const bad = await call(env(), `/v1/guilds/${guildId}/ladders`, { method: "POST", admin: true, json: { slug: "x", name: "X", settings: { tau: -1 } } });
    expect(bad.status).toBe(400);
    const unknownField = await call(env(), `/v1/guilds/${guildId}/ladders`, {
      method: "POST",
      admin: true,
      json: { slug: "x", name: "X", settings: { colour: "red" } },
    });
    expect(unknownField.status).toBe(400);
    const created = await call(env(), `/v1/guilds/${guildId}/ladders`, {
      method: "POST",
      admin: true,
      json: { slug: "duel", name: "Duel", settings: { teamSize: 1 } },
    });
    expect(created.status).toBe(201);
    expect(await body(created)).not.toHaveProperty("writeToken");
    expect((await call(env(), `/v1/guilds/${guildId}/ladders`, { method: "POST", admin: true, json: { slug: "duel", name: "Again" } })).status).toBe(409);
    await play(guildId, [[a], [b]], 0);
    await play(guildId, [[c], [a]], 0, "duel");
    const main = await body<{ ladder: string; items: Array<{ playerId: string }> }>(await call(env(), `/v1/guilds/${guildId}/leaderboard`));
    const duel = await body<{ ladder: string; items: Array<{ playerId: string }> }>(await call(env(), `/v1/guilds/${guildId}/leaderboard?ladder=duel`));
    expect(main.ladder).toBe("default");
    expect(main.items.map((e) => e.playerId).sort()).toEqual([a, b].sort());
    expect(duel.items.map((e) => e.playerId).sort()).toEqual([a, c].sort());
    expect((await call(env(), `/v1/guilds/${guildId}/leaderboard?ladder=nope`)).status).toBe(404);
    expect((await call(env(), `/v1/guilds/${randomSnowflake()}/leaderboard`)).status).toBe(404);
    expect(await standing(guildId, a, "duel")).toMatchObject({ games: 1, losses: 1 });
  });

  it("corrects and voids results through PUT and DELETE, replaying what came after", async () => {
    const { guildId, ids } = await seed(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    const first = await play(guildId, [[a], [b]], 0);
    await play(guildId, [[a], [c]], 0);
    await play(guildId, [[b], [d]], 1);
    const corrected = await call(env(), `/v1/guilds/${guildId}/matches/${first}/result`, { method: "PUT", admin: true, json: { winner: 1 } });
    expect(corrected.status).toBe(200);
    expect(await body(corrected)).toMatchObject({ changed: true, replayedMatches: 2 });
    expect(corrected.headers.get("x-db-round-trips")).toBe("2");
    expect(await standing(guildId, a)).toMatchObject({ games: 2, wins: 1, losses: 1 });
    expect(await standing(guildId, b)).toMatchObject({ games: 2, wins: 1, losses: 1 });
    const same = await call(env(), `/v1/guilds/${guildId}/matches/${first}/result`, { method: "PUT", admin: true, json: { winner: 1 } });
    expect(await body(same)).toMatchObject({ changed: false });
    const mixed = await call(env(), `/v1/guilds/${guildId}/matches/${first}/result`, { method: "PUT", admin: true, json: { winner: 1, ranks: [1, 0] } });
    expect(mixed.status).toBe(400);
    const voided = await call(env(), `/v1/guilds/${guildId}/matches/${first}/result`, { method: "DELETE", admin: true });
    expect(await body(voided)).toMatchObject({ changed: true, kind: "void" });
    expect(await standing(guildId, a)).toMatchObject({ games: 1, wins: 1, losses: 0 });
    expect(await body(await call(env(), `/v1/guilds/${guildId}/matches/${first}`))).toMatchObject({ status: "voided" });
    expect((await call(env(), `/v1/guilds/${guildId}/matches/${first}/result`, { method: "DELETE" })).status).toBe(401);
  });

  it("starts a season once per request, archives standings and serves them", async () => {
    const { guildId, ids } = await seed(2);
    const [a, b] = ids as [string, string];
    await play(guildId, [[a], [b]], 0);
    const started = await call(env(), `/v1/guilds/${guildId}/ladders/default/seasons`, { method: "POST", admin: true, json: { endSeason: 1 } });
    expect(started.status).toBe(201);
    const retried = await call(env(), `/v1/guilds/${guildId}/ladders/default/seasons`, { method: "POST", admin: true, json: { endSeason: 1 } });
    expect(retried.status).toBe(200);
    expect(await body(retried)).toMatchObject({ alreadyStarted: true, ended: { number: 1 } });
    const seasons = await body<{ current: { number: number }; ended: Array<{ number: number }> }>(
      await call(env(), `/v1/guilds/${guildId}/ladders/default/seasons`),
    );
    expect(seasons.current.number).toBe(2);
    expect(seasons.ended.map((s) => s.number)).toEqual([1]);
    const archivedRes = await call(env(), `/v1/guilds/${guildId}/ladders/default/seasons/1/standings`);
    expect(archivedRes.headers.get("x-db-round-trips")).toBe("1");
    const archived = await body<{ items: Array<{ playerId: string; rank: number; wins: number }> }>(archivedRes);
    expect(archived.items.map((e) => [e.playerId, e.rank, e.wins])).toEqual([
      [a, 1, 1],
      [b, 2, 0],
    ]);
    expect(await standing(guildId, a)).toMatchObject({ games: 0, wins: 0 });
    expect((await call(env(), `/v1/guilds/${guildId}/ladders/default/seasons/7/standings`)).status).toBe(404);
    expect((await call(env(), `/v1/guilds/${guildId}/ladders/nope/seasons/1/standings`)).status).toBe(404);
  });
});
