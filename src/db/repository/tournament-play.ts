/**
 * Tournament play, storage only: one batch of selects for the whole tournament, and the guarded
 * batches that start it, pair a round, record or correct a result and finish it. What to pair is
 * decided by the service (src/services/tournaments) from the snapshot this module reads.
 *
 * The guards, all of which hold at READ COMMITTED:
 *  - start, pair and correct first UPDATE the tournament row (the row lock orders them on Postgres;
 *    libSQL runs batches one at a time) and write a fresh `token`; the rows they insert take the
 *    tournament id (or stage id) through a subquery on that token, so a batch whose first step found
 *    the tournament changed (status, registrations, play version) fails on NOT NULL and rolls back;
 *  - a second pairing of the same round breaks the unique (stage, number) key, a second stage the
 *    unique (tournament, number) key: the service returns the round that exists;
 *  - a result is written only over NULL (`where result is null`), so the first report wins;
 *  - a correction bumps `play_version`, which pairing and finishing compare, and refuses when a game
 *    fed by the corrected one is already paired, or a later stage exists.
 */
import { and, desc, eq, getTableColumns, inArray, type InferSelectModel, isNull, type SQL, sql } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors";
import type { Statement } from "../connect";
import type * as schema from "../schema/sqlite";
import { type RepoContext, guarded } from "./context";
import { matchRepository } from "./matches";
import { uuidOr } from "./tournament-registrations";
import type { Tournament } from "./tournaments";
import type { Actor, Match } from "./types";
import { loadPlay } from "./tournament-snapshot";

export type { PlaySnapshot, SnapshotPairing, SnapshotRegistration, SnapshotRosterMember } from "./tournament-snapshot";
export type Stage = InferSelectModel<typeof schema.tournamentStages>;
export type Round = InferSelectModel<typeof schema.tournamentRounds>;
export type Pairing = InferSelectModel<typeof schema.tournamentPairings>;
type PairingResult = NonNullable<Pairing["result"]>;

/** A game to store: `b` null is a bye (stored with result "a"); `result` set now for byes and forfeits. */
export interface NewPairing {
  station: number;
  a: string;
  b: string | null;
  slot: string | null;
  result: PairingResult | null;
  forfeit: boolean;
}

export interface NewStage {
  number: number;
  kind: Stage["kind"];
  rounds: number | null;
  entrants: string[];
}

export interface RoundPlan {
  tournamentId: string;
  /** The play version the plan was computed from. */
  playVersion: number;
  /** An existing stage to add the round to, or a new stage (the previous one is closed). */
  stage: { id: string } | NewStage;
  previousStageId: string | null;
  previousRoundId: string | null;
  number: number;
  pairings: NewPairing[];
  /** Registration id -> seed, for entrants who get their seed now (the start, late entrants). */
  seeds: [string, number][];
}

/** A pairing lost to a concurrent one: the round (or stage) exists already. */
export class RoundTaken extends Error {}

export function tournamentPlayRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { db, t } = database;
  const { tournaments: tr, tournamentStages: st, tournamentRounds: rd, tournamentPairings: pr, tournamentRegistrations: reg } = t;
  const { token: _token, playVersion: _playVersion, ...visible } = getTableColumns(tr);
  const stamp = (actor: Actor) => {
    const at = now();
    return { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
  };

  /** Locks the tournament row and marks it with a fresh token when `where` holds; the guard others check. */
  function lock(token: string, tid: string, where: SQL | undefined, actor: Actor, bump = false) {
    return db
      .update(tr)
      .set({ token, updatedAt: now(), updatedBy: actor, ...(bump ? { playVersion: sql`${tr.playVersion} + 1` } : {}) })
      .where(and(eq(tr.id, tid), where));
  }
  const ours = (tid: string, token: string) => sql`exists (select 1 from ${tr} where ${tr.id} = ${tid} and ${tr.token} = ${token})`;

  /** Writes a round (and maybe its stage) in one batch; the first statement is the caller's lock. */
  async function writeRound(plan: RoundPlan, first: ReturnType<typeof lock>, token: string, actor: Actor): Promise<void> {
    const tid = plan.tournamentId;
    const audit = stamp(actor);
    const stageId = "id" in plan.stage ? plan.stage.id : newId();
    const roundId = newId();
    const statements: Statement[] = [];
    if (!("id" in plan.stage)) {
      const s = plan.stage;
      statements.push(
        db.insert(st).values({
          id: stageId,
          tournamentId: sql`(select ${tr.id} from ${tr} where ${tr.id} = ${tid} and ${tr.token} = ${token})`,
          number: s.number,
          kind: s.kind,
          status: "running",
          rounds: s.rounds,
          entrants: s.entrants,
          ...audit,
        }),
      );
      if (plan.previousStageId)
        statements.push(db.update(st).set({ status: "finished", updatedAt: audit.updatedAt, updatedBy: actor }).where(eq(st.id, plan.previousStageId)));
    }
    statements.push(
      db.insert(rd).values({
        id: roundId,
        stageId: sql`(select ${st.id} from ${st} where ${st.id} = ${stageId} and ${ours(tid, token)})`,
        number: plan.number,
        status: "running",
        ...audit,
      }),
    );
    if (plan.previousRoundId)
      statements.push(db.update(rd).set({ status: "finished", updatedAt: audit.updatedAt, updatedBy: actor }).where(eq(rd.id, plan.previousRoundId)));
    if (plan.seeds.length > 0) {
      const cases = sql.join(
        plan.seeds.map(([id, seed]) => sql`when ${database.param("uuid", id)} then ${database.param("int", seed)}`),
        sql` `,
      );
      statements.push(
        db
          .update(reg)
          .set({ seed: sql`case ${reg.id} ${cases} end`, updatedAt: audit.updatedAt, updatedBy: actor })
          .where(
            and(
              eq(reg.tournamentId, tid),
              inArray(
                reg.id,
                plan.seeds.map(([id]) => id),
              ),
            ),
          ),
      );
    }
    if (plan.pairings.length > 0) {
      statements.push(
        db.insert(pr).values(
          plan.pairings.map((p) => ({
            id: newId(),
            roundId,
            station: p.station,
            entrantA: p.a,
            entrantB: p.b,
            slot: p.slot,
            result: p.result,
            forfeit: p.forfeit,
            ...audit,
          })),
        ),
      );
    }
    await guarded(
      () => database.batch(() => [first, ...statements] as const),
      (failure, error) => {
        if (failure === "unique") return new RoundTaken("round exists", { cause: error });
        if (failure === "not_null") return new ConflictError("The tournament changed while pairing; try again", { retryable: true }, error);
        return undefined;
      },
      "once",
    );
  }

  return {
    load: (guildId: string, tournamentId: string) => loadPlay(database, guildId, tournamentId),

    /** Every tournament of a guild, newest first, optionally by status. One round trip. */
    async list(guildId: string, status?: Tournament["status"]): Promise<Tournament[]> {
      return guarded(() =>
        db
          .select(visible)
          .from(tr)
          .where(and(eq(tr.guildId, guildId), status ? eq(tr.status, status) : undefined))
          .orderBy(desc(tr.createdAt), desc(tr.id)),
      );
    },

    /**
     * Start: running, seeds fixed, stage 1 and its round 1, in one batch. Guarded on the status read
     * and on `next_seq` (a registration that slipped in after the read refuses the start: try again).
     */
    start(plan: RoundPlan, from: { status: Tournament["status"]; nextSeq: number }, actor: Actor): Promise<void> {
      const token = newId();
      const first = db
        .update(tr)
        .set({ status: "running", token, updatedAt: now(), updatedBy: actor })
        .where(and(eq(tr.id, plan.tournamentId), eq(tr.status, from.status), eq(tr.nextSeq, from.nextSeq), eq(tr.playVersion, plan.playVersion)));
      return writeRound(plan, first, token, actor);
    },

    /** The next round (maybe of a new stage), only while running and nothing was corrected since the read. */
    pairRound(plan: RoundPlan, actor: Actor): Promise<void> {
      const token = newId();
      const first = lock(token, plan.tournamentId, and(eq(tr.status, "running"), eq(tr.playVersion, plan.playVersion)), actor);
      return writeRound(plan, first, token, actor);
    },

    /** First result wins: written only over NULL, in a running tournament. Null when it was not written. */
    async report(tournamentId: string, pairingId: string, result: PairingResult, actor: Actor): Promise<Pairing | null> {
      const tid = uuidOr("tournament", tournamentId);
      const pid = uuidOr("pairing", pairingId);
      const rows = await guarded(
        () =>
          db
            .update(pr)
            .set({ result, updatedAt: now(), updatedBy: actor })
            .where(
              and(
                eq(pr.id, pid),
                isNull(pr.result),
                sql`${pr.roundId} in (select ${rd.id} from ${rd} join ${st} on ${st.id} = ${rd.stageId} where ${st.tournamentId} = ${tid})`,
                sql`exists (select 1 from ${tr} where ${tr.id} = ${tid} and ${tr.status} = 'running')`,
              ),
            )
            .returning(),
        undefined,
        "idempotent",
      );
      return rows[0] ?? null;
    },

    /**
     * A staff correction from `from` to `to`, refused in SQL when a game in `dependents` (bracket
     * slots fed by this one) is paired in the stage or a later stage exists. Null when refused.
     */
    async correct(
      input: { tournamentId: string; pairingId: string; stageId: string; stageNumber: number; from: PairingResult; to: PairingResult; dependents: string[] },
      actor: Actor,
    ): Promise<Pairing | null> {
      const { tournamentId: tid, pairingId: pid } = input;
      const token = newId();
      const dependentPaired =
        input.dependents.length === 0
          ? sql`1 = 0`
          : sql`exists (select 1 from ${pr} p2 join ${rd} r2 on r2.id = p2.round_id where r2.stage_id = ${input.stageId} and ${inArray(sql`p2.slot`, input.dependents)})`;
      const [, rows] = await guarded(
        () =>
          database.batch((tx) => [
            tx
              .update(tr)
              .set({ token, playVersion: sql`${tr.playVersion} + 1`, updatedAt: now(), updatedBy: actor })
              .where(and(eq(tr.id, tid), inArray(tr.status, ["running", "finished"]))),
            tx
              .update(pr)
              .set({ result: input.to, updatedAt: now(), updatedBy: actor })
              .where(
                and(
                  eq(pr.id, pid),
                  eq(pr.result, input.from),
                  eq(pr.forfeit, false),
                  ours(tid, token),
                  sql`not (${dependentPaired})`,
                  sql`not exists (select 1 from ${st} where ${st.tournamentId} = ${tid} and ${st.number} > ${input.stageNumber})`,
                ),
              )
              .returning(),
          ]),
        undefined,
        "once",
      );
      return rows[0] ?? null;
    },

    /** Finished, with every stage and round closed; only from running and the play version read. */
    async finish(tournamentId: string, playVersion: number, actor: Actor): Promise<boolean> {
      const token = newId();
      const at = now();
      const stages = sql`(select ${st.id} from ${st} where ${st.tournamentId} = ${tournamentId})`;
      const [done] = await guarded(
        () =>
          database.batch((tx) => [
            tx
              .update(tr)
              .set({ status: "finished", token, updatedAt: at, updatedBy: actor })
              .where(and(eq(tr.id, tournamentId), eq(tr.status, "running"), eq(tr.playVersion, playVersion)))
              .returning({ id: tr.id }),
            tx
              .update(st)
              .set({ status: "finished", updatedAt: at, updatedBy: actor })
              .where(and(sql`${st.id} in ${stages}`, ours(tournamentId, token))),
            tx
              .update(rd)
              .set({ status: "finished", updatedAt: at, updatedBy: actor })
              .where(and(sql`${rd.stageId} in ${stages}`, ours(tournamentId, token))),
          ]),
        undefined,
        "once",
      );
      return done.length > 0;
    },

    /**
     * The ladder match of a rated game, with the PAIRING's id as its own id and an idempotency key,
     * so a repeat (a retry, a concurrent report, a settle after a crash) meets the same match.
     */
    createRatedMatch(input: { guildId: string; ladder: string; pairingId: string; teams: string[][] }, actor: Actor): Promise<Match> {
      let handed = false;
      const matchIds = () => {
        if (handed) return newId();
        handed = true;
        return input.pairingId;
      };
      return matchRepository({ ...ctx, newId: matchIds }).create(
        { guildId: input.guildId, ladder: input.ladder, teams: input.teams, idempotencyKey: `tournament-pairing:${input.pairingId}` },
        actor,
      );
    },

    /** Links a pairing to its rated match (once; the match id is the pairing id). */
    async linkMatch(pairingId: string, actor: Actor): Promise<void> {
      await guarded(
        () =>
          db
            .update(pr)
            .set({ matchId: pairingId, updatedAt: now(), updatedBy: actor })
            .where(and(eq(pr.id, pairingId), isNull(pr.matchId))),
        undefined,
        "idempotent",
      );
    },
  };
}

export function notFoundPairing(id: string): NotFoundError {
  return new NotFoundError("pairing", id);
}
