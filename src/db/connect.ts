/**
 * The one module that knows which database dialect is in use. `DATABASE_URL` picks the backend:
 *   libsql:, http(s):, ws(s):  -> Turso / libSQL over HTTP (`@libsql/client/web`)
 *   file:, :memory:            -> embedded libSQL; Node tools and tests only (they pass the client)
 *   postgres:, postgresql:     -> Neon: HTTP (`neon()`, one round trip per read or batch) or, with
 *                                 DATABASE_TRANSPORT=ws, a WebSocket Pool for this request only.
 * Nothing here is cached at module level: every request connects and closes its own client.
 * Every call has a deadline at the end of the request's budget (`budget.ts`): the HTTP drivers'
 * fetch carries an AbortSignal, the WebSocket path races each query against a timer.
 *
 * Driver boundary: the repository is written once against the SQLite-typed drizzle API. For
 * Postgres the PgDatabase and pg tables are cast to those types here. That is sound for what the
 * repository uses (select/insert/update builders, `returning`, `onConflict*`, `sql`, `batch`), whose
 * runtime API is the same in both dialects, and because `schema/parity.ts` proves the row types of
 * both schemas are identical. The contract suite runs the same code on all four transports.
 */
import { type Client as LibsqlClient, createClient } from "@libsql/client/web";
import { neon, neonConfig, Pool, type PoolClient } from "@neondatabase/serverless";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import { drizzle as drizzleNeonHttp } from "drizzle-orm/neon-http";
import { drizzle as drizzleNeonWs } from "drizzle-orm/neon-serverless";
import { type SQL, sql } from "drizzle-orm";
import type { DatabaseConfig } from "../env";
import { AppError } from "../errors";
import { budgetedFetch, withinBudget } from "./budget";
import { countingFetch, noteQuery, tickRoundTrip, timedRoundTrip } from "./round-trips";
import pgJournal from "../../drizzle/pg/meta/_journal.json";
import sqliteJournal from "../../drizzle/sqlite/meta/_journal.json";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

export type Tables = typeof sqliteSchema;
type FullDb = LibSQLDatabase<Record<string, never>>;
/**
 * What the repository may use: the query builders, which behave the same on both dialects. Not here,
 * because they differ or throw on one of them: `transaction` (throws on Neon HTTP), `run`/`get`/`all`/
 * `values` (SQLite only), `batch` (use `Database.batch`, which is atomic on every transport).
 * `test/unit/portable-db.test.ts` also refuses the builder-level SQLite-only calls in the repository.
 */
export type Db = Pick<FullDb, "select" | "selectDistinct" | "insert" | "update" | "delete" | "$with">;
export type Dialect = "sqlite" | "pg";
export type Transport = "libsql-http" | "libsql-embedded" | "neon-http" | "neon-ws";
export type Statement = BatchItem<"sqlite">;
export type Batch = readonly [Statement, ...Statement[]];
/** Column kinds that raw statements (`UPDATE … FROM (VALUES …)`) must cast their parameters to. */
export type SqlKind = "text" | "uuid" | "real" | "int" | "time";

/** A per-request handle: the query builder, the tables of the active dialect, and batching. */
export interface Database {
  readonly dialect: Dialect;
  readonly transport: Transport;
  readonly db: Db;
  readonly t: Tables;
  /** Where drizzle's migrator records applied migrations (the live schema version). */
  readonly migrationsTable: SQL;
  /** The newest migration this build ships for the dialect (journal `when`), for the drift check. */
  readonly expectedSchemaVersion: number;
  /** All statements in one transaction, all or nothing; one round trip on the HTTP transports. */
  batch<T extends Batch>(build: (db: Db) => T): Promise<BatchResponse<T>>;
  /** A hand-written statement that can join a batch (bulk updates the builders cannot express). */
  raw(db: Db, query: SQL): Statement;
  /** The dialect's parameter for a value of `kind`, cast so Postgres need not guess (it would say text). */
  param(kind: SqlKind, value: string | number | Date | null): SQL;
  /** A bare parameter (times in the dialect's storage form), for VALUES lists cast once by their SELECT. */
  bind(value: string | number | Date | null): SQL;
  /** The dialect's type name for a kind, for `cast(… as <type>)`. */
  typeName(kind: SqlKind): SQL;
  /** An expression that makes a new random UUID in the database (bulk inserts send no ids). */
  readonly newUuid: SQL;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Node only: an already created libSQL client (required for file: and :memory: URLs). */
  libsqlClient?: LibsqlClient;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:/i.test(url) ? "pg" : "sqlite";
}

/** Which transport a configuration selects, without connecting (for liveness and logs). */
export function transportOf(config: DatabaseConfig): Transport {
  if (dialectOf(config.url) === "pg") return config.transport === "ws" ? "neon-ws" : "neon-http";
  return isEmbedded(config.url) ? "libsql-embedded" : "libsql-http";
}

/** Both HTTP drivers' fetch: counted, timed for the query log, and aborted when the budget ends. */
const dbFetch = budgetedFetch(countingFetch);
/** drizzle hands every statement it sends to its logger: the query log's SQL (never the parameters). */
const logger = { logQuery: (query: string) => noteQuery(query) };
/** Closing a pool on a frozen database would wait for ever; after this long, let it go. */
const CLOSE_GRACE_MS = 1_000;

function isEmbedded(url: string): boolean {
  return /^file:/i.test(url) || url === ":memory:";
}

/** Open a per-request connection for the configured backend. Cheap: HTTP clients connect lazily. */
export function connect(config: DatabaseConfig, options: ConnectOptions = {}): Database {
  return dialectOf(config.url) === "pg" ? connectNeon(config) : connectLibsql(config, options);
}

function connectLibsql(config: DatabaseConfig, options: ConnectOptions): Database {
  const embedded = isEmbedded(config.url);
  if (embedded && !options.libsqlClient) {
    throw new AppError("CONFIG_INVALID", "DATABASE_URL file: and :memory: work only in Node tools; use libsql: or https: in the Worker");
  }
  const client = options.libsqlClient ?? createClient({ url: config.url, authToken: config.authToken, fetch: dbFetch });
  const db = drizzleLibsql({ client: embedded ? countCalls(client) : client, logger });
  return {
    dialect: "sqlite",
    transport: embedded ? "libsql-embedded" : "libsql-http",
    db,
    t: sqliteSchema,
    migrationsTable: sql`__drizzle_migrations`,
    expectedSchemaVersion: newest(sqliteJournal),
    batch: (build) => db.batch(build(db)),
    raw: (tx, query) => (tx as FullDb).run(query) as unknown as Statement,
    param: (kind, value) => sql`cast(${value instanceof Date ? value.getTime() : value} as ${sql.raw(SQLITE_TYPES[kind])})`,
    bind: (value) => sql`${value instanceof Date ? value.getTime() : value}`,
    typeName: (kind) => sql.raw(SQLITE_TYPES[kind]),
    // A version 4 UUID from random bytes (SQLite has no UUID function), in the text form the app writes.
    newUuid: sql.raw(
      "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
    ),
    close: async () => {
      if (!options.libsqlClient) client.close();
    },
  };
}

const SQLITE_TYPES: Record<SqlKind, string> = { text: "text", uuid: "text", real: "real", int: "integer", time: "integer" };
const PG_TYPES: Record<SqlKind, string> = { text: "text", uuid: "uuid", real: "double precision", int: "integer", time: "timestamptz" };

/** Driver boundary: on Postgres the SQLite-typed handle is a PgDatabase, whose raw statement is `execute`. */
const pgRaw = (tx: Db, query: SQL) => (tx as unknown as { execute(q: SQL): Statement }).execute(query);
const pgParam = (kind: SqlKind, value: string | number | Date | null) =>
  sql`cast(${value instanceof Date ? value.toISOString() : value} as ${sql.raw(PG_TYPES[kind])})`;
const pgExtras = {
  bind: (value: string | number | Date | null) => sql`${value instanceof Date ? value.toISOString() : value}`,
  typeName: (kind: SqlKind) => sql.raw(PG_TYPES[kind]),
  newUuid: sql`gen_random_uuid()`,
};

function newest(journal: { entries: Array<{ when: number }> }): number {
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

const PG_MIGRATIONS = sql`drizzle.__drizzle_migrations`;

function connectNeon(config: DatabaseConfig): Database {
  useLocalNeonProxy(config.localNeonProxy);
  neonConfig.fetchFunction = dbFetch;
  // Driver boundary (see the header): the pg tables and database are used through the SQLite types.
  const t = pgSchema as unknown as Tables;
  if (config.transport === "ws") {
    const pool = new Pool({ connectionString: config.url, max: 4 });
    // An idle client whose socket drops emits on the pool; without a listener that would crash the
    // isolate. The next query fails on its own and is classified (Unavailable) there.
    pool.on("error", () => {});
    pool.on("connect", (client: PoolClient) => {
      tickRoundTrip();
      // A client whose query was abandoned at the deadline is still checked out; when its socket
      // finally drops it emits an error nobody awaits any more. Swallow it rather than crash.
      client.on("error", () => {});
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
        // pg-pool's own calls pass a callback (their deadline is the pool.query race below).
        if (typeof args[args.length - 1] === "function") {
          tickRoundTrip();
          return query(...args);
        }
        return timedRoundTrip(() => withinBudget(() => query(...args) as Promise<unknown>));
      };
    });
    // Driver boundary: the pool's promise methods, raced against the budget (connect may hang too).
    const raw = pool as unknown as { query: (...args: unknown[]) => Promise<unknown>; connect: (...args: unknown[]) => Promise<unknown> };
    const poolQuery = raw.query.bind(pool);
    const poolConnect = raw.connect.bind(pool);
    raw.query = (...args) => (typeof args[args.length - 1] === "function" ? poolQuery(...args) : withinBudget(() => poolQuery(...args)));
    raw.connect = (...args) => (typeof args[0] === "function" ? poolConnect(...args) : withinBudget(() => poolConnect(...args)));
    const db = drizzleNeonWs({ client: pool, logger }) as unknown as FullDb;
    return {
      dialect: "pg",
      transport: "neon-ws",
      db,
      t,
      migrationsTable: PG_MIGRATIONS,
      expectedSchemaVersion: newest(pgJournal),
      // An interactive transaction on one pooled connection: the WebSocket path's only way to be atomic.
      batch: (build) =>
        db.transaction(async (tx) => {
          const results: unknown[] = [];
          for (const query of build(tx as unknown as Db)) results.push(await query);
          return results;
        }) as Promise<never>,
      raw: pgRaw,
      param: pgParam,
      ...pgExtras,
      close: () => Promise.race([pool.end(), new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]),
    };
  }
  // No authToken: DATABASE_AUTH_TOKEN is a Turso token, and neon() would send it to Neon as a bearer token.
  const db = drizzleNeonHttp({ client: neon(config.url), logger }) as unknown as FullDb;
  return {
    dialect: "pg",
    transport: "neon-http",
    db,
    t,
    migrationsTable: PG_MIGRATIONS,
    expectedSchemaVersion: newest(pgJournal),
    batch: (build) => db.batch(build(db)),
    raw: pgRaw,
    param: pgParam,
    ...pgExtras,
    close: async () => {},
  };
}

/** Development only: route the Neon driver to the local proxy instead of Neon's edge. */
function useLocalNeonProxy(address: string | undefined): void {
  if (!address) return;
  neonConfig.fetchEndpoint = () => `http://${address}/sql`;
  neonConfig.wsProxy = (host, port) => `${address}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
}

/** Embedded clients have no transport to wrap: count each call that would be one request to sqld. */
function countCalls(client: LibsqlClient): LibsqlClient {
  const counted = new Set(["execute", "batch", "migrate", "executeMultiple", "transaction"]);
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !counted.has(prop) || typeof value !== "function") return value;
      return (...args: unknown[]) => timedRoundTrip(async () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
