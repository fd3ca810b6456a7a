/** The Discord bot's state: lobbies, their members, match reports and interaction receipts. */
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms, audit } from "./columns";
import { LOBBY_KINDS, LOBBY_STATUSES, type LobbyProposal, oneOf } from "../values";
import { guilds, ladders, matches, players } from "./ratings";

/**
 * A Discord lobby or proposal. `size` members at most: a join locks this row first (`token`), so
 * concurrent joins queue here and each counts the members committed before it, on every transport.
 */
export const lobbies = sqliteTable(
  "lobbies",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    kind: text("kind", { enum: LOBBY_KINDS }).notNull(),
    status: text("status", { enum: LOBBY_STATUSES }).notNull().default("open"),
    channelId: text("channel_id"),
    /** Discord user id of whoever opened it (may start it early). */
    openedBy: text("opened_by").notNull(),
    size: integer("size").notNull(),
    teamCount: integer("team_count").notNull(),
    /** The opening interaction: Discord's redelivery of it finds this lobby instead of making another. */
    interactionId: text("interaction_id").notNull(),
    proposal: text("proposal", { mode: "json" }).$type<LobbyProposal>(),
    /** Which split of the proposal is shown (Reshuffle cycles it). */
    splitIndex: integer("split_index").notNull().default(0),
    matchId: text("match_id").references(() => matches.id),
    /** The last writer's fresh value: proves to the later statements of its batch that the guard held. */
    token: text("token").notNull().default(""),
    expiresAt: ms("expires_at").notNull(),
    ...audit,
  },
  (t) => [
    uniqueIndex("lobbies_interaction_uq").on(t.interactionId),
    uniqueIndex("lobbies_match_uq").on(t.matchId),
    index("lobbies_status_expires_idx").on(t.status, t.expiresAt),
    check("lobbies_status_ck", oneOf("status", LOBBY_STATUSES)),
    check("lobbies_kind_ck", oneOf("kind", LOBBY_KINDS)),
  ],
);

/** Who is in a lobby; `slot` is the join order, unique per lobby, and a party joins as one. */
export const lobbyMembers = sqliteTable(
  "lobby_members",
  {
    lobbyId: text("lobby_id")
      .notNull()
      .references(() => lobbies.id),
    slot: integer("slot").notNull(),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    /** Members with the same party key are kept on one team. */
    party: text("party"),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.lobbyId, t.slot] }), uniqueIndex("lobby_members_player_uq").on(t.lobbyId, t.playerId)],
);

/** One report per Discord user per match ("0", "1", ... the winning team, or "draw"); a second press is the same row. */
export const matchReports = sqliteTable(
  "match_reports",
  {
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id),
    discordUserId: text("discord_user_id").notNull(),
    team: integer("team").notNull(),
    outcome: text("outcome").notNull(),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.matchId, t.discordUserId] })],
);

/** Interactions whose effect is not idempotent by itself (a season start): a redelivery finds its receipt. */
export const interactionReceipts = sqliteTable("interaction_receipts", {
  id: text("id").primaryKey(),
  guildId: text("guild_id").notNull(),
  kind: text("kind").notNull(),
  ...audit,
});

// ---- Tournaments (issue #10). Pure formats live in src/domain/tournament; these tables store them.
