import { eq } from "drizzle-orm";
import type { RepoContext } from "./context";
import { guarded } from "./context";
import type { Actor, Guild } from "./types";

export interface GuildInput {
  id: string;
  name: string;
  settings?: Record<string, unknown>;
}

export function guildRepository({ database, now }: RepoContext) {
  const { db, t } = database;
  return {
    async get(id: string): Promise<Guild | null> {
      const rows = await guarded(() => db.select().from(t.guilds).where(eq(t.guilds.id, id)).limit(1));
      return rows[0] ?? null;
    },

    /** Create or rename a guild; settings are replaced only when given. One round trip. */
    async upsert(input: GuildInput, actor: Actor): Promise<Guild> {
      const at = now();
      const rows = await guarded(() =>
        db
          .insert(t.guilds)
          .values({ id: input.id, name: input.name, settings: input.settings ?? {}, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor })
          .onConflictDoUpdate({
            target: t.guilds.id,
            set: {
              name: input.name,
              ...(input.settings ? { settings: input.settings } : {}),
              updatedAt: at,
              updatedBy: actor,
            },
          })
          .returning(),
      );
      const guild = rows[0];
      if (!guild) throw new Error("upsert returned no row");
      return guild;
    },
  };
}
