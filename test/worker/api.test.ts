/**
 * The HTTP API end to end inside workerd, once per dialect: health, the admin flow from guild to
 * result, the public leaderboard, and the round trips each request made.
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake, seedGuildOverHttp } from "../support/worker";

type Json = Record<string, unknown>;

describe.each<Dialect>(["sqlite", "pg"])("Worker API on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  const seed = (players: number) => seedGuildOverHttp(env(), players, "Test guild");

  it("answers liveness naming the backend, and readiness with the current schema", async () => {
    const live = await call(env(), "/health");
    expect(live.status).toBe(200);
    expect(await body(live)).toMatchObject({ status: "ok", backend: { dialect } });
    const ready = await call(env(), "/health/ready");
    expect(await body(ready)).toMatchObject({ status: "ok", ok: true, schema: { upToDate: true } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-db-round-trips")).toBe("1");
  });

  it("runs a match from creation to leaderboard", async () => {
    const { guildId, ids } = await seed(4);
    const [a, b, c, d] = ids;
    const created = await call(env(), `/v1/guilds/${guildId}/matches`, {
      method: "POST",
      admin: true,
      json: {
        teams: [
          [a, b],
          [c, d],
        ],
      },
    });
    expect(created.status).toBe(201);
    const match = await body<{ id: string; winProbabilities: number[]; players: unknown[] }>(created);
    expect(match.players).toHaveLength(4);
    expect(match.winProbabilities[0]).toBeCloseTo(0.5, 6); // four fresh players: an even match

    const reported = await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { winner: 1 } });
    expect(reported.status).toBe(201);
    expect(reported.headers.get("x-db-round-trips")).toBe("2");
    const again = await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { winner: 1 } });
    expect(again.status).toBe(200);
    expect(await body(again)).toMatchObject({ alreadyApplied: true });

    const board = await call(env(), `/v1/guilds/${guildId}/leaderboard?limit=2`);
    expect(board.status).toBe(200);
    expect(board.headers.get("x-db-round-trips")).toBe("1");
    expect(board.headers.get("cache-control")).toContain("public");
    const page = await body<{ items: Array<{ playerId: string; rank: number; rating: number }>; nextCursor: string }>(board);
    expect(page.items.map((e) => e.rank)).toEqual([1, 2]);
    expect(new Set(page.items.map((e) => e.playerId))).toEqual(new Set([c, d]));
    const next = await body<{ items: Array<{ playerId: string; rank: number }> }>(
      await call(env(), `/v1/guilds/${guildId}/leaderboard?limit=2&cursor=${page.nextCursor}`),
    );
    expect(next.items.map((e) => e.rank)).toEqual([3, 4]);

    const history = await body<{ items: Array<{ matchId: string; score: number }> }>(await call(env(), `/v1/guilds/${guildId}/players/${a}/history`));
    expect(history.items).toMatchObject([{ matchId: match.id, score: 0 }]);
  });

  it("replays a match creation with the same Idempotency-Key", async () => {
    const { guildId, ids } = await seed(2);
    const send = () =>
      call(env(), `/v1/guilds/${guildId}/matches`, {
        method: "POST",
        admin: true,
        headers: { "idempotency-key": "retry-abc-123" },
        json: { teams: [[ids[0]], [ids[1]]] },
      });
    const first = await body<Json>(await send());
    const second = await body<Json>(await send());
    expect(second.id).toBe(first.id);
    const list = await body<{ items: unknown[] }>(await call(env(), `/v1/guilds/${guildId}/matches`));
    expect(list.items).toHaveLength(1);
  });

  it("keeps Discord ids exact and renames players", async () => {
    const guildId = randomSnowflake();
    await call(env(), `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "g" } });
    const snowflake = "18446744073709551615";
    const created = await body<{ id: string; discordUserId: string }>(
      await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { discordUserId: snowflake, displayName: "big" } }),
    );
    expect(created.discordUserId).toBe(snowflake);
    const dup = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { discordUserId: snowflake, displayName: "again" } });
    expect(dup.status).toBe(409);
    expect(await body(dup)).toMatchObject({ error: { code: "DUPLICATE" } });
    const renamed = await call(env(), `/v1/guilds/${guildId}/players/${created.id}`, { method: "PATCH", admin: true, json: { displayName: "renamed" } });
    expect(await body(renamed)).toMatchObject({ displayName: "renamed", discordUserId: snowflake });
  });
});
