/** Guilds, ladders, players and their ratings, matches, the rating ledger, seasons and corrections. */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms, audit } from "./columns";
import { CORRECTION_KINDS, MATCH_RESULT_TYPES, MATCH_STATUSES, oneOf, PLAYER_RESULTS, RESET_MODES } from "../values";

export const guilds = sqliteTable("guilds", {
  id: text("id").primaryKey(), // Discord snowflake, text so 64 bits survive
  name: text("name").notNull(),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  ...audit,
});

/** A game or mode with its own ratings, leaderboard, seasons and settings. */
export const ladders = sqliteTable(
  "ladders",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    // Settings (validated by `LadderSettings` in the repository before they get here).
    teamCount: integer("team_count").notNull(),
    teamSize: integer("team_size").notNull(),
    tau: real("tau").notNull(),
    initialRating: real("initial_rating").notNull(),
    initialDeviation: real("initial_deviation").notNull(),
    initialVolatility: real("initial_volatility").notNull(),
    minDeviation: real("min_deviation").notNull(),
    maxDeviation: real("max_deviation").notNull(),
    ratingPeriodMs: integer("rating_period_ms").notNull(),
    idleDeviationPerDay: real("idle_deviation_per_day").notNull(),
    provisionalMaxDeviation: real("provisional_max_deviation").notNull(),
    provisionalMinGames: integer("provisional_min_games").notNull(),
    requireConfirmation: integer("require_confirmation", { mode: "boolean" }).notNull(),
    seasonResetMode: text("season_reset_mode", { enum: RESET_MODES }).notNull(),
    softResetFraction: real("soft_reset_fraction").notNull(),
    softResetMinDeviation: real("soft_reset_min_deviation").notNull(),
    // State.
    season: integer("season").notNull().default(1),
    seasonStartedAt: ms("season_started_at").notNull(),
    /** Results applied so far: the per-ladder total order that replays follow. */
    resultSeq: integer("result_seq").notNull().default(0),
    /** A fresh value from every transaction that writes ratings in this ladder: the guard no stale writer can fake. */
    writeToken: text("write_token").notNull().default(""),
    ...audit,
  },
  (t) => [
    uniqueIndex("ladders_guild_slug_uq").on(t.guildId, t.slug),
    uniqueIndex("ladders_guild_default_uq").on(t.guildId).where(sql`is_default = 1`),
    check("ladders_reset_mode_ck", oneOf("season_reset_mode", RESET_MODES)),
  ],
);

/** A Discord member in one guild; ratings live per ladder in `ladder_players`. */
export const players = sqliteTable(
  "players",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    discordUserId: text("discord_user_id").notNull(),
    displayName: text("display_name").notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("players_guild_discord_uq").on(t.guildId, t.discordUserId), index("players_guild_created_idx").on(t.guildId, t.createdAt, t.id)],
);

/** A player's rating and record in one ladder (this season). */
export const ladderPlayers = sqliteTable(
  "ladder_players",
  {
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    rating: real("rating").notNull(),
    deviation: real("deviation").notNull(),
    volatility: real("volatility").notNull(),
    games: integer("games").notNull().default(0),
    wins: integer("wins").notNull().default(0),
    losses: integer("losses").notNull().default(0),
    draws: integer("draws").notNull().default(0),
    lastPlayedAt: ms("last_played_at"),
    /** Bumped by every write to this row (result, replay, season reset); never reused. */
    ratingVersion: integer("rating_version").notNull().default(0),
    /** The writing transaction's token: a stale writer's guard finds someone else's and fails. */
    writeToken: text("write_token").notNull().default(""),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.ladderId, t.playerId] }),
    index("ladder_players_leaderboard_idx").on(t.ladderId, sql`${t.rating} desc`, t.playerId),
    index("ladder_players_player_idx").on(t.playerId),
  ],
);

export const matches = sqliteTable(
  "matches",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    status: text("status", { enum: MATCH_STATUSES }).notNull().default("pending"),
    teamCount: integer("team_count").notNull(),
    /** Placement per team (0 = best); equal placements are a draw. Null until a result is applied. */
    ranks: text("ranks", { mode: "json" }).$type<number[]>(),
    winnerTeam: integer("winner_team"),
    resultType: text("result_type", { enum: MATCH_RESULT_TYPES }),
    idempotencyKey: text("idempotency_key"),
    version: integer("version").notNull().default(0),
    /** The season and the ladder's result sequence number the result was applied in. */
    season: integer("season"),
    resultSeq: integer("result_seq"),
    completedAt: ms("completed_at"),
    cancelledAt: ms("cancelled_at"),
    voidedAt: ms("voided_at"),
    ...audit,
  },
  (t) => [
    uniqueIndex("matches_guild_idem_uq").on(t.guildId, t.idempotencyKey),
    index("matches_guild_created_idx").on(t.guildId, t.createdAt, t.id),
    uniqueIndex("matches_ladder_result_seq_uq").on(t.ladderId, t.resultSeq),
    check("matches_status_ck", oneOf("status", MATCH_STATUSES)),
    check("matches_result_type_ck", sql`result_type is null or ${oneOf("result_type", MATCH_RESULT_TYPES)}`),
  ],
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
    result: text("result", { enum: PLAYER_RESULTS }),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.matchId, t.playerId] }),
    index("match_players_player_idx").on(t.playerId, t.matchId),
    check("match_players_result_ck", sql`result is null or ${oneOf("result", PLAYER_RESULTS)}`),
  ],
);

/**
 * One row per player per applied result, in ladder order (`result_seq`): with the match rosters it
 * is everything a correction needs to replay a season exactly. `*_before` is the stored state the
 * result started from (before idle decay, which `previous_played_at` lets a replay recompute).
 */
export const ratingLedger = sqliteTable(
  "rating_ledger",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    season: integer("season").notNull(),
    resultSeq: integer("result_seq").notNull(),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id),
    team: integer("team").notNull(),
    weight: real("weight").notNull(),
    score: real("score").notNull(),
    expected: real("expected").notNull(),
    result: text("result", { enum: PLAYER_RESULTS }).notNull(),
    ratingBefore: real("rating_before").notNull(),
    deviationBefore: real("deviation_before").notNull(),
    volatilityBefore: real("volatility_before").notNull(),
    ratingAfter: real("rating_after").notNull(),
    deviationAfter: real("deviation_after").notNull(),
    volatilityAfter: real("volatility_after").notNull(),
    previousPlayedAt: ms("previous_played_at"),
    appliedAt: ms("applied_at").notNull(),
    ...audit,
  },
  (t) => [
    uniqueIndex("rating_ledger_match_player_uq").on(t.matchId, t.playerId),
    uniqueIndex("rating_ledger_ladder_player_seq_uq").on(t.ladderId, t.playerId, t.resultSeq),
    index("rating_ledger_ladder_season_seq_idx").on(t.ladderId, t.season, t.resultSeq),
    check("rating_ledger_result_ck", oneOf("result", PLAYER_RESULTS)),
  ],
);

/** An ended season of a ladder; its final standings are in `season_standings`. */
export const seasons = sqliteTable(
  "seasons",
  {
    id: text("id").primaryKey(),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    number: integer("number").notNull(),
    startedAt: ms("started_at").notNull(),
    endedAt: ms("ended_at").notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("seasons_ladder_number_uq").on(t.ladderId, t.number)],
);

export const seasonStandings = sqliteTable(
  "season_standings",
  {
    seasonId: text("season_id")
      .notNull()
      .references(() => seasons.id),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    /** Rank among the players who met the ladder's provisional rule; null for provisional players. */
    rank: integer("rank"),
    rating: real("rating").notNull(),
    deviation: real("deviation").notNull(),
    games: integer("games").notNull(),
    wins: integer("wins").notNull(),
    losses: integer("losses").notNull(),
    draws: integer("draws").notNull(),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.playerId] }), index("season_standings_rank_idx").on(t.seasonId, t.rank)],
);

/** Every correction and void, who made it and what it changed; also the replay batch's guard row. */
export const ratingCorrections = sqliteTable(
  "rating_corrections",
  {
    id: text("id").primaryKey(),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id),
    season: integer("season").notNull(),
    kind: text("kind", { enum: CORRECTION_KINDS }).notNull(),
    ranksBefore: text("ranks_before", { mode: "json" }).$type<number[]>().notNull(),
    ranksAfter: text("ranks_after", { mode: "json" }).$type<number[]>(),
    replayedMatches: integer("replayed_matches").notNull(),
    ...audit,
  },
  (t) => [index("rating_corrections_ladder_idx").on(t.ladderId, t.createdAt), check("rating_corrections_kind_ck", oneOf("kind", CORRECTION_KINDS))],
);
