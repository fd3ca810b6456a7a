/**
 * Tournament bench: our Swiss pairing against tournament-organizer 4.1's on the same states.
 * Each field (ratings 1500 ± 300, seeded by rating) is played round by round with our pairings
 * and rating-based results (Elo odds, 10% draws); before each round both engines pair the same
 * state. tournament-organizer's Swiss step is `Swiss` from tournament-pairings 2.0, called with
 * the player records Tournament.createMatches builds (score, pairedUpDown, receivedBye, avoid,
 * rating; rated = sorting on), so its Tournament bookkeeping is not timed against it.
 * Prints a report, asserts nothing. Run: npm run bench -- tournament [--full]
 */
import { pathToFileURL } from "node:url";
import { BracketsManager } from "brackets-manager";
import type { CrudInterface } from "brackets-model";
import { Swiss } from "tournament-pairings";
import { doubleElimination, gaussian, pairSwissRound, seedByRating, seededRandom, singleElimination } from "../src/domain/index.js";
import type { GameRecord } from "../src/domain/index.js";

interface Metrics {
  rematches: number;
  byes: number;
  cross: number;
  diff: number;
}
interface Case {
  n: number;
  rounds: number;
  seeds: number;
  /** Rounds (1-based) on which tournament-organizer is also asked; all when undefined. */
  theirRounds?: number[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};
const pad = (x: string | number, w: number): string => String(x).padStart(w);
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** What a pairing cost, measured the same way for both engines. */
function measure(pairs: [string, string][], byes: number, score: Map<string, number>, met: Set<string>): Metrics {
  const m: Metrics = { rematches: 0, byes, cross: 0, diff: 0 };
  for (const [a, b] of pairs) {
    if (met.has(`${a}|${b}`)) m.rematches += 1;
    const d = Math.abs((score.get(a) ?? 0) - (score.get(b) ?? 0));
    if (d > 0) m.cross += 1;
    m.diff += d;
  }
  return m;
}

const zero = (): Metrics => ({ rematches: 0, byes: 0, cross: 0, diff: 0 });
const add = (into: Metrics, m: Metrics): void => {
  into.rematches += m.rematches;
  into.byes += m.byes;
  into.cross += m.cross;
  into.diff += m.diff;
};

function runCase(c: Case) {
  const ours: Metrics[] = [];
  const theirs: Metrics[] = [];
  const oursMs: number[] = [];
  const oursCpu: number[] = [];
  const theirsMs: number[] = [];
  for (let seed = 1; seed <= c.seeds; seed += 1) {
    const random = seededRandom(seed * 7919 + c.n);
    const rated = Array.from({ length: c.n }, (_, i) => ({ id: `p${i}`, rating: Math.round(1500 + 300 * gaussian(random)) }));
    const rating = new Map(rated.map((p) => [p.id, p.rating]));
    const entrants = seedByRating(rated);
    const history: GameRecord[] = [];
    const score = new Map(entrants.map((id) => [id, 0]));
    const met = new Set<string>();
    const byeHad = new Set<string>();
    const floated = new Set<string>();
    const opponents = new Map(entrants.map((id) => [id, [] as string[]]));
    const sum = { ours: zero(), theirs: zero(), asked: false };
    for (let round = 1; round <= c.rounds; round += 1) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const mine = pairSwissRound({ entrants, history });
      oursCpu.push(cpuMs() - c0);
      oursMs.push(performance.now() - t0);
      const asked = c.theirRounds === undefined || (seed === 1 && c.theirRounds.includes(round));
      if (asked) {
        const m = measure(
          mine.pairings.map((p) => [p.a, p.b]),
          mine.bye === null ? 0 : 1,
          score,
          met,
        );
        const players = entrants.map((id) => ({
          id,
          score: score.get(id) ?? 0,
          pairedUpDown: floated.has(id),
          receivedBye: byeHad.has(id),
          avoid: [...(opponents.get(id) ?? [])],
          rating: rating.get(id) ?? 0,
        }));
        const t1 = performance.now();
        const matches = Swiss(players, round, true, false);
        theirsMs.push(performance.now() - t1);
        const pairs = matches.filter((x) => x.player2 !== null).map((x) => [String(x.player1), String(x.player2)] as [string, string]);
        const t = measure(pairs, matches.length - pairs.length, score, met);
        add(sum.ours, m);
        add(sum.theirs, t);
        sum.asked = true;
      }
      for (const p of mine.pairings) {
        const pa = 1 / (1 + 10 ** (((rating.get(p.b) ?? 0) - (rating.get(p.a) ?? 0)) / 400));
        const x = random();
        const result = x < 0.1 ? "draw" : random() < pa ? "a" : "b";
        history.push({ a: p.a, b: p.b, result });
        met.add(`${p.a}|${p.b}`).add(`${p.b}|${p.a}`);
        opponents.get(p.a)?.push(p.b);
        opponents.get(p.b)?.push(p.a);
        if (score.get(p.a) !== score.get(p.b)) floated.add(p.a).add(p.b);
      }
      if (mine.bye !== null) {
        history.push({ a: mine.bye, b: null, result: "a" });
        byeHad.add(mine.bye);
      }
      for (const g of history.slice(-(mine.pairings.length + (mine.bye === null ? 0 : 1)))) {
        const [pa, pb] = g.b === null ? [1, 0] : g.result === "draw" ? [0.5, 0.5] : g.result === "a" ? [1, 0] : [0, 1];
        score.set(g.a, (score.get(g.a) ?? 0) + pa);
        if (g.b !== null) score.set(g.b, (score.get(g.b) ?? 0) + pb);
      }
    }
    if (sum.asked) {
      ours.push(sum.ours);
      theirs.push(sum.theirs);
    }
  }
  return { ours, theirs, oursMs, oursCpu, theirsMs };
}

function benchSwiss(full: boolean): void {
  const cases: Case[] = [
    { n: 10, rounds: 9, seeds: 5 },
    { n: 12, rounds: 11, seeds: 5 },
    { n: 33, rounds: 8, seeds: 5 },
    { n: 64, rounds: 6, seeds: 5 },
    { n: 256, rounds: 6, seeds: 5 },
    { n: 1000, rounds: 9, seeds: full ? 5 : 3, theirRounds: full ? undefined : [1, 5, 9] },
  ];
  console.log("## Swiss pairing: ours vs tournament-organizer 4.1 on the same states (chess points, rated)");
  console.log("Per tournament (sum over its rounds), median over seeds: rematches, byes, cross-score pairings, Σ|score difference| (points).");
  console.log("Ours is proven optimal per round for, in order: rematches, repeat bye, bye rank, cross-score pairings, Σ|Δ|.");
  console.log("ms/round: median wall time of one pairing call (cpu: our process CPU per call, incl. GC). Warm-up: none (first rounds included).");
  console.log(
    `${pad("n", 5)} ${pad("rounds", 6)} ${pad("seeds", 5)} | ${pad("ours: rem", 9)} ${pad("byes", 4)} ${pad("cross", 5)} ${pad("Σ|Δ|", 5)} ${pad("ms/round", 8)} ${pad("cpu", 5)} ${pad("max ms", 7)} | ${pad("TO: rem", 7)} ${pad("byes", 4)} ${pad("cross", 5)} ${pad("Σ|Δ|", 5)} ${pad("ms/round", 9)}`,
  );
  for (const c of cases) {
    const r = runCase(c);
    const med = (xs: Metrics[], k: keyof Metrics): string => String(median(xs.map((x) => x[k])));
    const note = c.theirRounds === undefined ? "" : `  (quality columns: rounds ${c.theirRounds.join(", ")} of seed 1 only, both engines; --full for all)`;
    console.log(
      `${pad(c.n, 5)} ${pad(c.rounds, 6)} ${pad(c.seeds, 5)} | ${pad(med(r.ours, "rematches"), 9)} ${pad(med(r.ours, "byes"), 4)} ${pad(med(r.ours, "cross"), 5)} ${pad(med(r.ours, "diff"), 5)} ${pad(median(r.oursMs).toFixed(1), 8)} ${pad(median(r.oursCpu).toFixed(0), 5)} ${pad(Math.max(...r.oursMs).toFixed(0), 7)} | ${pad(med(r.theirs, "rematches"), 7)} ${pad(med(r.theirs, "byes"), 4)} ${pad(med(r.theirs, "cross"), 5)} ${pad(med(r.theirs, "diff"), 5)} ${pad(median(r.theirsMs).toFixed(1), 9)}${note}`,
    );
  }
}

type Row = Record<string, unknown> & { id: number };

/** The smallest storage brackets-manager accepts: tables of rows in memory, filters by equality. */
class MemoryStorage {
  private readonly tables = new Map<string, Row[]>();
  private rows(table: string): Row[] {
    const rows = this.tables.get(table) ?? [];
    this.tables.set(table, rows);
    return rows;
  }
  private matches(row: Row, filter: Record<string, unknown>): boolean {
    return Object.entries(filter).every(([k, v]) => row[k] === v);
  }
  async insert(table: string, value: Record<string, unknown> | Record<string, unknown>[]): Promise<number | boolean> {
    const rows = this.rows(table);
    if (Array.isArray(value)) {
      for (const v of value) rows.push({ ...structuredClone(v), id: rows.length });
      return true;
    }
    rows.push({ ...structuredClone(value), id: rows.length });
    return rows.length - 1;
  }
  async select(table: string, arg?: number | Record<string, unknown>): Promise<Row | Row[] | null> {
    const rows = this.rows(table);
    if (arg === undefined) return structuredClone(rows);
    if (typeof arg === "number") return structuredClone(rows.find((r) => r.id === arg) ?? null);
    return structuredClone(rows.filter((r) => this.matches(r, arg)));
  }
  async update(table: string, arg: number | Record<string, unknown>, value: Record<string, unknown>): Promise<boolean> {
    for (const r of this.rows(table)) if (typeof arg === "number" ? r.id === arg : this.matches(r, arg)) Object.assign(r, structuredClone(value));
    return true;
  }
  async delete(table: string, filter?: Record<string, unknown>): Promise<boolean> {
    const rows = this.rows(table);
    this.tables.set(table, filter === undefined ? [] : rows.filter((r) => !this.matches(r, filter)));
    return true;
  }
  count(table: string, keep: (r: Row) => boolean = () => true): number {
    return this.rows(table).filter(keep).length;
  }
}

/** Stored bracket rows: ours (byes folded into the next round) against brackets-manager's padded brackets. */
async function benchBrackets(): Promise<void> {
  console.log("\n## Elimination brackets: stored matches, ours vs brackets-manager 1.11 (padded to the next power of two with `size`)");
  console.log("bm rows: match rows it stores; bye rows: those with an empty (BYE) side, which ours never stores.");
  console.log(
    `${pad("n", 3)} | ${pad("single ours", 11)} ${pad("bm rows", 7)} ${pad("bye rows", 8)} | ${pad("double ours", 11)} ${pad("bm rows", 7)} ${pad("bye rows", 8)}`,
  );
  for (const n of [2, 3, 5, 8, 12, 17, 24, 32, 33]) {
    const ids = Array.from({ length: n }, (_, i) => `t${i + 1}`);
    let size = 1;
    while (size < n) size *= 2;
    const cells: number[] = [];
    for (const type of ["single_elimination", "double_elimination"] as const) {
      const storage = new MemoryStorage();
      const manager = new BracketsManager(storage as unknown as CrudInterface);
      await manager.create.stage({
        tournamentId: 0,
        name: "bench",
        type,
        seeding: [...ids, ...new Array<null>(size - n).fill(null)],
        settings: { size, seedOrdering: ["inner_outer"], grandFinal: type === "double_elimination" ? "double" : undefined },
      });
      const bye = (r: Row): boolean => r.opponent1 === null || r.opponent2 === null;
      const ours = type === "single_elimination" ? singleElimination(ids) : doubleElimination(ids);
      cells.push(ours.matches.length, storage.count("match"), storage.count("match", bye));
    }
    console.log(
      `${pad(n, 3)} | ${pad(cells[0] ?? 0, 11)} ${pad(cells[1] ?? 0, 7)} ${pad(cells[2] ?? 0, 8)} | ${pad(cells[3] ?? 0, 11)} ${pad(cells[4] ?? 0, 7)} ${pad(cells[5] ?? 0, 8)}`,
    );
  }
}

/** Entry point for bench/index.ts. */
export async function runTournamentBench(): Promise<void> {
  const full = process.argv.includes("--full");
  console.log(`# teamrank tournament bench (Node ${process.version})\n`);
  if (!process.argv.includes("--brackets-only")) benchSwiss(full);
  await benchBrackets();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runTournamentBench();
}
