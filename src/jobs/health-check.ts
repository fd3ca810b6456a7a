/**
 * The database probe shared by `GET /health/ready` and the cron: one round trip that proves the
 * database answers and says whether its schema is the one this build expects (drift check).
 * The cron also records each check, so outages and recoveries leave a trail.
 */
import type { Database } from "../db/connect";
import type { Repository } from "../db/repository";
import { UnavailableError } from "../errors";

export interface Probe {
  ok: boolean;
  backend: string;
  latencyMs: number | null;
  schema: { applied: number | null; expected: number; upToDate: boolean } | null;
  error: string | null;
}

export async function probeDatabase(database: Database, repo: Repository): Promise<Probe> {
  const backend = database.transport;
  try {
    const state = await repo.health.schemaState();
    const expected = database.expectedSchemaVersion;
    const upToDate = state.appliedVersion === expected;
    return {
      ok: upToDate,
      backend,
      latencyMs: Math.round(state.latencyMs * 10) / 10,
      schema: { applied: state.appliedVersion, expected, upToDate },
      error: upToDate ? null : `schema version ${state.appliedVersion ?? "none"} != expected ${expected}: run npm run db:migrate`,
    };
  } catch (error) {
    const message = error instanceof UnavailableError ? error.message : error instanceof Error ? error.message : String(error);
    return { ok: false, backend, latencyMs: null, schema: null, error: message };
  }
}

/** The `scheduled` handler's work: probe, then record the result if the database takes writes. */
export async function runScheduledHealthCheck(database: Database, repo: Repository, now: () => Date): Promise<Probe & { recorded: boolean }> {
  const probe = await probeDatabase(database, repo);
  try {
    await repo.health.record({
      checkedAt: now(),
      ok: probe.ok,
      backend: probe.backend,
      latencyMs: probe.latencyMs,
      schemaVersion: probe.schema?.applied?.toString() ?? null,
      error: probe.error,
    });
    return { ...probe, recorded: true };
  } catch (error) {
    console.error("health check could not be recorded", error instanceof Error ? error.message : error);
    return { ...probe, recorded: false };
  }
}
