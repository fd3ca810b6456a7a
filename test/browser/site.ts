/**
 * What every browser test stands on: the Worker in wrangler's local runtime on an in-memory libSQL
 * stand-in, migrated and seeded through the repository, and Debian's Chromium driven by
 * playwright-core (a fresh temporary profile per launch, removed on close). Screenshots go to
 * test-artifacts/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { unstable_dev } from "wrangler";
import { createRepository, type Repository } from "../../src/db/repository";
import { openDatabase } from "../../src/node/database";
import { startLibsqlServer } from "../../src/node/libsql-server";
import { migrateDatabase } from "../../src/node/migrate";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = "test-artifacts";
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[browser] ${CHROMIUM} not found: skipping the browser tests. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
}

export interface Site {
  browser: Browser;
  url(path: string): string;
  close(): Promise<void>;
}

/** Starts the database, seeds it, then the Worker and the browser; `close` stops all of them, newest first. */
export async function startSite(seed: (repo: Repository) => Promise<void>): Promise<Site> {
  const stops: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const libsql = await startLibsqlServer({ path: ":memory:" });
    stops.push(() => libsql.close());
    await migrateDatabase(libsql.url);
    const database = openDatabase({ url: libsql.url, transport: "http" });
    try {
      await seed(createRepository(database));
    } finally {
      await database.close();
    }
    const worker = await unstable_dev("src/index.ts", {
      config: "wrangler.toml",
      vars: { DATABASE_URL: libsql.url },
      ip: "127.0.0.1",
      experimental: { disableExperimentalWarning: true },
      logLevel: "warn",
    });
    stops.push(() => worker.stop());
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
    stops.push(() => browser.close());
    mkdirSync(ARTIFACTS, { recursive: true });
    return { browser, url: (path) => `http://${worker.address}:${worker.port}${path}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
