/** Guilds, ladders, players and their ratings, matches, the rating ledger, seasons and corrections. */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ms, audit } from "./columns";
import { CORRECTION_KINDS, MATCH_RESULT_TYPES, MATCH_STATUSES, oneOf, PLAYER_RESULTS, RESET_MODES } from "../values";

export const guilds = pgTable("guilds", {
  id: text("id").primaryKey(), // Discord snowflake, text so 64 bits survive
  name: text("name").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  ...audit,
});

/** A game or mode with its own ratings, leaderboard, seasons and settings. */
export const ladders = pgTable(
  "ladders",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    // Settings (validated by `LadderSettings` in the repository before they get here).
    teamCount: integer("team_count").notNull(),
    teamSize: integer("team_size").notNull(),
    tau: doublePrecision("tau").notNull(),
    initialRating: doublePrecision("initial_rating").notNull(),
    initialDeviation: doublePrecision("initial_deviation").notNull(),
    initialVolatility: doublePrecision("initial_volatility").notNull(),
    minDeviation: doublePrecision("min_deviation").notNull(),
    maxDeviation: doublePrecision("max_deviation").notNull(),
    ratingPeriodMs: bigint("rating_period_ms", { mode: "number" }).notNull(),
    idleDeviationPerDay: doublePrecision("idle_deviation_per_day").notNull(),
    provisionalMaxDeviation: doublePrecision("provisional_max_deviation").notNull(),
    provisionalMinGames: integer("provisional_min_games").notNull(),
    requireConfirmation: boolean("require_confirmation").notNull(),
    seasonResetMode: text("season_reset_mode", { enum: RESET_MODES }).notNull(),
    softResetFraction: doublePrecision("soft_reset_fraction").notNull(),
    softResetMinDeviation: doublePrecision("soft_reset_min_deviation").notNull(),
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
    uniqueIndex("ladders_guild_default_uq").on(t.guildId).where(sql`is_default`),
    check("ladders_reset_mode_ck", oneOf("season_reset_mode", RESET_MODES)),
  ],
);

/** A Discord member in one guild; ratings live per ladder in `ladder_players`. */
export const players = pgTable(
  "players",
  {
    id: uuid("id").primaryKey(),
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
export const ladderPlayers = pgTable(
  "ladder_players",
  {
    ladderId: uuid("ladder_id")
      .notNull()
      .references(() => ladders.id),
    playerId: uuid("player_id")
      .notNull()
      .references(() => players.id),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    rating: doublePrecision("rating").notNull(),
    deviation: doublePrecision("deviation").notNull(),
    volatility: doublePrecision("volatility").notNull(),
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
    index("ladder_players_leaderboard_idx").on(t.ladderId, t.rating.desc().nullsLast(), t.playerId),
    index("ladder_players_player_idx").on(t.playerId),
  ],
);

export const matches = pgTable(
  "matches",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: uuid("ladder_id")
      .notNull()
      .references(() => ladders.id),
    status: text("status", { enum: MATCH_STATUSES }).notNull().default("pending"),
    teamCount: integer("team_count").notNull(),
    /** Placement per team (0 = best); equal placements are a draw. Null until a result is applied. */
    ranks: jsonb("ranks").$type<number[]>(),
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
export const ratingLedger = pgTable(
  "rating_ledger",
  {
    id: uuid("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: uuid("ladder_id")
      .notNull()
      .references(() => ladders.id),
    season: integer("season").notNull(),
    resultSeq: integer("result_seq").notNull(),
    playerId: uuid("player_id")
      .notNull()
      .references(() => players.id),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id),
    team: integer("team").notNull(),
    weight: doublePrecision("weight").notNull(),
    score: doublePrecision("score").notNull(),
    expected: doublePrecision("expected").notNull(),
    result: text("result", { enum: PLAYER_RESULTS }).notNull(),
    ratingBefore: doublePrecision("rating_before").notNull(),
    deviationBefore: doublePrecision("deviation_before").notNull(),
    volatilityBefore: doublePrecision("volatility_before").notNull(),
    ratingAfter: doublePrecision("rating_after").notNull(),
    deviationAfter: doublePrecision("deviation_after").notNull(),
    volatilityAfter: doublePrecision("volatility_after").notNull(),
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
export const seasons = pgTable(
  "seasons",
  {
    id: uuid("id").primaryKey(),
    ladderId: uuid("ladder_id")
      .notNull()
      .references(() => ladders.id),
    number: integer("number").notNull(),
    startedAt: ms("started_at").notNull(),
    endedAt: ms("ended_at").notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("seasons_ladder_number_uq").on(t.ladderId, t.number)],
);

export const seasonStandings = pgTable(
  "season_standings",
  {
    seasonId: uuid("season_id")
      .notNull()
      .references(() => seasons.id),
    playerId: uuid("player_id")
      .notNull()
      .references(() => players.id),
    /** Rank among the players who met the ladder's provisional rule; null for provisional players. */
    rank: integer("rank"),
    rating: doublePrecision("rating").notNull(),
    deviation: doublePrecision("deviation").notNull(),
    games: integer("games").notNull(),
    wins: integer("wins").notNull(),
    losses: integer("losses").notNull(),
    draws: integer("draws").notNull(),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.playerId] }), index("season_standings_rank_idx").on(t.seasonId, t.rank)],
);

/** Every correction and void, who made it and what it changed; also the replay batch's guard row. */
export const ratingCorrections = pgTable(
  "rating_corrections",
  {
    id: uuid("id").primaryKey(),
    ladderId: uuid("ladder_id")
      .notNull()
      .references(() => ladders.id),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id),
    season: integer("season").notNull(),
    kind: text("kind", { enum: CORRECTION_KINDS }).notNull(),
    ranksBefore: jsonb("ranks_before").$type<number[]>().notNull(),
    ranksAfter: jsonb("ranks_after").$type<number[]>(),
    replayedMatches: integer("replayed_matches").notNull(),
    ...audit,
  },
  (t) => [index("rating_corrections_ladder_idx").on(t.ladderId, t.createdAt), check("rating_corrections_kind_ck", oneOf("kind", CORRECTION_KINDS))],
);
