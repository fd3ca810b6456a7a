/**
 * Pure rules of the health check: what status a set of measurements means, which alert (if any) a
 * run sends, and which outage a run that can write again must record. No I/O and no clock, so the
 * storm rules are tested by playing hours of runs in a loop.
 */
import type { HealthStatus } from "../db/schema/values";

export type { HealthStatus };

/** The cron runs every five minutes (wrangler.toml `crons`). */
export const CHECK_INTERVAL_MS = 5 * 60_000;
/** A ping slower than this is degraded: Discord's 3 s leaves no room for several such round trips. */
export const SLOW_MS = 1_000;
export const REMINDER_MS = 60 * 60_000;
/** Flapping guard: at most this many messages per hour, however often the status changes. */
export const MAX_ALERTS_PER_HOUR = 6;
export const KEEP_MS = 7 * 24 * 60 * 60_000;

/** Why a check was not healthy, in words safe to show anyone (never driver text, URLs or secrets). */
export type Problem = "unreachable" | "timeout" | "query_failed" | "schema_behind" | "read_only" | "slow";

export const PROBLEM_TEXT: Record<Problem, string> = {
  unreachable: "the database is unreachable",
  timeout: "the database did not answer within the time budget",
  query_failed: "a query failed",
  schema_behind: "the database schema is not the one this build expects (run the migrations)",
  read_only: "the database answers reads but does not take writes",
  slow: `the database answers slowly (over ${SLOW_MS} ms)`,
};

export interface Measurements {
  /** Null when the ping failed; then `readProblem` says why. */
  pingMs: number | null;
  readProblem: Problem | null;
  schemaUpToDate: boolean | null;
  /** Null when the heartbeat failed (or was not tried because reads failed). */
  heartbeatMs: number | null;
}

export function assess(m: Measurements): { status: HealthStatus; problem: Problem | null } {
  if (m.pingMs === null) return { status: "down", problem: m.readProblem ?? "unreachable" };
  if (m.schemaUpToDate === false) return { status: "degraded", problem: "schema_behind" };
  if (m.heartbeatMs === null) return { status: "degraded", problem: "read_only" };
  if (m.pingMs > SLOW_MS) return { status: "degraded", problem: "slow" };
  return { status: "healthy", problem: null };
}

/**
 * What the Worker remembers between runs outside the database (which may be the thing that is
 * down): the last status and when it began, alert bookkeeping, and the checks it could not record.
 */
export interface Memory {
  status: HealthStatus;
  since: number;
  lastAlertAt: number | null;
  /** Start of the current hour-long window and messages sent in it (the flapping guard). */
  windowStart: number;
  sentInWindow: number;
  /** Status changes not announced because of the flapping guard; told in the next message. */
  suppressed: number;
  /** First run whose check could not be recorded, and how many such runs, and the worst status among them. */
  unrecordedSince: number | null;
  unrecordedChecks: number;
  unrecordedWorst: HealthStatus | null;
}

export type Alert = { kind: "change"; from: HealthStatus; to: HealthStatus; suppressed: number } | { kind: "reminder"; status: "down"; since: number };

const RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };
const worse = (a: HealthStatus | null, b: HealthStatus): HealthStatus => (a && RANK[a] >= RANK[b] ? a : b);

/**
 * Decide this run's alert. `previous` is null when nothing is remembered (first run, or the memory
 * was lost); then `fallback` (the last recorded check's status, if the database could be read) is
 * the previous status, and when nothing at all is known a down run alerts only in the first check
 * slot of each hour: still at most one message an hour, never one per run.
 */
export function decideAlert(
  previous: Memory | null,
  status: HealthStatus,
  now: number,
  fallback: HealthStatus | null,
): { alert: Alert | null; memory: Memory } {
  const base: Memory = previous ?? {
    status: fallback ?? "healthy",
    since: now,
    lastAlertAt: null,
    windowStart: now,
    sentInWindow: 0,
    suppressed: 0,
    unrecordedSince: null,
    unrecordedChecks: 0,
    unrecordedWorst: null,
  };
  const memory: Memory = now - base.windowStart >= REMINDER_MS ? { ...base, windowStart: now, sentInWindow: 0 } : { ...base };
  const blind = previous === null && fallback === null;
  let alert: Alert | null = null;
  if (status !== memory.status) {
    const from = memory.status;
    memory.status = status;
    memory.since = now;
    if (blind && status === "down" && now % REMINDER_MS >= CHECK_INTERVAL_MS) {
      memory.lastAlertAt = null; // unknown whether this outage was announced: wait for the hourly slot
    } else {
      alert = { kind: "change", from, to: status, suppressed: memory.suppressed };
    }
  } else if (status === "down" && now - (memory.lastAlertAt ?? memory.since) >= REMINDER_MS) {
    alert = { kind: "reminder", status: "down", since: memory.since };
  } else if (status === "down" && memory.lastAlertAt === null && now % REMINDER_MS < CHECK_INTERVAL_MS) {
    alert = { kind: "reminder", status: "down", since: memory.since };
  }
  if (alert && memory.sentInWindow >= MAX_ALERTS_PER_HOUR && alert.kind === "change") {
    memory.suppressed++;
    alert = null;
  }
  if (alert) {
    memory.lastAlertAt = now;
    memory.sentInWindow++;
    memory.suppressed = 0;
  }
  return { alert, memory };
}

/** A run that could not record its check: remember it, so the next run that can records the outage. */
export function noteUnrecorded(memory: Memory, status: HealthStatus, now: number): Memory {
  return {
    ...memory,
    unrecordedSince: memory.unrecordedSince ?? now,
    unrecordedChecks: memory.unrecordedChecks + 1,
    unrecordedWorst: worse(memory.unrecordedWorst, status),
  };
}

export interface OutageRecord {
  startedAt: Date;
  endedAt: Date;
  failedChecks: number;
  worstStatus: HealthStatus;
}

/**
 * The outage a run that can write must record before its own check: the unrecorded runs it
 * remembers, or else a gap since the last recorded check longer than two intervals (the memory was
 * lost, or the cron itself did not run: either way the history must not hide it).
 */
export function outageToRecord(memory: Memory | null, lastRecordedAt: Date | null, now: number): OutageRecord | null {
  if (memory?.unrecordedSince != null) {
    return {
      startedAt: new Date(memory.unrecordedSince),
      endedAt: new Date(now),
      failedChecks: memory.unrecordedChecks,
      worstStatus: memory.unrecordedWorst ?? "down",
    };
  }
  if (lastRecordedAt && now - lastRecordedAt.getTime() > 2 * CHECK_INTERVAL_MS) {
    return { startedAt: lastRecordedAt, endedAt: new Date(now), failedChecks: 0, worstStatus: "down" };
  }
  return null;
}

export function clearUnrecorded(memory: Memory): Memory {
  return { ...memory, unrecordedSince: null, unrecordedChecks: 0, unrecordedWorst: null };
}
