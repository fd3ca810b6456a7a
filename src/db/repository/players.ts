import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { DuplicateError, NotFoundError } from "../../errors";
import { type RepoContext, guardRef, guarded, standingColumns } from "./context";
import { isUuid, normalizeUuid } from "../../ids";
import { decodeCursor, encodeCursor } from "./cursor";
import { ladderWhere, toLadder } from "./ladders";
import type { Actor, Ladder, Page, PageQuery, Player, Standing } from "./types";

export interface NewPlayer {
  guildId: string;
  discordUserId: string;
  displayName: string;
}

/** A player with their standing in one ladder (null until they have played in it). */
export interface PlayerInLadder {
  player: Player;
  ladder: Ladder;
  standing: Standing | null;
}

export function playerRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const p = t.players;
  const lp = t.ladderPlayers;
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
        "once",
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
          .where(and(eq(p.guildId, guildId), eq(p.id, normalizeUuid(id))))
          .limit(1),
      );
      return rows[0] ?? null;
    },

    /** The player, the ladder and the player's standing in it, in one round trip. Unknown player or ladder: NotFound. */
    async inLadder(guildId: string, playerId: string, ladder?: string): Promise<PlayerInLadder> {
      if (!isUuid(playerId)) throw new NotFoundError("player", playerId);
      const id = normalizeUuid(playerId);
      const which = ladderWhere(t.ladders, guildId, ladder);
      const [players, ladders, standings] = await guarded(() =>
        database.batch((tx) => [
          tx
            .select()
            .from(p)
            .where(and(eq(p.guildId, guildId), eq(p.id, id)))
            .limit(1),
          tx.select().from(t.ladders).where(which).limit(1),
          tx
            .select(standingColumns(lp))
            .from(lp)
            .where(and(eq(lp.playerId, id), eq(lp.ladderId, sql`(select ${t.ladders.id} from ${t.ladders} where ${which})`)))
            .limit(1),
        ]),
      );
      const ladderRow = ladders[0];
      if (!ladderRow) throw ladder ? new NotFoundError("ladder", ladder) : new NotFoundError("guild", guildId);
      const player = players[0];
      if (!player) throw new NotFoundError("player", playerId);
      return { player, ladder: toLadder(ladderRow), standing: standings[0] ?? null };
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
      const after = query.cursor ? decodeCursor(query.cursor, { at: "time", id: "uuid" }) : null;
      const rows = await guarded(() =>
        db
          .select()
          .from(p)
          .where(
            and(
              eq(p.guildId, guildId),
              after ? or(gt(p.createdAt, new Date(after.at)), and(eq(p.createdAt, new Date(after.at)), gt(p.id, after.id))) : undefined,
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
    async updateProfile(guildId: string, playerId: string, patch: { displayName: string }, actor: Actor): Promise<Player> {
      if (!isUuid(playerId)) throw new NotFoundError("player", playerId);
      const id = normalizeUuid(playerId);
      const rows = await guarded(
        () =>
          db
            .update(p)
            .set({ displayName: patch.displayName, updatedAt: now(), updatedBy: actor })
            .where(and(eq(p.guildId, guildId), eq(p.id, id)))
            .returning(),
        undefined,
        "idempotent",
      );
      const player = rows[0];
      if (!player) throw new NotFoundError("player", id);
      return player;
    },
  };
}
