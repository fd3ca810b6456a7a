/**
 * Writing a round: the start (status, seeds, stage 1, round 1) and every later pairing (maybe a new
 * stage) are one batch each, whose first statement locks the tournament row and writes a fresh
 * token; the stage and round take their parent id through a subquery on that token, so a batch
 * whose lock found the tournament changed fails on NOT NULL and rolls back as a whole. A second
 * pairing of the same round breaks the unique (stage, number) key: RoundTaken.
 */
import { and, eq, type InferSelectModel, inArray, type SQL, sql } from "drizzle-orm";
import { ConflictError } from "../../errors";
import type { Statement } from "../connect";
import type * as schema from "../schema/sqlite";
import { type RepoContext, guarded } from "./context";
import type { Tournament } from "./tournaments";
import type { Actor } from "./types";

export type Stage = InferSelectModel<typeof schema.tournamentStages>;
type Registration = InferSelectModel<typeof schema.tournamentRegistrations>;
type PairingResult = NonNullable<InferSelectModel<typeof schema.tournamentPairings>["result"]>;

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

export function tournamentRoundRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { db, t } = database;
  const { tournaments: tr, tournamentStages: st, tournamentRounds: rd, tournamentPairings: pr, tournamentRegistrations: reg } = t;
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
    /**
     * Start: running, seeds fixed, stage 1 and its round 1, in one batch. Guarded on the status read,
     * on `next_seq` (a registration that slipped in after the read refuses the start: try again) and
     * on the playing field.
     */
    start(plan: RoundPlan, from: { status: Tournament["status"]; nextSeq: number; playing: readonly Registration["status"][] }, actor: Actor): Promise<void> {
      const token = newId();
      const tid = plan.tournamentId;
      const field = plan.seeds.map(([id]) => id);
      // The field read is still the field: as many playing entrants, and all of them the seeded ones
      // (a check-in or a drop between the read and this batch refuses the start: read again).
      const sameField = sql`(select count(*) from ${reg} where ${reg.tournamentId} = ${tid} and ${inArray(reg.status, [...from.playing])}) = ${field.length}
        and not exists (select 1 from ${reg} where ${inArray(reg.id, field)} and not ${inArray(reg.status, [...from.playing])})`;
      const first = db
        .update(tr)
        .set({ status: "running", token, updatedAt: now(), updatedBy: actor })
        .where(and(eq(tr.id, tid), eq(tr.status, from.status), eq(tr.nextSeq, from.nextSeq), eq(tr.playVersion, plan.playVersion), sameField));
      return writeRound(plan, first, token, actor);
    },

    /** The next round (maybe of a new stage), only while running and nothing was corrected since the read. */
    pairRound(plan: RoundPlan, actor: Actor): Promise<void> {
      const token = newId();
      const first = lock(token, plan.tournamentId, and(eq(tr.status, "running"), eq(tr.playVersion, plan.playVersion)), actor);
      return writeRound(plan, first, token, actor);
    },
  };
}
