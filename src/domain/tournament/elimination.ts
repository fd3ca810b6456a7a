import { DomainError } from "../errors.js";
import type { EntrantId } from "./types.js";
import { checkEntrants } from "./types.js";

/** Where a slot's entrant comes from: a seed, or the winner or loser of an earlier match. */
export type SlotSource = { kind: "seed"; seed: number; entrant: EntrantId } | { kind: "winner"; match: string } | { kind: "loser"; match: string };

/**
 * One match of a bracket, as a row a database can store and advance: both slots name their
 * source, matches come in an order where every source is listed before its use, and ids are
 * stable ("W2-1" = winners round 2, match 1; "L…" losers; "GF1", "GF2").
 */
export interface BracketMatch {
  id: string;
  side: "winners" | "losers" | "final";
  round: number;
  slots: [SlotSource, SlotSource];
  /** Grand-final reset: played only when the losers-bracket champion wins GF1. */
  onlyIfReset?: boolean;
}

export interface Bracket {
  kind: "single" | "double";
  matches: BracketMatch[];
}

export interface DoubleEliminationOptions {
  /** Play a second grand final when the losers-bracket champion wins the first (default true). */
  grandFinalReset?: boolean;
}

/**
 * Standard seed positions for a bracket of `size` (a power of two): 1 v size, and the top seeds
 * as far apart as possible (8 → 1 8 4 5 2 7 3 6), so seed k can only meet a better seed once
 * the field is down to k.
 */
export function seedPositions(size: number): number[] {
  if (!Number.isInteger(Math.log2(size)) || size < 1) throw new DomainError("INVALID_CONFIG", `bracket size must be a power of two, got ${size}`);
  let order = [1];
  while (order.length < size) {
    const doubled = order.length * 2;
    order = order.flatMap((s) => [s, doubled + 1 - s]);
  }
  return order;
}

/**
 * Single elimination in seed order: the bracket of the next power of two, where the missing
 * seeds are byes, so the top seeds skip round one (their round-two slot names the seed directly;
 * no bye matches are stored). n entrants give n − 1 matches.
 */
export function singleElimination(entrants: EntrantId[]): Bracket {
  checkEntrants(entrants);
  const raw = new RawBracket();
  raw.winners(entrants);
  return { kind: "single", matches: raw.simplify() };
}

/**
 * Double elimination: the winners bracket as above; losers drop into a losers bracket that
 * alternates between its own survivors and the next winners-round losers (in reversed order
 * every other round, to put off rematches); the grand final meets both champions, with an
 * optional reset. Byes vanish the same way: a match left with one entrant passes it on.
 */
export function doubleElimination(entrants: EntrantId[], options: DoubleEliminationOptions = {}): Bracket {
  checkEntrants(entrants);
  const raw = new RawBracket();
  const wb = raw.winners(entrants);
  const k = wb.length;
  if (k === 0) return { kind: "double", matches: [] };
  let champion: Raw = { kind: "loser", match: (wb[k - 1] as string[])[0] as string };
  if (k > 1) {
    let round = 1;
    const w1 = wb[0] as string[];
    let survivors = raw.round("losers", round, w1.length / 2, (i) => [
      { kind: "loser", match: w1[2 * i] as string },
      { kind: "loser", match: w1[2 * i + 1] as string },
    ]);
    for (let j = 1; j < k; j += 1) {
      const dropping = wb[j] as string[];
      const prev = survivors;
      const count = dropping.length;
      round += 1;
      survivors = raw.round("losers", round, count, (i) => [
        { kind: "winner", match: prev[i] as string },
        { kind: "loser", match: dropping[j % 2 === 1 ? count - 1 - i : i] as string },
      ]);
      if (j < k - 1) {
        const pairs = survivors;
        round += 1;
        survivors = raw.round("losers", round, count / 2, (i) => [
          { kind: "winner", match: pairs[2 * i] as string },
          { kind: "winner", match: pairs[2 * i + 1] as string },
        ]);
      }
    }
    champion = { kind: "winner", match: survivors[0] as string };
  }
  raw.add({ id: "GF1", side: "final", round: 1, slots: [{ kind: "winner", match: (wb[k - 1] as string[])[0] as string }, champion] });
  if (options.grandFinalReset ?? true) {
    raw.add({
      id: "GF2",
      side: "final",
      round: 2,
      slots: [
        { kind: "winner", match: "GF1" },
        { kind: "loser", match: "GF1" },
      ],
      onlyIfReset: true,
    });
  }
  return { kind: "double", matches: raw.simplify() };
}

/** A slot before byes are removed: null is an empty seat. */
type Raw = SlotSource | null;
interface RawMatch extends Omit<BracketMatch, "slots"> {
  slots: [Raw, Raw];
}

class RawBracket {
  private readonly matches: RawMatch[] = [];

  add(match: RawMatch): void {
    this.matches.push(match);
  }

  round(side: "winners" | "losers", round: number, count: number, slots: (i: number) => [Raw, Raw]): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `${side === "winners" ? "W" : "L"}${round}-${i + 1}`;
      this.add({ id, side, round, slots: slots(i) });
      ids.push(id);
    }
    return ids;
  }

  /** The winners bracket; returns match ids per round. */
  winners(entrants: EntrantId[]): string[][] {
    const n = entrants.length;
    if (n < 2) return [];
    let size = 1;
    while (size < n) size *= 2;
    const positions = seedPositions(size);
    const seat = (s: number): Raw => (s <= n ? { kind: "seed", seed: s, entrant: entrants[s - 1] as EntrantId } : null);
    const rounds = [this.round("winners", 1, size / 2, (i) => [seat(positions[2 * i] as number), seat(positions[2 * i + 1] as number)])];
    for (let r = 2; size >> r >= 1; r += 1) {
      const prev = rounds[rounds.length - 1] as string[];
      rounds.push(
        this.round("winners", r, size >> r, (i) => [
          { kind: "winner", match: prev[2 * i] as string },
          { kind: "winner", match: prev[2 * i + 1] as string },
        ]),
      );
    }
    return rounds;
  }

  /**
   * Removes every match with an empty seat: its winner is the other seat and its loser is
   * nobody. Matches are listed feeders first, so one pass settles chains of byes.
   */
  simplify(): BracketMatch[] {
    const replaced = new Map<string, Raw>();
    const resolve = (slot: Raw): Raw => {
      if (slot === null || slot.kind === "seed") return slot;
      const key = `${slot.kind}:${slot.match}`;
      return replaced.has(key) ? (replaced.get(key) ?? null) : slot;
    };
    const kept: BracketMatch[] = [];
    for (const m of this.matches) {
      const a = resolve(m.slots[0]);
      const b = resolve(m.slots[1]);
      if (a === null || b === null) {
        replaced.set(`winner:${m.id}`, a ?? b);
        replaced.set(`loser:${m.id}`, null);
        continue;
      }
      kept.push({ ...m, slots: [a, b] });
    }
    return kept;
  }
}
