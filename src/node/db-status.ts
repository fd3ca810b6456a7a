/**
 * Which of the dialect's migrations the database has applied and which are pending, by journal tag,
 * with the journal's date and the created_at drizzle recorded for applied ones.
 *   npm run db:status           (DATABASE_URL / DATABASE_AUTH_TOKEN from the environment or .dev.vars)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runTool } from "./database";
import { type SqlReader, redactUrl, toolDatabaseConfig, withReader } from "./db-connection";
import { MIGRATIONS } from "./migrate";
import { readJournal } from "./schema-shape";

export interface MigrationState {
  tag: string;
  /** The journal's `when` for the migration. */
  when: Date;
  applied: boolean;
  /** The created_at drizzle recorded when it applied this migration (drizzle writes the journal's `when`, not the time it ran). */
  recordedAt?: Date;
  /** Applied, but the .sql file's hash is not among the recorded ones: the file was edited after it ran. */
  changedSinceApplied?: boolean;
}

export interface MigrationStatus {
  dialect: "sqlite" | "pg";
  migrations: MigrationState[];
  /** Recorded migrations that match no file in the folder (applied from another branch, or a file removed). */
  unknown: Array<{ hash: string; recordedAt: Date }>;
}

interface Recorded {
  hash: string;
  createdAt: number;
}

/** Applied and pending migrations of the database at `url` (all pending when drizzle never ran there). */
export async function migrationStatus(url: string, authToken?: string, folders: Record<"sqlite" | "pg", string> = MIGRATIONS): Promise<MigrationStatus> {
  return withReader(url, authToken, async (db) => {
    const folder = folders[db.dialect];
    const recorded = await recordedMigrations(db);
    // drizzle's own rule: a migration is applied when its `when` is not after the newest recorded created_at.
    const newest = Math.max(-Infinity, ...recorded.map((r) => r.createdAt));
    const matched = new Set<string>();
    const migrations = readJournal(folder).map((entry): MigrationState => {
      const hash = createHash("sha256")
        .update(readFileSync(join(folder, `${entry.tag}.sql`), "utf8"))
        .digest("hex");
      const row = recorded.find((r) => r.hash === hash) ?? recorded.find((r) => r.createdAt === entry.when);
      if (row) matched.add(row.hash);
      const applied = entry.when <= newest;
      return {
        tag: entry.tag,
        when: new Date(entry.when),
        applied,
        ...(applied && row ? { recordedAt: new Date(row.createdAt) } : {}),
        ...(applied && row?.hash !== hash ? { changedSinceApplied: true } : {}),
      };
    });
    const unknown = recorded.filter((r) => !matched.has(r.hash)).map((r) => ({ hash: r.hash, recordedAt: new Date(r.createdAt) }));
    return { dialect: db.dialect, migrations, unknown };
  });
}

async function recordedMigrations(db: SqlReader): Promise<Recorded[]> {
  // drizzle's default bookkeeping tables: drizzle.__drizzle_migrations on Postgres, __drizzle_migrations on SQLite.
  const exists =
    db.dialect === "pg"
      ? await db.rows("select 1 from information_schema.tables where table_schema = 'drizzle' and table_name = '__drizzle_migrations'")
      : await db.rows("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'");
  if (exists.length === 0) return [];
  const table = db.dialect === "pg" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
  // created_at is bigint on Postgres (a string through node-postgres) and numeric on SQLite.
  const rows = await db.rows(`select hash, created_at from ${table} order by created_at, id`);
  return rows.map((r) => ({ hash: String(r.hash), createdAt: Number(r.created_at) }));
}

const iso = (date: Date) =>
  date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");

/** The report db:status prints. */
export function formatStatus(status: MigrationStatus, where: string): string[] {
  const applied = status.migrations.filter((m) => m.applied).length;
  const pending = status.migrations.length - applied;
  const width = Math.max(0, ...status.migrations.map((m) => m.tag.length));
  const lines = [`${where} (${status.dialect === "pg" ? "PostgreSQL" : "SQLite"}): ${applied} applied, ${pending} pending`];
  for (const m of status.migrations) {
    const recorded = m.recordedAt ? `  recorded ${iso(m.recordedAt)}` : "";
    const changed = m.changedSinceApplied ? "  (file changed since it was applied)" : "";
    lines.push(`  ${m.applied ? "applied" : "pending"}  ${m.tag.padEnd(width)}  ${iso(m.when)}${recorded}${changed}`);
  }
  for (const u of status.unknown)
    lines.push(`  unknown  ${u.hash.slice(0, 12)}  recorded ${iso(u.recordedAt)}  (applied, but not in this checkout's migrations)`);
  if (pending > 0) lines.push("npm run db:migrate applies the pending ones");
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runTool(async () => {
    const { url, authToken } = toolDatabaseConfig();
    const status = await migrationStatus(url, authToken);
    for (const line of formatStatus(status, redactUrl(url))) console.log(line);
  });
}
