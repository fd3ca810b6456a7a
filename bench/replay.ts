/**
 * Corrections: round trips, wall time and CPU for replaying 10, 100 and 1,000 later 5v5 results on
 * every transport. CPU is split into the Worker's own share (planning the replay: rating every
 * later match again and building the rows, measured around `planReplay`) and the whole process
 * (which here also runs the local database stand-ins).
 */
import { countRoundTrips } from "../src/db/round-trips";
import { correctMatch, planReplay } from "../src/services/corrections";
import { applyMatchResult } from "../src/services/results";
import { freshGuildId, startBackend, TRANSPORTS, withRequest } from "../test/support/backends";
import { seedGuild } from "../test/support/fixtures";
import { seededRandom } from "../src/domain/random";

const TAILS = [10, 100, 1_000];
const HOUR = 3_600_000;

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function measure(transport: (typeof TRANSPORTS)[number]): Promise<string> {
  const backend = await startBackend(transport, "bench_replay");
  const guildId = freshGuildId();
  const ids = await withRequest(backend, async (repo) => (await seedGuild(repo, guildId, 20)).map((p) => p.id));
  const random = seededRandom(5);
  const total = Math.max(...TAILS) + 1;
  const matchIds: string[] = [];
  const t0 = Date.UTC(2026, 0, 1);
  await withRequest(backend, async (repo) => {
    for (let i = 0; i < total; i++) {
      const pool = [...ids].sort(() => random() - 0.5);
      const match = await repo.matches.create({ guildId, teams: [pool.slice(0, 5), pool.slice(5, 10)] }, "bench");
      await applyMatchResult(repo, { guildId, matchId: match.id, outcome: { winner: random() < 0.5 ? 0 : 1 } }, "bench", {
        now: () => new Date(t0 + i * HOUR),
      });
      matchIds.push(match.id);
    }
  });
  const rows: string[] = [];
  for (const tail of TAILS) {
    const matchId = matchIds[total - 1 - tail] ?? "";
    // The pure share: plan the same replay once more from a fresh snapshot, without writing.
    const snapshot = await withRequest(backend, (repo) => repo.corrections.load(guildId, matchId));
    // Median of 7 plans: one cold run pays for the JIT, and the machine may be shared.
    const plans: number[] = [];
    for (let k = 0; k < 7; k++) {
      const planStart = process.cpuUsage();
      planReplay(snapshot, { kind: "correct", ranks: snapshot.match.ranks?.map((r) => 1 - r) ?? [] }, new Date());
      plans.push(cpuMs(planStart));
    }
    const planCpu = plans.sort((a, b) => a - b)[3] ?? Number.NaN;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const { result, roundTrips, bytesSent } = await countRoundTrips(() =>
      withRequest(backend, (repo) =>
        correctMatch(repo, { guildId, matchId, kind: "correct", outcome: { ranks: snapshot.match.ranks?.map((r) => 1 - r) ?? [] } }, "bench", {
          now: () => new Date(),
        }),
      ),
    );
    const wall = performance.now() - started;
    rows.push(
      `  replay ${String(result.replayedMatches).padStart(5)} later 5v5   round trips ${String(roundTrips).padStart(2)}   wall ${wall.toFixed(1).padStart(7)} ms   ` +
        `Worker CPU (plan, median of 7) ${planCpu.toFixed(1).padStart(6)} ms   process CPU ${cpuMs(cpuStart).toFixed(1).padStart(7)} ms` +
        (bytesSent > 0 ? `   sent ${(bytesSent / 1e6).toFixed(2)} MB` : ""),
    );
  }
  await backend.stop();
  return `${transport} (${backend.label})\n${rows.join("\n")}`;
}

export async function runReplayBench(): Promise<void> {
  console.log("\n== Corrections: replaying later results (npm run bench -- replay) ==");
  for (const transport of TRANSPORTS) console.log(await measure(transport));
}
