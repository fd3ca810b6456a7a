/** The one Hono environment type: Worker bindings plus the per-request services set by middleware. */
import type { Database } from "./db/connect";
import type { Repository } from "./db/repository";
import type { AppConfig, Bindings } from "./env";

export interface AppVariables {
  requestId: string;
  config: AppConfig;
  /** Per-request database, opened lazily on first use and closed after the response. */
  database: () => Database;
  repo: () => Repository;
  now: () => Date;
  /** Who is writing (audit columns): "admin" or "apikey:<id>"; set by the auth middleware. */
  actor: string;
}

export type AppEnv = { Bindings: Bindings; Variables: AppVariables };
