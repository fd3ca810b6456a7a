/**
 * Throwaway databases on both dialects for the db:check / db:status suites: an embedded libSQL file,
 * and PostgreSQL (this machine's, PG_URL, or PGlite) in a database named for the suite.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { MIGRATIONS } from "../../src/node/migrate";
import { startPostgresBackend } from "../../src/node/postgres-backend";
import { pgDatabaseName } from "../support/pg-name";

export type Dialect = "sqlite" | "pg";
export const DIALECTS: Dialect[] = ["sqlite", "pg"];

export interface TestDatabase {
  url: string;
  /** Run statements (several, `;`-separated, are fine) outside drizzle. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect, database: string): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const path = join(tmpdir(), `${database}-${crypto.randomUUID()}.db`);
    const url = `file:${path}`;
    // Creates the (empty) file, so the tools find a database there.
    const client = createClient({ url });
    await client.execute("select 1");
    return {
      url,
      exec: (sql) => client.executeMultiple(sql),
      close: async () => {
        client.close();
        rmSync(path, { force: true });
      },
    };
  }
  const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
  const backend = await startPostgresBackend({ database: pgDatabaseName(database), fresh: true, prefer });
  const client = new pg.Client({ connectionString: backend.url });
  await client.connect();
  return {
    url: backend.url,
    exec: async (sql) => void (await client.query(sql)),
    close: async () => {
      await client.end();
      await backend.close();
    },
  };
}

/** A copy of both migrations folders that stops after the first `count` migrations, and its removal. */
export function foldersUpTo(count: number): { folders: Record<Dialect, string>; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "teamrank-migrations-"));
  const folders = { sqlite: join(root, "sqlite"), pg: join(root, "pg") };
  for (const dialect of DIALECTS) {
    cpSync(MIGRATIONS[dialect], folders[dialect], { recursive: true });
    const journalPath = join(folders[dialect], "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, count);
    writeFileSync(journalPath, JSON.stringify(journal));
  }
  return { folders, remove: () => rmSync(root, { recursive: true, force: true }) };
}
