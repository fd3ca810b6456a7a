/**
 * The read-only SQL access the inspection tools (db:check, db:status) need, on either dialect: a
 * plain TCP connection through node-postgres for postgres:// URLs (any PostgreSQL, Neon's direct
 * string included) and the libSQL client for file:, libsql:, http(s): and ws(s): URLs.
 */
import { existsSync } from "node:fs";
import { createClient } from "@libsql/client";
import pg from "pg";
import { type Dialect, dialectOf } from "../db/connect";
import { parseConfig } from "../env";
import { AppError } from "../errors";
import { loadDevVars } from "./dev-vars";

export type Row = Record<string, unknown>;

export interface SqlReader {
  dialect: Dialect;
  /** `$1`-style parameters on both dialects. */
  rows(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openReader(url: string, authToken?: string): Promise<SqlReader> {
  if (dialectOf(url) === "pg") {
    const client = new pg.Client({ connectionString: url });
    // An idle-connection error after a query must not crash the tool with an unhandled event.
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return {
      dialect: "pg",
      rows: async (text, params = []) => (await client.query(text, params)).rows as Row[],
      close: () => client.end(),
    };
  }
  // The libSQL client creates a missing file: database; inspecting a mistyped path would then
  // report an empty database as drift instead of naming the real mistake.
  if (/^file:/i.test(url)) {
    const path = decodeURIComponent(url.replace(/^file:(\/\/)?/i, "").replace(/\?.*$/, ""));
    if (!existsSync(path)) throw new AppError("CONFIG_INVALID", `DATABASE_URL names a database file that does not exist: ${path}`);
  }
  const client = createClient({ url, authToken });
  return {
    dialect: "sqlite",
    // libSQL takes $1-style positional parameters as ?NNN.
    rows: async (text, params = []) => {
      const result = await client.execute({ sql: text.replace(/\$(\d+)/g, "?$1"), args: params as never });
      return result.rows.map((row) => ({ ...row }));
    },
    close: async () => client.close(),
  };
}

/** Open `url`, run `fn`, always close. */
export async function withReader<T>(url: string, authToken: string | undefined, fn: (db: SqlReader) => Promise<T>): Promise<T> {
  const db = await openReader(url, authToken);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * DATABASE_URL and DATABASE_AUTH_TOKEN from the environment or .dev.vars, checked by the Worker's
 * own rules; only these two are passed so an unrelated bad variable does not block an inspection.
 */
export function toolDatabaseConfig(): { url: string; authToken?: string } {
  const vars: Record<string, string | undefined> = { ...loadDevVars(), ...process.env };
  const { database } = parseConfig({ DATABASE_URL: vars.DATABASE_URL, DATABASE_AUTH_TOKEN: vars.DATABASE_AUTH_TOKEN });
  return { url: database.url, authToken: database.authToken };
}

/** A URL fit to print: no password or user. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/\s]*@/g, "//***@");
}
