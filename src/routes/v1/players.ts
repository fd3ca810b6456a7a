/** Players: public profiles (by our id or Discord id), history and analytics; writes need a key. */
import { createRoute, z } from "@hono/zod-openapi";
import { playerStats } from "../../domain/stats";
import { NotFoundError } from "../../errors";
import { requireScope } from "../../http/auth";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams, ladderQuery, pageQuery, playerRef, snowflake, uuid } from "../../http/schemas";
import { HistoryEntrySchema, PlayerSchema, pageOf, publicHistory, publicPlayer, publicStanding, StandingSchema } from "../../http/shapes";
import { visibleText } from "../../http/text";
import { shownDeviation } from "../standing";
import { PlayerStatsSchema, profileOf, ProfileSchema } from "./profile";

const playerParams = guildParams.extend({ player: playerRef });
const displayName = visibleText(1, 64);

const listPlayers = createRoute({
  method: "get",
  path: "/guilds/{guildId}/players",
  summary: "Players in registration order",
  request: { params: guildParams, query: pageQuery },
  responses: { 200: json(pageOf(PlayerSchema), "A page of players"), ...pick(400, 404, 429) },
});

const createPlayer = createRoute({
  method: "post",
  path: "/guilds/{guildId}/players",
  summary: "Register a player (write)",
  middleware: [requireScope("write"), idempotent],
  security: bearer,
  request: { params: guildParams, headers: idempotencyHeader, ...body(z.strictObject({ discordUserId: snowflake, displayName })) },
  responses: { 201: json(PlayerSchema, "The new player"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const getPlayer = createRoute({
  method: "get",
  path: "/guilds/{guildId}/players/{player}",
  summary: "A player's profile in a ladder: standing, rating history and recent matches",
  request: { params: playerParams, query: ladderQuery },
  responses: { 200: json(ProfileSchema, "The profile"), ...pick(400, 404, 429) },
});

const patchPlayer = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/players/{player}",
  summary: "Rename a player (write)",
  middleware: [requireScope("write"), idempotent],
  security: bearer,
  request: { params: guildParams.extend({ player: uuid }), headers: idempotencyHeader, ...body(z.strictObject({ displayName })) },
  responses: { 200: json(PlayerSchema, "The player"), ...pick(400, 401, 403, 404, 413, 422) },
});

const history = createRoute({
  method: "get",
  path: "/guilds/{guildId}/players/{player}/history",
  summary: "A player's rating history in a ladder, newest first",
  request: { params: playerParams, query: pageQuery.extend(ladderQuery.shape) },
  responses: { 200: json(pageOf(HistoryEntrySchema), "Ledger entries"), ...pick(400, 404, 429) },
});

const analytics = createRoute({
  method: "get",
  path: "/guilds/{guildId}/players/{player}/analytics",
  summary: "Win rate, streaks, form, teammates and opponents (and head-to-head with `vs`)",
  request: { params: playerParams, query: ladderQuery.extend({ vs: playerRef.optional() }) },
  responses: {
    200: json(z.object({ player: PlayerSchema, ladder: z.string(), standing: StandingSchema.nullable(), stats: PlayerStatsSchema }), "Statistics"),
    ...pick(400, 404, 429),
  },
});

export const playerRoutes = createRouter()
  .openapi(listPlayers, async (c) => {
    const { guildId } = c.req.valid("param");
    const page = await c.var.repo().players.list(guildId, c.req.valid("query"));
    return c.json({ items: page.items.map(publicPlayer), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createPlayer, async (c) => {
    const { guildId } = c.req.valid("param");
    const player = await c.var.repo().players.create({ guildId, ...c.req.valid("json") }, c.var.actor);
    return c.json(publicPlayer(player), 201);
  })
  .openapi(getPlayer, async (c) => {
    const { guildId, player } = c.req.valid("param");
    const read = await c.var.repo().analytics.player(guildId, player, c.req.valid("query").ladder);
    return c.json(profileOf(read, c.var.now()), 200);
  })
  .openapi(patchPlayer, async (c) => {
    const { guildId, player } = c.req.valid("param");
    return c.json(publicPlayer(await c.var.repo().players.updateProfile(guildId, player, c.req.valid("json"), c.var.actor)), 200);
  })
  .openapi(history, async (c) => {
    const { guildId, player } = c.req.valid("param");
    const page = await c.var.repo().ledger.history(guildId, player, c.req.valid("query"));
    return c.json({ items: page.items.map(publicHistory), nextCursor: page.nextCursor }, 200);
  })
  .openapi(analytics, async (c) => {
    const { guildId, player } = c.req.valid("param");
    const { ladder, vs } = c.req.valid("query");
    const read = await c.var.repo().analytics.player(guildId, player, ladder);
    const vsId = vs && read.others.find((o) => o.playerId === vs || o.discordUserId === vs)?.playerId;
    if (vs && !vsId && vs !== read.player.id && vs !== read.player.discordUserId) {
      // Never played together or against: an empty head-to-head, unless the player does not exist at all.
      const other = await c.var.repo().players.getByRef(guildId, vs);
      if (!other) throw new NotFoundError("player", vs);
    }
    const stats = playerStats(read.games, read.others, { vs: vs ? (vsId ?? "none") : undefined });
    const standing = read.standing && publicStanding(read.standing, shownDeviation(read.standing, read.ladder, c.var.now()));
    return c.json({ player: publicPlayer(read.player), ladder: read.ladder.slug, standing, stats }, 200);
  });
