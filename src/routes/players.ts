import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { initialRating } from "../domain/glicko2";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../http/auth";
import { guildParams, pageQuery, snowflake, uuid } from "../http/schemas";
import { jsonBody, pathParams, queryParams } from "../http/validate";

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
    const player = await c.var.repo().players.create({ guildId, ...body, initial: initialRating() }, "admin");
    return c.json(player, 201);
  })
  .get("/:playerId", async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    const player = await c.var.repo().players.getById(guildId, playerId);
    if (!player) throw new NotFoundError("player", playerId);
    return c.json(player);
  })
  .patch("/:playerId", requireAdmin, async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    const body = await jsonBody(c, z.object({ displayName }));
    return c.json(await c.var.repo().players.updateProfile(guildId, playerId, body, "admin"));
  })
  .get("/:playerId/history", async (c) => {
    const { guildId, playerId } = pathParams(c, playerParams);
    return c.json(await c.var.repo().ledger.history(guildId, playerId, queryParams(c, pageQuery)));
  });
