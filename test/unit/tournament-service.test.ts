/**
 * The service's pure helpers: a bracket resolved from stored games (winners, losers, the skipped
 * reset, what is pairable, what a match feeds, how far each entrant got), planned round counts, and
 * late entrants' seeds. Expected values are worked out from the bracket rules by hand.
 */
import { describe, expect, it } from "vitest";
import type { SnapshotPairing, SnapshotRegistration } from "../../src/db/repository";
import { bracketComplete, dependentsOf, exits, pairable, resolveBracket } from "../../src/services/tournaments/bracket";
import { plannedRounds, swissField } from "../../src/services/tournaments/play";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${i + 1}`);

/** A stored game of a bracket slot (only the fields the resolver reads matter). */
function game(slot: string, a: string, b: string, result: "a" | "b" | null): SnapshotPairing {
  return { id: `p-${slot}`, slot, entrantA: a, entrantB: b, result } as SnapshotPairing;
}

describe("bracket state", () => {
  it("resolves a 4-entrant double elimination, skipping the reset when the winners champion takes GF1", () => {
    const e = ids(4);
    const games = [
      game("W1-1", "e1", "e4", "a"),
      game("W1-2", "e2", "e3", "b"),
      game("W2-1", "e1", "e3", "a"),
      game("L1-1", "e4", "e2", "b"),
      game("L2-1", "e3", "e2", "a"),
    ];
    let state = resolveBracket("double_elimination", e, games);
    // Losers final: e3 (out of W2-1) beat e2; GF1 is e1 v e3 and nothing else is open.
    expect(pairable(state).map((s) => [s.match.id, ...s.entrants])).toEqual([["GF1", "e1", "e3"]]);
    expect(bracketComplete(state)).toBe(false);
    state = resolveBracket("double_elimination", e, [...games, game("GF1", "e1", "e3", "a")]);
    expect(state.find((s) => s.match.id === "GF2")).toMatchObject({ skipped: true, entrants: ["e1", "e3"] });
    expect(pairable(state)).toEqual([]);
    expect(bracketComplete(state)).toBe(true);
    // e4 out in losers round 1, e2 in losers round 2, e3 in the grand final; e1 never.
    expect([...exits("double_elimination", state).entries()].sort()).toEqual([
      ["e2", 2],
      ["e3", 1001],
      ["e4", 1],
    ]);
  });

  it("asks for the reset when the losers champion takes GF1, and names what each match feeds", () => {
    const e = ids(4);
    const games = [
      game("W1-1", "e1", "e4", "a"),
      game("W1-2", "e2", "e3", "a"),
      game("W2-1", "e1", "e2", "a"),
      game("L1-1", "e4", "e3", "a"),
      game("L2-1", "e4", "e2", "a"),
      game("GF1", "e1", "e4", "b"),
    ];
    const state = resolveBracket("double_elimination", e, games);
    expect(pairable(state).map((s) => [s.match.id, ...s.entrants])).toEqual([["GF2", "e4", "e1"]]);
    // The winners champion lost once: not out yet.
    expect(exits("double_elimination", state).has("e1")).toBe(false);
    expect(dependentsOf("double_elimination", e, "W1-1")).toEqual(["W2-1", "L1-1"]);
    expect(dependentsOf("double_elimination", e, "GF1")).toEqual(["GF2"]);
    expect(dependentsOf("single_elimination", e, "W2-1")).toEqual([]);
  });

  it("gives the top seeds of a 6-entrant single elimination a bye into round 2", () => {
    const state = resolveBracket("single_elimination", ids(6), []);
    // Seeds 1 and 2 wait; 4 v 5 and 3 v 6 play first.
    expect(pairable(state).map((s) => s.entrants)).toEqual([
      ["e4", "e5"],
      ["e3", "e6"],
    ]);
    expect(state.find((s) => s.match.id === "W2-1")?.entrants).toEqual(["e1", null]);
  });
});

describe("round counts and late seeds", () => {
  it("plans Swiss by the format or ⌈log2 n⌉, round robin by the circle", () => {
    expect(plannedRounds("swiss", null, 8)).toBe(3);
    expect(plannedRounds("swiss", null, 9)).toBe(4);
    expect(plannedRounds("swiss", 5, 9)).toBe(5);
    expect(plannedRounds("swiss", null, 2)).toBe(1);
    expect(plannedRounds("round_robin", null, 6)).toBe(5);
    expect(plannedRounds("round_robin", null, 5)).toBe(5);
    expect(plannedRounds("single_elimination", null, 5)).toBeNull();
  });

  it("seeds late entrants after everyone else, in registration order, and leaves dropped ones out", () => {
    const reg = (id: string, seed: number | null, late: boolean, status: SnapshotRegistration["status"] = "registered") =>
      ({ id, seed, late, status }) as SnapshotRegistration;
    const field = swissField([
      reg("a", 2, false),
      reg("b", 1, false),
      reg("c", 3, false, "dropped"),
      reg("d", null, true),
      reg("e", null, false),
      reg("f", null, true),
    ]);
    expect(field.ids).toEqual(["b", "a", "d", "f"]);
    expect(field.seeds).toEqual([
      ["d", 4],
      ["f", 5],
    ]);
  });
});
