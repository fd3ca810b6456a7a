/** Tournaments: venues, formats, tournaments, registrations, stages, rounds and pairings. */
import { sql } from "drizzle-orm";
import { check, index, primaryKey, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms, audit } from "./columns";
import { oneOf, PAIRING_RESULTS, PHASE_STATUSES, REGISTRATION_STATUSES, TOURNAMENT_FORMAT_KINDS, TOURNAMENT_STATUSES } from "../values";
import type { Tiebreak } from "../../../domain/tournament/standings";
import { guilds, ladders, matches, players } from "./ratings";

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
    /** Playoff size after a Swiss / round-robin stage (2..64): stage 2 is a single elimination of the top N. */
    topCut: integer("top_cut"),
    /** NULL: individual entrants; else teams whose captain registers a roster of exactly this many players. */
    teamSize: integer("team_size"),
    /**
     * Bumped by every change to a played result (corrections) and guarded by pairing and finishing,
     * so a round is never paired from results that changed underneath it. Internal, like `token`.
     */
    playVersion: integer("play_version").notNull().default(0),
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
    /** Fixed at the start (1 = top); late entrants get the next seeds when they join the pairing. */
    seed: integer("seed"),
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
    /** Rounds planned at the stage's creation (Swiss, round robin); NULL for elimination. */
    rounds: integer("rounds"),
    /** The stage's field in seed order (registration ids), fixed when the stage is created. */
    entrants: text("entrants", { mode: "json" }).$type<string[]>(),
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
    /** The bracket match this game is ("W1-1", "L2-3", "GF1"); NULL in Swiss and round robin. */
    slot: text("slot"),
    /** Decided without play (a dropped opponent): counts in standings, never rated. */
    forfeit: integer("forfeit", { mode: "boolean" }).notNull().default(false),
    ...audit,
  },
  (t) => [
    uniqueIndex("tournament_pairings_station_uq").on(t.roundId, t.station),
    uniqueIndex("tournament_pairings_slot_uq").on(t.roundId, t.slot),
    index("tournament_pairings_a_idx").on(t.entrantA),
    index("tournament_pairings_b_idx").on(t.entrantB),
    check("tournament_pairings_result_ck", oneOf("result", PAIRING_RESULTS)),
    check("tournament_pairings_self_ck", sql`entrant_b is null or entrant_b <> entrant_a`),
  ],
);

/** A team's members (captain included); a player is on at most one roster per tournament. */
export const tournamentRosters = sqliteTable(
  "tournament_rosters",
  {
    tournamentId: text("tournament_id")
      .notNull()
      .references(() => tournaments.id),
    registrationId: text("registration_id")
      .notNull()
      .references(() => tournamentRegistrations.id),
    playerId: text("player_id")
      .notNull()
      .references(() => players.id),
    /** 0 = the captain, then the order the roster was given in. */
    position: integer("position").notNull(),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.tournamentId, t.playerId] }),
    uniqueIndex("tournament_rosters_position_uq").on(t.registrationId, t.position),
    check("tournament_rosters_position_ck", sql`position >= 0`),
  ],
);
