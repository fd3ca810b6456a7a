import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { computeStandings } from "../../src/domain/tournament/standings.js";
import type { GameRecord } from "../../src/domain/tournament/types.js";

/*
 * Worked by hand (chess points, bye = 1, seeds A B C D E):
 *   R1: C beats A, B–D draw, E bye      R2: B beats A, E beats C, D bye      R3: B–E draw, D beats A, C bye
 * Points: A 0, B 2, C 2, D 2.5, E 2.5.
 * Buchholz (opponents' points, byes add nothing): A = C2 + B2 + D2.5 = 6.5; B = D2.5 + A0 + E2.5 = 5;
 *   C = A0 + E2.5 = 2.5; D = B2 + A0 = 2; E = C2 + B2 = 4.
 * Median Buchholz (drop best and worst when ≥ 3 opponents): A = 2; B = 2.5; C = 2.5; D = 2; E = 4.
 * Sonneborn–Berger: A = 0; B = ½·2.5 + 0 + ½·2.5 = 2.5; C = 0 (beat A, who has 0); D = ½·2 + 0 = 1; E = 2 + ½·2 = 3.
 * Default order: 2.5 → E (Buchholz 4) over D (2); 2 → B (5) over C (2.5); then A.
 */
const games: GameRecord[] = [
  { a: "A", b: "C", result: "b" },
  { a: "B", b: "D", result: "draw" },
  { a: "E", b: null, result: "a" },
  { a: "A", b: "B", result: "b" },
  { a: "E", b: "C", result: "a" },
  { a: "D", b: null, result: "a" },
  { a: "B", b: "E", result: "draw" },
  { a: "D", b: "A", result: "a" },
  { a: "C", b: null, result: "a" },
];
const entrants = ["A", "B", "C", "D", "E"];

describe("computeStandings", () => {
  it("matches the hand-worked table", () => {
    const table = computeStandings({ entrants, games });
    expect(table.map((s) => s.entrant)).toEqual(["E", "D", "B", "C", "A"]);
    const by = Object.fromEntries(table.map((s) => [s.entrant, s]));
    expect(Object.fromEntries(entrants.map((id) => [id, by[id]?.points]))).toEqual({ A: 0, B: 2, C: 2, D: 2.5, E: 2.5 });
    expect(Object.fromEntries(entrants.map((id) => [id, by[id]?.buchholz]))).toEqual({ A: 6.5, B: 5, C: 2.5, D: 2, E: 4 });
    expect(Object.fromEntries(entrants.map((id) => [id, by[id]?.medianBuchholz]))).toEqual({ A: 2, B: 2.5, C: 2.5, D: 2, E: 4 });
    expect(Object.fromEntries(entrants.map((id) => [id, by[id]?.sonnebornBerger]))).toEqual({ A: 0, B: 2.5, C: 0, D: 1, E: 3 });
    expect(by.D).toMatchObject({ played: 2, wins: 1, draws: 1, losses: 0, byes: 1, rank: 2 });
  });

  it("follows the configured tiebreak order, and falls back to seed", () => {
    // Sonneborn–Berger alone: E 3 > D 1; B 2.5 > C 0. Nothing: seed order inside each score.
    expect(computeStandings({ entrants, games, tiebreaks: ["sonneborn-berger"] }).map((s) => s.entrant)).toEqual(["E", "D", "B", "C", "A"]);
    expect(computeStandings({ entrants, games, tiebreaks: [] }).map((s) => s.entrant)).toEqual(["D", "E", "B", "C", "A"]);
    // Football points: A 0, B 3+1+1 = 5, C 3+0+3 = 6, D 1+3+3 = 7, E 3+3+1 = 7; D and E by seed.
    const football = { win: 3, draw: 1, loss: 0, bye: 3 };
    expect(computeStandings({ entrants, games, points: football, tiebreaks: [] }).map((s) => [s.entrant, s.points])).toEqual([
      ["D", 7],
      ["E", 7],
      ["C", 6],
      ["B", 5],
      ["A", 0],
    ]);
  });

  it("head-to-head: mini-league among the tied, re-applied to the group it leaves tied", () => {
    // Q beats P, P beats R, S beats Q: P, Q, S on 1. Among them P 0, Q 1, S 1; then S beat Q.
    const h2h: GameRecord[] = [
      { a: "Q", b: "P", result: "a" },
      { a: "P", b: "R", result: "a" },
      { a: "S", b: "Q", result: "a" },
    ];
    const order = computeStandings({ entrants: ["P", "Q", "R", "S"], games: h2h, tiebreaks: ["head-to-head"] }).map((s) => s.entrant);
    expect(order).toEqual(["S", "Q", "P", "R"]);
  });

  it("refuses unknown tiebreaks and bad points", () => {
    expect(() => computeStandings({ entrants, games, tiebreaks: ["coin" as never] })).toThrow(DomainError);
    expect(() => computeStandings({ entrants, games, points: { win: 1, draw: 0.3, loss: 0, bye: 1 } })).toThrow(DomainError);
  });
});
