/**
 * Postgres (Neon) schema. Must stay column-for-column equal to `sqlite.ts`: the repository is written
 * once and `schema-parity.ts` fails the type check if the two drift apart.
 * Time is timestamptz, JSON is jsonb, our ids are uuid (made in the app), Discord ids are text.
 */
import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Who and when, on every table (seed 003/004 audit fields). */
const audit = {
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
};

export const guilds = pgTable("guilds", {
  id: text("id").primaryKey(), // Discord snowflake, text so 64 bits survive
  name: text("name").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  ...audit,
});

export const players = pgTable(
  "players",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    discordUserId: text("discord_user_id").notNull(),
    displayName: text("display_name").notNull(),
    rating: doublePrecision("rating").notNull(),
    deviation: doublePrecision("deviation").notNull(),
    volatility: doublePrecision("volatility").notNull(),
    games: integer("games").notNull().default(0),
    wins: integer("wins").notNull().default(0),
    losses: integer("losses").notNull().default(0),
    draws: integer("draws").notNull().default(0),
    lastPlayedAt: ts("last_played_at"),
    /** Bumped by every applied result; the ledger's (player, seq) key turns a stale write into a conflict. */
    ratingVersion: integer("rating_version").notNull().default(0),
    ...audit,
  },
  (t) => [
    uniqueIndex("players_guild_discord_uq").on(t.guildId, t.discordUserId),
    index("players_leaderboard_idx").on(t.guildId, t.rating.desc(), t.id),
    index("players_guild_created_idx").on(t.guildId, t.createdAt, t.id),
  ],
);

export const matches = pgTable(
  "matches",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    status: text("status", { enum: ["pending", "completed", "cancelled"] })
      .notNull()
      .default("pending"),
    teamCount: integer("team_count").notNull(),
    /** Placement per team (0 = best); equal placements are a draw. Null until a result is applied. */
    ranks: jsonb("ranks").$type<number[]>(),
    winnerTeam: integer("winner_team"),
    resultType: text("result_type", { enum: ["win", "draw", "placement"] }),
    idempotencyKey: text("idempotency_key"),
    version: integer("version").notNull().default(0),
    completedAt: ts("completed_at"),
    cancelledAt: ts("cancelled_at"),
    ...audit,
  },
  (t) => [uniqueIndex("matches_guild_idem_uq").on(t.guildId, t.idempotencyKey), index("matches_guild_created_idx").on(t.guildId, t.createdAt, t.id)],
);

export const matchPlayers = pgTable(
  "match_players",
  {
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id),
    playerId: uuid("player_id")
      .notNull()
      .references(() => players.id),
    team: integer("team").notNull(),
    weight: doublePrecision("weight").notNull().default(1),
    ratingBefore: doublePrecision("rating_before"),
    deviationBefore: doublePrecision("deviation_before"),
    ratingAfter: doublePrecision("rating_after"),
    deviationAfter: doublePrecision("deviation_after"),
    result: text("result", { enum: ["win", "loss", "draw"] }),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.matchId, t.playerId] }), index("match_players_player_idx").on(t.playerId, t.matchId)],
);

/** One row per player per applied result: enough to replay every rating from scratch. */
export const ratingLedger = pgTable(
  "rating_ledger",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id").notNull(),
    playerId: uuid("player_id")
      .notNull()
      .references(() => players.id),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id),
    seq: integer("seq").notNull(),
    team: integer("team").notNull(),
    weight: doublePrecision("weight").notNull(),
    score: doublePrecision("score").notNull(),
    expected: doublePrecision("expected").notNull(),
    ratingBefore: doublePrecision("rating_before").notNull(),
    deviationBefore: doublePrecision("deviation_before").notNull(),
    volatilityBefore: doublePrecision("volatility_before").notNull(),
    ratingAfter: doublePrecision("rating_after").notNull(),
    deviationAfter: doublePrecision("deviation_after").notNull(),
    volatilityAfter: doublePrecision("volatility_after").notNull(),
    appliedAt: ts("applied_at").notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("rating_ledger_match_player_uq").on(t.matchId, t.playerId), uniqueIndex("rating_ledger_player_seq_uq").on(t.playerId, t.seq)],
);

export const healthChecks = pgTable(
  "health_checks",
  {
    id: uuid("id").primaryKey(),
    checkedAt: ts("checked_at").notNull(),
    ok: boolean("ok").notNull(),
    backend: text("backend").notNull(),
    latencyMs: doublePrecision("latency_ms"),
    schemaVersion: text("schema_version"),
    error: text("error"),
    ...audit,
  },
  (t) => [index("health_checks_checked_idx").on(t.checkedAt)],
);

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey(),
  guildId: text("guild_id").references(() => guilds.id),
  name: text("name").notNull(),
  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  keyHash: text("key_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  scopes: jsonb("scopes").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
  ...audit,
});
