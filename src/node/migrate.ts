/**
 * Applies the drizzle-kit migrations for whichever dialect DATABASE_URL names:
 * drizzle/sqlite for libSQL (file:, libsql:, http(s):), drizzle/pg for Postgres (a direct TCP
 * connection; with Neon use the direct, non-pooled connection string). Node only: it reads files.
 *   npm run db:migrate                 (DATABASE_URL from the environment or .dev.vars)
 */
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql";
import { migrate as migrateLibsql } from "drizzle-orm/libsql/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { dialectOf } from "../db/connect";
import { AppError } from "../errors";
import { runTool } from "./database";
import { loadDevVars } from "./dev-vars";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const MIGRATIONS = { sqlite: `${root}drizzle/sqlite`, pg: `${root}drizzle/pg` } as const;

/** Apply every migration in the dialect's folder (or `folders`, for tests that stop at an older one). */
export async function migrateDatabase(url: string, authToken?: string, folders: Record<keyof typeof MIGRATIONS, string> = MIGRATIONS): Promise<void> {
  if (dialectOf(url) === "pg") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePg(drizzlePg({ client }), { migrationsFolder: folders.pg });
    } finally {
      await client.end();
    }
    return;
  }
  const client = createClient({ url, authToken });
  try {
    await migrateLibsql(drizzleLibsql({ client }), { migrationsFolder: folders.sqlite });
  } finally {
    client.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runTool(async () => {
    const vars = { ...loadDevVars(), ...process.env };
    const url = vars.DATABASE_URL;
    if (!url) throw new AppError("CONFIG_INVALID", "DATABASE_URL is not set (environment or .dev.vars)");
    await migrateDatabase(url, vars.DATABASE_AUTH_TOKEN);
    console.log(`migrated ${url.replace(/\/\/[^@/]*@/, "//***@")}`);
  });
}
