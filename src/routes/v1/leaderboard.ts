/** The public leaderboard and a ladder's analytics. */
import { createRoute, z } from "@hono/zod-openapi";
import { ladderStats } from "../../domain/stats";
import { createRouter, json, pick } from "../../http/openapi";
import { flag, guildParams, ladderQuery, pageQuery } from "../../http/schemas";
import { LeaderboardEntrySchema, pageOf, publicEntry } from "../../http/shapes";
import { shownDeviation } from "../standing";

const leaderboard = createRoute({
  method: "get",
  path: "/guilds/{guildId}/leaderboard",
  summary: "A ladder's leaderboard (provisional players hidden unless all=1)",
  request: {
    params: guildParams,
    query: pageQuery.extend(ladderQuery.shape).extend({ all: flag.optional().openapi({ description: "1 also lists provisional players" }) }),
  },
  responses: {
    200: json(pageOf(LeaderboardEntrySchema).extend({ guildId: z.string(), ladder: z.string(), season: z.number().int() }), "A page of the leaderboard"),
    ...pick(400, 404, 429),
  },
});

const LadderStatsSchema = z
  .object({
    ladder: z.string(),
    days: z.number().int(),
    matchesPerDay: z.array(z.object({ date: z.string(), matches: z.number().int() })),
    activePlayers: z.object({ last7Days: z.number().int(), last30Days: z.number().int(), rated: z.number().int() }),
    ratingHistogram: z.object({ binWidth: z.number(), bins: z.array(z.object({ from: z.number(), to: z.number(), players: z.number().int() })) }),
  })
  .openapi("LadderStats");

const analytics = createRoute({
  method: "get",
  path: "/guilds/{guildId}/analytics",
  summary: "A ladder's matches per day, active players and rating distribution",
  request: {
    params: guildParams,
    query: ladderQuery.extend({
      days: z.coerce.number().int().min(1).max(365).default(30).openapi({ type: "integer" }),
      binWidth: z.coerce.number().int().min(10).max(1000).default(50).openapi({ type: "integer" }),
    }),
  },
  responses: { 200: json(LadderStatsSchema, "Statistics"), ...pick(400, 404, 429) },
});

export const leaderboardRoutes = createRouter()
  .openapi(leaderboard, async (c) => {
    const { guildId } = c.req.valid("param");
    const query = c.req.valid("query");
    const page = await c.var.repo().leaderboard.page(guildId, { ...query, all: query.all ?? false });
    const now = c.var.now();
    // Deviation shown as of now: idle players' uncertainty grows without any write.
    const items = page.items.map((e) => publicEntry(e, shownDeviation(e, page.ladder, now)));
    return c.json({ guildId, ladder: page.ladder.slug, season: page.ladder.season, items, nextCursor: page.nextCursor }, 200);
  })
  .openapi(analytics, async (c) => {
    const { guildId } = c.req.valid("param");
    const { ladder, days, binWidth } = c.req.valid("query");
    const read = await c.var.repo().analytics.ladder(guildId, ladder, days);
    return c.json({ ladder: read.ladder.slug, ...ladderStats(read.matchTimes, read.standings, c.var.now(), { days, binWidth }) }, 200);
  });
