/**
 * From a proposal to a match, and the players' reports on it. Starting is one guarded batch (the
 * lobby moves from proposed to started only once, and the match insert fails unless that move was
 * ours); a report is one batch that records it and reads everything the decision needs.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import type { Batch, Db, Statement } from "../connect";
import { type RepoContext, guarded } from "./context";
import { resultRepository } from "./results";
import type { Actor, LobbyRow, MatchReportRow, ResultSnapshot } from "./types";

export interface StartMatch {
  guildId: string;
  lobbyId: string;
  ladderId: string;
  /** The split shown when Start was pressed: a Reshuffle in between makes the press stale. */
  splitIndex: number;
  /** Player ids per team. */
  teams: string[][];
  initial: { rating: number; deviation: number; volatility: number };
  expiresAt: Date;
}

export interface ReportState {
  snapshot: ResultSnapshot;
  lobby: LobbyRow | null;
  reports: MatchReportRow[];
  /** Discord user id per roster player id. */
  discordIds: Map<string, string>;
}

export function lobbyMatchRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { t } = database;
  const { lobbies: lb, matches: m, matchPlayers: mp, ladderPlayers: lp, matchReports: mr, players: p } = t;
  const results = resultRepository(ctx);

  return {
    /** Create the match of a proposal. Throws ConflictError when the lobby was no longer showing that proposal. */
    async start(input: StartMatch, actor: Actor): Promise<string> {
      const token = newId();
      const id = newId();
      const at = now();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const lobbyId = normalizeUuid(input.lobbyId);
      const ours = sql`(select ${lb.guildId} from ${lb} where ${lb.id} = ${lobbyId} and ${lb.token} = ${token})`;
      const roster = input.teams.flatMap((team, index) => team.map((playerId) => ({ matchId: id, playerId, team: index, weight: 1, ...audit })));
      await guarded(
        () =>
          database.batch((tx) => [
            tx
              .update(lb)
              .set({ token, updatedAt: at, updatedBy: actor })
              .where(and(eq(lb.id, lobbyId), eq(lb.guildId, input.guildId), eq(lb.status, "proposed"), eq(lb.splitIndex, input.splitIndex))),
            // NULL guild (a NOT NULL violation) unless the claim above was ours: a second Start fails here.
            tx.insert(m).values({ id, guildId: ours, ladderId: input.ladderId, teamCount: input.teams.length, idempotencyKey: `lobby:${lobbyId}`, ...audit }),
            tx.insert(mp).values(roster),
            tx
              .insert(lp)
              .values(roster.map((r) => ({ ladderId: input.ladderId, playerId: r.playerId, guildId: input.guildId, ...input.initial, ...audit })))
              .onConflictDoNothing(),
            tx
              .update(lb)
              .set({ status: "started", matchId: id, expiresAt: input.expiresAt })
              .where(and(eq(lb.id, lobbyId), eq(lb.token, token))),
          ]),
        (failure, error) =>
          failure === "not_null" || failure === "unique"
            ? new ConflictError("This proposal was already started or changed", { reason: "STALE" }, error)
            : undefined,
      );
      return id;
    },

    /**
     * Record `discordUserId`'s report (only a roster member's, only while the match's lobby is
     * started; a second press keeps the first) and read the match, its lobby and all reports, in one
     * round trip.
     */
    async report(guildId: string, matchId: string, discordUserId: string | null, outcome: string): Promise<ReportState> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      const id = normalizeUuid(matchId);
      const mid = database.param("uuid", id);
      const at = database.param("time", now());
      const who = database.param("text", `discord:${discordUserId}`);
      const insert = sql`insert into match_reports (match_id, discord_user_id, team, outcome, created_at, updated_at, created_by, updated_by)
        select mp.match_id, pl.discord_user_id, mp.team, ${database.param("text", outcome)}, ${at}, ${at}, ${who}, ${who}
        from match_players mp
        join players pl on pl.id = mp.player_id
        join lobbies lb on lb.match_id = mp.match_id
        where mp.match_id = ${mid} and pl.guild_id = ${guildId} and pl.discord_user_id = ${discordUserId ?? ""} and lb.status = 'started'
        on conflict do nothing`;
      const [, , reports, rows, lobbies, people] = (await guarded(() =>
        database.batch(
          (tx) =>
            [
              // Reports on one match queue on its lobby row (Postgres), so each sees the ones before it.
              // The fresh token marks this read: a confirmation's commit holds it (completeStatement),
              // so any report recorded after the read makes that commit fail and re-read.
              tx
                .update(lb)
                .set({ token: newId(), updatedAt: now() })
                .where(and(eq(lb.matchId, id), eq(lb.status, "started"))),
              database.raw(tx, insert),
              tx.select().from(mr).where(eq(mr.matchId, id)).orderBy(asc(mr.createdAt)),
              results.loadQuery(tx, guildId, id),
              tx
                .select()
                .from(lb)
                .where(and(eq(lb.matchId, id), eq(lb.guildId, guildId)))
                .limit(1),
              tx
                .select({ id: p.id, discordUserId: p.discordUserId })
                .from(p)
                .where(inArray(p.id, tx.select({ id: mp.playerId }).from(mp).where(eq(mp.matchId, id)))),
            ] as unknown as Batch,
        ),
      )) as unknown as [unknown, unknown, MatchReportRow[], Parameters<typeof results.toSnapshot>[0], LobbyRow[], Array<{ id: string; discordUserId: string }>];
      return {
        snapshot: results.toSnapshot(rows, matchId),
        lobby: lobbies[0] ?? null,
        reports,
        discordIds: new Map(people.map((r) => [r.id, r.discordUserId])),
      };
    },

    /** Contradicting reports: the lobby waits for staff. Only from started (a settled match stays settled). */
    async dispute(matchId: string, actor: Actor): Promise<void> {
      await guarded(() =>
        database.db
          .update(lb)
          .set({ status: "disputed", updatedAt: now(), updatedBy: actor })
          .where(and(eq(lb.matchId, normalizeUuid(matchId)), eq(lb.status, "started"))),
      );
    },

    /**
     * The statement that closes the match's lobby, for the result batch. `readToken` is the lobby's
     * token as the report batch left it: if another report has been recorded since (it sets a new
     * token), the status becomes NULL, a NOT NULL violation that fails the whole result batch, which
     * the service retries from a fresh read. A value only the report batch sets, compared in the
     * UPDATE itself, so the guard holds at READ COMMITTED (Postgres re-evaluates it on the row
     * version it waited for). Without a lobby (a match made elsewhere) it changes nothing.
     */
    completeStatement(tx: Db, matchId: string, actor: Actor, readToken: string | null): Statement {
      const completed = readToken === null ? "completed" : sql<"completed">`case when ${lb.token} = ${readToken} then 'completed' end`;
      return tx
        .update(lb)
        .set({ status: completed, updatedAt: now(), updatedBy: actor })
        .where(and(eq(lb.matchId, normalizeUuid(matchId)), inArray(lb.status, ["started", "disputed", "expired"])));
    },

    /** Cancel a pending match and its lobby in one batch; returns the match status after. */
    async cancel(guildId: string, matchId: string, actor: Actor): Promise<string> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      const id = normalizeUuid(matchId);
      const at = now();
      const [, , rows] = await guarded(() =>
        database.batch((tx) => [
          tx
            .update(m)
            .set({ status: "cancelled", cancelledAt: at, updatedAt: at, updatedBy: actor, version: sql`${m.version} + 1` })
            .where(and(eq(m.guildId, guildId), eq(m.id, id), eq(m.status, "pending"))),
          tx
            .update(lb)
            .set({ status: "cancelled", updatedAt: at, updatedBy: actor })
            .where(and(eq(lb.matchId, id), inArray(lb.status, ["started", "disputed"]))),
          tx
            .select({ status: m.status })
            .from(m)
            .where(and(eq(m.guildId, guildId), eq(m.id, id))),
        ]),
      );
      const row = rows[0];
      if (!row) throw new NotFoundError("match", matchId);
      return row.status;
    },
  };
}
