/**
 * The ladders migration moves live data: build a database at the migration before it (0000), fill it
 * through that schema's own tables, migrate to the newest, and check that every rating, counter and
 * ledger row landed where it belongs, on both dialects.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, migrateDatabase } from "../../src/node/migrate";
import { startPostgresBackend } from "../../src/node/postgres-backend";
import { pgDatabaseName } from "../support/pg-name";

/** A copy of a dialect's migrations folder that stops after the first `count` migrations. */
function foldersUpTo(count: number): Record<"sqlite" | "pg", string> {
  const root = mkdtempSync(join(tmpdir(), "teamrank-migrations-"));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const out = { sqlite: join(root, "sqlite"), pg: join(root, "pg") };
  for (const dialect of ["sqlite", "pg"] as const) {
    cpSync(MIGRATIONS[dialect], out[dialect], { recursive: true });
    const journalPath = join(out[dialect], "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, count);
    writeFileSync(journalPath, JSON.stringify(journal));
  }
  return out;
}

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Sql {
  run(text: string, params?: unknown[]): Promise<void>;
  rows(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** A time parameter in the dialect's storage form. */
  time(ms: number): unknown;
  /** A time column read back, as milliseconds. */
  ms(value: unknown): number | null;
}

const G1 = "900000000000000001";
const G2 = "900000000000000002";
const ids = {
  a: "00000000-0000-4000-8000-00000000000a",
  b: "00000000-0000-4000-8000-00000000000b",
  c: "00000000-0000-4000-8000-00000000000c",
  d: "00000000-0000-4000-8000-00000000000d",
  m1: "00000000-0000-4000-8000-0000000000a1",
  m2: "00000000-0000-4000-8000-0000000000a2",
  m3: "00000000-0000-4000-8000-0000000000a3",
  m4: "00000000-0000-4000-8000-0000000000a4",
};
const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** The old schema's rows: guild 1 played m2 then m1 (completion order differs from id order), m3 pending; guild 2 played m4. */
async function fillOldSchema(db: Sql) {
  const t = (h: number) => db.time(T0 + h * HOUR);
  await db.run("insert into guilds (id, name, created_at, updated_at) values ($1, 'one', $2, $2), ($3, 'two', $2, $2)", [G1, t(0), G2]);
  const player =
    "insert into players (id, guild_id, discord_user_id, display_name, rating, deviation, volatility, games, wins, losses, draws, last_played_at, rating_version, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)";
  await db.run(player, [ids.a, G1, "111111111111111111", "A", 1662.5, 250.25, 0.0600001, 2, 2, 0, 0, t(5), 2, t(0)]);
  await db.run(player, [ids.b, G1, "222222222222222222", "B", 1337.5, 250.5, 0.0599999, 2, 0, 2, 0, t(5), 2, t(0)]);
  await db.run(player, [ids.c, G1, "333333333333333333", "C", 1500, 350, 0.06, 0, 0, 0, 0, null, 0, t(0)]);
  await db.run(player, [ids.d, G2, "111111111111111111", "D", 1540, 300, 0.06, 1, 0, 0, 1, t(7), 1, t(0)]);
  const match =
    "insert into matches (id, guild_id, status, team_count, ranks, winner_team, result_type, version, completed_at, created_at, updated_at) values ($1, $2, $3, 2, $4, $5, $6, $7, $8, $9, $9)";
  await db.run(match, [ids.m1, G1, "completed", "[0,1]", 0, "win", 1, t(5), t(4)]);
  await db.run(match, [ids.m2, G1, "completed", "[0,1]", 0, "win", 1, t(3), t(2)]);
  await db.run(match, [ids.m3, G1, "pending", null, null, null, 0, null, t(6)]);
  await db.run(match, [ids.m4, G2, "completed", "[0,0]", null, "draw", 1, t(7), t(6)]);
  const roster =
    "insert into match_players (match_id, player_id, team, weight, rating_before, deviation_before, rating_after, deviation_after, result, created_at, updated_at) values ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $9)";
  await db.run(roster, [ids.m2, ids.a, 0, 1500, 350, 1600, 300, "win", t(2)]);
  await db.run(roster, [ids.m2, ids.b, 1, 1500, 350, 1400, 300, "loss", t(2)]);
  await db.run(roster, [ids.m1, ids.a, 0, 1600, 301, 1662.5, 250.25, "win", t(4)]);
  await db.run(roster, [ids.m1, ids.b, 1, 1400, 301, 1337.5, 250.5, "loss", t(4)]);
  await db.run(roster, [ids.m3, ids.a, 0, null, null, null, null, null, t(6)]);
  await db.run(roster, [ids.m3, ids.c, 1, null, null, null, null, null, t(6)]);
  await db.run(roster, [ids.m4, ids.d, 0, 1500, 350, 1540, 300, "draw", t(6)]);
  const ledger =
    "insert into rating_ledger (id, guild_id, player_id, match_id, seq, team, weight, score, expected, rating_before, deviation_before, volatility_before, rating_after, deviation_after, volatility_after, applied_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, 1, $7, 0.5, $8, $9, $10, $11, $12, $13, $14, $14, $14)";
  // The second rows' "before" deviation (301) is after idle decay; the stored state was 300 (the first row's after).
  await db.run(ledger, ["00000000-0000-4000-8000-0000000000b1", G1, ids.a, ids.m2, 1, 0, 1, 1500, 350, 0.06, 1600, 300, 0.0600002, t(3)]);
  await db.run(ledger, ["00000000-0000-4000-8000-0000000000b2", G1, ids.b, ids.m2, 1, 1, 0, 1500, 350, 0.06, 1400, 300, 0.0599998, t(3)]);
  await db.run(ledger, ["00000000-0000-4000-8000-0000000000b3", G1, ids.a, ids.m1, 2, 0, 1, 1600, 301, 0.0600002, 1662.5, 250.25, 0.0600001, t(5)]);
  await db.run(ledger, ["00000000-0000-4000-8000-0000000000b4", G1, ids.b, ids.m1, 2, 1, 0, 1400, 301, 0.0599998, 1337.5, 250.5, 0.0599999, t(5)]);
  await db.run(ledger, ["00000000-0000-4000-8000-0000000000b5", G2, ids.d, ids.m4, 1, 0, 0.5, 1500, 350, 0.06, 1540, 300, 0.06, t(7)]);
}

async function checkMigrated(db: Sql) {
  const ladders = await db.rows(
    "select id, guild_id, slug, is_default, season, result_seq, initial_deviation, initial_volatility from ladders order by guild_id",
  );
  expect(ladders.map((l) => [l.guild_id, l.slug, Boolean(l.is_default), Number(l.season), Number(l.result_seq)])).toEqual([
    [G1, "default", true, 1, 2],
    [G2, "default", true, 1, 1],
  ]);
  expect(Number(ladders[0]?.initial_deviation)).toBe(350);
  expect(Number(ladders[0]?.initial_volatility)).toBe(0.06);
  const [l1, l2] = ladders.map((l) => String(l.id));

  const standings = await db.rows(
    "select ladder_id, player_id, rating, deviation, volatility, games, wins, losses, draws, last_played_at, rating_version from ladder_players order by player_id",
  );
  expect(
    standings.map((s) => [
      s.ladder_id,
      s.player_id,
      Number(s.rating),
      Number(s.deviation),
      Number(s.volatility),
      Number(s.games),
      Number(s.wins),
      Number(s.losses),
      Number(s.draws),
      db.ms(s.last_played_at),
      Number(s.rating_version),
    ]),
  ).toEqual([
    [l1, ids.a, 1662.5, 250.25, 0.0600001, 2, 2, 0, 0, T0 + 5 * HOUR, 2],
    [l1, ids.b, 1337.5, 250.5, 0.0599999, 2, 0, 2, 0, T0 + 5 * HOUR, 2],
    [l1, ids.c, 1500, 350, 0.06, 0, 0, 0, 0, null, 0],
    [l2, ids.d, 1540, 300, 0.06, 1, 0, 0, 1, T0 + 7 * HOUR, 1],
  ]);

  const matches = await db.rows("select id, ladder_id, status, season, result_seq from matches order by id");
  expect(
    matches.map((m) => [m.id, m.ladder_id, m.status, m.season === null ? null : Number(m.season), m.result_seq === null ? null : Number(m.result_seq)]),
  ).toEqual([
    [ids.m1, l1, "completed", 1, 2],
    [ids.m2, l1, "completed", 1, 1],
    [ids.m3, l1, "pending", null, null],
    [ids.m4, l2, "completed", 1, 1],
  ]);

  const ledger = await db.rows(
    "select player_id, match_id, ladder_id, season, result_seq, result, rating_before, deviation_before, volatility_before, rating_after, previous_played_at from rating_ledger order by player_id, result_seq",
  );
  expect(
    ledger.map((r) => [
      r.player_id,
      r.match_id,
      r.ladder_id,
      Number(r.season),
      Number(r.result_seq),
      r.result,
      Number(r.rating_before),
      Number(r.deviation_before),
      Number(r.volatility_before),
      Number(r.rating_after),
      db.ms(r.previous_played_at),
    ]),
  ).toEqual([
    [ids.a, ids.m2, l1, 1, 1, "win", 1500, 350, 0.06, 1600, null],
    [ids.a, ids.m1, l1, 1, 2, "win", 1600, 300, 0.0600002, 1662.5, T0 + 3 * HOUR],
    [ids.b, ids.m2, l1, 1, 1, "loss", 1500, 350, 0.06, 1400, null],
    [ids.b, ids.m1, l1, 1, 2, "loss", 1400, 300, 0.0599998, 1337.5, T0 + 3 * HOUR],
    [ids.d, ids.m4, l2, 1, 1, "draw", 1500, 350, 0.06, 1540, null],
  ]);

  // The per-guild rating columns are gone from players.
  const columns = await db.rows("select * from players where id = $1", [ids.a]);
  expect(Object.keys(columns[0] ?? {}).sort()).toEqual([
    "created_at",
    "created_by",
    "discord_user_id",
    "display_name",
    "guild_id",
    "id",
    "updated_at",
    "updated_by",
  ]);
}

describe("ladders migration moves existing data", () => {
  it("on SQLite (libSQL)", async () => {
    const path = join(tmpdir(), `teamrank-migration-${crypto.randomUUID()}.db`);
    cleanups.push(() => rmSync(path, { force: true }));
    const url = `file:${path}`;
    await migrateDatabase(url, undefined, foldersUpTo(1));
    const client = createClient({ url });
    cleanups.push(() => client.close());
    // libSQL takes $1-style positional parameters as ?NNN.
    const text = (s: string) => s.replace(/\$(\d+)/g, "?$1");
    const db: Sql = {
      run: async (s, params = []) => void (await client.execute({ sql: text(s), args: params as never })),
      rows: async (s, params = []) => (await client.execute({ sql: text(s), args: params as never })).rows.map((r) => ({ ...r })),
      time: (ms) => ms,
      ms: (v) => (v === null ? null : Number(v)),
    };
    await fillOldSchema(db);
    await migrateDatabase(url);
    await checkMigrated(db);
  });

  it("on PostgreSQL", async () => {
    const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
    const backend = await startPostgresBackend({ database: pgDatabaseName("migration"), fresh: true, prefer });
    cleanups.push(() => backend.close());
    await migrateDatabase(backend.url, undefined, foldersUpTo(1));
    const client = new pg.Client({ connectionString: backend.url });
    await client.connect();
    cleanups.push(() => client.end());
    const db: Sql = {
      run: async (s, params = []) => void (await client.query(s, params)),
      rows: async (s, params = []) => (await client.query(s, params)).rows,
      time: (ms) => new Date(ms),
      ms: (v) => (v === null ? null : (v as Date).getTime()),
    };
    await fillOldSchema(db);
    await migrateDatabase(backend.url);
    await checkMigrated(db);
  });
});
