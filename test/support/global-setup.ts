/**
 * Node-side setup for the Worker tests: start the local libSQL server and the Neon proxy (in front
 * of PostgreSQL or PGlite), migrate both, and provide their addresses to the tests in workerd.
 */
import type { TestProject } from "vitest/node";
import { startLibsqlServer } from "../../src/node/libsql-server";
import { migrateDatabase } from "../../src/node/migrate";
import { startNeonProxy } from "../../src/node/neon-proxy";
import { startPostgresBackend } from "../../src/node/postgres-backend";
import { startDiscordRecorder } from "./discord-recorder";
import { spawnStandIn } from "./frozen";
import { startRecorder } from "./recorder";

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    pgUrl: string;
    neonProxy: string;
    pgKind: string;
    discordApi: string;
    recorderUrl: string;
    frozenLibsqlUrl: string;
    frozenPgUrl: string;
    frozenNeonProxy: string;
  }
}

export default async function setup(project: TestProject) {
  const libsql = await startLibsqlServer({ path: ":memory:" });
  await migrateDatabase(libsql.url);
  const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
  // TEST_PG_DATABASE lets parallel checkouts on one machine use their own database.
  const pg = await startPostgresBackend({ database: process.env.TEST_PG_DATABASE ?? "teamrank_worker", fresh: true, prefer });
  await migrateDatabase(pg.url);
  const proxy = await startNeonProxy();
  const discord = await startDiscordRecorder();
  console.log(`[worker tests] libSQL ${libsql.url}; Neon proxy ${proxy.address} -> ${pg.kind}`);
  project.provide("libsqlUrl", libsql.url);
  project.provide("pgUrl", pg.url);
  project.provide("neonProxy", proxy.address);
  project.provide("pgKind", pg.kind);
  project.provide("discordApi", discord.url);
  // Stand-ins in their own processes, for the deadline tests to freeze.
  const frozenLibsql = await spawnStandIn("src/node/libsql-server.ts", ["--path", ":memory:", "--port", "0"], /^(http:\S+)$/m);
  await migrateDatabase(frozenLibsql.match[1] ?? "");
  const frozenNeon = await spawnStandIn(
    "src/node/neon-proxy.ts",
    ["--port", "0", "--database", `${process.env.TEST_PG_DATABASE ?? "teamrank_worker"}_frozen`, "--fresh", ...(prefer ? ["--pglite"] : [])],
    /^DATABASE_URL=(\S+)\nNEON_LOCAL_PROXY=(\S+)$/m,
  );
  await migrateDatabase(frozenNeon.match[1] ?? "");
  const recorder = await startRecorder({
    "freeze/libsql": frozenLibsql.frozen.freeze,
    "thaw/libsql": frozenLibsql.frozen.thaw,
    "freeze/neon": frozenNeon.frozen.freeze,
    "thaw/neon": frozenNeon.frozen.thaw,
  });
  project.provide("recorderUrl", recorder.url);
  project.provide("frozenLibsqlUrl", frozenLibsql.match[1] ?? "");
  project.provide("frozenPgUrl", frozenNeon.match[1] ?? "");
  project.provide("frozenNeonProxy", frozenNeon.match[2] ?? "");
  return async () => {
    frozenLibsql.frozen.stop();
    frozenNeon.frozen.stop();
    await recorder.close();
    await discord.close();
    await proxy.close();
    await pg.close();
    await libsql.close();
  };
}
