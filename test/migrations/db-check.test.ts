/**
 * db:check against real databases on both dialects: a freshly migrated one matches the newest
 * migration's schema; one altered behind drizzle's back (a column dropped, one added, a type and a
 * nullability changed, an index dropped, another recreated in a different order) is reported
 * difference by difference; one left at an older migration lacks that migration's tables.
 */
import { is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as sqliteSchema from "../../src/db/schema/sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { checkSchema } from "../../src/node/db-check";
import { migrateDatabase } from "../../src/node/migrate";
import { createTestDatabase, DIALECTS, type Dialect, foldersUpTo } from "./databases";

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function migrated(dialect: Dialect, name: string, folders?: Record<Dialect, string>) {
  const db = await createTestDatabase(dialect, name);
  cleanups.push(() => db.close());
  await migrateDatabase(db.url, undefined, folders);
  return db;
}

/** The same drift on each dialect; SQLite cannot alter a column, so that table is rebuilt. */
const DRIFT: Record<Dialect, string> = {
  sqlite: `
    alter table health_checks drop column heartbeat_ms;
    alter table health_checks add column extra text;
    create table health_heartbeat_new (id text primary key not null, token text, beat_at text not null, created_at integer not null,
      updated_at integer not null, created_by text, updated_by text);
    insert into health_heartbeat_new select * from health_heartbeat;
    drop table health_heartbeat;
    alter table health_heartbeat_new rename to health_heartbeat;
    drop index health_outages_started_idx;
    drop index ladder_players_leaderboard_idx;
    create index ladder_players_leaderboard_idx on ladder_players (ladder_id, rating, player_id);`,
  pg: `
    alter table health_checks drop column heartbeat_ms;
    alter table health_checks add column extra text;
    alter table health_heartbeat alter column token drop not null;
    alter table health_heartbeat alter column beat_at type timestamp(0) with time zone;
    drop index health_outages_started_idx;
    drop index ladder_players_leaderboard_idx;
    create index ladder_players_leaderboard_idx on ladder_players (ladder_id, rating, player_id);`,
};

const EXPECTED_DRIFT: Record<Dialect, string[]> = {
  sqlite: [
    "health_checks.heartbeat_ms: missing column (expected real null)",
    "health_checks.extra: unexpected column (text null)",
    "health_heartbeat.token: nullable, expected not null",
    "health_heartbeat.beat_at: type text, expected integer",
    "health_outages: missing index health_outages_started_idx (started_at)",
    "ladder_players: index ladder_players_leaderboard_idx is (ladder_id, rating, player_id), expected (ladder_id, rating desc, player_id)",
  ],
  pg: [
    "health_checks.heartbeat_ms: missing column (expected double precision null)",
    "health_checks.extra: unexpected column (text null)",
    "health_heartbeat.token: nullable, expected not null",
    "health_heartbeat.beat_at: type timestamp(0) with time zone, expected timestamp(3) with time zone",
    "health_outages: missing index health_outages_started_idx (started_at)",
    "ladder_players: index ladder_players_leaderboard_idx is (ladder_id, rating, player_id), expected (ladder_id, rating desc nulls last, player_id)",
  ],
};

const SCHEMA_TABLES = Object.values(sqliteSchema).filter((v) => is(v, SQLiteTable)).length;

describe.each(DIALECTS)("db:check on %s", (dialect) => {
  it("finds no difference on a freshly migrated database, and names each alteration after it is altered", async () => {
    const db = await migrated(dialect, "dbcheck");
    const fresh = await checkSchema(db.url);
    expect(fresh.dialect).toBe(dialect);
    // Every table the schema defines (the schema module's table exports, counted here independently of the tool).
    expect(fresh.tables).toBe(SCHEMA_TABLES);
    expect(fresh.differences).toEqual([]);

    await db.exec(DRIFT[dialect]);
    expect((await checkSchema(db.url)).differences.sort()).toEqual([...EXPECTED_DRIFT[dialect]].sort());
  });

  it("reports the tables and columns of migrations not yet applied", async () => {
    const older = foldersUpTo(5);
    cleanups.push(older.remove);
    const db = await migrated(dialect, "dbcheck_older", older.folders);
    // The database matches its own (older) migration and differs from the newest.
    expect((await checkSchema(db.url, undefined, older.folders)).differences).toEqual([]);
    const behind = (await checkSchema(db.url)).differences;
    expect(behind).toContain("health_heartbeat: missing table");
    expect(behind).toContain("health_outages: missing table");
    expect(behind.some((d) => d.startsWith("health_checks.status: missing column"))).toBe(true);
  });
});
