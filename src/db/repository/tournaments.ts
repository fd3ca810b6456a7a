/**
 * Tournaments (issue #10), storage only: venues, formats, the tournament row and its status steps.
 * Registrations are in `tournament-registrations.ts`; the formats themselves (pairing, brackets,
 * standings) are pure code in `src/domain/tournament`.
 * Every status step is a conditional UPDATE (`where status in (...)`), so concurrent organisers end
 * in the state of some serial order; a step that finds another status is a ConflictError.
 */
import { and, eq, getTableColumns, inArray, type InferSelectModel, sql } from "drizzle-orm";
import { DEFAULT_TIEBREAKS, type PointsFormat, type Tiebreak } from "../../domain/tournament";
import { checkPoints } from "../../domain/tournament/types";
import { AppError, ConflictError, DuplicateError, NotFoundError } from "../../errors";
import type * as schema from "../schema/sqlite";
import type { TOURNAMENT_FORMAT_KINDS } from "../schema/values";
import { type RepoContext, guardRef, guarded } from "./context";
import { tournamentRegistrationRepository, uuidOr } from "./tournament-registrations";
import type { Actor } from "./types";

export type Venue = InferSelectModel<typeof schema.venues>;
export type TournamentFormat = InferSelectModel<typeof schema.tournamentFormats>;
export type Tournament = Omit<InferSelectModel<typeof schema.tournaments>, "token" | "playVersion">;
export type TournamentStatus = Tournament["status"];
export type TournamentFormatKind = (typeof TOURNAMENT_FORMAT_KINDS)[number];
export type { Registration } from "./tournament-registrations";

export interface FormatInput {
  name: string;
  kind: TournamentFormatKind;
  /** Swiss rounds; NULL or absent: decided later (or implied by the kind). */
  rounds?: number | null;
  bestOf?: number;
  points: PointsFormat;
  tiebreaks?: readonly Tiebreak[];
}

export interface TournamentInput {
  ladderId: string;
  formatId: string;
  venueId?: string | null;
  name: string;
  rated?: boolean;
  startsAt?: Date | null;
  /** A playoff of the top N (2..64) after a Swiss or round-robin stage; NULL or absent: none. */
  topCut?: number | null;
  /** Team tournaments: every roster has exactly this many players (2..16); NULL or absent: individual. */
  teamSize?: number | null;
}

/** Which status each step may start from. */
const STEPS = {
  openRegistration: { from: ["draft"], to: "registration" },
  openCheckIn: { from: ["registration"], to: "check_in" },
  start: { from: ["registration", "check_in"], to: "running" },
  finish: { from: ["running"], to: "finished" },
} as const satisfies Record<string, { from: readonly TournamentStatus[]; to: TournamentStatus }>;
export type TournamentStep = keyof typeof STEPS;

function invalid(message: string, field: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { fields: [{ path: field, message }] });
}

const positiveInt = (v: number | null | undefined) => v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= 1_000_000);

/** Checked here too, so no caller stores a format the domain code would refuse later. */
function checkFormat(input: FormatInput): void {
  try {
    checkPoints(input.points);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), "points");
  }
  if (!positiveInt(input.rounds)) throw invalid("rounds must be a positive integer", "rounds");
  if (!positiveInt(input.bestOf)) throw invalid("bestOf must be a positive integer", "bestOf");
  const known = new Set<string>(DEFAULT_TIEBREAKS);
  const unknown = (input.tiebreaks ?? []).find((t) => !known.has(t));
  if (unknown !== undefined) throw invalid(`unknown tiebreak ${unknown}`, "tiebreaks");
}

/** Top cut and team size, checked before the driver (a format that cannot cut is refused at creation too). */
function checkShape(input: TournamentInput): void {
  const { topCut, teamSize } = input;
  if (topCut != null && !(Number.isInteger(topCut) && topCut >= 2 && topCut <= 64)) throw invalid("topCut must be an integer from 2 to 64", "topCut");
  if (teamSize != null && !(Number.isInteger(teamSize) && teamSize >= 2 && teamSize <= 16))
    throw invalid("teamSize must be an integer from 2 to 16", "teamSize");
}

/** A tournament's columns without its internal guards (the registration token, the play version). */
export function tournamentColumns(tr: typeof schema.tournaments) {
  const { token: _token, playVersion: _playVersion, ...visible } = getTableColumns(tr);
  return visible;
}

export function tournamentRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { db, t } = database;
  const { venues: v, tournamentFormats: f, tournaments: tr, ladders: l, guilds: g } = t;
  const audit = (actor: Actor) => {
    const at = now();
    return { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
  };
  const visible = tournamentColumns(tr);
  const duplicateOr = (what: string, name: string, guildId: string) => (failure: string) => {
    if (failure === "unique") return new DuplicateError(`${what} ${name} already exists in this guild`, { name });
    if (failure === "not_null" || failure === "foreign_key") return new NotFoundError("guild", guildId);
    return undefined;
  };

  return {
    async createVenue(guildId: string, input: { name: string; stations: number }, actor: Actor): Promise<Venue> {
      if (!positiveInt(input.stations)) throw invalid("stations must be a positive integer", "stations");
      const rows = await guarded(
        () =>
          db
            .insert(v)
            .values({ id: newId(), guildId: guardRef(g, g.id, guildId), name: input.name, stations: input.stations, ...audit(actor) })
            .returning(),
        duplicateOr("Venue", input.name, guildId),
        "once",
      );
      return one(rows, "venue");
    },

    async createFormat(guildId: string, input: FormatInput, actor: Actor): Promise<TournamentFormat> {
      checkFormat(input);
      const rows = await guarded(
        () =>
          db
            .insert(f)
            .values({
              id: newId(),
              guildId: guardRef(g, g.id, guildId),
              name: input.name,
              kind: input.kind,
              rounds: input.rounds ?? null,
              bestOf: input.bestOf ?? 1,
              pointsWin: input.points.win,
              pointsDraw: input.points.draw,
              pointsLoss: input.points.loss,
              pointsBye: input.points.bye,
              tiebreaks: [...(input.tiebreaks ?? DEFAULT_TIEBREAKS)],
              ...audit(actor),
            })
            .returning(),
        duplicateOr("Format", input.name, guildId),
        "once",
      );
      return one(rows, "format");
    },

    /**
     * A draft tournament. The ladder, format and venue must be this guild's: the guard subqueries
     * are NULL otherwise (NOT NULL violation -> NotFound), checked in the same statement.
     */
    async create(guildId: string, input: TournamentInput, actor: Actor): Promise<Tournament> {
      const ladderId = uuidOr("ladder", input.ladderId);
      const formatId = uuidOr("format", input.formatId);
      const venueId = input.venueId == null ? null : uuidOr("venue", input.venueId);
      checkShape(input);
      // A nullable venue cannot guard itself (NULL is allowed): the format's guard also requires it.
      const venueOk = venueId === null ? sql`1 = 1` : sql`exists (select 1 from ${v} where ${v.id} = ${venueId} and ${v.guildId} = ${guildId})`;
      const rows = await guarded(
        () =>
          db
            .insert(tr)
            .values({
              id: newId(),
              guildId,
              ladderId: guardRef(l, l.id, ladderId, eq(l.guildId, guildId)),
              formatId: guardRef(f, f.id, formatId, and(eq(f.guildId, guildId), venueOk)),
              venueId,
              name: input.name,
              rated: input.rated ?? true,
              status: "draft",
              startsAt: input.startsAt ?? null,
              topCut: input.topCut ?? null,
              teamSize: input.teamSize ?? null,
              ...audit(actor),
            })
            .returning(visible),
        (failure) => (failure === "not_null" || failure === "foreign_key" ? new NotFoundError("ladder, format or venue", input.ladderId) : undefined),
        "once",
      );
      return one(rows, "tournament");
    },

    async get(guildId: string, tournamentId: string): Promise<Tournament> {
      const id = uuidOr("tournament", tournamentId);
      const rows = await guarded(() =>
        db
          .select(visible)
          .from(tr)
          .where(and(eq(tr.id, id), eq(tr.guildId, guildId))),
      );
      const row = rows[0];
      if (!row) throw new NotFoundError("tournament", tournamentId);
      return row;
    },

    /**
     * One status step, guarded in SQL: only from the statuses the step allows. A repeat (already in
     * the step's status: a double click, a retried request) returns the tournament as it is.
     */
    async advance(guildId: string, tournamentId: string, step: TournamentStep, actor: Actor): Promise<Tournament> {
      const id = uuidOr("tournament", tournamentId);
      const { from, to } = STEPS[step];
      const rows = await guarded(
        () =>
          db
            .update(tr)
            .set({ status: to, updatedAt: now(), updatedBy: actor })
            .where(and(eq(tr.id, id), eq(tr.guildId, guildId), inArray(tr.status, [...from])))
            .returning(visible),
        undefined,
        "idempotent",
      );
      const row = rows[0];
      if (row) return row;
      const current = await this.get(guildId, tournamentId);
      if (current.status === to) return current;
      throw new ConflictError(`Tournament ${current.name} is ${current.status}; ${step} needs ${from.join(" or ")}`, {
        reason: "TOURNAMENT_STATUS",
        status: current.status,
      });
    },

    openRegistration(guildId: string, tournamentId: string, actor: Actor): Promise<Tournament> {
      return this.advance(guildId, tournamentId, "openRegistration", actor);
    },

    ...tournamentRegistrationRepository(ctx),
  };
}

function one<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`insert returned no ${what}`);
  return row;
}
