/**
 * Rating bench: prediction quality of old defaults, new defaults and calibrated settings against
 * openskill and an oracle that knows the true skills, on synthetic ladders (bench/ratings-histories.ts),
 * plus how stable calibration is on short histories. Our numbers come from replayScores, the same
 * path the product rates with (decayRating, winProbabilities, rateMatch). Seeded and
 * deterministic; prints a report, asserts nothing. Run: npx tsx bench/ratings.ts
 */
import { pathToFileURL } from "node:url";
import { predictWin, rate, rating as osRating } from "openskill";
import type { Rating as OsRating } from "openskill";
import { calibrate } from "../src/domain/calibration.js";
import type { CalibrationGrid } from "../src/domain/calibration.js";
import { DEFAULT_GLICKO_CONFIG, LEGACY_GLICKO_CONFIG } from "../src/domain/glicko2.js";
import type { GlickoConfig } from "../src/domain/glicko2.js";
import { meanOf, replayScores } from "../src/domain/replay.js";
import { community, drifting, stationary } from "./ratings-histories.js";
import type { Generator, History } from "./ratings-histories.js";

const SEEDS = [1, 2, 3, 4, 5, 6];
const GENERATORS: [string, Generator][] = [
  ["stationary (200 players, fixed skills)", stationary],
  ["drifting (AR(1) skills, correlation halves over the year)", drifting],
  ["community (arrivals, breaks with skill change, learning curves)", community],
];
/** The calibration grid with idle decay as a third axis, to see whether it earns its place. */
const WITH_DECAY: Partial<CalibrationGrid> = { idleDeviationPerDay: [1.5, 3, 6, 10] };

interface Score {
  brier: number;
  logLoss: number;
}
const clip = (p: number): number => Math.min(1 - 1e-12, Math.max(1e-12, p));
const pad = (x: string | number, w: number): string => String(x).padStart(w);
const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const half = (h: History): number => Math.round(h.matches.length / 2);

/** Our model under a config, scored on the later half exactly as calibration scores it. */
function ours(h: History, config: GlickoConfig): Score {
  const s = replayScores(h.matches, config);
  return { brier: meanOf(s.brier, half(h), h.matches.length), logLoss: meanOf(s.logLoss, half(h), h.matches.length) };
}

/** The truth, scored like everyone else. */
function oracle(h: History): Score {
  let brier = 0;
  let logLoss = 0;
  for (let i = half(h); i < h.matches.length; i += 1) {
    const [p, y] = [h.truth[i] ?? 0.5, h.won[i] ?? 0];
    brier += (p - y) ** 2;
    logLoss -= y * Math.log(clip(p)) + (1 - y) * Math.log(1 - clip(p));
  }
  const n = h.matches.length - half(h);
  return { brier: brier / n, logLoss: logLoss / n };
}

/** openskill 5 with its defaults (Plackett–Luce), learning from every match. */
function openskill(h: History): Score {
  const r = new Map<string, OsRating>();
  let brier = 0;
  let logLoss = 0;
  h.matches.forEach((m, i) => {
    const teams = m.teams.map((t) => t.map((id) => r.get(id) ?? osRating()));
    if (i >= half(h)) {
      const [p, y] = [predictWin(teams)[0] ?? 0.5, h.won[i] ?? 0];
      brier += (p - y) ** 2;
      logLoss -= y * Math.log(clip(p)) + (1 - y) * Math.log(1 - clip(p));
    }
    const next = rate(teams, { rank: m.ranks.map((x) => x + 1) });
    m.teams.forEach((t, ti) => {
      t.forEach((id, j) => {
        const v = next[ti]?.[j];
        if (v) r.set(id, v);
      });
    });
  });
  const n = h.matches.length - half(h);
  return { brier: brier / n, logLoss: logLoss / n };
}

const describe = (c: GlickoConfig): string => `σ0 ${c.initialVolatility} RD0 ${c.initialDeviation} c ${c.idleDeviationPerDay}`;

function benchGenerator(name: string, generate: Generator): void {
  const rows = new Map<string, { scores: Score[]; notes: string[] }>();
  const add = (row: string, s: Score, note = ""): void => {
    const entry = rows.get(row) ?? { scores: [], notes: [] };
    entry.scores.push(s);
    if (note) entry.notes.push(note);
    rows.set(row, entry);
  };
  let neverWorse = 0;
  let neverWorseDecay = 0;
  for (const seed of SEEDS) {
    const h = generate(seed);
    add("openskill 5 (Plackett–Luce defaults)", openskill(h));
    add("oracle (true skills)", oracle(h));
    add("old defaults (350 / 0.06, decay by σ)", ours(h, LEGACY_GLICKO_CONFIG));
    add("new defaults", ours(h, DEFAULT_GLICKO_CONFIG));
    for (const [row, grid] of [
      ["calibrated σ0 × RD0", {}],
      ["calibrated σ0 × RD0 × c", WITH_DECAY],
    ] as const) {
      const cal = calibrate(h.matches, DEFAULT_GLICKO_CONFIG, { grid });
      if (!cal.ok) throw new Error(cal.reason);
      add(row, ours(h, cal.best), describe(cal.best));
      if (cal.bestTestLogLoss <= cal.currentTestLogLoss) {
        if (grid === WITH_DECAY) neverWorseDecay += 1;
        else neverWorse += 1;
      }
      if (grid === WITH_DECAY) {
        const hindsight = cal.grid.reduce((a, b) => (b.testLogLoss < a.testLogLoss ? b : a));
        add("best grid point in hindsight (σ0 × RD0 × c)", ours(h, hindsight.config), describe(hindsight.config));
      }
    }
  }
  const mean = (row: string, key: keyof Score): number => avg(rows.get(row)?.scores.map((s) => s[key]) ?? []);
  const share = (row: string, key: keyof Score): number => {
    const o = mean("oracle (true skills)", key);
    return (mean(row, key) - o) / (mean("openskill 5 (Plackett–Luce defaults)", key) - o);
  };
  console.log(`\n### ${name}`);
  console.log(`${"".padEnd(46)} ${pad("Brier", 7)} ${pad("log loss", 8)} ${pad("share B", 7)} ${pad("share LL", 8)}  settings picked per seed`);
  for (const [row, entry] of rows) {
    const notes = [...new Set(entry.notes)].map((n) => `${n} ×${entry.notes.filter((x) => x === n).length}`).join("; ");
    console.log(
      `${row.padEnd(46)} ${pad(mean(row, "brier").toFixed(4), 7)} ${pad(mean(row, "logLoss").toFixed(4), 8)} ${pad(share(row, "brier").toFixed(3), 7)} ${pad(share(row, "logLoss").toFixed(3), 8)}  ${notes}`,
    );
  }
  console.log(
    `calibrated never worse than the new defaults on the held-out half: σ0 × RD0 ${neverWorse}/${SEEDS.length} seeds, σ0 × RD0 × c ${neverWorseDecay}/${SEEDS.length}`,
  );
}

/**
 * How short is too short: calibrate on the first N matches (N set by games per player) and
 * measure the regret of the pick on that history's own later half against the grid's best there.
 */
function benchShortHistories(): void {
  console.log("\n### calibration on short histories: held-out log loss regret of the pick vs the grid's best (nats/match, mean / max over seeds)");
  console.log(`${"games per player".padEnd(18)} ${["stationary", "drifting", "community"].map((x) => pad(x, 16)).join(" ")}`);
  for (const games of [25, 50, 75, 100, 150]) {
    const cells = [stationary, drifting, community].map((generate) => {
      const regrets = SEEDS.map((seed) => {
        const h = generate(seed, Math.round((games * 200) / 10));
        const cal = calibrate(h.matches, DEFAULT_GLICKO_CONFIG, { minMatches: 0, minGamesPerPlayer: 0 });
        if (!cal.ok) return Number.NaN;
        return cal.bestTestLogLoss - Math.min(...cal.grid.map((c) => c.testLogLoss));
      });
      return pad(`${avg(regrets).toFixed(4)} / ${Math.max(...regrets).toFixed(4)}`, 16);
    });
    console.log(`${pad(games, 18)} ${cells.join(" ")}`);
  }
}

/** Entry point for bench/index.ts (part of `npm run bench -- domain`). */
export function runRatingsBench(): void {
  const t0 = performance.now();
  console.log("\n## Prediction quality and calibration (bench/ratings.ts)");
  console.log(`5v5 ladders, 6000 matches over a year (≈ 0.8 games per player per day), ${SEEDS.length} seeds; scored on the later half before each result.`);
  console.log("share = (ours − oracle) / (openskill − oracle) on the seed means, for Brier (B) and log loss (LL); lower is better.");
  console.log(`old defaults: ${describe(LEGACY_GLICKO_CONFIG)}; new defaults: ${describe(DEFAULT_GLICKO_CONFIG)}, floor ${DEFAULT_GLICKO_CONFIG.minDeviation}`);
  console.log("calibrated: calibrate() fitted on the first half only (current = new defaults), so the later half is held out.");
  for (const [name, generate] of GENERATORS) benchGenerator(name, generate);
  benchShortHistories();
  console.log(`\nratings bench wall time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRatingsBench();
}
