import { desc, sql } from "drizzle-orm";
import { type RepoContext, guarded } from "./context";
import type { HealthCheck } from "./types";

export interface SchemaState {
  /** `created_at` (the journal's `when`) of the newest applied migration; null if none ran. */
  appliedVersion: number | null;
  latencyMs: number;
}

export function healthRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  return {
    /** One round trip that proves the database answers and tells which migration it is on. */
    async schemaState(): Promise<SchemaState> {
      const started = performance.now();
      const rows = await guarded(() => db.select({ version: sql<string | number | null>`max(created_at)` }).from(sql`${database.migrationsTable}`));
      const raw = rows[0]?.version;
      return { appliedVersion: raw === null || raw === undefined ? null : Number(raw), latencyMs: performance.now() - started };
    },

    async record(check: Omit<HealthCheck, "id" | "createdAt" | "updatedAt" | "createdBy" | "updatedBy">): Promise<HealthCheck> {
      const at = now();
      const rows = await guarded(() =>
        db
          .insert(t.healthChecks)
          .values({ id: newId(), ...check, createdAt: at, updatedAt: at, createdBy: "system", updatedBy: "system" })
          .returning(),
      );
      const row = rows[0];
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async latest(): Promise<HealthCheck | null> {
      const rows = await guarded(() => db.select().from(t.healthChecks).orderBy(desc(t.healthChecks.checkedAt)).limit(1));
      return rows[0] ?? null;
    },
  };
}
