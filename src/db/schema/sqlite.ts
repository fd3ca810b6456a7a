/**
 * SQLite / libSQL (Turso) schema. Must stay column-for-column equal to `pg.ts`: the repository is
 * written once and `schema-parity.ts` fails the type check if the two drift apart.
 * Time is integer milliseconds, JSON is text, booleans are 0/1, our ids are app-made UUID text.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

/** Who and when, on every table (seed 003/004 audit fields). */
const audit = {
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
};

export const guilds = sqliteTable("guilds", {
  id: text("id").primaryKey(), // Discord snowflake, text so 64 bits survive
  name: text("name").notNull(),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  ...audit,
});

export const players = sqliteTable(
  "players",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    discordUserId: text("discord_user_id").notNull(),
    displayName: text("display_name").notNull(),
    rating: real("rating").notNull(),
    deviation: real("deviation").notNull(),
    volatility: real("volatility").notNull(),
    games: integer("games").notNull().default(0),
    wins: integer("wins").notNull().default(0),
    losses: integer("losses").notNull().default(0),
    draws: integer("draws").notNull().default(0),
    lastPlayedAt: integer("last_played_at", { mode: "timestamp_ms" }),
    /** Bumped by every applied result; the ledger's (player, seq) key turns a stale write into a conflict. */
    ratingVersion: integer("rating_version").notNull().default(0),
    ...audit,
  },
  (t) => [
    uniqueIndex("players_guild_discord_uq").on(t.guildId, t.discordUserId),
    index("players_leaderboard_idx").on(t.guildId, sql`${t.rating} desc`, t.id),
    index("players_guild_created_idx").on(t.guildId, t.createdAt, t.id),
  ],
);

export const matches = sqliteTable(
  "matches",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    status: text("status", { enum: ["pending", "completed", "cancelled"] })
      .notNull()
      .default("pending"),
    teamCount: integer("team_count").notNull(),
    /** Placement per team (0 = best); equal placements are a draw. Null until a result is applied. */
    ranks: text("ranks", { mode: "json" }).$type<number[]>(),
    winnerTeam: integer("winner_team"),
    resultType: text("result_type", { enum: ["win", "draw", "placement"] }),
    idempotencyKey: text("idempotency_key"),
    version: integer("version").notNull().default(0),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    ...audit,
  },
  (t) => [uniqueIndex("matches_guild_idem_uq").on(t.guildId, t.idempotencyKey), index("matches_guild_created_idx").on(t.guildId, t.createdAt, t.id)],
);

export const matchPlayers = sqliteTable(
  "match_players",
  {
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    team: integer("team").notNull(),
    weight: real("weight").notNull().default(1),
    ratingBefore: real("rating_before"),
    deviationBefore: real("deviation_before"),
    ratingAfter: real("rating_after"),
    deviationAfter: real("deviation_after"),
    result: text("result", { enum: ["win", "loss", "draw"] }),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.matchId, t.playerId] }), index("match_players_player_idx").on(t.playerId, t.matchId)],
);

/** One row per player per applied result: enough to replay every rating from scratch. */
export const ratingLedger = sqliteTable(
  "rating_ledger",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id").notNull(),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id),
    seq: integer("seq").notNull(),
    team: integer("team").notNull(),
    weight: real("weight").notNull(),
    score: real("score").notNull(),
    expected: real("expected").notNull(),
    ratingBefore: real("rating_before").notNull(),
    deviationBefore: real("deviation_before").notNull(),
    volatilityBefore: real("volatility_before").notNull(),
    ratingAfter: real("rating_after").notNull(),
    deviationAfter: real("deviation_after").notNull(),
    volatilityAfter: real("volatility_after").notNull(),
    appliedAt: integer("applied_at", { mode: "timestamp_ms" }).notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("rating_ledger_match_player_uq").on(t.matchId, t.playerId), uniqueIndex("rating_ledger_player_seq_uq").on(t.playerId, t.seq)],
);

export const healthChecks = sqliteTable(
  "health_checks",
  {
    id: text("id").primaryKey(),
    checkedAt: integer("checked_at", { mode: "timestamp_ms" }).notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    backend: text("backend").notNull(),
    latencyMs: real("latency_ms"),
    schemaVersion: text("schema_version"),
    error: text("error"),
    ...audit,
  },
  (t) => [index("health_checks_checked_idx").on(t.checkedAt)],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  guildId: text("guild_id").references(() => guilds.id),
  name: text("name").notNull(),
  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  keyHash: text("key_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  ...audit,
});
