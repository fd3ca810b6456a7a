import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { seededRandom } from "../../src/domain/random.js";
import { pairSwissRound } from "../../src/domain/tournament/swiss.js";
import type { SwissRound } from "../../src/domain/tournament/swiss.js";
import type { GameRecord } from "../../src/domain/tournament/types.js";

/**
 * The criteria, scored independently of the solver, for one complete round (null = bye):
 * [rematches, bye to someone who had one, bye recipient's distance from the bottom of the
 * ranking, cross-score pairings, Σ|score difference| in half points]. Smaller is better, in order.
 */
type Key = [number, number, number, number, number];

function scoreTable(entrants: string[], history: GameRecord[]) {
  const score = new Map(entrants.map((id) => [id, 0]));
  const met = new Set<string>();
  const byes = new Set<string>();
  for (const g of history) {
    if (g.b === null) {
      byes.add(g.a);
      score.set(g.a, (score.get(g.a) ?? 0) + 1);
      continue;
    }
    met.add(`${g.a}|${g.b}`).add(`${g.b}|${g.a}`);
    const [sa, sb] = g.result === "a" ? [1, 0] : g.result === "b" ? [0, 1] : [0.5, 0.5];
    score.set(g.a, (score.get(g.a) ?? 0) + sa);
    score.set(g.b, (score.get(g.b) ?? 0) + sb);
  }
  const ranking = [...entrants].sort((x, y) => (score.get(y) ?? 0) - (score.get(x) ?? 0) || entrants.indexOf(x) - entrants.indexOf(y));
  return { score, met, byes, ranking };
}

function keyOf(entrants: string[], history: GameRecord[], pairs: [string, string][], bye: string | null): Key {
  const { score, met, byes, ranking } = scoreTable(entrants, history);
  const s = (id: string): number => score.get(id) ?? 0;
  const key: Key = [0, 0, 0, 0, 0];
  for (const [a, b] of pairs) {
    if (met.has(`${a}|${b}`)) key[0] += 1;
    if (s(a) !== s(b)) key[3] += 1;
    key[4] += Math.abs(s(a) - s(b)) * 2;
  }
  if (bye !== null) {
    key[1] = byes.has(bye) ? 1 : 0;
    key[2] = ranking.length - 1 - ranking.indexOf(bye);
  }
  return key;
}

/** Every complete round of the field (all perfect matchings, plus each possible bye when odd). */
function bestKey(entrants: string[], history: GameRecord[]): Key {
  let best: Key | null = null;
  const visit = (rest: string[], pairs: [string, string][], bye: string | null): void => {
    if (rest.length === 0) {
      const key = keyOf(entrants, history, pairs, bye);
      if (best === null || compare(key, best) < 0) best = key;
      return;
    }
    if (rest.length % 2 === 1) {
      rest.forEach((b, i) => {
        visit([...rest.slice(0, i), ...rest.slice(i + 1)], pairs, b);
      });
      return;
    }
    const [a, ...others] = rest as [string, ...string[]];
    others.forEach((b, i) => {
      visit([...others.slice(0, i), ...others.slice(i + 1)], [...pairs, [a, b]], bye);
    });
  };
  visit(entrants, [], null);
  return best ?? [0, 0, 0, 0, 0];
}

const compare = (x: Key, y: Key): number => {
  for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
};

function expectValidRound(entrants: string[], round: SwissRound): void {
  const seen = [...round.pairings.flatMap((p) => [p.a, p.b]), ...(round.bye === null ? [] : [round.bye])];
  expect([...seen].sort()).toEqual([...entrants].sort());
  expect(round.bye === null).toBe(entrants.length % 2 === 0);
}

/** A field after some rounds: random pairings (rematches allowed, so histories get dense) and results. */
const field = fc.record({ n: fc.integer({ min: 2, max: 11 }), rounds: fc.integer({ min: 0, max: 9 }), seed: fc.nat() }).map(({ n, rounds, seed }) => {
  const random = seededRandom(seed);
  const entrants = Array.from({ length: n }, (_, i) => `e${i}`);
  const history: GameRecord[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const order = [...entrants].sort(() => random() - 0.5);
    if (order.length % 2 === 1) history.push({ a: order.pop() as string, b: null, result: "a" });
    for (let i = 0; i < order.length; i += 2) {
      const x = random();
      history.push({ a: order[i] as string, b: order[i + 1] as string, result: x < 0.4 ? "a" : x < 0.8 ? "b" : "draw" });
    }
  }
  return { entrants, history };
});

describe("pairSwissRound", () => {
  it("is optimal against an exhaustive check of every pairing on fields of 2..11 (rematches, byes, cross-score, Σ|diff|)", () => {
    fc.assert(
      fc.property(field, ({ entrants, history }) => {
        const round = pairSwissRound({ entrants, history });
        expectValidRound(entrants, round);
        const got = keyOf(
          entrants,
          history,
          round.pairings.map((p) => [p.a, p.b]),
          round.bye,
        );
        expect(got).toEqual(bestKey(entrants, history));
        expect(round.rematches).toBe(got[0]);
        expect(round.crossScore).toBe(got[3]);
        expect(round.scoreDifference * 2).toBe(got[4]);
        // The sparse path (candidates + pricing) must reach an equally good round.
        const sparse = pairSwissRound({ entrants, history }, { denseLimit: 0 });
        expectValidRound(entrants, sparse);
        expect(
          keyOf(
            entrants,
            history,
            sparse.pairings.map((p) => [p.a, p.b]),
            sparse.bye,
          ),
        ).toEqual(got);
      }),
      { numRuns: 400 },
    );
  });

  it("pairs the top half against the bottom half in round one, and gives the bye to the last seed", () => {
    const entrants = ["a", "b", "c", "d", "e", "f", "g"];
    const round = pairSwissRound({ entrants, history: [] });
    expect(round.pairings).toEqual([
      { a: "a", b: "d" },
      { a: "b", b: "e" },
      { a: "c", b: "f" },
    ]);
    expect(round.bye).toBe("g");
  });

  it("moves the bye up past players who already had one, and keeps large fields rematch-free", () => {
    const entrants = ["a", "b", "c", "d", "e"];
    const history: GameRecord[] = [{ a: "e", b: null, result: "a" }];
    expect(pairSwissRound({ entrants, history }).bye).toBe("d");
    const big = Array.from({ length: 200 }, (_, i) => `p${i}`);
    const random = seededRandom(7);
    const games: GameRecord[] = [];
    for (let r = 0; r < 6; r += 1) {
      const round = pairSwissRound({ entrants: big, history: games });
      expectValidRound(big, round);
      expect(round.rematches).toBe(0);
      for (const p of round.pairings) games.push({ a: p.a, b: p.b, result: random() < 0.5 ? "a" : "b" });
    }
  });

  it("keeps a withdrawn player's games in the scores and refuses malformed input", () => {
    // x withdrew after beating c. Scores: b 1 (bye), a ½, d ½, c 0 (x's win still counts). a–d is
    // a rematch, so two cross-score pairings are needed (Σ|Δ| = 1 either way); the Dutch-style
    // preference floats the lowest of a group (d) onto the top of the next (c), so b meets a.
    const history: GameRecord[] = [
      { a: "x", b: "c", result: "a" },
      { a: "a", b: "d", result: "draw" },
      { a: "b", b: null, result: "a" },
    ];
    const round = pairSwissRound({ entrants: ["a", "b", "c", "d"], history });
    expect(round.pairings).toEqual([
      { a: "b", b: "a" },
      { a: "d", b: "c" },
    ]);
    expect(round.crossScore).toBe(2);
    expect(() => pairSwissRound({ entrants: ["a", "a"], history: [] })).toThrow(DomainError);
    expect(() => pairSwissRound({ entrants: ["a", "b"], history: [{ a: "a", b: "a", result: "draw" }] })).toThrow(DomainError);
    expect(() => pairSwissRound({ entrants: ["a", "b"], history: [], points: { win: 1, draw: 0.25, loss: 0, bye: 1 } })).toThrow(DomainError);
  });
});
