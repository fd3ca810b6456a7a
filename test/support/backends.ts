/**
 * The four transports the repository contract must hold on, each started for real:
 * embedded libSQL (file), libSQL over HTTP via the local Hrana server, and Neon over HTTP and over
 * WebSocket via the local Neon proxy in front of PostgreSQL (this machine's, or PGlite).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, connect, type Transport } from "../../src/db/connect";
import { createRepository, type Repository } from "../../src/db/repository";
import { pgDatabaseName } from "./pg-name";
import { openDatabase } from "../../src/node/database";
import { migrateDatabase } from "../../src/node/migrate";

export const TRANSPORTS: Transport[] = (process.env.CONTRACT_TRANSPORTS?.split(",") as Transport[] | undefined) ?? [
  "libsql-embedded",
  "libsql-http",
  "neon-http",
  "neon-ws",
];

export interface StartedBackend {
  transport: Transport;
  /** What actually serves it (e.g. "PostgreSQL via PG_URL", "PGlite"), printed by the suites. */
  label: string;
  /** The database's own URL (file:, http: or postgres:), for checks that go around the Worker's driver. */
  url: string;
  /** A fresh per-request connection, as the Worker makes one per request. */
  open(): Database;
  /** The same backend at an address where nothing listens: for Unavailable. */
  openUnreachable(): Database;
  stop(): Promise<void>;
}

/** Run `fn` on its own connection and close it after, the way one Worker request does. */
export async function withRequest<T>(backend: StartedBackend, fn: (repo: Repository) => Promise<T>): Promise<T> {
  const database = backend.open();
  try {
    return await fn(createRepository(database));
  } finally {
    await database.close();
  }
}

/** Start one transport; `tag` keeps parallel test files in separate databases. */
export async function startBackend(transport: Transport, tag: string): Promise<StartedBackend> {
  if (transport === "libsql-embedded") {
    const path = join(tmpdir(), `teamrank-${tag}-${randomUUID()}.db`);
    const url = `file:${path}`;
    await migrateDatabase(url);
    return {
      transport,
      label: `embedded libSQL file ${path}`,
      url,
      open: () => openDatabase({ url, transport: "http" }),
      openUnreachable: () => openDatabase({ url: `file:${join(tmpdir(), "no-such-dir-teamrank", "x.db")}`, transport: "http" }),
      stop: async () => rmSync(path, { force: true }),
    };
  }
  if (transport === "libsql-http") {
    const { startLibsqlServer } = await import("../../src/node/libsql-server");
    const server = await startLibsqlServer({ path: ":memory:" });
    await migrateDatabase(server.url);
    return {
      transport,
      label: `local Hrana server ${server.url} (libsql engine, memory)`,
      url: server.url,
      open: () => connect({ url: server.url, transport: "http" }),
      openUnreachable: () => connect({ url: "http://127.0.0.1:9", transport: "http" }),
      stop: () => server.close(),
    };
  }
  const { startPostgresBackend } = await import("../../src/node/postgres-backend");
  const { configureNeonForLocalProxy, startNeonProxy } = await import("../../src/node/neon-proxy");
  // TEST_POSTGRES=pglite forces the fallback a machine without PostgreSQL would use.
  const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
  const pg = await startPostgresBackend({ database: pgDatabaseName(tag), fresh: true, prefer });
  await migrateDatabase(pg.url);
  const proxy = await startNeonProxy();
  configureNeonForLocalProxy(proxy.address);
  const mode = transport === "neon-ws" ? "ws" : "http";
  const dead = pg.url.replace(/@([^/:]+):(\d+)/, "@$1:9");
  return {
    transport,
    url: pg.url,
    label: `Neon ${mode} via local proxy ${proxy.address} -> ${pg.kind === "pglite" ? "PGlite" : `PostgreSQL (${pg.kind})`}`,
    open: () => connect({ url: pg.url, transport: mode, localNeonProxy: proxy.address }),
    openUnreachable: () => connect({ url: dead, transport: mode, localNeonProxy: proxy.address }),
    stop: async () => {
      await proxy.close();
      await pg.close();
    },
  };
}

/** A guild id no other test uses, so suites sharing a database never see each other's rows. */
export function freshGuildId(): string {
  // 18 digits like real snowflakes (the bot checks 17-20; a shorter id would fail it now and then).
  return `${100_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 8e17))}`;
}

/**
 * Suite lifecycle for one transport: start it before the tests, hand out a long-lived repository
 * for set-up and assertions, and stop everything after.
 */
export function useBackend(transport: Transport, tag: string) {
  const state: { backend?: StartedBackend; database?: Database; repo?: Repository } = {};
  beforeAll(async () => {
    state.backend = await startBackend(transport, tag);
    console.log(`[contract] ${transport}: ${state.backend.label}`);
    state.database = state.backend.open();
    state.repo = createRepository(state.database);
  });
  afterAll(async () => {
    await state.database?.close();
    await state.backend?.stop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("backend not started");
    return value;
  };
  return {
    get backend() {
      return need(state.backend);
    },
    get database() {
      return need(state.database);
    },
    get repo() {
      return need(state.repo);
    },
  };
}
