/**
 * Node-side access to the same `connect()` the Worker uses, plus what only Node can do: embedded
 * libSQL files (`file:`, `:memory:`) through the native client, and plain `postgres://` URLs to any
 * PostgreSQL over TCP (node-postgres) when no local Neon proxy is configured: the Neon HTTP driver
 * would otherwise send them to Neon's edge. Never imported by the Worker.
 */
import { createClient } from "@libsql/client";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { type Database, type Db, connect, dialectOf, transportOf } from "../db/connect";
import type { DatabaseConfig } from "../env";
import { AppError, UnavailableError } from "../errors";

export function openDatabase(config: DatabaseConfig): Database {
  if (dialectOf(config.url) === "pg" && !config.localNeonProxy) return openPostgres(config);
  if (transportOf(config) !== "libsql-embedded") return connect(config);
  let client: ReturnType<typeof createClient>;
  try {
    client = createClient({ url: config.url });
  } catch (error) {
    throw new UnavailableError(`Cannot open the embedded database ${config.url}`, error);
  }
  const database = connect(config, { libsqlClient: client as never });
  return { ...database, close: async () => client.close() };
}

function openPostgres(config: DatabaseConfig): Database {
  // The dialect's tables, raw statements and parameters come from connect(); only the client differs.
  const shape = connect({ ...config, transport: "ws" });
  void shape.close();
  const pool = new pg.Pool({ connectionString: config.url, max: 4 });
  pool.on("error", () => {});
  // Driver boundary (as in connect.ts): the node-postgres database is used through the SQLite types.
  const full = drizzlePg({ client: pool }) as unknown as Db & { transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> };
  return {
    ...shape,
    db: full,
    batch: (build) =>
      full.transaction(async (tx) => {
        const results: unknown[] = [];
        for (const query of build(tx)) results.push(await query);
        return results;
      }) as Promise<never>,
    close: () => pool.end(),
  };
}

/** Run a Node tool's main: a configuration or connection problem is one line on stderr and exit 2, never a stack. */
export async function runTool(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof AppError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(message.split("\n")[0]?.replace(/\/\/[^@/\s]*@/g, "//***@"));
    process.exitCode = error instanceof AppError && error.code === "CONFIG_INVALID" ? 2 : 1;
  }
}
