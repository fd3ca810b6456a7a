import { and, asc, eq, gt, or } from "drizzle-orm";
import { DuplicateError, NotFoundError } from "../../errors";
import { type RepoContext, guardRef, guarded } from "./context";
import { isUuid } from "../../ids";
import { decodeCursor, encodeCursor } from "./cursor";
import type { Actor, Page, PageQuery, Player } from "./types";

export interface NewPlayer {
  guildId: string;
  discordUserId: string;
  displayName: string;
  /** Starting rating (Glicko-1 scale), from the rating configuration. */
  initial: { rating: number; deviation: number; volatility: number };
}

export function playerRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const p = t.players;
  return {
    /** One round trip. The guild must exist; a second player with the same Discord id is a Duplicate. */
    async create(input: NewPlayer, actor: Actor): Promise<Player> {
      const at = now();
      const rows = await guarded(
        () =>
          db
            .insert(p)
            .values({
              id: newId(),
              guildId: guardRef(t.guilds, t.guilds.id, input.guildId),
              discordUserId: input.discordUserId,
              displayName: input.displayName,
              ...input.initial,
              createdAt: at,
              updatedAt: at,
              createdBy: actor,
              updatedBy: actor,
            })
            .returning(),
        (failure) => {
          if (failure === "unique")
            return new DuplicateError(`Player ${input.discordUserId} is already registered in this guild`, { discordUserId: input.discordUserId });
          if (failure === "not_null" || failure === "foreign_key") return new NotFoundError("guild", input.guildId);
          return undefined;
        },
      );
      const player = rows[0];
      if (!player) throw new Error("insert returned no row");
      return player;
    },

    async getById(guildId: string, id: string): Promise<Player | null> {
      if (!isUuid(id)) return null;
      const rows = await guarded(() =>
        db
          .select()
          .from(p)
          .where(and(eq(p.guildId, guildId), eq(p.id, id)))
          .limit(1),
      );
      return rows[0] ?? null;
    },

    async getByDiscordId(guildId: string, discordUserId: string): Promise<Player | null> {
      const rows = await guarded(() =>
        db
          .select()
          .from(p)
          .where(and(eq(p.guildId, guildId), eq(p.discordUserId, discordUserId)))
          .limit(1),
      );
      return rows[0] ?? null;
    },

    /** Keyset pagination in registration order (stable under inserts, one round trip per page). */
    async list(guildId: string, query: PageQuery): Promise<Page<Player>> {
      const after = query.cursor ? decodeCursor(query.cursor, { at: "number", id: "string" }) : null;
      const rows = await guarded(() =>
        db
          .select()
          .from(p)
          .where(
            and(
              eq(p.guildId, guildId),
              after
                ? or(gt(p.createdAt, new Date(after.at as number)), and(eq(p.createdAt, new Date(after.at as number)), gt(p.id, after.id as string)))
                : undefined,
            ),
          )
          .orderBy(asc(p.createdAt), asc(p.id))
          .limit(query.limit + 1),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null,
      };
    },

    /** Profile fields only; ratings change solely through applied results. */
    async updateProfile(guildId: string, id: string, patch: { displayName: string }, actor: Actor): Promise<Player> {
      if (!isUuid(id)) throw new NotFoundError("player", id);
      const rows = await guarded(() =>
        db
          .update(p)
          .set({ displayName: patch.displayName, updatedAt: now(), updatedBy: actor })
          .where(and(eq(p.guildId, guildId), eq(p.id, id)))
          .returning(),
      );
      const player = rows[0];
      if (!player) throw new NotFoundError("player", id);
      return player;
    },
  };
}
