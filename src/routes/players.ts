import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../http/auth";
import { guildParams, ladderQuery, pageQuery, snowflake, uuid } from "../http/schemas";
import { jsonBody, pathParams, queryParams } from "../http/validate";
import { shownDeviation } from "./standing";

const playerParams = guildParams.extend({ playerId: uuid });
const displayName = z.string().trim().min(1).max(64);

export const playerRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { guildId } = pathParams(c, guildParams);
    return c.json(await c.var.repo().players.list(guildId, queryParams(c, pageQuery)));
  })
  .post("/", requireAdmin, async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const body = await jsonBody(c, z.object({ discordUserId: snowflake, displayName }));
    const player = await c.var.repo().players.create({ guildId, ...body }, "admin");
    return c.json(player, 201);
  })
  /** The player with their standing in a ladder (`?ladder=`, default ladder otherwise); null standing until they play there. */
  .get("/:playerId", async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    const { ladder } = queryParams(c, ladderQuery);
    const found = await c.var.repo().players.inLadder(guildId, playerId, ladder);
    const standing = found.standing && { ...found.standing, deviation: shownDeviation(found.standing, found.ladder, c.var.now()) };
    return c.json({ ...found.player, ladder: found.ladder.slug, standing });
  })
  .patch("/:playerId", requireAdmin, async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    const body = await jsonBody(c, z.object({ displayName }));
    return c.json(await c.var.repo().players.updateProfile(guildId, playerId, body, "admin"));
  })
  .get("/:playerId/history", async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    const query = queryParams(c, pageQuery.extend(ladderQuery.shape));
    const page = await c.var.repo().ledger.history(guildId, playerId, query);
    if (page.items.length === 0 && !query.cursor && !(await c.var.repo().players.getById(guildId, playerId))) throw new NotFoundError("player", playerId);
    return c.json(page);
  });
