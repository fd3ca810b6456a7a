/** Builders for the Worker suites: a guild with players and some played matches, through the API. */
import { expect } from "vitest";
import type { Bindings } from "../../src/env";
import { body, call, randomSnowflake } from "./worker";

export interface SeededLadder {
  guildId: string;
  players: Array<{ id: string; discordUserId: string; displayName: string }>;
  matchIds: string[];
}

/** `n` players (even) and `matches` matches of the first half against the second, first team winning. */
export async function seedLadder(env: Bindings, n: number, matches: number): Promise<SeededLadder> {
  const guildId = randomSnowflake();
  expect((await call(env, `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name: "Test guild" } })).status).toBe(200);
  const players: SeededLadder["players"] = [];
  for (let i = 0; i < n; i++) {
    const res = await call(env, `/v1/guilds/${guildId}/players`, {
      method: "POST",
      admin: true,
      json: { discordUserId: randomSnowflake(), displayName: `Player ${i}` },
    });
    expect(res.status).toBe(201);
    players.push(await body(res));
  }
  const matchIds: string[] = [];
  for (let m = 0; m < matches; m++) {
    const half = n / 2;
    const teams = [players.slice(0, half).map((p) => p.id), players.slice(half).map((p) => p.id)];
    const created = await call(env, `/v1/guilds/${guildId}/matches`, { method: "POST", admin: true, json: { teams } });
    expect(created.status).toBe(201);
    const { id } = await body<{ id: string }>(created);
    expect((await call(env, `/v1/guilds/${guildId}/matches/${id}/result`, { method: "POST", admin: true, json: { winner: m % 2 } })).status).toBe(201);
    matchIds.push(id);
  }
  return { guildId, players, matchIds };
}
