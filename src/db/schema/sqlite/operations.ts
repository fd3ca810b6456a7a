/** Operations: health checks, outages and heartbeat; API keys and stored idempotent responses. */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms, audit } from "./columns";
import { HEALTH_STATUSES, type HealthStatus, oneOf } from "../values";
import { guilds } from "./ratings";

export const healthChecks = sqliteTable(
  "health_checks",
  {
    id: text("id").primaryKey(),
    checkedAt: ms("checked_at").notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    backend: text("backend").notNull(),
    latencyMs: real("latency_ms"),
    schemaVersion: text("schema_version"),
    error: text("error"),
    /** healthy, degraded (answers but slow, read-only or schema behind) or down; see src/jobs/health-status.ts. */
    status: text("status").$type<HealthStatus>().notNull().default("healthy"),
    /** Round trip of the heartbeat write and its read-back, proving the database takes writes. */
    heartbeatMs: real("heartbeat_ms"),
    ...audit,
  },
  // No CHECK on status here: adding one makes drizzle-kit rebuild the SQLite table with a copy that
  // selects the new columns from the old table, which fails. The job writes only HealthStatus values.
  (t) => [index("health_checks_checked_idx").on(t.checkedAt)],
);

/**
 * A stretch of time in which no check could be recorded (the database was down or read-only),
 * written by the first check that could write again, so the history has no silent holes.
 */
export const healthOutages = sqliteTable(
  "health_outages",
  {
    id: text("id").primaryKey(),
    /** The last check known good (or the first failure seen, when the Worker remembered it). */
    startedAt: ms("started_at").notNull(),
    /** The check that could write again. */
    endedAt: ms("ended_at").notNull(),
    /** Checks that ran and failed during the outage, as far as the Worker could tell; 0 when unknown. */
    failedChecks: integer("failed_checks").notNull().default(0),
    /** The worst status seen during the outage ("down" when nothing is known). */
    worstStatus: text("worst_status").$type<HealthStatus>().notNull(),
    ...audit,
  },
  (t) => [index("health_outages_started_idx").on(t.startedAt), check("health_outages_status_ck", oneOf("worst_status", HEALTH_STATUSES))],
);

/** One row per writer, overwritten by every check: the write-and-read half of the health check. */
export const healthHeartbeat = sqliteTable("health_heartbeat", {
  id: text("id").primaryKey(),
  token: text("token").notNull(),
  beatAt: ms("beat_at").notNull(),
  ...audit,
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id").references(() => guilds.id),
    name: text("name").notNull(),
    /** SHA-256 of the secret; the secret itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    ...audit,
  },
  (t) => [index("api_keys_guild_idx").on(t.guildId, t.createdAt)],
);

/**
 * The first response to a write sent with an `Idempotency-Key`, per guild: a replay gets it back.
 * `status` is null while the first request is still running (its reservation).
 */
export const idempotencyRecords = sqliteTable(
  "idempotency_records",
  {
    guildId: text("guild_id").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.guildId, t.key] })],
);
