/**
 * The two commands as a user runs them (child processes through tsx, like `npm run`): exit codes,
 * the one-line configuration error without DATABASE_URL, and the report on a real database.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, describe, expect, it } from "vitest";
import * as sqliteSchema from "../../src/db/schema/sqlite";
import { migrateDatabase } from "../../src/node/migrate";
import { createTestDatabase } from "./databases";

const root = fileURLToPath(new URL("../../", import.meta.url));
const JOURNAL = JSON.parse(readFileSync(join(root, "drizzle/sqlite/meta/_journal.json"), "utf8")) as { entries: unknown[] };
const SCHEMA_TABLES = Object.values(sqliteSchema).filter((v) => is(v, SQLiteTable)).length;
const tsx = join(root, "node_modules", ".bin", "tsx");
// An empty working directory, so no .dev.vars supplies a DATABASE_URL.
const cwd = mkdtempSync(join(tmpdir(), "teamrank-cli-"));
const cleanups: Array<() => unknown> = [() => rmSync(cwd, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function run(tool: "db-check" | "db-status", env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, DATABASE_AUTH_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(tsx, [join(root, "src", "node", `${tool}.ts`)], { cwd, env: { ...inherited, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("db:check and db:status commands", () => {
  it.each(["db-check", "db-status"] as const)("%s without DATABASE_URL prints one line and exits 2", async (tool) => {
    const result = await run(tool, {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("Invalid configuration: DATABASE_URL is not set\n");
  });

  it("db-check with a database file that does not exist prints one line and exits 2", async () => {
    const result = await run("db-check", { DATABASE_URL: `file:${join(cwd, "missing.db")}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`DATABASE_URL names a database file that does not exist: ${join(cwd, "missing.db")}\n`);
  });

  it("db-check exits 0 on a migrated database and 1 with the differences after drift; db-status lists the migrations", async () => {
    const db = await createTestDatabase("sqlite", "dbcli");
    cleanups.push(() => db.close());
    await migrateDatabase(db.url);
    const clean = await run("db-check", { DATABASE_URL: db.url });
    expect(clean).toMatchObject({ code: 0, stderr: "" });
    expect(clean.stdout).toBe(`${db.url} (SQLite): ${SCHEMA_TABLES} tables match the schema of the newest migration\n`);

    await db.exec("drop index health_outages_started_idx");
    const drifted = await run("db-check", { DATABASE_URL: db.url });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout.split("\n")).toEqual([
      "health_outages: missing index health_outages_started_idx (started_at)",
      `${db.url} (SQLite): 1 difference from the schema of the newest migration (npm run db:status shows pending migrations)`,
      "",
    ]);

    const status = await run("db-status", { DATABASE_URL: db.url });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`\\(SQLite\\): ${JOURNAL.entries.length} applied, 0 pending\\n {2}applied {2}0000_init `));
  });
});
