/**
 * Players are registered the first time Discord shows them to us: one multi-row upsert that can
 * join any batch. The display name follows the member's current nick or global name.
 */
import { sql } from "drizzle-orm";
import type { Db, Tables } from "../connect";
import type { Actor, DiscordMember } from "./types";

export function upsertPlayers(tx: Db, t: Tables, guildId: string, people: DiscordMember[], at: Date, actor: Actor, newId: () => string) {
  const unique = [...new Map(people.map((m) => [m.discordUserId, m])).values()];
  return tx
    .insert(t.players)
    .values(
      unique.map((m) => ({
        id: newId(),
        guildId,
        discordUserId: m.discordUserId,
        displayName: m.displayName,
        createdAt: at,
        updatedAt: at,
        createdBy: actor,
        updatedBy: actor,
      })),
    )
    .onConflictDoUpdate({
      target: [t.players.guildId, t.players.discordUserId],
      set: { displayName: sql`excluded.display_name`, updatedAt: at, updatedBy: actor },
      // Only a changed name is written: a press by a known player leaves the row alone.
      setWhere: sql`${t.players.displayName} <> excluded.display_name`,
    });
}
