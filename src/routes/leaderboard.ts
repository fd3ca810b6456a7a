import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { guildParams, ladderQuery, pageQuery } from "../http/schemas";
import { pathParams, queryParams } from "../http/validate";
import { shownDeviation } from "./standing";

const leaderboardQuery = pageQuery.extend(ladderQuery.shape).extend({
  /** `all=1` also lists provisional players (the ladder's rule hides them by default). */
  all: z.enum(["0", "1", "true", "false"]).optional(),
});

export const leaderboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { guildId } = pathParams(c, guildParams);
  const query = queryParams(c, leaderboardQuery);
  const page = await c.var.repo().leaderboard.page(guildId, { ...query, all: query.all === "1" || query.all === "true" });
  const now = c.var.now();
  // Deviation shown as of now: idle players' uncertainty grows without any write.
  const items = page.items.map((e) => ({ ...e, deviation: shownDeviation(e, page.ladder, now) }));
  c.header("Cache-Control", "public, max-age=30");
  return c.json({ guildId, ladder: page.ladder.slug, season: page.ladder.season, items, nextCursor: page.nextCursor });
});
