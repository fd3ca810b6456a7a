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
import { and, desc, eq, inArray, type InferSelectModel, isNull, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import type * as schema from "../schema/sqlite";
import { type RepoContext, guarded } from "./context";
import { matchRepository } from "./matches";
import { uuidOr } from "./tournament-registrations";
import { tournamentRoundRepository } from "./tournament-rounds";
import { loadPlay } from "./tournament-snapshot";
import { type Tournament, tournamentColumns } from "./tournaments";
import type { Actor, Match } from "./types";

export type { PlaySnapshot, SnapshotPairing, SnapshotRegistration, SnapshotRosterMember } from "./tournament-snapshot";
export type { NewPairing, NewStage, RoundPlan, Stage } from "./tournament-rounds";
export { RoundTaken } from "./tournament-rounds";
export type Round = InferSelectModel<typeof schema.tournamentRounds>;
export type Pairing = InferSelectModel<typeof schema.tournamentPairings>;
type PairingResult = NonNullable<Pairing["result"]>;

export function tournamentPlayRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { db, t } = database;
  const { tournaments: tr, tournamentStages: st, tournamentRounds: rd, tournamentPairings: pr } = t;
  const visible = tournamentColumns(tr);
  const ours = (tid: string, token: string) => sql`exists (select 1 from ${tr} where ${tr.id} = ${tid} and ${tr.token} = ${token})`;

  return {
    ...tournamentRoundRepository(ctx),
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
