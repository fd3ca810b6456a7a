/**
 * Per-guild API keys. Only the SHA-256 of a secret is stored (with a short visible prefix so people
 * can tell keys apart); checking a key and recording its use is one conditional UPDATE.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { type RepoContext, guardRef, guarded } from "./context";
import type { Actor } from "./types";

export interface ApiKey {
  id: string;
  guildId: string | null;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export function apiKeyRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const k = t.apiKeys;
  const columns = {
    id: k.id,
    guildId: k.guildId,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    createdAt: k.createdAt,
  };
  return {
    /** One round trip; the guild must exist (the guard makes the insert fail otherwise). */
    async create(input: { guildId: string; name: string; scopes: string[]; keyHash: string; prefix: string }, actor: Actor): Promise<ApiKey> {
      const at = now();
      const rows = await guarded(
        () =>
          db
            .insert(k)
            .values({
              id: newId(),
              guildId: guardRef(t.guilds, t.guilds.id, input.guildId),
              name: input.name,
              keyHash: input.keyHash,
              prefix: input.prefix,
              scopes: input.scopes,
              createdAt: at,
              updatedAt: at,
              createdBy: actor,
              updatedBy: actor,
            })
            .returning(columns),
        (failure) => (failure === "not_null" || failure === "foreign_key" ? new NotFoundError("guild", input.guildId) : undefined),
      );
      const key = rows[0];
      if (!key) throw new Error("insert returned no key");
      return key;
    },

    /** The live key with this hash, its last use recorded in the same statement. One round trip. */
    async use(keyHash: string): Promise<ApiKey | null> {
      const rows = await guarded(() =>
        db
          .update(k)
          .set({ lastUsedAt: now() })
          .where(and(eq(k.keyHash, keyHash), isNull(k.revokedAt)))
          .returning(columns),
      );
      return rows[0] ?? null;
    },

    async list(guildId: string): Promise<ApiKey[]> {
      return guarded(() => db.select(columns).from(k).where(eq(k.guildId, guildId)).orderBy(desc(k.createdAt)).limit(200));
    },

    /** Revoking twice keeps the first revocation time. Unknown key (in this guild): NotFound. */
    async revoke(guildId: string, keyId: string, actor: Actor): Promise<ApiKey> {
      if (!isUuid(keyId)) throw new NotFoundError("api key", keyId);
      const id = normalizeUuid(keyId);
      const at = now();
      const rows = await guarded(() =>
        db
          .update(k)
          .set({ revokedAt: at, updatedAt: at, updatedBy: actor })
          .where(and(eq(k.guildId, guildId), eq(k.id, id), isNull(k.revokedAt)))
          .returning(columns),
      );
      if (rows[0]) return rows[0];
      const existing = await guarded(() =>
        db
          .select(columns)
          .from(k)
          .where(and(eq(k.guildId, guildId), eq(k.id, id)))
          .limit(1),
      );
      if (!existing[0]) throw new NotFoundError("api key", id);
      return existing[0];
    },
  };
}
