/**
 * Synthetic ladder histories with known skills, for bench/ratings.ts. Every generator returns the
 * matches in play order (the shape calibration takes) and the true P(team 0 wins) of each, so an
 * oracle can be scored beside the models. Skills are in Glicko-2 units (1 = 173.7 points); the
 * outcome is logistic in the difference of the teams' skill sums, which is the team model's own
 * assumption — the comparison is about learning speed and tracking, not about model shape.
 */
import type { CalibrationMatch } from "../src/domain/calibration.js";
import { gaussian, seededRandom } from "../src/domain/random.js";

export interface History {
  matches: CalibrationMatch[];
  /** True probability that team 0 wins each match. */
  truth: number[];
  /** True outcome of each match: 1 if team 0 won. */
  won: number[];
}

export type Generator = (seed: number, matchCount?: number) => History;

const DAY = 86_400_000;
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Sorted uniform match times over `days`, so players see realistic calendar gaps. */
function times(random: () => number, count: number, days: number): number[] {
  return Array.from({ length: count }, () => random() * days * DAY).sort((a, b) => a - b);
}

/** Draws `k` distinct indices from `pool` with probability proportional to `weight`. */
function pick(random: () => number, pool: number[], weight: (i: number) => number, k: number): number[] {
  const chosen: number[] = [];
  const left = [...pool];
  while (chosen.length < k && left.length > 0) {
    const total = left.reduce((s, i) => s + weight(i), 0);
    let x = random() * total;
    let j = 0;
    while (j < left.length - 1 && x >= weight(left[j] ?? 0)) {
      x -= weight(left[j] ?? 0);
      j += 1;
    }
    chosen.push(left[j] ?? 0);
    left.splice(j, 1);
  }
  return chosen;
}

/** One 5v5 between a and b under true skills: outcome, probability, match record. */
function play(random: () => number, a: number[], b: number[], skill: (i: number) => number, at: number, h: History): void {
  const diff = a.reduce((s, i) => s + skill(i), 0) - b.reduce((s, i) => s + skill(i), 0);
  const p = logistic(diff);
  const aWon = random() < p;
  h.matches.push({ teams: [a.map(String), b.map(String)], ranks: aWon ? [0, 1] : [1, 0], playedAt: at });
  h.truth.push(p);
  h.won.push(aWon ? 1 : 0);
}

/**
 * 200 players of fixed skill (SD 0.9 = 156 points), 6000 random 5v5 over a year (~300 games each,
 * ~0.8 a day). With drift, skills follow a stationary AR(1) per match whose correlation halves
 * over the run: as much change per game as σ0 ≈ 0.02, or per day as c ≈ 9.5 points.
 */
function league(drift: boolean): Generator {
  return (seed, matchCount = 6000) => {
    const random = seededRandom(seed);
    const n = 200;
    const spread = 0.9;
    const rho = drift ? 0.5 ** (1 / 6000) : 1;
    const skill = Array.from({ length: n }, () => spread * gaussian(random));
    const at = times(random, matchCount, (365 * matchCount) / 6000);
    const h: History = { matches: [], truth: [], won: [] };
    const everyone = Array.from({ length: n }, (_, i) => i);
    for (let m = 0; m < matchCount; m += 1) {
      if (drift) for (let i = 0; i < n; i += 1) skill[i] = rho * (skill[i] ?? 0) + Math.sqrt(1 - rho * rho) * spread * gaussian(random);
      const ids = pick(random, everyone, () => 1, 10);
      play(random, ids.slice(0, 5), ids.slice(5), (i) => skill[i] ?? 0, at[m] ?? 0, h);
    }
    return h;
  };
}

export const stationary: Generator = league(false);
export const drifting: Generator = league(true);

/**
 * A living community (our design): 300 players arrive over the first 9 months, play in spells
 * (~45 days) and take breaks (~40 days), with very unequal activity (log-normal, SD 0.8).
 * While away, skill wanders (Ornstein–Uhlenbeck, half-life ~8 months: ≈ 10 points per √day at
 * first); newcomers start ~100 points below their level and close the gap over ~30 games.
 * While active and past the learning curve, skill is fixed. 6000 5v5 over a year.
 */
export const community: Generator = (seed, matchCount = 6000) => {
  const random = seededRandom(seed);
  const n = 300;
  const spread = 0.8;
  const days = (365 * matchCount) / 6000;
  const reversion = 365; // days: OU time constant of skill while away
  const level = Array.from({ length: n }, () => spread * gaussian(random));
  const activity = Array.from({ length: n }, () => Math.exp(0.8 * gaussian(random)));
  const arrival = Array.from({ length: n }, (_, i) => (i < 80 ? 0 : random() * 0.75 * days * DAY));
  const gap = Array.from({ length: n }, () => 0.6 * Math.abs(gaussian(random)) + 0.3);
  const games = new Array<number>(n).fill(0);
  const away = new Array<boolean>(n).fill(false);
  const next = arrival.map((t) => t + -Math.log(1 - random()) * 45 * DAY);
  const at = times(random, matchCount, days);
  const h: History = { matches: [], truth: [], won: [] };
  const skill = (i: number): number => (level[i] ?? 0) - (gap[i] ?? 0) * Math.exp(-(games[i] ?? 0) / 30);
  for (let m = 0; m < matchCount; m += 1) {
    const now = at[m] ?? 0;
    for (let i = 0; i < n; i += 1) {
      while ((next[i] ?? 0) <= now) {
        const start = next[i] ?? 0;
        if (away[i]) {
          away[i] = false;
          next[i] = start + -Math.log(1 - random()) * 45 * DAY;
        } else {
          const length = -Math.log(1 - random()) * 40 * DAY;
          const decay = Math.exp(-length / DAY / reversion);
          level[i] = (level[i] ?? 0) * decay + spread * Math.sqrt(1 - decay * decay) * gaussian(random);
          away[i] = true;
          next[i] = start + length;
        }
      }
    }
    const pool = Array.from({ length: n }, (_, i) => i).filter((i) => (arrival[i] ?? 0) <= now && !away[i]);
    const ids = pick(random, pool, (i) => activity[i] ?? 1, 10);
    if (ids.length < 10) continue;
    play(random, ids.slice(0, 5), ids.slice(5), skill, now, h);
    for (const i of ids) games[i] = (games[i] ?? 0) + 1;
  }
  return h;
};
