import { DomainError } from "../errors.js";
import type { EntrantId, Pairing } from "./types.js";
import { checkEntrants } from "./types.js";

/** One round: `a` plays at home; with an odd field one entrant sits out (`bye`). */
export interface RoundRobinRound {
  round: number;
  pairings: Pairing[];
  bye: EntrantId | null;
}

export interface RoundRobinOptions {
  /** 2 = double round robin: the second leg repeats the first with home and away swapped. */
  legs?: 1 | 2;
}

/**
 * The whole schedule by the circle method: the first seed stays put while the others rotate,
 * so every pair meets exactly once per leg in n − 1 rounds (n rounds when n is odd). The fixed
 * entrant alternates home and away and everyone else is at home on the top row, which keeps each
 * entrant's home and away counts within one of each other (equal when the field is odd).
 */
export function roundRobin(entrants: EntrantId[], options: RoundRobinOptions = {}): RoundRobinRound[] {
  checkEntrants(entrants);
  const legs = options.legs ?? 1;
  if (legs !== 1 && legs !== 2) throw new DomainError("INVALID_CONFIG", `legs must be 1 or 2, got ${String(legs)}`);
  const slots: (EntrantId | null)[] = entrants.length % 2 === 1 ? [...entrants, null] : [...entrants];
  const m = slots.length;
  const first: RoundRobinRound[] = [];
  let ring = slots.slice(1);
  for (let r = 0; r < m - 1; r += 1) {
    const row = [slots[0] ?? null, ...ring];
    const pairings: Pairing[] = [];
    let bye: EntrantId | null = null;
    for (let i = 0; i < m / 2; i += 1) {
      let home = row[i] ?? null;
      let away = row[m - 1 - i] ?? null;
      if (i === 0 && r % 2 === 1) [home, away] = [away, home];
      if (home === null || away === null) bye = home ?? away;
      else pairings.push({ a: home, b: away });
    }
    first.push({ round: r + 1, pairings, bye });
    ring = [...ring.slice(-1), ...ring.slice(0, -1)];
  }
  if (legs === 1) return first;
  const second = first.map((round) => ({
    round: round.round + first.length,
    pairings: round.pairings.map((p) => ({ a: p.b, b: p.a })),
    bye: round.bye,
  }));
  return [...first, ...second];
}
