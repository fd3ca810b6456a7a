import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../http/auth";
import { guildParams } from "../http/schemas";
import { jsonBody, pathParams } from "../http/validate";

const guildBody = z.object({
  name: z.string().trim().min(1).max(100),
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const guildRoutes = new Hono<AppEnv>()
  .get("/:guildId", async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const guild = await c.var.repo().guilds.get(guildId);
    if (!guild) throw new NotFoundError("guild", guildId);
    return c.json(guild);
  })
  .put("/:guildId", requireAdmin, async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const body = await jsonBody(c, guildBody);
    return c.json(await c.var.repo().guilds.upsert({ id: guildId, ...body }, "admin"));
  });
