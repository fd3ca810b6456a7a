/**
 * Keys, idempotency, caching and the rate limit, once per dialect: a guild's key never touches
 * another guild, scopes hold, replays return the first response, cache hits cost no round trip.
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";
import { seedLadder } from "../support/api";

describe.each<Dialect>(["sqlite", "pg"])("keys, idempotency and caching on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  async function newKey(guildId: string, scopes: string[]) {
    const res = await call(env(), `/v1/guilds/${guildId}/api-keys`, { method: "POST", admin: true, json: { name: "bot", scopes } });
    expect(res.status).toBe(201);
    return body<{ id: string; key: string; prefix: string }>(res);
  }
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it("scopes API keys to one guild and one scope, records use, and revokes", async () => {
    const a = await seedLadder(env(), 2, 0);
    const b = await seedLadder(env(), 2, 0);
    const writer = await newKey(a.guildId, ["write"]);
    expect(writer.key.startsWith(writer.prefix)).toBe(true);
    const player = { discordUserId: randomSnowflake(), displayName: "Keyed" };
    const created = await call(env(), `/v1/guilds/${a.guildId}/players`, { method: "POST", json: player, headers: bearer(writer.key) });
    expect(created.status).toBe(201);
    const other = await call(env(), `/v1/guilds/${b.guildId}/players`, { method: "POST", json: player, headers: bearer(writer.key) });
    expect(other.status).toBe(403);
    const settings = await call(env(), `/v1/guilds/${a.guildId}`, { method: "PUT", json: { name: "mine now" }, headers: bearer(writer.key) });
    expect(settings.status).toBe(403); // admin scope needed

    const listed = await body<{ items: Array<{ id: string; lastUsedAt: string | null; prefix: string }> }>(
      await call(env(), `/v1/guilds/${a.guildId}/api-keys`, { admin: true }),
    );
    expect(JSON.stringify(listed)).not.toContain(writer.key);
    expect(listed.items.find((k) => k.id === writer.id)?.lastUsedAt).toBeTruthy();

    const reader = await newKey(a.guildId, ["read"]);
    expect((await call(env(), `/v1/guilds/${a.guildId}/players`, { method: "POST", json: player, headers: bearer(reader.key) })).status).toBe(403);

    expect((await call(env(), `/v1/guilds/${a.guildId}/api-keys/${writer.id}`, { method: "DELETE", admin: true })).status).toBe(200);
    const revoked = await call(env(), `/v1/guilds/${a.guildId}/players`, {
      method: "POST",
      json: { ...player, discordUserId: randomSnowflake() },
      headers: bearer(writer.key),
    });
    expect(revoked.status).toBe(401);
    expect((await call(env(), `/v1/guilds/${a.guildId}/players`, { method: "POST", json: player, headers: bearer("trk_nope") })).status).toBe(401);
  });

  it("replays a write with the same Idempotency-Key and refuses the key for another request", async () => {
    const { guildId } = await seedLadder(env(), 2, 0);
    const input = { discordUserId: randomSnowflake(), displayName: "Once" };
    const headers = { "idempotency-key": `import-${randomSnowflake()}` };
    const first = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: input, headers });
    expect(first.status).toBe(201);
    const again = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: input, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const reused = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { ...input, displayName: "Other" }, headers });
    expect(reused.status).toBe(422);
    // A refusal is a response too: replaying a failed create gives the same 409.
    const dupHeaders = { "idempotency-key": `dup-${randomSnowflake()}` };
    const dup = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: input, headers: dupHeaders });
    expect(dup.status).toBe(409);
    expect((await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: input, headers: dupHeaders })).status).toBe(409);
  });

  it("serves cached reads with no database round trip, answers If-None-Match with 304, and sees writes", async () => {
    const { guildId, players } = await seedLadder(env(), 4, 1);
    const path = `/v1/guilds/${guildId}/leaderboard?all=1`;
    const miss = await call(env(), path);
    expect(miss.headers.get("x-db-round-trips")).toBe("1");
    expect(miss.headers.get("cache-control")).toMatch(/public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(miss.headers.get("access-control-allow-origin")).toBe("*");
    const etag = miss.headers.get("etag");
    expect(etag).toBeTruthy();
    const hit = await call(env(), path);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("x-db-round-trips")).toBe("0");
    expect(await hit.text()).toBe(await miss.text());
    const notModified = await call(env(), path, { headers: { "if-none-match": etag ?? "" } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("x-db-round-trips")).toBe("0");

    // A write in the guild starts a new cache generation: the next read is fresh.
    const rename = await call(env(), `/v1/guilds/${guildId}/players/${players[0]?.id}`, { method: "PATCH", admin: true, json: { displayName: "Renamed" } });
    expect(rename.status).toBe(200);
    const fresh = await call(env(), path);
    expect(fresh.headers.get("x-db-round-trips")).toBe("1");
    expect(await fresh.text()).toContain("Renamed");
  });

  it("limits public reads per IP with 429 and Retry-After", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    let limited: Response | undefined;
    for (let i = 0; i < 400 && !limited; i++) {
      const res = await call(env(), "/v1/guilds/1/leaderboard", { headers: { "cf-connecting-ip": ip } });
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get("retry-after")).toBeTruthy();
    expect((await body<{ error: { code: string } }>(limited ?? new Response("{}"))).error.code).toBe("RATE_LIMITED");
    // Another address is not affected.
    expect((await call(env(), "/v1/guilds/1/leaderboard", { headers: { "cf-connecting-ip": "198.51.100.7" } })).status).not.toBe(429);
  });
});
