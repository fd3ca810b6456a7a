/**
 * A lobby after it stops collecting players: its proposal (stored once, the split shown), closing
 * it, and the cron's expiry. Each press is one batch ending with the lobby read back.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { normalizeUuid } from "../../ids";
import type { LobbyProposal } from "../schema/values";
import { type RepoContext, guarded } from "./context";
import { type LobbyWhere, lobbyReads } from "./lobby-views";
import type { Actor, LobbyView } from "./types";

export function lobbyProposalRepository(ctx: RepoContext) {
  const { database, now } = ctx;
  const { db, t } = database;
  const { lobbies: lb } = t;
  const { selectLobby, selectMembers, view } = lobbyReads(database);

  return {
    /** Move an open lobby to "proposed" early (Start now), or store the teams of a proposal once. */
    async propose(guildId: string, lobbyId: string, proposal: LobbyProposal, from: "open" | "proposed", actor: Actor): Promise<LobbyView> {
      const lid = normalizeUuid(lobbyId);
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const [, lobbies, members] = await guarded(() =>
        database.batch((tx) => [
          tx
            .update(lb)
            .set({ status: "proposed", proposal, splitIndex: 0, updatedAt: now(), updatedBy: actor })
            .where(and(where, eq(lb.status, from), from === "proposed" ? sql`${lb.proposal} is null` : undefined)),
          selectLobby(tx, where),
          selectMembers(tx, where),
        ]),
      );
      return view(lobbies, members, lobbyId);
    },

    /** Show split `index` of the proposal; the button carries the index, so a repeated press is one step. */
    async showSplit(guildId: string, lobbyId: string, index: number, actor: Actor): Promise<LobbyView> {
      const lid = normalizeUuid(lobbyId);
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const [, lobbies, members] = await guarded(() =>
        database.batch((tx) => [
          tx
            .update(lb)
            .set({ splitIndex: index, updatedAt: now(), updatedBy: actor })
            .where(and(where, eq(lb.status, "proposed"))),
          selectLobby(tx, where),
          selectMembers(tx, where),
        ]),
      );
      return view(lobbies, members, lobbyId);
    },

    /** Close or cancel a lobby that has not started; returns the lobby as it is after. One round trip. */
    async cancel(guildId: string, lobbyId: string, actor: Actor): Promise<LobbyView> {
      const lid = normalizeUuid(lobbyId);
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const [, lobbies, members] = await guarded(() =>
        database.batch((tx) => [
          tx
            .update(lb)
            .set({ status: "cancelled", updatedAt: now(), updatedBy: actor })
            .where(and(where, inArray(lb.status, ["open", "proposed"]))),
          selectLobby(tx, where),
          selectMembers(tx, where),
        ]),
      );
      return view(lobbies, members, lobbyId);
    },

    /** Lobbies (and their pending matches) past their time: expired, the matches cancelled. Two round trips. */
    async expire(at: Date): Promise<{ lobbies: number; matches: number }> {
      const expired = await guarded(() =>
        db
          .update(lb)
          .set({ status: "expired", updatedAt: at, updatedBy: "system:expiry" })
          .where(and(inArray(lb.status, ["open", "proposed", "started", "disputed"]), lte(lb.expiresAt, at)))
          .returning({ matchId: lb.matchId }),
      );
      const matchIds = expired.flatMap((e) => (e.matchId ? [e.matchId] : []));
      if (matchIds.length === 0) return { lobbies: expired.length, matches: 0 };
      const cancelled = await guarded(() =>
        db
          .update(t.matches)
          .set({ status: "cancelled", cancelledAt: at, updatedAt: at, updatedBy: "system:expiry", version: sql`${t.matches.version} + 1` })
          .where(and(inArray(t.matches.id, matchIds), eq(t.matches.status, "pending")))
          .returning({ id: t.matches.id }),
      );
      return { lobbies: expired.length, matches: cancelled.length };
    },
  };
}
