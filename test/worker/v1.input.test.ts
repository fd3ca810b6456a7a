/**
 * Input found to break things as a user would, once per dialect: each is a 400 (or 404) with a clear
 * code before any driver sees it (Postgres refuses NUL and unpaired surrogates; SQLite stores them).
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";
import { seedLadder } from "../support/api";

type ErrorBody = { error: { code: string; message: string; requestId: string } };
const cursor = (value: unknown) => btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

describe.each<Dialect>(["sqlite", "pg"])("hostile input on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  async function expect400(res: Response, code = "VALIDATION_FAILED") {
    expect(res.status).toBe(400);
    const err = await body<ErrorBody>(res);
    expect(err.error.code).toBe(code);
    expect(err.error.requestId).toBeTruthy();
    return err;
  }

  it("refuses NUL, unpaired surrogates, control and invisible-only names", async () => {
    const { guildId, players } = await seedLadder(env(), 2, 0);
    const post = (raw: string) =>
      call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, body: raw, headers: { "content-type": "application/json" } });
    const id = randomSnowflake();
    for (const name of ["bad\\u0000name", "\\ud800", "x\\udc00y", "\\u200b\\u200b", "\\u202e\\u2066", "   ", "a\\u0007b"]) {
      await expect400(await post(`{"discordUserId":"${id}","displayName":"${name}"}`));
    }
    expect((await post(`{"discordUserId":"${id}","displayName":"Zoë 🎮 \\u200bok"}`)).status).toBe(201);
    await expect400(await call(env(), `/v1/guilds/${guildId}/players/${players[0]?.id}`, { method: "PATCH", admin: true, json: { displayName: "\u0000" } }));
    await expect400(await call(env(), `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "ok", settings: { locale: "en\u0000" } } }));
  });

  it("refuses Discord ids beyond 64 bits and non-snowflakes", async () => {
    const { guildId } = await seedLadder(env(), 2, 0);
    await expect400(
      await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { discordUserId: "18446744073709551616", displayName: "x" } }),
    );
    expect(
      (await call(env(), `/v1/guilds/${guildId}/players`, { method: "POST", admin: true, json: { discordUserId: "18446744073709551615", displayName: "max" } }))
        .status,
    ).toBe(201);
    await expect400(await call(env(), "/v1/guilds/99999999999999999999/leaderboard"));
  });

  it("accepts only typed guild settings, not any JSON blob", async () => {
    const guildId = randomSnowflake();
    const put = (settings: unknown) => call(env(), `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "g", settings } });
    await expect400(await put({ anything: "x".repeat(1000) }));
    await expect400(await put({ locale: 12 }));
    await expect400(await put({ staffRoleIds: Array.from({ length: 30 }, () => randomSnowflake()) }));
    const ok = await put({ locale: "pt-BR", timezone: "Europe/Paris", staffRoleIds: [randomSnowflake()] });
    expect(ok.status).toBe(200);
    expect((await body<{ settings: { locale: string } }>(ok)).settings.locale).toBe("pt-BR");
    // The public read does not show settings at all.
    expect(await (await call(env(), `/v1/guilds/${guildId}`)).text()).not.toContain("settings");
  });

  it("refuses crafted cursors of every kind with 400 BAD_REQUEST", async () => {
    const { guildId, players } = await seedLadder(env(), 2, 1);
    const bad = [
      cursor({ r: 1500, id: "not-a-uuid", rank: 1 }),
      cursor({ r: "1500", id: players[0]?.id, rank: 1 }),
      cursor({ r: 1500, id: players[0]?.id, rank: 1e300 }),
      cursor({ r: 1500, id: `${players[0]?.id}\u0000`, rank: 1 }),
      cursor({ at: 1e20, id: players[0]?.id }),
      cursor({ seq: -1.5 }),
      cursor(null),
      cursor([1, 2]),
      "%%%",
      "AAAA",
    ];
    for (const c of bad) {
      for (const path of ["leaderboard", "players", "matches", `players/${players[0]?.id}/history`, "ladders/default/seasons/1/standings"]) {
        const res = await call(env(), `/v1/guilds/${guildId}/${path}?cursor=${encodeURIComponent(c)}`);
        expect([400, 404], `${path} ${c}`).toContain(res.status);
      }
      await expect400(await call(env(), `/v1/guilds/${guildId}/leaderboard?cursor=${encodeURIComponent(c)}`), "BAD_REQUEST");
    }
  });

  it("answers 404 with a requestId for unknown routes and unknown players' history", async () => {
    const { guildId } = await seedLadder(env(), 2, 0);
    const unknown = await call(env(), "/v1/nothing/here");
    expect(unknown.status).toBe(404);
    expect((await body<ErrorBody>(unknown)).error.requestId).toBeTruthy();
    expect((await call(env(), `/v1/guilds/${guildId}/players/00000000-0000-4000-8000-000000000000/history`)).status).toBe(404);
    expect((await call(env(), `/v1/guilds/${guildId}/players/${randomSnowflake()}/history`)).status).toBe(404);
  });

  it("refuses weights for players not in the match", async () => {
    const { guildId, players } = await seedLadder(env(), 4, 0);
    const [a, b, c, d] = players.map((p) => p.id);
    const res = await call(env(), `/v1/guilds/${guildId}/matches`, {
      method: "POST",
      admin: true,
      json: { teams: [[a], [b]], weights: { [c ?? ""]: 0.5, [d ?? ""]: 0.5 } },
    });
    await expect400(res);
  });
});
