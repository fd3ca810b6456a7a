/**
 * Receipts for interactions whose effect is not idempotent by itself (starting a season ends the
 * current one; a redelivery must not end the next). Claimed before the work by a unique key, and
 * released if the work fails, so a retry by Discord either finds the receipt or redoes the work.
 */
import { eq } from "drizzle-orm";
import { type RepoContext, guarded } from "./context";
import type { Actor } from "./types";

export function receiptRepository({ database, now }: RepoContext) {
  const { db, t } = database;
  const r = t.interactionReceipts;
  return {
    /** True when this call claimed the interaction; false when it was claimed before. One round trip. */
    async claim(interactionId: string, guildId: string, kind: string, actor: Actor): Promise<boolean> {
      const at = now();
      const rows = await guarded(() =>
        db
          .insert(r)
          .values({ id: interactionId, guildId, kind, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor })
          .onConflictDoNothing()
          .returning({ id: r.id }),
      );
      return rows.length === 1;
    },

    async release(interactionId: string): Promise<void> {
      await guarded(() => db.delete(r).where(eq(r.id, interactionId)));
    },
  };
}
