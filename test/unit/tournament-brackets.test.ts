import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/domain/random.js";
import { doubleElimination, seedPositions, singleElimination } from "../../src/domain/tournament/elimination.js";
import type { Bracket, SlotSource } from "../../src/domain/tournament/elimination.js";
import { roundRobin } from "../../src/domain/tournament/round-robin.js";
import { seedByRating } from "../../src/domain/tournament/seeding.js";

const field = (n: number): string[] => Array.from({ length: n }, (_, i) => `s${i + 1}`);

/** Plays a bracket to the end with random winners, the way a database layer would advance it. */
function play(bracket: Bracket, random: () => number) {
  const winner = new Map<string, string>();
  const loser = new Map<string, string>();
  const losses = new Map<string, number>();
  const ids = new Set<string>();
  let played = 0;
  const who = (s: SlotSource): string => {
    const id = s.kind === "seed" ? s.entrant : (s.kind === "winner" ? winner : loser).get(s.match);
    if (id === undefined) throw new Error(`slot read before its match was played: ${JSON.stringify(s)}`);
    return id;
  };
  for (const m of bracket.matches) {
    expect(ids.has(m.id)).toBe(false);
    ids.add(m.id);
    const [a, b] = [who(m.slots[0]), who(m.slots[1])];
    // A reset is only played when GF1's winner has lost before (the losers-bracket champion won).
    if (m.onlyIfReset && losses.get(a) === 0) continue;
    expect(a).not.toBe(b);
    const aWins = random() < 0.5;
    winner.set(m.id, aWins ? a : b);
    loser.set(m.id, aWins ? b : a);
    losses.set(aWins ? b : a, (losses.get(aWins ? b : a) ?? 0) + 1);
    if (!losses.has(aWins ? a : b)) losses.set(aWins ? a : b, 0);
    played += 1;
  }
  return { losses, played };
}

describe("single elimination", () => {
  it("uses standard seed positions: 1 v 8, 4 v 5, 2 v 7, 3 v 6", () => {
    expect(seedPositions(8)).toEqual([1, 8, 4, 5, 2, 7, 3, 6]);
    const round1 = singleElimination(field(8)).matches.filter((m) => m.round === 1);
    expect(round1.map((m) => m.slots.map((s) => (s.kind === "seed" ? s.seed : 0)))).toEqual([
      [1, 8],
      [4, 5],
      [2, 7],
      [3, 6],
    ]);
  });

  it("for 2..33 entrants: n − 1 matches, byes to the top seeds, one champion, everyone else out after one loss", () => {
    for (let n = 2; n <= 33; n += 1) {
      const bracket = singleElimination(field(n));
      expect(bracket.matches.length).toBe(n - 1);
      const size = 2 ** Math.ceil(Math.log2(n));
      const seeded = bracket.matches.flatMap((m) => m.slots.filter((s) => s.kind === "seed").map((s) => ({ seed: s.seed, round: m.round })));
      expect(seeded.map((s) => s.seed).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      // Exactly the top size − n seeds start in round two.
      for (const s of seeded) expect(s.round).toBe(s.seed <= size - n ? 2 : 1);
      for (let trial = 0; trial < 5; trial += 1) {
        const { losses, played } = play(bracket, seededRandom(n * 100 + trial));
        expect(played).toBe(n - 1);
        expect([...losses.values()].sort()).toEqual([0, ...new Array(n - 1).fill(1)]);
      }
    }
  });

  it("a field of one has no matches", () => {
    expect(singleElimination(["solo"]).matches).toEqual([]);
  });
});

describe("double elimination", () => {
  it("for 2..33 entrants: everyone but the champion is out after exactly two losses, 2n − 2 or 2n − 1 matches", () => {
    for (let n = 2; n <= 33; n += 1) {
      const bracket = doubleElimination(field(n));
      expect(bracket.matches.length).toBe(2 * n - 1);
      for (let trial = 0; trial < 8; trial += 1) {
        const { losses, played } = play(bracket, seededRandom(n * 1000 + trial));
        const counts = [...losses.values()].sort();
        expect(counts.length).toBe(n);
        expect(counts.filter((c) => c === 2).length).toBe(n - 1);
        expect(counts[0]).toBeLessThanOrEqual(1);
        expect([2 * n - 2, 2 * n - 1]).toContain(played);
      }
      expect(doubleElimination(field(n), { grandFinalReset: false }).matches.length).toBe(2 * n - 2);
    }
  });

  it("4 entrants: the hand-drawn bracket", () => {
    const shape = doubleElimination(field(4)).matches.map(
      (m) => `${m.id}:${m.slots.map((s) => (s.kind === "seed" ? s.seed : `${s.kind[0]}(${s.match})`)).join(",")}`,
    );
    expect(shape).toEqual([
      "W1-1:1,4",
      "W1-2:2,3",
      "W2-1:w(W1-1),w(W1-2)",
      "L1-1:l(W1-1),l(W1-2)",
      "L2-1:w(L1-1),l(W2-1)",
      "GF1:w(W2-1),w(L2-1)",
      "GF2:w(GF1),l(GF1)",
    ]);
  });
});

describe("round robin", () => {
  it("for 2..24 entrants and both legs: every pair meets exactly once per leg, once per round, home and away within one", () => {
    for (let n = 2; n <= 24; n += 1) {
      for (const legs of [1, 2] as const) {
        const rounds = roundRobin(field(n), { legs });
        expect(rounds.length).toBe(legs * (n % 2 === 0 ? n - 1 : n));
        const met = new Map<string, number>();
        const home = new Map<string, number>();
        for (const round of rounds) {
          const seen = round.pairings.flatMap((p) => [p.a, p.b]).concat(round.bye === null ? [] : [round.bye]);
          expect(new Set(seen).size).toBe(n);
          expect(seen.length).toBe(n);
          for (const p of round.pairings) {
            const key = [p.a, p.b].sort().join("|");
            met.set(key, (met.get(key) ?? 0) + 1);
            home.set(p.a, (home.get(p.a) ?? 0) + 1);
          }
        }
        expect(met.size).toBe((n * (n - 1)) / 2);
        for (const count of met.values()) expect(count).toBe(legs);
        for (const id of field(n)) {
          const h = home.get(id) ?? 0;
          const away = legs * (n - 1) - h;
          expect(Math.abs(h - away)).toBeLessThanOrEqual(legs === 2 ? 0 : 1);
        }
      }
    }
  });
});

describe("seedByRating", () => {
  it("orders by rating, ties keep the given order", () => {
    expect(
      seedByRating([
        { id: "a", rating: 1500 },
        { id: "b", rating: 1700 },
        { id: "c", rating: 1500 },
        { id: "d", rating: 1600 },
      ]),
    ).toEqual(["b", "d", "a", "c"]);
  });
});
