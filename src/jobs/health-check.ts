/**
 * The database health check: `probeDatabase` is readiness (one round trip, for `GET /health/ready`);
 * `runScheduledHealthCheck` is the cron: ping latency, schema version against the newest bundled
 * migration, a heartbeat write read back, then one batch that records the check (and any outage it
 * missed) and prunes week-old rows, and a Discord message when the status changes.
 * Nothing here returns driver text: failures are reduced to a `Problem` with fixed wording.
 */
import type { Database } from "../db/connect";
import { classifyDbError } from "../db/errors";
import type { Repository } from "../db/repository";
import { type AppError, UnavailableError } from "../errors";
import { alertMessage, type MemoryStore, postWebhook } from "./alerts";
import {
  type Alert,
  assess,
  clearUnrecorded,
  decideAlert,
  type HealthStatus,
  KEEP_MS,
  noteUnrecorded,
  type OutageRecord,
  outageToRecord,
  PROBLEM_TEXT,
  type Problem,
} from "./health-status";

export interface Probe {
  ok: boolean;
  backend: string;
  latencyMs: number | null;
  schema: { applied: number | null; expected: number; upToDate: boolean } | null;
  problem: Problem | null;
  /** Fixed wording for `problem`; safe to show anyone. */
  error: string | null;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Reduce a failure to what may be shown: the kind, never the driver's message. */
export function problemOf(error: unknown): Problem {
  const cause = error instanceof UnavailableError ? ((error as AppError).cause ?? error) : error;
  const failure = classifyDbError(cause);
  if (failure === "timeout") return "timeout";
  if (failure === "unavailable") return "unreachable";
  return "query_failed";
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
      latencyMs: round(state.latencyMs),
      schema: { applied: state.appliedVersion, expected, upToDate },
      problem: upToDate ? null : "schema_behind",
      error: upToDate ? null : PROBLEM_TEXT.schema_behind,
    };
  } catch (error) {
    const problem = problemOf(error);
    return { ok: false, backend, latencyMs: null, schema: null, problem, error: PROBLEM_TEXT[problem] };
  }
}

export interface CronDeps {
  database: Database;
  repo: Repository;
  now: number;
  memory: MemoryStore;
  webhookUrl?: string;
  fetch?: typeof fetch;
}

export interface CronReport {
  status: HealthStatus;
  problem: Problem | null;
  backend: string;
  pingMs: number | null;
  heartbeatMs: number | null;
  schema: Probe["schema"];
  recorded: boolean;
  outage: OutageRecord | null;
  alert: Alert["kind"] | null;
  alertDelivered: boolean | null;
}

async function attempt<T>(fn: () => Promise<T>): Promise<{ value: T; problem: null } | { value: null; problem: Problem }> {
  try {
    return { value: await fn(), problem: null };
  } catch (error) {
    return { value: null, problem: problemOf(error) };
  }
}

export async function runScheduledHealthCheck(deps: CronDeps): Promise<CronReport> {
  const { database, repo, now } = deps;
  const ping = await attempt(() => repo.health.ping());
  const readable = ping.problem === null;
  const schemaProbe = readable ? await probeDatabase(database, repo) : null;
  const heartbeat = readable ? await attempt(() => repo.health.heartbeat()) : null;
  const last = readable ? await attempt(() => repo.health.latest()) : null;
  const { status, problem } = assess({
    pingMs: ping.value,
    readProblem: ping.problem ?? schemaProbe?.problem ?? null,
    schemaUpToDate: schemaProbe?.schema?.upToDate ?? null,
    heartbeatMs: heartbeat?.value ?? null,
  });

  const remembered = await deps.memory.get().catch(() => null);
  const lastCheck = last?.value ?? null;
  const decided = decideAlert(remembered, status, now, lastCheck ? lastCheck.status : null);
  let memory = decided.memory;

  let recorded = false;
  let outage: OutageRecord | null = null;
  if (heartbeat?.value != null) {
    outage = outageToRecord(remembered, lastCheck?.checkedAt ?? null, now);
    const check = {
      checkedAt: new Date(now),
      ok: status === "healthy",
      status,
      backend: database.transport,
      latencyMs: ping.value === null ? null : round(ping.value),
      heartbeatMs: round(heartbeat.value),
      schemaVersion: schemaProbe?.schema?.applied?.toString() ?? null,
      error: problem ? PROBLEM_TEXT[problem] : null,
    };
    const written = await attempt(() => repo.health.recordCheck(check, outage, new Date(now - KEEP_MS)));
    recorded = written.problem === null;
  }
  if (recorded) memory = clearUnrecorded(memory);
  else {
    outage = null;
    memory = noteUnrecorded(memory, status, now);
  }

  let alertDelivered: boolean | null = null;
  if (decided.alert) {
    if (deps.webhookUrl) {
      const content = alertMessage(decided.alert, { backend: database.transport, problem, at: now });
      alertDelivered = (await postWebhook(deps.webhookUrl, content, { fetch: deps.fetch })).ok;
    }
    if (alertDelivered === false && remembered) {
      // Not delivered: forget the change so the next run announces it again (failed posts are no storm).
      memory = { ...memory, status: remembered.status, since: remembered.since, lastAlertAt: remembered.lastAlertAt, sentInWindow: memory.sentInWindow - 1 };
    }
  }
  await deps.memory.put(memory).catch(() => {});
  return {
    status,
    problem,
    backend: database.transport,
    pingMs: ping.value === null ? null : round(ping.value),
    heartbeatMs: heartbeat?.value == null ? null : round(heartbeat.value),
    schema: schemaProbe?.schema ?? null,
    recorded,
    outage,
    alert: decided.alert?.kind ?? null,
    alertDelivered,
  };
}
