/** Driver failures as each driver reports them, classified without the drivers' classes. */
import { describe, expect, it } from "vitest";
import { classifyDbError } from "../../src/db/errors";

const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("classifyDbError", () => {
  it.each([
    ["libSQL extended code", { code: "SQLITE_CONSTRAINT_UNIQUE", message: "x" }, "unique"],
    ["libSQL primary code only (as Turso sends it)", { code: "SQLITE_CONSTRAINT", message: "SQLite error: UNIQUE constraint failed: players.id" }, "unique"],
    ["libSQL NOT NULL guard", { code: "SQLITE_CONSTRAINT", message: "SQLite error: NOT NULL constraint failed: rating_ledger.match_id" }, "not_null"],
    ["Postgres unique", { code: "23505", message: "duplicate key" }, "unique"],
    ["Postgres not null", { code: "23502", message: "null value" }, "not_null"],
    ["Postgres deadlock", { code: "40P01", message: "deadlock detected" }, "serialization"],
    ["Neon proxy down", { message: "Server error (HTTP status 502): could not reach" }, "unavailable"],
    ["Worker fetch lost", { message: "Network connection lost." }, "unavailable"],
    ["pg over a dropped relay", { message: "Connection terminated unexpectedly" }, "unavailable"],
    ["Node fetch", { message: "fetch failed", cause: { code: "ECONNREFUSED" } }, "unavailable"],
    ["something else", { code: "42P01", message: "relation does not exist" }, "other"],
  ])("%s", (_name, error, expected) => {
    expect(classifyDbError(wrapped(error))).toBe(expected);
  });
});
