/**
 * Stored first responses for `Idempotency-Key`. The key is reserved before the write runs (a unique
 * key, so two concurrent first requests cannot both run), completed with the response after, and
 * released when the write failed in a way a retry could fix.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type RepoContext, guarded } from "./context";
import type { Actor } from "./types";

export interface IdempotencyRecord {
  requestHash: string;
  status: number | null;
  body: string | null;
}

export function idempotencyRepository({ database, now }: RepoContext) {
  const { db, t } = database;
  const r = t.idempotencyRecords;
  return {
    /** Reserve the key: null when reserved now, else the existing record. Two round trips at most. */
    async reserve(guildId: string, key: string, requestHash: string, actor: Actor): Promise<IdempotencyRecord | null> {
      const at = now();
      const inserted = await guarded(() =>
        db
          .insert(r)
          .values({ guildId, key, requestHash, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor })
          .onConflictDoNothing()
          .returning({ key: r.key }),
      );
      if (inserted.length > 0) return null;
      const rows = await guarded(() =>
        db
          .select({ requestHash: r.requestHash, status: r.status, body: r.body })
          .from(r)
          .where(and(eq(r.guildId, guildId), eq(r.key, key)))
          .limit(1),
      );
      return rows[0] ?? { requestHash, status: null, body: null };
    },

    async complete(guildId: string, key: string, status: number, body: string): Promise<void> {
      await guarded(() =>
        db
          .update(r)
          .set({ status, body, updatedAt: now() })
          .where(and(eq(r.guildId, guildId), eq(r.key, key), isNull(r.status))),
      );
    },

    async release(guildId: string, key: string): Promise<void> {
      await guarded(() => db.delete(r).where(and(eq(r.guildId, guildId), eq(r.key, key), isNull(r.status))));
    },
  };
}
