import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { AppError, ConflictError, NotFoundError } from "../../errors";
import { type RepoContext, guarded } from "./context";
import { isUuid, normalizeUuid } from "../../ids";
import { ladderWhere, toLadder } from "./ladders";
import { decodeCursor, encodeCursor } from "./cursor";
import { playerIdOf } from "./analytics";
import type { Actor, Match, MatchRow, MatchStatus, NewMatch, Page, PageQuery } from "./types";

export interface MatchListQuery extends PageQuery {
  /** Our id or Discord id of a player in the match. */
  player?: string;
  status?: MatchStatus;
  /** Only this ladder's matches (its slug); every ladder's when absent. */
  ladder?: string;
}

export function matchRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const m = t.matches;
  const mp = t.matchPlayers;
  const lp = t.ladderPlayers;

  /** The match and its roster with names, in one round trip (a join). */
  async function get(guildId: string, matchId: string): Promise<Match | null> {
    if (!isUuid(matchId)) return null;
    const id = normalizeUuid(matchId);
    const rows = await guarded(() =>
      db
        .select({
          match: m,
          mp,
          player: { discordUserId: t.players.discordUserId, displayName: t.players.displayName },
          current: { rating: lp.rating, deviation: lp.deviation, volatility: lp.volatility },
        })
        .from(m)
        .leftJoin(mp, eq(mp.matchId, m.id))
        .leftJoin(t.players, eq(t.players.id, mp.playerId))
        .leftJoin(lp, and(eq(lp.ladderId, m.ladderId), eq(lp.playerId, mp.playerId)))
        .where(and(eq(m.guildId, guildId), eq(m.id, id)))
        .orderBy(asc(mp.team), asc(mp.playerId)),
    );
    const first = rows[0];
    if (!first) return null;
    const players = rows.flatMap(({ mp: row, player, current }) =>
      row && player && current
        ? [
            {
              playerId: row.playerId,
              discordUserId: player.discordUserId,
              displayName: player.displayName,
              team: row.team,
              weight: row.weight,
              ratingBefore: row.ratingBefore,
              deviationBefore: row.deviationBefore,
              ratingAfter: row.ratingAfter,
              deviationAfter: row.deviationAfter,
              result: row.result,
              current,
            },
          ]
        : [],
    );
    return { ...first.match, players };
  }

  async function getByIdempotencyKey(guildId: string, key: string): Promise<Match | null> {
    const rows = await guarded(() =>
      db
        .select({ id: m.id })
        .from(m)
        .where(and(eq(m.guildId, guildId), eq(m.idempotencyKey, key)))
        .limit(1),
    );
    return rows[0] ? get(guildId, rows[0].id) : null;
  }

  return {
    get,

    /**
     * Two round trips: read the roster (validating every player belongs to the guild), then write the
     * match and its players in one batch (returning the match row). A repeated idempotency key returns the first match when the
     * teams are the same, and is refused when they differ.
     */
    async create(input: NewMatch, actor: Actor): Promise<Match> {
      const bad = input.teams.flat().find((id) => !isUuid(id));
      if (bad) throw new NotFoundError("player", bad);
      const ids = input.teams.flat().map(normalizeUuid);
      const ladderRow = ladderWhere(t.ladders, input.guildId, input.ladder);
      const [ladders, found] = await guarded(() =>
        database.batch((tx) => [
          tx.select().from(t.ladders).where(ladderRow).limit(1),
          tx
            .select({
              id: t.players.id,
              discordUserId: t.players.discordUserId,
              displayName: t.players.displayName,
              rated: lp.playerId,
              rating: lp.rating,
              deviation: lp.deviation,
              volatility: lp.volatility,
            })
            .from(t.players)
            .leftJoin(lp, and(eq(lp.playerId, t.players.id), eq(lp.ladderId, sql`(select ${t.ladders.id} from ${t.ladders} where ${ladderRow})`)))
            .where(and(eq(t.players.guildId, input.guildId), inArray(t.players.id, ids))),
        ]),
      );
      const ladderFound = ladders[0];
      if (!ladderFound) throw input.ladder ? new NotFoundError("ladder", input.ladder) : new NotFoundError("guild", input.guildId);
      const ladder = toLadder(ladderFound);
      const initial = { rating: ladder.settings.initialRating, deviation: ladder.settings.initialDeviation, volatility: ladder.settings.initialVolatility };
      const known = new Map(
        found.map((r) => [
          r.id,
          {
            ...r,
            current:
              r.rated !== null && r.rating !== null && r.deviation !== null && r.volatility !== null
                ? { rating: r.rating, deviation: r.deviation, volatility: r.volatility }
                : initial,
          },
        ]),
      );
      const missing = ids.find((id) => !known.has(id));
      if (missing) throw new NotFoundError("player", missing);
      const unrated = found.filter((r) => r.rated === null).map((r) => r.id);

      const id = newId();
      const at = now();
      const audit = { createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
      const weights = new Map(Object.entries(input.weights ?? {}).map(([k, v]) => [normalizeUuid(k), v]));
      const roster = input.teams.flatMap((team, index) =>
        team.map((raw) => {
          const playerId = normalizeUuid(raw);
          return { matchId: id, playerId, team: index, weight: weights.get(playerId) ?? 1, ...audit };
        }),
      );
      let row: MatchRow | undefined;
      try {
        [[row]] = await guarded(
          () =>
            database.batch((tx) => [
              tx
                .insert(m)
                .values({
                  id,
                  guildId: input.guildId,
                  ladderId: ladder.id,
                  teamCount: input.teams.length,
                  idempotencyKey: input.idempotencyKey ?? null,
                  ...audit,
                })
                .returning(),
              tx.insert(mp).values(roster),
              // First match in this ladder for some players: their ladder rating starts at the ladder's initial values.
              ...(unrated.length > 0
                ? [
                    tx
                      .insert(lp)
                      .values(unrated.map((playerId) => ({ ladderId: ladder.id, playerId, guildId: input.guildId, ...initial, ...audit })))
                      .onConflictDoNothing(),
                  ]
                : []),
            ]),
          undefined,
          "once",
        );
      } catch (error) {
        const previous = input.idempotencyKey ? await getByIdempotencyKey(input.guildId, input.idempotencyKey) : null;
        if (!previous) throw error;
        const sameTeams = JSON.stringify(input.teams.map((team) => [...team].sort())) === JSON.stringify(teamsOf(previous));
        if (!sameTeams) throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different match", { matchId: previous.id });
        return previous;
      }
      if (!row) throw new Error("insert returned no match row");
      // Built from what was read and written: no read-back round trip.
      const players = roster
        .map((r) => {
          const p = known.get(r.playerId);
          if (!p) throw new Error("roster player vanished");
          return {
            playerId: r.playerId,
            discordUserId: p.discordUserId,
            displayName: p.displayName,
            team: r.team,
            weight: r.weight,
            ratingBefore: null,
            deviationBefore: null,
            ratingAfter: null,
            deviationAfter: null,
            result: null,
            current: p.current,
          };
        })
        .sort((a, b) => a.team - b.team || (a.playerId < b.playerId ? -1 : 1));
      return { ...row, players };
    },

    /**
     * Newest first, keyset by (created_at, id); filtered by ladder and by player through match_players.
     * The ladder (or, without one, the default ladder, which every guild has) is read in the same
     * batch, so an unknown guild or ladder is a 404. One round trip.
     */
    async list(guildId: string, query: MatchListQuery): Promise<Page<MatchRow>> {
      const before = query.cursor ? decodeCursor(query.cursor, { at: "time", id: "uuid" }) : null;
      const which = ladderWhere(t.ladders, guildId, query.ladder);
      const conditions = and(
        eq(m.guildId, guildId),
        query.status ? eq(m.status, query.status) : undefined,
        query.ladder ? eq(m.ladderId, sql`(select ${t.ladders.id} from ${t.ladders} where ${which})`) : undefined,
        query.player
          ? inArray(
              m.id,
              db
                .select({ id: mp.matchId })
                .from(mp)
                .where(eq(mp.playerId, playerIdOf(t, guildId, query.player))),
            )
          : undefined,
        before ? or(lt(m.createdAt, new Date(before.at)), and(eq(m.createdAt, new Date(before.at)), lt(m.id, before.id))) : undefined,
      );
      const [ladders, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: t.ladders.id }).from(t.ladders).where(which).limit(1),
          tx
            .select()
            .from(m)
            .where(conditions)
            .orderBy(desc(m.createdAt), desc(m.id))
            .limit(query.limit + 1),
        ]),
      );
      if (!ladders[0]) throw query.ladder ? new NotFoundError("ladder", query.ladder) : new NotFoundError("guild", guildId);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null };
    },

    /** Only a pending match can be cancelled (a completed one keeps its ratings); cancelling twice is a no-op. */
    async cancel(guildId: string, matchId: string, actor: Actor): Promise<MatchRow> {
      if (!isUuid(matchId)) throw new NotFoundError("match", matchId);
      const id = normalizeUuid(matchId);
      const at = now();
      const rows = await guarded(
        () =>
          db
            .update(m)
            .set({ status: "cancelled", cancelledAt: at, updatedAt: at, updatedBy: actor, version: sql`${m.version} + 1` })
            .where(and(eq(m.guildId, guildId), eq(m.id, id), eq(m.status, "pending")))
            .returning(),
        undefined,
        "idempotent",
      );
      if (rows[0]) return rows[0];
      const current = await get(guildId, id);
      if (!current) throw new NotFoundError("match", id);
      if (current.status === "cancelled") {
        const { players: _roster, ...row } = current;
        return row;
      }
      throw new ConflictError(`Match ${id} is ${current.status} and cannot be cancelled`, { status: current.status });
    },
  };
}

function teamsOf(match: Match): string[][] {
  const teams: string[][] = Array.from({ length: match.teamCount }, () => []);
  for (const p of match.players) teams[p.team]?.push(p.playerId);
  return teams.map((team) => team.sort());
}
