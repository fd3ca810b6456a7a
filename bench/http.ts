/**
 * The public API on local workerd (wrangler's runtime) over a seeded libSQL stand-in:
 *   - database round trips per public endpoint, first request (miss) and repeated (edge-cache hit);
 *   - requests/s of the cached leaderboard beside /health (no database) in the same run, same client.
 * `npm run bench -- http`. Numbers are for this machine; the ratio is what the target is about.
 */
import { unstable_dev } from "wrangler";
import { createRepository } from "../src/db/repository";
import { openDatabase } from "../src/node/database";
import { startLibsqlServer } from "../src/node/libsql-server";
import { migrateDatabase } from "../src/node/migrate";
import { DEMO_GUILD_ID, seedDemo } from "../src/node/seed";

async function throughput(url: string, seconds: number, concurrency: number): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        // Many client addresses, as on the edge: the per-IP limit is still consulted on every request.
        const res = await fetch(url, { headers: { "cf-connecting-ip": `10.0.${done % 250}.${(done >> 8) % 250}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        done++;
      }
    }),
  );
  return done / seconds;
}

export async function runHttpBench(): Promise<void> {
  const libsql = await startLibsqlServer({ path: ":memory:" });
  await migrateDatabase(libsql.url);
  const database = openDatabase({ url: libsql.url, transport: "http" });
  const repo = createRepository(database);
  await seedDemo(repo);
  const someone = (await repo.leaderboard.page(DEMO_GUILD_ID, { limit: 1 })).items[0];
  await database.close();
  const worker = await unstable_dev("src/index.ts", {
    config: "wrangler.toml",
    vars: { DATABASE_URL: libsql.url },
    ip: "127.0.0.1",
    experimental: { disableExperimentalWarning: true },
    logLevel: "error",
  });
  const base = `http://${worker.address}:${worker.port}`;
  const g = `/v1/guilds/${DEMO_GUILD_ID}`;
  try {
    console.log("\n== Public reads: database round trips (miss, then cache hit) ==");
    const reads = [
      `${g}`,
      `${g}/ladders`,
      `${g}/ladders/default`,
      `${g}/ladders/default/seasons`,
      `${g}/ladders/default/seasons/1/standings`,
      `${g}/leaderboard`,
      `${g}/leaderboard?all=1&limit=100`,
      `${g}/players`,
      `${g}/players/${someone?.playerId}`,
      `${g}/players/${someone?.discordUserId}`,
      `${g}/players/${someone?.playerId}/history`,
      `${g}/players/${someone?.playerId}/analytics`,
      `${g}/analytics`,
      `${g}/matches`,
      `/g/${DEMO_GUILD_ID}`,
      `/g/${DEMO_GUILD_ID}/p/${someone?.playerId}`,
    ];
    for (const path of reads) {
      const miss = await fetch(base + path);
      await miss.arrayBuffer();
      const hit = await fetch(base + path);
      await hit.arrayBuffer();
      console.log(
        `  ${path
          .replace(DEMO_GUILD_ID, ":guild")
          .replace(someone?.playerId ?? "-", ":player")
          .replace(someone?.discordUserId ?? "-", ":discordId")
          .padEnd(52)} ${miss.status}  miss ${miss.headers.get("x-db-round-trips")}  hit ${hit.headers.get("x-db-round-trips")}`,
      );
    }
    const lobby = ((await (await fetch(`${base}${g}/players?limit=10`)).json()) as { items: Array<{ id: string }> }).items.map((p) => p.id);
    const balance = await fetch(`${base}${g}/balance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ players: lobby }),
    });
    console.log(
      `  POST ${g.replace(DEMO_GUILD_ID, ":guild")}/balance ${"".padEnd(23)} ${balance.status}  ${balance.headers.get("x-db-round-trips")} (never cached)`,
    );

    console.log("\n== Requests/s, same run, 32 concurrent clients, 3 s each, twice alternating ==");
    const board = `${base}${g}/leaderboard`;
    await throughput(board, 1, 8); // warm both
    await throughput(`${base}/health`, 1, 8);
    const results: Record<string, number[]> = { health: [], cached: [] };
    for (let round = 0; round < 2; round++) {
      results.health?.push(await throughput(`${base}/health`, 3, 32));
      results.cached?.push(await throughput(board, 3, 32));
    }
    const mean = (xs: number[] = []) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const health = mean(results.health);
    const cached = mean(results.cached);
    console.log(`  /health (no database)       ${health.toFixed(0)} req/s`);
    console.log(`  leaderboard (cache hit)     ${cached.toFixed(0)} req/s  = ${((100 * cached) / health).toFixed(0)}% of /health (target >= 80%)`);
  } finally {
    await worker.stop();
    await libsql.close();
  }
}
