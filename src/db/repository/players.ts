import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
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

    /**
     * Players named by our ids or Discord ids, with their rating in a ladder (the ladder's initial
     * values until they play there), and the ladder itself. One round trip. Unknown guild or ladder: NotFound.
     */
    async ratingsFor(guildId: string, refs: string[], ladder?: string) {
      const which = ladderWhere(t.ladders, guildId, ladder);
      const ids = refs.filter(isUuid).map(normalizeUuid);
      const discordIds = refs.filter((r) => !isUuid(r));
      const [ladders, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(t.ladders).where(which).limit(1),
          tx
            .select({ id: p.id, discordUserId: p.discordUserId, displayName: p.displayName, rating: lp.rating, deviation: lp.deviation })
            .from(p)
            .leftJoin(lp, and(eq(lp.playerId, p.id), eq(lp.ladderId, sql`(select ${t.ladders.id} from ${t.ladders} where ${which})`)))
            .where(
              and(
                eq(p.guildId, guildId),
                or(ids.length ? inArray(p.id, ids) : undefined, discordIds.length ? inArray(p.discordUserId, discordIds) : undefined),
              ),
            ),
        ]),
      );
      const row = ladders[0];
      if (!row) throw ladder ? new NotFoundError("ladder", ladder) : new NotFoundError("guild", guildId);
      const found = toLadder(row);
      const s = found.settings;
      return {
        ladder: found,
        players: rows.map((r) => ({ ...r, rating: r.rating ?? s.initialRating, deviation: r.deviation ?? s.initialDeviation })),
      };
    },

    /** By our id or by Discord id. */
    async getByRef(guildId: string, ref: string): Promise<Player | null> {
      return isUuid(ref) ? this.getById(guildId, ref) : this.getByDiscordId(guildId, ref);
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
      // The guild is read in the same batch so an unknown guild is a 404, not an empty page.
      const [guilds, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: t.guilds.id }).from(t.guilds).where(eq(t.guilds.id, guildId)).limit(1),
          tx
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
        ]),
      );
      if (!guilds[0]) throw new NotFoundError("guild", guildId);
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
