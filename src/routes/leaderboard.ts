import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { decayRating } from "../domain/glicko2";
import { guildParams, pageQuery } from "../http/schemas";
import { pathParams, queryParams } from "../http/validate";

const leaderboardQuery = pageQuery.extend({ minGames: z.coerce.number().int().min(0).max(1_000_000).default(1) });

export const leaderboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { guildId } = pathParams(c, guildParams);
  const query = queryParams(c, leaderboardQuery);
  const page = await c.var.repo().leaderboard.page(guildId, query);
  const at = c.var.now().getTime();
  // Deviation shown as of now: idle players' uncertainty grows without any write (Glicko-2 decay).
  const items = page.items.map((e) => ({
    ...e,
    deviation: e.lastPlayedAt ? decayRating(e, at - e.lastPlayedAt.getTime()).deviation : e.deviation,
  }));
  c.header("Cache-Control", "public, max-age=30");
  return c.json({ guildId, items, nextCursor: page.nextCursor });
});
