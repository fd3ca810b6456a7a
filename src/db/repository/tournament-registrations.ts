/**
 * Tournament registrations. `seq` (the registration number, 1, 2, 3, ...) must be gapless and
 * unique per tournament under any concurrency, on every transport. Counting existing rows and
 * inserting count + 1 does not hold on Postgres at READ COMMITTED (two writers count the same), so
 * the tournament row is the lock and the counter. One batch:
 *   1. `update tournaments set next_seq = next_seq + 1, token = <fresh> where id = ? and status in (open)`
 *      takes the row lock on Postgres (concurrent registrations queue here; libSQL serializes batches);
 *   2. the insert's seq is `(select next_seq - 1 from tournaments where id = ? and token = <fresh>)`:
 *      NULL, so a NOT NULL violation and a rollback, unless step 1 was ours (closed, unknown
 *      tournament). A duplicate player breaks the unique key and rolls back the bump too: no gap.
 */
import { and, asc, eq, getTableColumns, type InferSelectModel, inArray, sql } from "drizzle-orm";
import { ConflictError, DuplicateError, NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import type * as schema from "../schema/sqlite";
import { type RepoContext, guarded } from "./context";
import type { Actor } from "./types";

export type Registration = InferSelectModel<typeof schema.tournamentRegistrations>;

export interface RegisterOptions {
  teamName?: string;
  /**
   * Team tournaments: every member, captain first (the service checks size and distinctness). Written
   * in the registration's own batch, so a refused member leaves neither the registration nor a gap.
   */
  roster?: string[];
}
type TournamentStatus = InferSelectModel<typeof schema.tournaments>["status"];

/** Before the start anyone may register; once running, only as a late entry (flagged). */
const OPEN: readonly TournamentStatus[] = ["registration", "check_in"];
const LATE: readonly TournamentStatus[] = ["running"];

/** Our ids are UUIDs; anything else cannot exist (and would be a type error on Postgres). */
export function uuidOr(what: string, id: string): string {
  if (!isUuid(id)) throw new NotFoundError(what, id);
  return normalizeUuid(id);
}

/** Which unique key a violation broke: the driver's message names the constraint or its columns. */
function brokeKey(error: unknown, key: RegExp): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const e = current as { message?: unknown; constraint?: unknown; cause?: unknown; sourceError?: unknown };
    const text = `${typeof e.message === "string" ? e.message : ""} ${typeof e.constraint === "string" ? e.constraint : ""}`;
    if (key.test(text)) return true;
    current = e.cause ?? e.sourceError;
  }
  return false;
}

export function tournamentRegistrationRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const { tournaments: tr, tournamentRegistrations: reg, tournamentRosters: ros, players: p } = t;

  async function insert(tournamentId: string, playerId: string, actor: Actor, late: boolean, options: RegisterOptions) {
    const teamName = options.teamName ?? null;
    const statuses = late ? LATE : OPEN;
    const tid = uuidOr("tournament", tournamentId);
    const pid = uuidOr("player", playerId);
    const roster = (options.roster ?? []).map((id) => uuidOr("player", id));
    const token = newId();
    const registrationId = newId();
    const at = now();
    const ours = sql`${tr.id} = ${tid} and ${tr.token} = ${token}`;
    // Every member must be a player of the tournament's guild: NULL (and a refused batch) otherwise.
    const member = (id: string) => sql`(select ${p.id} from ${p} where ${p.id} = ${id} and ${p.guildId} = (select ${tr.guildId} from ${tr} where ${ours}))`;
    const rosterRows = roster.map((id, position) => ({
      tournamentId: tid,
      registrationId,
      playerId: member(id),
      position,
      createdAt: at,
      updatedAt: at,
      createdBy: actor,
      updatedBy: actor,
    }));
    try {
      const [, rows] = await guarded(
        () =>
          database.batch((tx) => [
            tx
              .update(tr)
              .set({ nextSeq: sql`${tr.nextSeq} + 1`, token, updatedAt: at, updatedBy: actor })
              .where(and(eq(tr.id, tid), inArray(tr.status, [...statuses]))),
            tx
              .insert(reg)
              .values({
                id: registrationId,
                tournamentId: tid,
                seq: sql`(select ${tr.nextSeq} - 1 from ${tr} where ${ours})`,
                // Only a player of the tournament's guild (NULL, and refused, otherwise).
                playerId: sql`(select ${p.id} from ${p} where ${p.id} = ${pid} and ${p.guildId} = (select ${tr.guildId} from ${tr} where ${ours}))`,
                teamName,
                status: "registered",
                late,
                createdAt: at,
                updatedAt: at,
                createdBy: actor,
                updatedBy: actor,
              })
              .returning(),
            // The roster in the same batch: a member on another roster (the primary key) refuses it all.
            ...(rosterRows.length > 0 ? [tx.insert(ros).values(rosterRows)] : []),
          ]),
        (failure, error) => {
          if (failure === "unique" && brokeKey(error, /rosters/)) {
            return new DuplicateError("A player of this roster is already on a team in this tournament", { reason: "ROSTER_TAKEN" }, error);
          }
          if (failure === "unique" && brokeKey(error, /registrations[._]seq/)) {
            return new ConflictError("Two registrations took the same number; try again", { retryable: true }, error);
          }
          if (failure === "unique") return new DuplicateError(`Player ${playerId} is already registered in this tournament`, { playerId }, error);
          if (failure === "not_null") return new Refused();
          return undefined;
        },
        // Repeated only when the failure proves nothing committed (serialization, busy): a blind
        // repeat after a lost answer would meet our own row and report a duplicate.
        "once",
      );
      const row = rows[0];
      if (!row) throw new Error("insert returned no registration");
      return row;
    } catch (error) {
      if (error instanceof Refused) throw await explain(tid, [pid, ...roster], late);
      throw error;
    }
  }

  /** Why a guarded registration wrote nothing: one read, after the fact, for a precise error. */
  async function explain(tid: string, pids: string[], late: boolean): Promise<Error> {
    const statuses = late ? LATE : OPEN;
    const rows = await guarded(() =>
      db
        .select({ status: tr.status, playerId: p.id, playerGuild: p.guildId, guildId: tr.guildId })
        .from(tr)
        .leftJoin(p, inArray(p.id, pids))
        .where(eq(tr.id, tid)),
    );
    const row = rows[0];
    if (!row) return new NotFoundError("tournament", tid);
    const missing = pids.find((id) => !rows.some((r) => r.playerId === id && r.playerGuild === r.guildId));
    if (!statuses.includes(row.status)) {
      return new ConflictError(
        late ? `Late entry needs a running tournament; it is ${row.status}` : `Registration is not open; the tournament is ${row.status}`,
        {
          reason: "REGISTRATION_CLOSED",
          status: row.status,
        },
      );
    }
    if (missing) return new NotFoundError("player", missing);
    return new ConflictError("The tournament changed while registering; try again", { retryable: true });
  }

  /** Move one registration to `to` from the statuses in `from` (which include `to`: a repeat is a no-op). */
  async function setStatus(
    tournamentId: string,
    playerId: string,
    from: readonly Registration["status"][],
    to: Registration["status"],
    tournamentIn: readonly TournamentStatus[],
    actor: Actor,
  ): Promise<Registration> {
    const tid = uuidOr("tournament", tournamentId);
    const pid = uuidOr("player", playerId);
    const rows = await guarded(
      () =>
        db
          .update(reg)
          .set({ status: to, updatedAt: now(), updatedBy: actor })
          .where(
            and(
              eq(reg.tournamentId, tid),
              eq(reg.playerId, pid),
              inArray(reg.status, [...from]),
              sql`exists (select 1 from ${tr} where ${tr.id} = ${tid} and ${inArray(tr.status, [...tournamentIn])})`,
            ),
          )
          .returning(),
      undefined,
      "idempotent",
    );
    const row = rows[0];
    if (row) return row;
    const current = await guarded(() =>
      db
        .select({ status: reg.status, tournament: tr.status })
        .from(reg)
        .innerJoin(tr, eq(tr.id, reg.tournamentId))
        .where(and(eq(reg.tournamentId, tid), eq(reg.playerId, pid))),
    );
    const found = current[0];
    if (!found) throw new NotFoundError("registration", `${tournamentId}/${playerId}`);
    throw new ConflictError(`Cannot set registration to ${to}: it is ${found.status} and the tournament ${found.tournament}`, {
      reason: "REGISTRATION_STATUS",
      status: found.status,
      tournamentStatus: found.tournament,
    });
  }

  return {
    /** Register while registration or check-in is open; seq is the next number, gapless. One round trip. */
    register(tournamentId: string, playerId: string, actor: Actor, options: RegisterOptions = {}): Promise<Registration> {
      return insert(tournamentId, playerId, actor, false, options);
    },

    /** A late entry: only while the tournament runs; flagged `late` (pairings add it from the next round). */
    lateEntry(tournamentId: string, playerId: string, actor: Actor, options: RegisterOptions = {}): Promise<Registration> {
      return insert(tournamentId, playerId, actor, true, options);
    },

    /** Check in during check-in (or, for late entrants, while running). Checking in twice is a no-op. */
    checkIn(tournamentId: string, playerId: string, actor: Actor): Promise<Registration> {
      return setStatus(tournamentId, playerId, ["registered", "checked_in"], "checked_in", ["check_in", "running"], actor);
    },

    /** Withdraw until the tournament finishes; the row (and its games) stay for standings. */
    drop(tournamentId: string, playerId: string, actor: Actor): Promise<Registration> {
      return setStatus(tournamentId, playerId, ["registered", "checked_in", "dropped"], "dropped", ["draft", "registration", "check_in", "running"], actor);
    },

    /** Every registration (dropped ones too) in registration order. */
    async registrations(tournamentId: string): Promise<Registration[]> {
      const tid = uuidOr("tournament", tournamentId);
      return guarded(() => db.select(getTableColumns(reg)).from(reg).where(eq(reg.tournamentId, tid)).orderBy(asc(reg.seq)));
    },
  };
}

/** A guard refused the batch (NOT NULL); `explain` says which one. Never leaves this module. */
class Refused extends Error {}
