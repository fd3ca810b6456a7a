/**
 * How a lobby is read back: the lobby with its ladder, and its members with their standing in that
 * ladder. Every lobby write ends with these two selects in its own batch, so the reply shows the
 * state the write produced without another round trip.
 */
import { and, asc, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import type { Database } from "../connect";
import { toLadder } from "./ladders";
import type { LobbyRow, LobbyView } from "./types";

export type LobbyWhere = ReturnType<typeof eq>;

export function lobbyReads(database: Database) {
  const { lobbies: lb, lobbyMembers: lm, players: p, ladderPlayers: lp, ladders: l } = database.t;
  const selectLobby = (tx: Database["db"], where: LobbyWhere) =>
    tx.select({ lobby: lb, ladder: l }).from(lb).innerJoin(l, eq(l.id, lb.ladderId)).where(where).limit(1);
  const selectMembers = (tx: Database["db"], where: LobbyWhere) =>
    tx
      .select({
        slot: lm.slot,
        party: lm.party,
        playerId: lm.playerId,
        discordUserId: p.discordUserId,
        displayName: p.displayName,
        rating: lp.rating,
        deviation: lp.deviation,
      })
      .from(lm)
      .innerJoin(lb, eq(lb.id, lm.lobbyId))
      .innerJoin(p, eq(p.id, lm.playerId))
      .leftJoin(lp, and(eq(lp.ladderId, lb.ladderId), eq(lp.playerId, lm.playerId)))
      .where(where)
      .orderBy(asc(lm.slot));

  function view(lobbies: Array<{ lobby: LobbyRow; ladder: typeof l.$inferSelect }>, members: LobbyView["members"], what: string): LobbyView {
    const row = lobbies[0];
    if (!row) throw new NotFoundError("lobby", what);
    return { lobby: row.lobby, ladder: toLadder(row.ladder), members };
  }

  return { selectLobby, selectMembers, view };
}
