/** Bulk import through the Worker on both dialects: 5,000 rows in one write, CSV, per-row errors, re-runs. */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";
import { seedLadder } from "../support/api";

describe.each<Dialect>(["sqlite", "pg"])("player import on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("imports 5,000 JSON rows atomically in one write, and a re-run changes nothing", async () => {
    const { guildId } = await seedLadder(env(), 2, 0);
    const base = 300_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e9)) * 10_000n;
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      discordUserId: `${base + BigInt(i)}`,
      displayName: `Imported ${i}`,
      ...(i % 2 === 0 ? { rating: 1000 + (i % 900), deviation: 80, wins: i % 7, losses: i % 5, draws: 0 } : {}),
    }));
    const res = await call(env(), `/v1/guilds/${guildId}/players/import`, { method: "POST", admin: true, json: { rows } });
    expect(res.status).toBe(201);
    expect(await body(res)).toMatchObject({ ladder: "default", players: 5_000, ratings: 2_500, ratingsKept: 0 });
    // The ladder read, then one batch.
    expect(res.headers.get("x-db-round-trips")).toBe("2");
    const board = await body<{ items: Array<{ rating: number; displayName: string }> }>(await call(env(), `/v1/guilds/${guildId}/leaderboard?all=1&limit=1`));
    expect(board.items[0]?.rating).toBe(1898);
    const again = await call(env(), `/v1/guilds/${guildId}/players/import`, { method: "POST", admin: true, json: { rows } });
    expect(await body(again)).toMatchObject({ players: 5_000, ratings: 2_500 });
    const list = await body<{ items: unknown[]; nextCursor: string | null }>(await call(env(), `/v1/guilds/${guildId}/players?limit=100`));
    expect(list.nextCursor).not.toBeNull();
  });

  it("imports CSV, keeps ratings that matches already moved, and reports every bad row writing nothing", async () => {
    const { guildId, players } = await seedLadder(env(), 2, 1);
    const played = players[0];
    const fresh = randomSnowflake();
    const csv = `discordUserId,displayName,rating,deviation,wins,losses\n${fresh},"Doe, Jane",1700,90,3,1\n${played?.discordUserId},Renamed,2500,60,9,9\n`;
    const res = await call(env(), `/v1/guilds/${guildId}/players/import`, { method: "POST", admin: true, body: csv, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(201);
    expect(await body(res)).toMatchObject({ players: 2, ratings: 1, ratingsKept: 1 });
    const jane = await body<{ player: { displayName: string }; standing: { rating: number; wins: number } }>(
      await call(env(), `/v1/guilds/${guildId}/players/${fresh}`),
    );
    expect(jane.player.displayName).toBe("Doe, Jane");
    expect(jane.standing).toMatchObject({ rating: 1700, wins: 3 });
    const kept = await body<{ player: { displayName: string }; standing: { rating: number } }>(
      await call(env(), `/v1/guilds/${guildId}/players/${played?.id}`),
    );
    expect(kept.player.displayName).toBe("Renamed");
    expect(kept.standing.rating).not.toBe(2500);

    const newcomer = randomSnowflake();
    const bad = await call(env(), `/v1/guilds/${guildId}/players/import`, {
      method: "POST",
      admin: true,
      json: {
        rows: [
          { discordUserId: newcomer, displayName: "Fine" },
          { discordUserId: "18446744073709551616", displayName: "Too big" },
          { discordUserId: randomSnowflake(), displayName: "\u200b" },
          { discordUserId: newcomer, displayName: "Twice" },
          { discordUserId: randomSnowflake(), displayName: "Bad RD", deviation: 5000 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const err = await body<{ error: { code: string; details: { rows: Array<{ row: number; field: string }> } } }>(bad);
    expect(err.error.code).toBe("VALIDATION_FAILED");
    expect([...new Set(err.error.details.rows.map((r) => r.row))]).toEqual([2, 3, 4, 5]);
    expect((await call(env(), `/v1/guilds/${guildId}/players/${newcomer}`)).status).toBe(404);
    const tooMany = await call(env(), `/v1/guilds/${guildId}/players/import`, {
      method: "POST",
      admin: true,
      json: { rows: Array.from({ length: 5_001 }, () => ({})) },
    });
    expect(tooMany.status).toBe(400);
  });
});
