/**
 * db:status against real databases on both dialects: nothing applied on an empty database; a
 * database migrated to an older migration shows those as applied (with the created_at drizzle
 * recorded) and the rest pending; after a full migration, all applied; an applied file edited since
 * is flagged.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatStatus, migrationStatus } from "../../src/node/db-status";
import { MIGRATIONS, migrateDatabase } from "../../src/node/migrate";
import { createTestDatabase, DIALECTS, foldersUpTo } from "./databases";

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function journal(dialect: "sqlite" | "pg"): Array<{ tag: string; when: number }> {
  return (JSON.parse(readFileSync(join(MIGRATIONS[dialect], "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string; when: number }> }).entries;
}

describe.each(DIALECTS)("db:status on %s", (dialect) => {
  it("lists applied and pending migrations from empty, through an older migration, to the newest", async () => {
    const entries = journal(dialect);
    expect(entries.length).toBeGreaterThan(4);
    const db = await createTestDatabase(dialect, "dbstatus");
    cleanups.push(() => db.close());

    const empty = await migrationStatus(db.url);
    expect(empty.dialect).toBe(dialect);
    expect(empty.migrations.map((m) => [m.tag, m.applied, m.recordedAt])).toEqual(entries.map((e) => [e.tag, false, undefined]));

    const older = foldersUpTo(4);
    cleanups.push(older.remove);
    await migrateDatabase(db.url, undefined, older.folders);
    const partly = await migrationStatus(db.url);
    expect(partly.migrations.map((m) => [m.tag, m.when.getTime(), m.applied, m.recordedAt?.getTime()])).toEqual(
      entries.map((e, i) => [e.tag, e.when, i < 4, i < 4 ? e.when : undefined]),
    );
    expect(partly.unknown).toEqual([]);
    const lines = formatStatus(partly, "db");
    expect(lines[0]).toBe(`db (${dialect === "pg" ? "PostgreSQL" : "SQLite"}): 4 applied, ${entries.length - 4} pending`);
    expect(lines[1]).toMatch(/^ {2}applied {2}0000_init +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}recorded \d{4}-/);
    expect(lines[5]).toMatch(/^ {2}pending {2}0004_discord +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(lines.at(-1)).toBe("npm run db:migrate applies the pending ones");

    await migrateDatabase(db.url);
    const full = await migrationStatus(db.url);
    expect(full.migrations.every((m) => m.applied && m.recordedAt?.getTime() === m.when.getTime() && !m.changedSinceApplied)).toBe(true);
    expect(formatStatus(full, "db")[0]).toBe(`db (${dialect === "pg" ? "PostgreSQL" : "SQLite"}): ${entries.length} applied, 0 pending`);

    // A migration file edited after it ran no longer hashes to what drizzle recorded.
    const edited = foldersUpTo(entries.length);
    cleanups.push(edited.remove);
    appendFileSync(join(edited.folders[dialect], "0001_ladders.sql"), "\n-- edited\n");
    const flagged = await migrationStatus(db.url, undefined, edited.folders);
    expect(flagged.migrations.filter((m) => m.changedSinceApplied).map((m) => m.tag)).toEqual(["0001_ladders"]);
    expect(flagged.unknown).toEqual([]);
  });

  it("names recorded migrations this checkout does not have", async () => {
    const db = await createTestDatabase(dialect, "dbstatus_ahead");
    cleanups.push(() => db.close());
    await migrateDatabase(db.url);
    const older = foldersUpTo(3);
    cleanups.push(older.remove);
    const status = await migrationStatus(db.url, undefined, older.folders);
    expect(status.migrations.map((m) => m.applied)).toEqual([true, true, true]);
    expect(status.unknown).toHaveLength(journal(dialect).length - 3);
  });
});
