/**
 * Where the SQL-over-HTTP endpoint sends each request: the `Neon-Connection-String` header names
 * the database, and the proxy keeps a small pg pool per distinct target. Pooling is a property of
 * this Node dev tool only (Neon's proxy pools too); the Worker opens nothing that outlives a request.
 */
import pg from "pg";
import type { CustomTypesConfig } from "pg";
import { isLoopbackHost } from "./loopback";

/** A request-level problem the client must fix: answered with HTTP 400. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface PgTarget {
  /** Identity of the pool: same server, credentials and database share one. */
  key: string;
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  applicationName?: string;
}

/**
 * Parses the connection string the driver sent. Only loopback hosts are allowed. Query parameters
 * other than application_name are ignored on purpose: a Neon URL's `sslmode=require` describes the
 * client-to-Neon leg, which here is plain HTTP on loopback, and the proxy-to-Postgres leg never
 * uses TLS (neither the local server nor pglite-socket offers it).
 */
export function parseTarget(header: string | undefined): PgTarget {
  if (header === undefined || header.trim() === "") throw new BadRequestError("missing Neon-Connection-String header");
  let url: URL;
  try {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(header)?.[1]?.toLowerCase();
    if (scheme !== "postgres" && scheme !== "postgresql") throw new Error("scheme");
    // Parse as http: to get WHATWG host parsing (IPv6 brackets, percent-decoding), as the driver does.
    url = new URL(`http:${header.slice(scheme.length + 1)}`);
  } catch {
    throw new BadRequestError("Neon-Connection-String is not a postgres:// or postgresql:// URL");
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!isLoopbackHost(host)) {
    throw new BadRequestError(`connection to ${url.hostname} refused: the local Neon proxy only connects to loopback hosts`);
  }
  const user = decodeURIComponent(url.username);
  if (user === "") throw new BadRequestError("Neon-Connection-String has no user");
  const password = url.password === "" ? undefined : decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.slice(1)) || user;
  const port = url.port === "" ? 5432 : Number(url.port);
  const applicationName = url.searchParams.get("application_name") ?? undefined;
  const key = JSON.stringify([host, port, user, password ?? null, database]);
  return { key, host, port, user, password, database, applicationName };
}

/**
 * Every value comes back as the server's text output, untouched: the driver parses by type id
 * (int8 stays a string, timestamptz becomes a Date, and so on), exactly as with Neon's endpoint.
 */
const RAW_TEXT: CustomTypesConfig = { getTypeParser: () => (value: string) => value };

export interface PoolRegistry {
  get(target: PgTarget): pg.Pool;
  close(): Promise<void>;
}

export function createPoolRegistry(log: (line: string) => void, maxPerTarget = 10): PoolRegistry {
  const pools = new Map<string, pg.Pool>();
  return {
    get(target) {
      const existing = pools.get(target.key);
      if (existing) return existing;
      const pool = new pg.Pool({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
        database: target.database,
        application_name: target.applicationName,
        ssl: false,
        types: RAW_TEXT,
        max: maxPerTarget,
        idleTimeoutMillis: 10_000,
        connectionTimeoutMillis: 10_000,
      });
      // An idle connection can die under us (server restart, DROP DATABASE … WITH (FORCE)); pg
      // reports that on the pool, and an unhandled 'error' event would take the proxy down.
      pool.on("error", (error) => log(`[neon-proxy] idle connection to ${target.host}:${target.port}/${target.database} lost: ${error.message}`));
      pools.set(target.key, pool);
      return pool;
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.end().catch(() => {})));
    },
  };
}
