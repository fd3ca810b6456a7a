/**
 * The repository runs unchanged on SQLite and Postgres through the SQLite-typed builder API. The
 * `Db` type already hides what differs at the database level (transaction, run/get/all, batch);
 * this test refuses the builder-level calls and result fields that exist on one dialect only, so
 * misuse fails here instead of on the other dialect in production (list in shared/DESIGN.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../src/db/repository");

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\.(get|all|run)\(\)/, "SQLite-only terminal builder method (.get/.all/.run): await the builder instead"],
  [/rowsAffected|rowCount/, "affected-row counts differ (rowsAffected on libSQL, rowCount on Postgres): use .returning()"],
  [/\.transaction\(/, "db.transaction throws on Neon HTTP: use database.batch"],
  [/sql<number>`count\(/, "count(*) is a string on Postgres: wrap aggregates in Number()"],
  [/\bilike\(|\blike\(/, "LIKE is case-insensitive for ASCII on SQLite only"],
];

describe("repository uses only the portable subset", () => {
  const files = readdirSync(ROOT).filter((f) => f.endsWith(".ts"));

  it("finds the repository files", () => {
    expect(files).toContain("results.ts");
    expect(files.length).toBeGreaterThan(8);
  });

  it.each(files)("%s", (file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    const problems = text.split("\n").flatMap((line, i) => FORBIDDEN.filter(([re]) => re.test(line)).map(([, why]) => `${file}:${i + 1}: ${why}`));
    expect(problems).toEqual([]);
  });

  it("would catch a misuse (the rules are live)", () => {
    const [rule] = FORBIDDEN;
    expect(rule?.[0].test("const row = await db.select().from(t).get();")).toBe(true);
  });
});
