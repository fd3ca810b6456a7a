/**
 * Node-side setup for the Worker tests: start the local libSQL server and the Neon proxy (in front
 * of PostgreSQL or PGlite), migrate both, and provide their addresses to the tests in workerd.
 */
import type { TestProject } from "vitest/node";
import { startLibsqlServer } from "../../src/node/libsql-server";
import { migrateDatabase } from "../../src/node/migrate";
import { startNeonProxy } from "../../src/node/neon-proxy";
import { startPostgresBackend } from "../../src/node/postgres-backend";
import { startRecorder } from "./recorder";

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    pgUrl: string;
    neonProxy: string;
    pgKind: string;
    recorderUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const libsql = await startLibsqlServer({ path: ":memory:" });
  await migrateDatabase(libsql.url);
  const prefer = process.env.TEST_POSTGRES === "pglite" ? "pglite" : undefined;
  const pg = await startPostgresBackend({ database: "teamrank_worker", fresh: true, prefer });
  await migrateDatabase(pg.url);
  const proxy = await startNeonProxy();
  console.log(`[worker tests] libSQL ${libsql.url}; Neon proxy ${proxy.address} -> ${pg.kind}`);
  project.provide("libsqlUrl", libsql.url);
  project.provide("pgUrl", pg.url);
  project.provide("neonProxy", proxy.address);
  project.provide("pgKind", pg.kind);
  const recorder = await startRecorder();
  project.provide("recorderUrl", recorder.url);
  return async () => {
    await recorder.close();
    await proxy.close();
    await pg.close();
    await libsql.close();
  };
}
