import { eq } from "drizzle-orm";
import { defaultLadderSettings } from "../../domain/ladder-settings";
import type { RepoContext } from "./context";
import { guarded } from "./context";
import { DEFAULT_LADDER_SLUG, ladderRepository } from "./ladders";
import type { Actor, Guild } from "./types";

export interface GuildInput {
  id: string;
  name: string;
  settings?: Record<string, unknown>;
}

export function guildRepository(ctx: RepoContext) {
  const { database, now } = ctx;
  const { db, t } = database;
  const ladders = ladderRepository(ctx);
  return {
    async get(id: string): Promise<Guild | null> {
      const rows = await guarded(() => db.select().from(t.guilds).where(eq(t.guilds.id, id)).limit(1));
      return rows[0] ?? null;
    },

    /**
     * Create or rename a guild; settings are replaced only when given. A new guild gets its default
     * ladder in the same batch (an existing one keeps its own). One round trip.
     */
    async upsert(input: GuildInput, actor: Actor): Promise<Guild> {
      const at = now();
      const defaultLadder = ladders.newLadderValues(
        input.id,
        { slug: DEFAULT_LADDER_SLUG, name: "Default", settings: defaultLadderSettings(), isDefault: true },
        actor,
      );
      const [rows] = await guarded(
        () =>
          database.batch((tx) => [
            tx
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
            // Conflicts with the guild's existing default ladder (or a ladder already named "default"): keep that one.
            tx.insert(t.ladders).values(defaultLadder).onConflictDoNothing(),
          ]),
        undefined,
        "idempotent",
      );
      const guild = rows[0];
      if (!guild) throw new Error("upsert returned no row");
      return guild;
    },
  };
}
