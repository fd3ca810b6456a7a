import { desc, eq, lt, sql } from "drizzle-orm";
import { type RepoContext, guarded } from "./context";
import type { HealthCheck, HealthOutage } from "./types";

export interface SchemaState {
  /** `created_at` (the journal's `when`) of the newest applied migration; null if none ran. */
  appliedVersion: number | null;
  latencyMs: number;
}

type NewCheck = Omit<HealthCheck, "id" | "createdAt" | "updatedAt" | "createdBy" | "updatedBy">;
type NewOutage = Pick<HealthOutage, "startedAt" | "endedAt" | "failedChecks" | "worstStatus">;

/** The one writer of the heartbeat row: a single row, overwritten, so the table never grows. */
const HEARTBEAT_ID = "cron";

export function healthRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const system = () => {
    const at = now();
    return { createdAt: at, updatedAt: at, createdBy: "system", updatedBy: "system" };
  };
  return {
    /** One round trip that proves the database answers and tells which migration it is on. */
    async schemaState(): Promise<SchemaState> {
      const started = performance.now();
      const rows = await guarded(() => db.select({ version: sql<string | number | null>`max(created_at)` }).from(sql`${database.migrationsTable}`));
      const raw = rows[0]?.version;
      return { appliedVersion: raw === null || raw === undefined ? null : Number(raw), latencyMs: performance.now() - started };
    },

    /** The trivial query whose latency the cron reports: no table, no plan, just the round trip. */
    async ping(): Promise<number> {
      const started = performance.now();
      await guarded(() => db.select({ one: sql<number>`1` }).from(sql`(select 1) as ping`));
      return performance.now() - started;
    },

    /**
     * Write a fresh token into the heartbeat row and read it back in a second round trip: proves
     * the database takes writes and serves them (a read-only or lagging database fails here).
     * Idempotent (an upsert of one row), so the transient retry may repeat it.
     */
    async heartbeat(): Promise<number> {
      const started = performance.now();
      const token = newId();
      const at = now();
      const h = t.healthHeartbeat;
      await guarded(
        () =>
          db
            .insert(h)
            .values({ id: HEARTBEAT_ID, token, beatAt: at, ...system() })
            .onConflictDoUpdate({ target: h.id, set: { token, beatAt: at, updatedAt: at } }),
        undefined,
        "idempotent",
      );
      const rows = await guarded(() => db.select({ token: h.token }).from(h).where(eq(h.id, HEARTBEAT_ID)).limit(1));
      if (rows[0]?.token !== token) throw new Error("heartbeat read back a different token");
      return performance.now() - started;
    },

    /**
     * Record a check, the outage it closes (if any) and prune what is older than `keepAfter`,
     * all in one batch: either the history gains the check and its outage or nothing changes.
     * Not retried after an ambiguous failure: a new id each time would duplicate the row.
     */
    async recordCheck(check: NewCheck, outage: NewOutage | null, keepAfter: Date): Promise<HealthCheck> {
      const [inserted] = await guarded(
        () =>
          database.batch((tx) => [
            tx
              .insert(t.healthChecks)
              .values({ id: newId(), ...check, ...system() })
              .returning(),
            tx.delete(t.healthChecks).where(lt(t.healthChecks.checkedAt, keepAfter)),
            tx.delete(t.healthOutages).where(lt(t.healthOutages.endedAt, keepAfter)),
            ...(outage ? [tx.insert(t.healthOutages).values({ id: newId(), ...outage, ...system() })] : []),
          ]),
        undefined,
        "once",
      );
      const row = inserted[0];
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async latest(): Promise<HealthCheck | null> {
      const rows = await guarded(() => db.select().from(t.healthChecks).orderBy(desc(t.healthChecks.checkedAt)).limit(1));
      return rows[0] ?? null;
    },

    /** Recent checks and outages, newest first, in one round trip (a status page's one read). */
    async history(limit: number): Promise<{ checks: HealthCheck[]; outages: HealthOutage[] }> {
      const [checks, outages] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(t.healthChecks).orderBy(desc(t.healthChecks.checkedAt)).limit(limit),
          tx.select().from(t.healthOutages).orderBy(desc(t.healthOutages.startedAt)).limit(limit),
        ]),
      );
      return { checks, outages };
    },
  };
}
