import { describe, expect, it } from "vitest";
import { balanceTeams } from "../../src/domain/balance/index.js";
import type { BalanceOptions, BalanceRequest } from "../../src/domain/balance/index.js";

/**
 * Requests arrive as parsed JSON, so every field can hold the wrong type. A refusal must name
 * the type it got: `rating 1500 is not finite` for the string "1500" sends people looking for
 * a range problem that is not there.
 */
const p = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, rating: 1500 + i }));
const malformed = (value: unknown): BalanceRequest => value as BalanceRequest;
const withPlayer = (extra: unknown): BalanceRequest => malformed({ players: [...p(3), extra] });

describe("wrong types are named as wrong types", () => {
  const cases: [string, BalanceRequest, string, string][] = [
    ["a string rating", withPlayer({ id: "x", rating: "1500" }), "INVALID_RATING", 'player x: rating must be a finite number, got string "1500"'],
    ["a missing rating", withPlayer({ id: "x" }), "INVALID_RATING", "player x: rating must be a finite number, got undefined"],
    ["a null rating", withPlayer({ id: "x", rating: null }), "INVALID_RATING", "player x: rating must be a finite number, got null"],
    ["a boolean rating", withPlayer({ id: "x", rating: true }), "INVALID_RATING", "player x: rating must be a finite number, got boolean true"],
    ["a NaN rating", withPlayer({ id: "x", rating: Number.NaN }), "INVALID_RATING", "player x: rating must be a finite number, got NaN"],
    ["an infinite rating", withPlayer({ id: "x", rating: Number.NEGATIVE_INFINITY }), "INVALID_RATING", "got -Infinity"],
    [
      "a string deviation",
      withPlayer({ id: "x", rating: 1500, deviation: "80" }),
      "INVALID_RATING",
      'player x: deviation must be a finite number > 0, got string "80"',
    ],
    ["a negative deviation", withPlayer({ id: "x", rating: 1500, deviation: -5 }), "INVALID_RATING", "deviation must be a finite number > 0, got -5"],
    ["a numeric id", withPlayer({ id: 7, rating: 1500 }), "INVALID_PLAYER", "player 3: id must be a non-empty string, got 7"],
    ["a player that is not an object", withPlayer("x"), "INVALID_PLAYER", 'player 3 must be an object with id and rating, got string "x"'],
    ["players that are not a list", malformed({ players: { a: 1 } }), "INVALID_TEAMS", 'players must be a list, got an object {"a":1}'],
    ["a string teamCount", malformed({ players: p(6), teamCount: "3" }), "INVALID_TEAMS", 'teamCount must be an integer ≥ 2, got string "3"'],
    [
      "a string teamCount beside teamSizes",
      malformed({ players: p(6), teamSizes: [3, 3], teamCount: "2" }),
      "INVALID_TEAMS",
      'teamCount must be an integer ≥ 2, got string "2"',
    ],
    ["string teamSizes", malformed({ players: p(6), teamSizes: ["3", "3"] }), "INVALID_TEAMS", 'got a list of 2: ["3","3"]'],
    ["a string lock team", malformed({ players: p(4), locks: { p0: "1" } }), "INVALID_TEAMS", 'lock of p0: the team must be an integer 0..1, got string "1"'],
    ["locks given as a list", malformed({ players: p(4), locks: [["p0", 1]] }), "INVALID_TEAMS", "locks must map player ids to team numbers, got a list of 1"],
    ["a numeric party member", malformed({ players: p(4), parties: [["p0", 1]] }), "INVALID_TEAMS", "a party must name players by id (a string), got 1"],
    ["parties given as a string", malformed({ players: p(4), parties: "p0,p1" }), "INVALID_TEAMS", 'parties must be a list, got string "p0,p1"'],
    ["apart given as an object", malformed({ players: p(4), apart: { p0: "p1" } }), "INVALID_TEAMS", 'apart must be a list, got an object {"p0":"p1"}'],
    ["a string alternatives count", malformed({ players: p(4), alternatives: "2" }), "INVALID_TEAMS", 'alternatives must be an integer 0..10, got string "2"'],
  ];

  it.each(cases)("%s", (_, req, code, message) => {
    let thrown: unknown;
    try {
      balanceTeams(req);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: "DomainError", code });
    const text = (thrown as Error).message;
    expect(text).toContain(message);
    expect(text).not.toMatch(/is not finite/);
  });

  it("a string maxIterations option is named as a string", () => {
    const options = { maxIterations: "5" } as unknown as BalanceOptions;
    expect(() => balanceTeams({ players: p(4) }, options)).toThrow('maxIterations must be a non-negative integer, got string "5"');
  });

  it("a very long string is cut in the message", () => {
    const req = withPlayer({ id: "x", rating: "9".repeat(500) });
    expect(() => balanceTeams(req)).toThrow(`got string "${"9".repeat(40)}…"`);
  });
});
