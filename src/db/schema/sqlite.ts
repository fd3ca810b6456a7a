/**
 * SQLite / libSQL (Turso) schema. Must stay column-for-column equal to `pg.ts`: the repository is
 * written once and `parity.ts` fails the type check if the two drift apart.
 * Time is integer milliseconds, JSON is text, booleans are 0/1, our ids are app-made UUID text.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CORRECTION_KINDS,
  HEALTH_STATUSES,
  type HealthStatus,
  LOBBY_KINDS,
  LOBBY_STATUSES,
  type LobbyProposal,
  MATCH_RESULT_TYPES,
  MATCH_STATUSES,
  oneOf,
  PLAYER_RESULTS,
  PAIRING_RESULTS,
  PHASE_STATUSES,
  REGISTRATION_STATUSES,
  RESET_MODES,
  TOURNAMENT_FORMAT_KINDS,
  TOURNAMENT_STATUSES,
} from "./values";
import type { Tiebreak } from "../../domain/tournament/standings";

const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

/** Who and when, on every table (seed 003/004 audit fields). */
const audit = {
  createdAt: ms("created_at").notNull().default(nowMs),
  updatedAt: ms("updated_at").notNull().default(nowMs),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
};

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

export const healthChecks = sqliteTable(
  "health_checks",
  {
    id: text("id").primaryKey(),
    checkedAt: ms("checked_at").notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    backend: text("backend").notNull(),
    latencyMs: real("latency_ms"),
    schemaVersion: text("schema_version"),
    error: text("error"),
    /** healthy, degraded (answers but slow, read-only or schema behind) or down; see src/jobs/health-status.ts. */
    status: text("status").$type<HealthStatus>().notNull().default("healthy"),
    /** Round trip of the heartbeat write and its read-back, proving the database takes writes. */
    heartbeatMs: real("heartbeat_ms"),
    ...audit,
  },
  // No CHECK on status here: adding one makes drizzle-kit rebuild the SQLite table with a copy that
  // selects the new columns from the old table, which fails. The job writes only HealthStatus values.
  (t) => [index("health_checks_checked_idx").on(t.checkedAt)],
);

/**
 * A stretch of time in which no check could be recorded (the database was down or read-only),
 * written by the first check that could write again, so the history has no silent holes.
 */
export const healthOutages = sqliteTable(
  "health_outages",
  {
    id: text("id").primaryKey(),
    /** The last check known good (or the first failure seen, when the Worker remembered it). */
    startedAt: ms("started_at").notNull(),
    /** The check that could write again. */
    endedAt: ms("ended_at").notNull(),
    /** Checks that ran and failed during the outage, as far as the Worker could tell; 0 when unknown. */
    failedChecks: integer("failed_checks").notNull().default(0),
    /** The worst status seen during the outage ("down" when nothing is known). */
    worstStatus: text("worst_status").$type<HealthStatus>().notNull(),
    ...audit,
  },
  (t) => [index("health_outages_started_idx").on(t.startedAt), check("health_outages_status_ck", oneOf("worst_status", HEALTH_STATUSES))],
);

/** One row per writer, overwritten by every check: the write-and-read half of the health check. */
export const healthHeartbeat = sqliteTable("health_heartbeat", {
  id: text("id").primaryKey(),
  token: text("token").notNull(),
  beatAt: ms("beat_at").notNull(),
  ...audit,
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id").references(() => guilds.id),
    name: text("name").notNull(),
    /** SHA-256 of the secret; the secret itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    ...audit,
  },
  (t) => [index("api_keys_guild_idx").on(t.guildId, t.createdAt)],
);

/**
 * The first response to a write sent with an `Idempotency-Key`, per guild: a replay gets it back.
 * `status` is null while the first request is still running (its reservation).
 */
export const idempotencyRecords = sqliteTable(
  "idempotency_records",
  {
    guildId: text("guild_id").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.guildId, t.key] })],
);

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

/** Where a tournament is played: `stations` tables/boards/servers, numbered 1..stations in pairings. */
export const venues = sqliteTable(
  "venues",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    name: text("name").notNull(),
    stations: integer("stations").notNull(),
    ...audit,
  },
  (t) => [uniqueIndex("venues_guild_name_uq").on(t.guildId, t.name), check("venues_stations_ck", sql`stations >= 1`)],
);

/** A reusable format: kind, length (rounds or best-of), points per result and tiebreak order. */
export const tournamentFormats = sqliteTable(
  "tournament_formats",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: TOURNAMENT_FORMAT_KINDS }).notNull(),
    /** Swiss round count; NULL lets the organiser decide (or the format implies it). */
    rounds: integer("rounds"),
    bestOf: integer("best_of").notNull().default(1),
    pointsWin: real("points_win").notNull(),
    pointsDraw: real("points_draw").notNull(),
    pointsLoss: real("points_loss").notNull(),
    pointsBye: real("points_bye").notNull(),
    tiebreaks: text("tiebreaks", { mode: "json" }).$type<Tiebreak[]>().notNull(),
    ...audit,
  },
  (t) => [
    uniqueIndex("tournament_formats_guild_name_uq").on(t.guildId, t.name),
    check("tournament_formats_kind_ck", oneOf("kind", TOURNAMENT_FORMAT_KINDS)),
    check("tournament_formats_length_ck", sql`(rounds is null or rounds >= 1) and best_of >= 1`),
  ],
);

/**
 * One tournament. The row is also the registration lock and counter: a registration bumps
 * `next_seq` and writes its own `token`, and the registration row takes its seq from this row only
 * when the token is ours (see repository/tournaments.ts), so seqs are gapless on every transport.
 */
export const tournaments = sqliteTable(
  "tournaments",
  {
    id: text("id").primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => guilds.id),
    ladderId: text("ladder_id")
      .notNull()
      .references(() => ladders.id),
    formatId: text("format_id")
      .notNull()
      .references(() => tournamentFormats.id),
    venueId: text("venue_id").references(() => venues.id),
    name: text("name").notNull(),
    /** Whether its games update the ladder's ratings. */
    rated: integer("rated", { mode: "boolean" }).notNull().default(true),
    status: text("status", { enum: TOURNAMENT_STATUSES }).notNull().default("draft"),
    startsAt: ms("starts_at"),
    /** The registration number the next entrant gets (1 for the first). */
    nextSeq: integer("next_seq").notNull().default(1),
    /** The last registering batch's fresh value. */
    token: text("token").notNull().default(""),
    ...audit,
  },
  (t) => [
    index("tournaments_guild_status_idx").on(t.guildId, t.status),
    check("tournaments_status_ck", oneOf("status", TOURNAMENT_STATUSES)),
    check("tournaments_next_seq_ck", sql`next_seq >= 1`),
  ],
);

/** An entrant: seq is the registration order (gapless per tournament), one row per player. */
export const tournamentRegistrations = sqliteTable(
  "tournament_registrations",
  {
    id: text("id").primaryKey(),
    tournamentId: text("tournament_id")
      .notNull()
      .references(() => tournaments.id),
    seq: integer("seq").notNull(),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    teamName: text("team_name"),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull().default("registered"),
    /** Entered after the tournament started (joins from the next round). */
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    ...audit,
  },
  (t) => [
    uniqueIndex("tournament_registrations_seq_uq").on(t.tournamentId, t.seq),
    uniqueIndex("tournament_registrations_player_uq").on(t.tournamentId, t.playerId),
    index("tournament_registrations_player_idx").on(t.playerId),
    check("tournament_registrations_status_ck", oneOf("status", REGISTRATION_STATUSES)),
    check("tournament_registrations_seq_ck", sql`seq >= 1`),
  ],
);

/** A phase with its own format kind (a Swiss stage, then a top-8 elimination stage). */
export const tournamentStages = sqliteTable(
  "tournament_stages",
  {
    id: text("id").primaryKey(),
    tournamentId: text("tournament_id")
      .notNull()
      .references(() => tournaments.id),
    number: integer("number").notNull(),
    kind: text("kind", { enum: TOURNAMENT_FORMAT_KINDS }).notNull(),
    status: text("status", { enum: PHASE_STATUSES }).notNull().default("pending"),
    ...audit,
  },
  (t) => [
    uniqueIndex("tournament_stages_number_uq").on(t.tournamentId, t.number),
    check("tournament_stages_kind_ck", oneOf("kind", TOURNAMENT_FORMAT_KINDS)),
    check("tournament_stages_status_ck", oneOf("status", PHASE_STATUSES)),
  ],
);

export const tournamentRounds = sqliteTable(
  "tournament_rounds",
  {
    id: text("id").primaryKey(),
    stageId: text("stage_id")
      .notNull()
      .references(() => tournamentStages.id),
    number: integer("number").notNull(),
    status: text("status", { enum: PHASE_STATUSES }).notNull().default("pending"),
    ...audit,
  },
  (t) => [uniqueIndex("tournament_rounds_number_uq").on(t.stageId, t.number), check("tournament_rounds_status_ck", oneOf("status", PHASE_STATUSES))],
);

/** One game of a round at a station; `entrant_b` NULL is a bye for `entrant_a`. */
export const tournamentPairings = sqliteTable(
  "tournament_pairings",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => tournamentRounds.id),
    station: integer("station").notNull(),
    entrantA: text("entrant_a")
      .notNull()
      .references(() => tournamentRegistrations.id),
    entrantB: text("entrant_b").references(() => tournamentRegistrations.id),
    result: text("result", { enum: PAIRING_RESULTS }),
    /** The rated match, when the tournament is rated and the game was reported. */
    matchId: text("match_id").references(() => matches.id),
    ...audit,
  },
  (t) => [
    uniqueIndex("tournament_pairings_station_uq").on(t.roundId, t.station),
    index("tournament_pairings_a_idx").on(t.entrantA),
    index("tournament_pairings_b_idx").on(t.entrantB),
    check("tournament_pairings_result_ck", oneOf("result", PAIRING_RESULTS)),
    check("tournament_pairings_self_ck", sql`entrant_b is null or entrant_b <> entrant_a`),
  ],
);
