/**
 * Finds or starts the PostgreSQL that sits behind the local Neon proxy in dev and tests:
 * `PG_URL` when set, else a server on 127.0.0.1:5432 when one answers (user postgres), else PGlite
 * in this process, so `npm test` also passes on a machine with no PostgreSQL installed.
 */
import pg from "pg";
import { isLoopbackHost } from "./neon/loopback";
import { startPgliteServer } from "./neon/pglite-server";
import { registerPostgresTarget } from "./neon/targets";

export type PostgresBackendKind = "PG_URL" | "local" | "pglite";

export interface PostgresBackend {
  kind: PostgresBackendKind;
  /** postgres://user[:pass]@127.0.0.1:PORT/db */
  url: string;
  close(): Promise<void>;
}

export interface PostgresBackendOptions {
  /** Default "teamrank_dev". Created when missing. With PG_URL, used only when given explicitly. PGlite has one database (`postgres`), so the name is ignored there. */
  database?: string;
  /** Drop and recreate the database (terminating its connections) so a run starts clean. */
  fresh?: boolean;
  /** Force one kind instead of detecting (tests force "pglite" to exercise the fallback). */
  prefer?: PostgresBackendKind;
  /** Persist PGlite here instead of in memory. */
  pgliteDataDir?: string;
  /** PGlite only: restart it when a query gets no answer for this long (default 30 s). */
  pgliteQueryTimeoutMs?: number;
  log?: (line: string) => void;
}

export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const DEFAULT_DATABASE = "teamrank_dev";

export type ProbeResult = { ok: true } | { ok: false; reason: string };

/** Can we log in to `url` right now? Short timeout: this decides a fallback, it must not hang. */
export async function probePostgres(url = LOCAL_POSTGRES_URL, timeoutMs = 1_500): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Also registers the chosen server as a target the local Neon proxy of this process may relay to
 * (see neon/targets.ts), until close().
 */
export async function startPostgresBackend(options: PostgresBackendOptions = {}): Promise<PostgresBackend> {
  const backend = await chooseBackend(options);
  const unregister = registerPostgresTarget(backend.url);
  return {
    ...backend,
    close: async () => {
      unregister();
      await backend.close();
    },
  };
}

async function chooseBackend(options: PostgresBackendOptions): Promise<PostgresBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const envUrl = process.env.PG_URL?.trim() || undefined;
  const prefer = options.prefer ?? (envUrl ? "PG_URL" : undefined);

  if (prefer === "PG_URL") {
    if (!envUrl) throw new Error('prefer: "PG_URL" but the PG_URL environment variable is not set');
    return useServer("PG_URL", envUrl, options.database, options, log);
  }
  if (prefer === "local" || prefer === undefined) {
    const probe = await probePostgres();
    if (probe.ok) return useServer("local", LOCAL_POSTGRES_URL, options.database ?? DEFAULT_DATABASE, options, log);
    if (prefer === "local") throw new Error(`no usable PostgreSQL at 127.0.0.1:5432: ${probe.reason}`);
    log(`[postgres] no usable PostgreSQL at 127.0.0.1:5432 (${probe.reason}); falling back to PGlite`);
  }
  const server = await startPgliteServer({ dataDir: options.pgliteDataDir, fresh: options.fresh, queryTimeoutMs: options.pgliteQueryTimeoutMs, log });
  const where = options.pgliteDataDir ? `data dir ${options.pgliteDataDir}` : "in memory";
  log(`[postgres] using PGlite (${where}) served by pglite-socket at 127.0.0.1:${server.port}, database postgres`);
  return { kind: "pglite", url: server.url, close: server.close };
}

async function useServer(
  kind: "PG_URL" | "local",
  serverUrl: string,
  database: string | undefined,
  options: PostgresBackendOptions,
  log: (line: string) => void,
): Promise<PostgresBackend> {
  const target = new URL(serverUrl);
  if (database !== undefined) {
    await ensureDatabase(serverUrl, database, options.fresh ?? false);
    target.pathname = `/${encodeURIComponent(database)}`;
  }
  const label = kind === "local" ? "local PostgreSQL" : "PG_URL";
  log(`[postgres] using ${label} at ${target.host}, database ${decodeURIComponent(target.pathname.slice(1))}`);
  if (!isLoopbackHost(target.hostname)) {
    log(`[postgres] note: ${target.hostname} is not a loopback address; the local Neon proxy refuses to relay to it`);
  }
  // Nothing to stop: we did not start this server, and the database is kept for inspection.
  return { kind, url: target.toString(), close: async () => {} };
}

/** Creates (or with `fresh`, drops and recreates) `name` on the server `serverUrl` points at. */
export async function ensureDatabase(serverUrl: string, name: string, fresh: boolean): Promise<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`database name ${JSON.stringify(name)}: use letters, digits and _ (max 63)`);
  }
  const ident = `"${name}"`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  admin.on("error", () => {});
  await admin.connect();
  try {
    if (fresh) {
      // FORCE (PostgreSQL 13+) terminates other sessions; older servers get them terminated first.
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
      } catch (error) {
        if (sqlState(error) !== "42601") throw error;
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
        await admin.query(`DROP DATABASE IF EXISTS ${ident}`);
      }
    }
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await createDatabase(admin, ident);
  } finally {
    await admin.end().catch(() => {});
  }
}

async function createDatabase(admin: pg.Client, ident: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${ident}`);
      return;
    } catch (error) {
      const code = sqlState(error);
      // Another process created it first (42P04, or 23505 when both raced on the catalog).
      if (code === "42P04" || code === "23505") return;
      // 55006: template1 briefly in use by someone else's CREATE DATABASE or a stray session.
      if (code !== "55006" || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function sqlState(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") return error.code;
  return undefined;
}

function describeError(error: unknown): string {
  const code = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
