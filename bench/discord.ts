/**
 * `npm run bench -- discord`: every Discord command and button against the real Worker on local
 * workerd (wrangler's `unstable_dev`), once per dialect: libSQL through the local Hrana server, and
 * Postgres through the local Neon proxy (SQL over HTTP). Requests are signed as Discord signs them
 * (src/node/discord-client.ts) with a key made for the run. Round trips come from the Worker's own
 * `x-db-round-trips` header; latency is the client's, from sending the request to reading the reply.
 * Targets (issue #7): Join, Leave, report and confirm ≤ 2 round trips, everything else ≤ 3 (a
 * replay, `/match undo|correct`, is deferred and not measured here), all well inside Discord's 3 s.
 */
import { generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { unstable_dev } from "wrangler";
import { rawPublicKeyHex } from "../src/node/dev-discord-key";
import { signatureHeaders } from "../src/node/discord-client";
import { startLibsqlServer } from "../src/node/libsql-server";
import { migrateDatabase } from "../src/node/migrate";
import { startDiscordRecorder } from "../test/support/discord-recorder";
import { type Reply, runScenario } from "./discord-scenario";

const RUNS = 50;
const TARGET_2 = new Set(["Join", "Leave", "report", "confirm"]);
/** Commands whose successful answer is itself ephemeral (only the presser sees it): what it says. */
const EPHEMERAL_SUCCESS: Record<string, RegExp> = { "/setup": /^Staff role set/ };

type Dialect = "sqlite" | "pg";

interface Started {
  vars: Record<string, string>;
  label: string;
  close(): Promise<void>;
}

async function startDatabase(dialect: Dialect): Promise<Started> {
  if (dialect === "sqlite") {
    const server = await startLibsqlServer({ path: ":memory:" });
    await migrateDatabase(server.url);
    return { vars: { DATABASE_URL: server.url }, label: `libSQL: local Hrana server ${server.url} (libsql engine, memory)`, close: () => server.close() };
  }
  const { startPostgresBackend } = await import("../src/node/postgres-backend");
  const { startNeonProxy } = await import("../src/node/neon-proxy");
  const { postgresAddress } = await import("../src/node/neon/targets");
  // Its own database, dropped and made again: other engineers' runs share this PostgreSQL.
  const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
  const pg = await startPostgresBackend({ database: "teamrank_bench_discord", fresh: true, prefer, log: () => {} });
  await migrateDatabase(pg.url);
  const proxy = await startNeonProxy({ targets: [postgresAddress(pg.url)], log: () => {} });
  return {
    vars: { DATABASE_URL: pg.url, NEON_LOCAL_PROXY: proxy.address },
    label: `Postgres: Neon SQL over HTTP via local proxy ${proxy.address} -> ${pg.kind === "pglite" ? "PGlite" : `PostgreSQL (${pg.kind})`}`,
    close: async () => {
      await proxy.close();
      await pg.close();
    },
  };
}

/** Nearest rank: with 50 runs the p99 is the slowest run. */
const quantile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

async function measure(dialect: Dialect): Promise<string> {
  const database = await startDatabase(dialect);
  const recorder = await startDiscordRecorder();
  const { privateKey } = generateKeyPairSync("ed25519");
  const worker = await unstable_dev("src/index.ts", {
    config: "wrangler.toml",
    ip: "127.0.0.1",
    logLevel: "error",
    vars: { ...database.vars, DISCORD_PUBLIC_KEY: rawPublicKeyHex(privateKey), DISCORD_API_BASE_URL: recorder.url },
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });
  const samples = new Map<string, Array<{ trips: number; ms: number }>>();
  try {
    await runScenario(async (label, payload) => {
      const body = JSON.stringify(payload);
      const headers = { "content-type": "application/json", ...signatureHeaders(body, privateKey) };
      const started = performance.now();
      const response = await fetch(`http://${worker.address}:${worker.port}/interactions`, { method: "POST", body, headers });
      const reply = (await response.json()) as Reply;
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`${label ?? "preparation"}: HTTP ${response.status} ${JSON.stringify(reply)}`);
      if (label === null) return reply;
      // A refusal (an ephemeral notice) would measure the wrong thing: stop rather than report it.
      const ephemeral = ((reply.data?.flags ?? 0) & 64) !== 0;
      const refused = ephemeral && !EPHEMERAL_SUCCESS[label]?.test(reply.data?.content ?? "");
      if (refused) throw new Error(`${label} was refused: ${reply.data?.content}`);
      const trips = Number(response.headers.get("x-db-round-trips") ?? Number.NaN);
      samples.set(label, [...(samples.get(label) ?? []), { trips, ms }]);
      return reply;
    }, RUNS);
  } finally {
    await worker.stop();
    await recorder.close();
    await database.close();
  }
  const rows = [...samples].map(([label, runs]) => {
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const trips = runs.map((r) => r.trips);
    const [lo, hi] = [Math.min(...trips), Math.max(...trips)];
    const target = TARGET_2.has(label) ? 2 : 3;
    return `  ${label.padEnd(26)} ${(lo === hi ? String(hi) : `${lo}-${hi}`).padStart(5)} ${`≤ ${target}`.padStart(6)} ${hi <= target ? " ok " : "OVER"} ${quantile(ms, 0.5).toFixed(1).padStart(8)} ${quantile(ms, 0.99).toFixed(1).padStart(8)}`;
  });
  const head = `  ${"interaction".padEnd(26)} ${"trips".padStart(5)} ${"target".padStart(6)}      ${"median".padStart(8)} ${"p99".padStart(8)}  (ms, ${RUNS} runs each)`;
  return `${database.label}\n${head}\n${rows.join("\n")}`;
}

export async function runDiscordBench(): Promise<void> {
  console.log(`\n== Discord interactions on local workerd: database round trips and latency (${RUNS} runs each) ==`);
  for (const dialect of ["sqlite", "pg"] as const) console.log(await measure(dialect));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runDiscordBench();
  process.exit(0);
}
