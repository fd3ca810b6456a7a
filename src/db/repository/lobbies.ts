/**
 * Discord lobbies while they collect players: open (or `/balance`), join, leave, and the reads the
 * buttons start from. What happens once a lobby is full (its proposal, closing, expiry) is in
 * lobby-proposals.ts; reading a lobby back is lobby-views.ts. Every write is one batch that ends by reading the lobby back, so a
 * button press costs one round trip and the reply shows the state the press produced.
 *
 * The capacity guard holds at READ COMMITTED: a join first updates the lobby row (setting a fresh
 * token, and only while the lobby is open). On Postgres that row lock queues concurrent joins, and
 * each later statement of the batch, run after the lock is granted, counts every member committed
 * before it; libSQL runs batches one at a time anyway. The member insert and the transition to
 * "proposed" only happen when the lobby row carries this batch's token.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import type { Batch } from "../connect";
import { type RepoContext, guarded } from "./context";
import { defaultLadderSettings } from "../../domain/ladder-settings";
import { DEFAULT_LADDER_SLUG, ladderRepository, ladderWhere } from "./ladders";
import { upsertPlayers } from "./discord-players";
import { lobbyProposalRepository } from "./lobby-proposals";
import { type LobbyWhere, lobbyReads } from "./lobby-views";
import type { Actor, LobbyView, LobbyRow, DiscordMember } from "./types";

export interface NewLobby {
  guildId: string;
  ladder?: string;
  kind: LobbyRow["kind"];
  openedBy: DiscordMember;
  /** Null: the ladder's teamCount × teamSize. */
  size: number | null;
  /** Null: the ladder's teamCount. */
  teamCount: number | null;
  interactionId: string;
  channelId: string | null;
  expiresAt: Date;
  /** `/balance`: the members, already in (the lobby is then created as a proposal). */
  members?: Array<DiscordMember & { party: string | null }>;
}

export function lobbyRepository(ctx: RepoContext) {
  const { database, now, newId } = ctx;
  const { db, t } = database;
  const ladders = ladderRepository(ctx);
  const { lobbies: lb, lobbyMembers: lm, players: p, ladders: l } = t;
  const { selectLobby, selectMembers, view } = lobbyReads(database);

  /** The member insert of a join: only with our token on the lobby, only while the party fits. */
  function insertMember(guildId: string, lobbyId: string, token: string, discordUserId: string, party: string, partySize: number, actor: Actor) {
    const id = database.param("uuid", lobbyId);
    const at = database.param("time", now());
    return sql`insert into lobby_members (lobby_id, slot, player_id, party, created_at, updated_at, created_by, updated_by)
      select ${id}, (select coalesce(max(slot), -1) + 1 from lobby_members where lobby_id = ${id}), pl.id, ${database.param("text", party)}, ${at}, ${at}, ${database.param("text", actor)}, ${database.param("text", actor)}
      from players pl
      where pl.guild_id = ${guildId} and pl.discord_user_id = ${discordUserId}
        and (select token from lobbies where id = ${id}) = ${token}
        and not exists (select 1 from lobby_members x where x.lobby_id = ${id} and x.player_id = pl.id)
        and (select count(*) from lobby_members x where x.lobby_id = ${id} and (x.party is null or x.party <> ${database.param("text", party)})) + ${database.param("int", partySize)}
          <= (select size from lobbies where id = ${id})`;
  }

  return {
    /** Open a lobby (or a `/balance` proposal with its members) in one round trip; a redelivered interaction finds the first one. */
    async open(input: NewLobby, actor: Actor): Promise<LobbyView> {
      const at = now();
      const which = ladderWhere(l, input.guildId, input.ladder);
      const ladderCol = (col: typeof l.teamCount) => sql`(select ${col} from ${l} where ${which})`;
      const people = [input.openedBy, ...(input.members ?? [])];
      const id = newId();
      const members = input.members ?? [];
      const [lobbies, rows] = await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                tx
                  .insert(t.guilds)
                  .values({ id: input.guildId, name: `guild ${input.guildId}`, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor })
                  .onConflictDoNothing(),
                ...(input.ladder ? [] : [tx.insert(l).values(defaultLadderValues(input.guildId, actor)).onConflictDoNothing()]),
                upsertPlayers(tx, t, input.guildId, people, at, actor, newId),
                tx
                  .insert(lb)
                  .values({
                    id,
                    guildId: input.guildId,
                    ladderId: sql`(select ${l.id} from ${l} where ${which})`,
                    kind: input.kind,
                    status: input.kind === "balance" ? "proposed" : "open",
                    channelId: input.channelId,
                    openedBy: input.openedBy.discordUserId,
                    teamCount: input.teamCount ?? ladderCol(l.teamCount),
                    size: input.size ?? (input.kind === "balance" ? members.length : sql`(select ${l.teamCount} * ${l.teamSize} from ${l} where ${which})`),
                    interactionId: input.interactionId,
                    expiresAt: input.expiresAt,
                    createdAt: at,
                    updatedAt: at,
                    createdBy: actor,
                    updatedBy: actor,
                  })
                  .onConflictDoNothing({ target: lb.interactionId }),
                ...members.map((m, slot) =>
                  tx
                    .insert(lm)
                    .values({
                      lobbyId: sql`(select ${lb.id} from ${lb} where ${lb.id} = ${id})`,
                      slot,
                      playerId: sql`(select ${p.id} from ${p} where ${p.guildId} = ${input.guildId} and ${p.discordUserId} = ${m.discordUserId})`,
                      party: m.party,
                      createdAt: at,
                      updatedAt: at,
                      createdBy: actor,
                      updatedBy: actor,
                    })
                    .onConflictDoNothing(),
                ),
                selectLobby(tx, eq(lb.interactionId, input.interactionId)),
                selectMembers(tx, eq(lb.interactionId, input.interactionId)),
              ] as unknown as Batch,
          ) as unknown as Promise<unknown[]>,
        (failure) => (failure === "not_null" ? new NotFoundError("ladder", input.ladder ?? DEFAULT_LADDER_SLUG) : undefined),
      ).then((results) => [results.at(-2), results.at(-1)] as [Array<{ lobby: LobbyRow; ladder: typeof l.$inferSelect }>, LobbyView["members"]]);
      return view(lobbies, rows, input.interactionId);
    },

    /** The lobby, its ladder and members. One round trip. */
    async get(guildId: string, lobbyId: string): Promise<LobbyView> {
      if (!isUuid(lobbyId)) throw new NotFoundError("lobby", lobbyId);
      const lid = normalizeUuid(lobbyId);
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const [lobbies, members] = await guarded(() => database.batch((tx) => [selectLobby(tx, where), selectMembers(tx, where)]));
      return view(lobbies, members, lobbyId);
    },

    /** The newest open lobby in a channel (for `/lobby join`). One round trip. */
    async newestOpen(guildId: string, channelId: string | null): Promise<string | null> {
      const rows = await guarded(() =>
        db
          .select({ id: lb.id })
          .from(lb)
          .where(
            and(
              eq(lb.guildId, guildId),
              channelId ? eq(lb.channelId, channelId) : undefined,
              eq(lb.status, "open"),
              sql`${lb.expiresAt} > ${database.param("time", now())}`,
            ),
          )
          .orderBy(desc(lb.createdAt))
          .limit(1),
      );
      return rows[0]?.id ?? null;
    },

    /** The lobby a match was started from (null for matches made elsewhere). One round trip. */
    async byMatch(guildId: string, matchId: string): Promise<LobbyView | null> {
      if (!isUuid(matchId)) return null;
      const where = and(eq(lb.matchId, normalizeUuid(matchId)), eq(lb.guildId, guildId)) as LobbyWhere;
      const [lobbies, members] = await guarded(() => database.batch((tx) => [selectLobby(tx, where), selectMembers(tx, where)]));
      return lobbies[0] ? view(lobbies, members, matchId) : null;
    },

    /**
     * Join (alone or as a party) in one batch; the last join that fills the lobby also moves it to
     * "proposed" (the caller then stores the teams). Joining twice, a full or closed lobby: no change.
     */
    async join(guildId: string, lobbyId: string, people: DiscordMember[], party: string, actor: Actor): Promise<LobbyView & { filledByUs: boolean }> {
      if (!isUuid(lobbyId)) throw new NotFoundError("lobby", lobbyId);
      const lid = normalizeUuid(lobbyId);
      const token = newId();
      const at = now();
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const results = (await guarded(
        () =>
          database.batch(
            (tx) =>
              [
                upsertPlayers(tx, t, guildId, people, at, actor, newId),
                // The lock (on Postgres) and the claim: every later statement checks for this token.
                tx
                  .update(lb)
                  .set({ token, updatedAt: at, updatedBy: actor })
                  .where(and(where, eq(lb.status, "open"), sql`${lb.expiresAt} > ${database.param("time", at)}`)),
                ...people.map((m) => database.raw(tx, insertMember(guildId, lid, token, m.discordUserId, party, people.length, actor))),
                tx
                  .update(lb)
                  .set({ status: "proposed" })
                  .where(
                    and(
                      eq(lb.id, lid),
                      eq(lb.token, token),
                      eq(lb.status, "open"),
                      sql`(select count(*) from lobby_members x where x.lobby_id = ${lb.id}) >= ${lb.size}`,
                    ),
                  ),
                selectLobby(tx, where),
                selectMembers(tx, where),
              ] as unknown as Batch,
          ),
        // The players' upsert needs the guild: no guild, no lobby.
        (failure) => (failure === "foreign_key" ? new NotFoundError("lobby", lobbyId) : undefined),
      )) as unknown as unknown[];
      const v = view(results.at(-2) as never, results.at(-1) as never, lobbyId);
      return { ...v, filledByUs: v.lobby.token === token && v.lobby.status === "proposed" };
    },

    /** Leave an open lobby (only yourself). One round trip. */
    async leave(guildId: string, lobbyId: string, discordUserId: string, actor: Actor): Promise<LobbyView> {
      if (!isUuid(lobbyId)) throw new NotFoundError("lobby", lobbyId);
      const lid = normalizeUuid(lobbyId);
      const token = newId();
      const at = now();
      const where = and(eq(lb.id, lid), eq(lb.guildId, guildId)) as LobbyWhere;
      const [, , lobbies, members] = await guarded(() =>
        database.batch((tx) => [
          tx
            .update(lb)
            .set({ token, updatedAt: at, updatedBy: actor })
            .where(and(where, eq(lb.status, "open"), sql`${lb.expiresAt} > ${database.param("time", at)}`)),
          tx
            .delete(lm)
            .where(
              and(
                eq(lm.lobbyId, lid),
                eq(lm.playerId, sql`(select ${p.id} from ${p} where ${p.guildId} = ${guildId} and ${p.discordUserId} = ${discordUserId})`),
                sql`(select token from lobbies where id = ${database.param("uuid", lid)}) = ${token}`,
              ),
            ),
          selectLobby(tx, where),
          selectMembers(tx, where),
        ]),
      );
      return view(lobbies, members, lobbyId);
    },

    ...lobbyProposalRepository(ctx),
  };

  function defaultLadderValues(guildId: string, actor: Actor) {
    return ladders.newLadderValues(guildId, { slug: DEFAULT_LADDER_SLUG, name: "Default", settings: defaultLadderSettings(), isDefault: true }, actor);
  }
}
