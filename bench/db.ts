/**
 * Database cost per repository call on every transport: round trips (counted by the instrumented
 * driver transport, src/db/round-trips.ts) and median / p95 wall time on this machine's stand-ins.
 * Also the Worker bundle size from `wrangler deploy --dry-run`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Transport } from "../src/db/connect";
import { countRoundTrips } from "../src/db/round-trips";
import { applyMatchResult } from "../src/services/results";
import { freshGuildId, startBackend, TRANSPORTS, withRequest } from "../test/support/backends";
import { seedGuild } from "../test/support/fixtures";

const ITERATIONS = 30;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(transport: Transport) {
  const backend = await startBackend(transport, "bench");
  const guildId = freshGuildId();
  const players = await withRequest(backend, (repo) => seedGuild(repo, guildId, 10));
  const ids = players.map((p) => p.id);
  const teams = [ids.slice(0, 5), ids.slice(5, 10)];
  const ops: Record<string, () => Promise<unknown>> = {
    "leaderboard page (25)": () => withRequest(backend, (r) => r.leaderboard.page(guildId, { limit: 25, all: true })),
    "get player": () => withRequest(backend, (r) => r.players.getById(guildId, ids[0] ?? "")),
    "get match + roster": async () => undefined,
    "create match 5v5": () => withRequest(backend, (r) => r.matches.create({ guildId, teams }, "bench")),
    "apply result 5v5": () => {
      const matchId = pending.pop() ?? "";
      return withRequest(backend, (r) => applyMatchResult(r, { guildId, matchId, outcome: { winner: 0 } }, "bench", { now: () => new Date() }));
    },
  };
  // Matches to report are created beforehand so that only the report itself is measured.
  const pending: string[] = [];
  for (let i = 0; i < ITERATIONS; i++) pending.push((await withRequest(backend, (r) => r.matches.create({ guildId, teams }, "bench"))).id);
  const someMatch = await withRequest(backend, (r) => r.matches.create({ guildId, teams }, "bench"));
  ops["get match + roster"] = () => withRequest(backend, (r) => r.matches.get(guildId, someMatch.id));
  const rows: string[] = [];
  for (const [name, op] of Object.entries(ops)) {
    const times: number[] = [];
    let trips = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      const { roundTrips } = await countRoundTrips(op);
      times.push(performance.now() - started);
      trips = roundTrips;
    }
    times.sort((a, b) => a - b);
    rows.push(
      `  ${name.padEnd(24)} round trips ${String(trips).padStart(2)}   median ${quantile(times, 0.5).toFixed(2).padStart(7)} ms   p95 ${quantile(times, 0.95).toFixed(2).padStart(7)} ms`,
    );
  }
  await backend.stop();
  return `${transport} (${backend.label})\n${rows.join("\n")}`;
}

function bundleSize(): string {
  const out = mkdtempSync(join(tmpdir(), "teamrank-bundle-"));
  try {
    const text = execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return /Total Upload:[^\n]*/.exec(text)?.[0] ?? "Total Upload: (not reported)";
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function runDbBench(): Promise<void> {
  console.log(`\n== Database round trips and latency per call (${ITERATIONS} runs each, one connection per call as in the Worker) ==`);
  for (const transport of TRANSPORTS) console.log(await measure(transport));
  console.log(`\n== Worker bundle (wrangler deploy --dry-run) ==\n  ${bundleSize()}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runDbBench();
