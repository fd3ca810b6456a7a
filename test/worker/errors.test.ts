/**
 * Bad input and faults as a client meets them: every refusal is a 4xx or 503 with a machine-readable
 * code, never a 500 with a stack, and nothing is half-written.
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe("configuration", () => {
  it("names a missing DATABASE_URL on the first request", async () => {
    const res = await call({ ADMIN_TOKEN: "x".repeat(20) }, "/health");
    expect(res.status).toBe(500);
    const err = await body<ErrorBody>(res);
    expect(err.error.code).toBe("CONFIG_INVALID");
    expect(err.error.message).toContain("DATABASE_URL");
    expect(JSON.stringify(err)).not.toMatch(/at \w+ \(/); // no stack trace
  });

  it("names a malformed DATABASE_URL", async () => {
    const err = await body<ErrorBody>(await call({ DATABASE_URL: "mysql://nope" }, "/health"));
    expect(err.error).toMatchObject({ code: "CONFIG_INVALID" });
    expect(err.error.message).toContain("DATABASE_URL");
  });

  it("refuses file: URLs inside the Worker with a clear message", async () => {
    const res = await call({ DATABASE_URL: "file:local.db" }, "/health/ready");
    expect(res.status).toBe(500);
    expect((await body<ErrorBody>(res)).error.message).toMatch(/file: .*Node/);
  });
});

describe.each<Dialect>(["sqlite", "pg"])("bad input on %s", (dialect) => {
  const env = () => bindingsFor(dialect);
  const guildId = randomSnowflake();

  it("answers malformed JSON, wrong types and bad ids with 400 and a code", async () => {
    const malformed = await call(env(), `/v1/guilds/${guildId}/players`, {
      method: "POST",
      admin: true,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect((await body<ErrorBody>(malformed)).error.code).toBe("BAD_REQUEST");

    const wrongTypes = await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { discordUserId: 12, displayName: ["x"] } });
    expect(wrongTypes.status).toBe(400);
    const err = await body<ErrorBody>(wrongTypes);
    expect(err.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(err.error.details)).toContain("discordUserId");

    expect((await call(env(), "/v1/guilds/not-a-snowflake/leaderboard")).status).toBe(400);
    expect((await call(env(), `/v1/guilds/${guildId}/players/not-a-uuid`)).status).toBe(400);
    expect((await call(env(), `/v1/guilds/${guildId}/leaderboard?limit=100000`)).status).toBe(400);
    expect((await call(env(), `/v1/guilds/${guildId}/leaderboard?cursor=%%%`)).status).toBe(400);
  });

  it("refuses huge payloads with 413", async () => {
    const res = await call(env(), `/v1/guilds/${guildId}/players`, {
      method: "POST",
      admin: true,
      json: { discordUserId: "123456789012345678", displayName: "x".repeat(200_000) },
    });
    expect(res.status).toBe(413);
    expect((await body<ErrorBody>(res)).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("requires the admin token for writes and answers unknown routes with 404", async () => {
    const noToken = await call(env(), `/v1/guilds/${guildId}`, { method: "PUT", json: { name: "x" } });
    expect(noToken.status).toBe(401);
    const wrong = await call(env(), `/v1/guilds/${guildId}`, {
      method: "PUT",
      json: { name: "x" },
      headers: { authorization: "Bearer wrong-token-wrong-token" },
    });
    expect(wrong.status).toBe(401);
    // Without ADMIN_TOKEN the deployment-wide key is off, guild keys still work: no key is still a 401.
    const disabled = await call(bindingsFor(dialect, { ADMIN_TOKEN: undefined }), `/v1/guilds/${guildId}`, {
      method: "PUT",
      json: { name: "x" },
      headers: { authorization: "Bearer test-admin-token-0123456789" },
    });
    expect(disabled.status).toBe(401);
    expect((await call(env(), "/nope")).status).toBe(404);
    expect((await call(env(), `/v1/guilds/${guildId}/players/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("refuses invalid results without writing anything", async () => {
    await call(env(), `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "g" } });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++)
      ids.push(
        (
          await body<{ id: string }>(
            await call(env(), `/v1/guilds/${guildId}/players`, {
              method: "POST",
              admin: true,
              json: { discordUserId: randomSnowflake(), displayName: `p${i}` },
            }),
          )
        ).id,
      );
    const dupTeams = await call(env(), `/v1/guilds/${guildId}/matches`, { method: "POST", admin: true, json: { teams: [[ids[0]], [ids[0]]] } });
    expect(dupTeams.status).toBe(400);
    const match = await body<{ id: string }>(
      await call(env(), `/v1/guilds/${guildId}/matches`, { method: "POST", admin: true, json: { teams: [[ids[0]], [ids[1]]] } }),
    );
    const badWinner = await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { winner: 7 } });
    expect(badWinner.status).toBe(400);
    const badRanks = await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { ranks: [0] } });
    expect(badRanks.status).toBe(400);
    // A body that says both "team 0 won" and "team 1 placed first" contradicts itself.
    const mixed = await call(env(), `/v1/guilds/${guildId}/matches/${match.id}/result`, { method: "POST", admin: true, json: { winner: 0, ranks: [1, 0] } });
    expect(mixed.status).toBe(400);
    expect((await body<{ error: { code: string } }>(mixed)).error.code).toBe("VALIDATION_FAILED");
    const weightForStranger = await call(env(), `/v1/guilds/${guildId}/matches`, {
      method: "POST",
      admin: true,
      json: { teams: [[ids[0]], [ids[1]]], weights: { [crypto.randomUUID()]: 0.5 } },
    });
    expect(weightForStranger.status).toBe(400);
    const player = await body<{ standing: { games: number; rating: number } }>(await call(env(), `/v1/guilds/${guildId}/players/${ids[0]}`));
    expect(player.standing).toMatchObject({ games: 0, rating: 1500 });
    expect((await call(env(), `/v1/guilds/${guildId}/matches/${match.id}`)).status).toBe(200);
    expect(await body<{ status: string }>(await call(env(), `/v1/guilds/${guildId}/matches/${match.id}`))).toMatchObject({ status: "pending" });
  });

  it("answers 503 with Retry-After when the database is unreachable", async () => {
    const dead = dialect === "sqlite" ? { DATABASE_URL: "http://127.0.0.1:9" } : { DATABASE_URL: bindingsFor("pg").DATABASE_URL?.replace(/:(\d+)\//, ":9/") };
    const res = await call(bindingsFor(dialect, dead), `/v1/guilds/${guildId}/leaderboard`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect((await body<ErrorBody>(res)).error.code).toBe("UNAVAILABLE");
    const ready = await call(bindingsFor(dialect, dead), "/health/ready");
    expect(ready.status).toBe(503);
    const probe = await body<{ backend: string; problem: string; error: string }>(ready);
    expect(probe).toMatchObject({ problem: "unreachable", error: "the database is unreachable" });
    // Names the backend, never the URL, credentials or the driver's own words.
    expect(JSON.stringify(probe)).not.toMatch(/127\.0\.0\.1|:9\b|postgres:|ECONNREFUSED|fetch failed|connect/i);
  });
});
