/**
 * `npm run dev`: the whole service on this machine with no external service.
 *   default  local libSQL server (Hrana over HTTP, the libsql engine) on .data/dev.db
 *   --pg     Neon proxy in front of PostgreSQL (PG_URL, else 127.0.0.1:5432, else PGlite in .data/pglite)
 * Then: apply migrations, seed the demo guild once, and run `wrangler dev` pointed at it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRepository } from "../db/repository";
import { startLibsqlServer } from "./libsql-server";
import { announceDevAccess } from "./dev-access";
import { ensureDevDiscordKey } from "./dev-discord-key";
import { migrateDatabase } from "./migrate";
import { openDatabase } from "./database";
import { DEMO_GUILD_ID, seedDemo } from "./seed";

const usePg = process.argv.includes("--pg");
const port = process.env.PORT ?? "8787";
const adminToken = process.env.ADMIN_TOKEN ?? "dev-admin-token-change-me";
const cleanups: Array<() => Promise<void>> = [];
const TOKEN_FILE = ".data/libsql-auth-token";

/**
 * The local libSQL server's bearer token. Without one any local process, and any web page that
 * found a way past the server's browser checks, could run SQL on the dev database. Kept in .data/
 * (git-ignored, owner-only) so it survives restarts and other local tools (sqlite-web, a script
 * with DATABASE_AUTH_TOKEN) can reuse it; delete the file to rotate it.
 */
function devAuthToken(): string {
  if (existsSync(TOKEN_FILE)) {
    const saved = readFileSync(TOKEN_FILE, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  const token = randomBytes(32).toString("base64url");
  writeFileSync(TOKEN_FILE, `${token}\n`, { mode: 0o600 });
  chmodSync(TOKEN_FILE, 0o600);
  return token;
}

async function startBackend(): Promise<Record<string, string>> {
  mkdirSync(".data", { recursive: true });
  if (!usePg) {
    const authToken = devAuthToken();
    const server = await startLibsqlServer({ path: ".data/dev.db", port: Number(process.env.LIBSQL_PORT ?? 0), authToken });
    cleanups.push(() => server.close());
    console.log(`[dev] libSQL (Hrana over HTTP) on ${server.url}, file .data/dev.db, bearer token in ${TOKEN_FILE}`);
    return { DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: authToken };
  }
  const { startPostgresBackend } = await import("./postgres-backend");
  const { configureNeonForLocalProxy, startNeonProxy } = await import("./neon-proxy");
  const { postgresAddress } = await import("./neon/targets");
  const pg = await startPostgresBackend({ database: "teamrank_dev", pgliteDataDir: ".data/pglite", log: (l) => console.log(`[dev] ${l}`) });
  // Relay to this PostgreSQL only, not to any local port (neon/targets.ts).
  const proxy = await startNeonProxy({ targets: [postgresAddress(pg.url)] });
  configureNeonForLocalProxy(proxy.address);
  cleanups.push(
    () => proxy.close(),
    () => pg.close(),
  );
  console.log(`[dev] Postgres (${pg.kind}) behind the local Neon proxy ${proxy.address}`);
  return { DATABASE_URL: pg.url, NEON_LOCAL_PROXY: proxy.address };
}

async function main() {
  const vars = await startBackend();
  await migrateDatabase(vars.DATABASE_URL ?? "", vars.DATABASE_AUTH_TOKEN);
  const database = openDatabase({
    url: vars.DATABASE_URL ?? "",
    authToken: vars.DATABASE_AUTH_TOKEN,
    transport: "http",
    localNeonProxy: vars.NEON_LOCAL_PROXY,
  });
  const summary = await seedDemo(createRepository(database));
  await announceDevAccess(createRepository(database), { guildId: DEMO_GUILD_ID, port, adminToken });
  await database.close();
  console.log(
    summary.skipped
      ? `[dev] demo guild ${DEMO_GUILD_ID} already seeded`
      : `[dev] seeded demo guild ${DEMO_GUILD_ID}: ${summary.players} players, ${summary.matches} matches`,
  );

  const discordKey = ensureDevDiscordKey();
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    "--var",
    `ADMIN_TOKEN:${adminToken}`,
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    // wrangler reads .dev.vars itself; a key from anywhere else is passed on.
    ...(discordKey.source === ".dev.vars" ? [] : ["--var", `DISCORD_PUBLIC_KEY:${discordKey.publicKeyHex}`]),
  ];
  // Its own process group: `npx` does not pass signals on, so stopping only npx left wrangler and
  // workerd running (holding the port and the dev token); the whole group is signalled instead.
  const wrangler = spawn("npx", ["wrangler", ...args], { stdio: "inherit", detached: true, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  console.log(`[dev] try: curl http://127.0.0.1:${port}/health   and   curl http://127.0.0.1:${port}/v1/guilds/${DEMO_GUILD_ID}/leaderboard`);
  console.log(
    `[dev] Discord: POST http://127.0.0.1:${port}/interactions (key from ${discordKey.source}); try: npm run discord -- "/lobby open size:4" --as 111111111111111111`,
  );
  const stop = async (code: number) => {
    try {
      if (wrangler.pid !== undefined) process.kill(-wrangler.pid, "SIGTERM");
    } catch {
      // already gone
    }
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  wrangler.on("exit", (code) => void stop(code ?? 0));
}

main().catch(async (error: unknown) => {
  console.error("[dev] failed:", error instanceof Error ? error.message : error);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(1);
});
