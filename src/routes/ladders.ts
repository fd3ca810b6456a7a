import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import type { Ladder } from "../db/repository";
import { defaultLadderSettings, ladderSettingsPatchSchema } from "../domain/ladder-settings";
import { requireAdmin } from "../http/auth";
import { guildParams, ladderSlug, pageQuery } from "../http/schemas";
import { jsonBody, pathParams, queryParams } from "../http/validate";
import { API_RETRY } from "../services/retry";
import { startSeason } from "../services/seasons";

const ladderParams = guildParams.extend({ slug: ladderSlug });

/** A ladder as clients see it: the write token is a concurrency guard, not theirs to read. */
function shown(ladder: Ladder) {
  const { writeToken: _guard, ...rest } = ladder;
  return rest;
}
const ladderName = z.string().trim().min(1).max(64);

export const ladderRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const ladders = await c.var.repo().ladders.list(guildId);
    return c.json({ items: ladders.map(shown) });
  })
  /** A new ladder; settings not given take the defaults. */
  .post("/", requireAdmin, async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const body = await jsonBody(c, z.strictObject({ slug: ladderSlug, name: ladderName, settings: ladderSettingsPatchSchema.optional() }));
    const ladder = await c.var
      .repo()
      .ladders.create(guildId, { slug: body.slug, name: body.name, settings: { ...defaultLadderSettings(), ...body.settings } }, "admin");
    return c.json(shown(ladder), 201);
  })
  .get("/:slug", async (c) => {
    const { guildId, slug } = pathParams(c, ladderParams);
    return c.json(shown(await c.var.repo().ladders.resolve(guildId, slug)));
  })
  /** Rename or change settings (rating settings only between seasons: 409 while the season has results). */
  .patch("/:slug", requireAdmin, async (c) => {
    const { guildId, slug } = pathParams(c, ladderParams);
    const body = await jsonBody(c, z.strictObject({ name: ladderName.optional(), settings: ladderSettingsPatchSchema.optional() }));
    const repo = c.var.repo();
    return c.json(shown(await repo.ladders.update(await repo.ladders.resolve(guildId, slug), body, "admin")));
  })
  .get("/:slug/seasons", async (c) => {
    const { guildId, slug } = pathParams(c, ladderParams);
    const repo = c.var.repo();
    const ladder = await repo.ladders.resolve(guildId, slug);
    return c.json({ current: { number: ladder.season, startedAt: ladder.seasonStartedAt }, ended: await repo.seasons.list(ladder.id) });
  })
  /** End the current season (archive its standings) and start the next; `endSeason` makes a retry harmless. */
  .post("/:slug/seasons", requireAdmin, async (c) => {
    const { guildId, slug } = pathParams(c, ladderParams);
    const body = await jsonBody(c, z.strictObject({ endSeason: z.number().int().min(1).max(100_000).optional() }));
    const started = await startSeason(c.var.repo(), { guildId, ladder: slug, endSeason: body.endSeason }, "admin", API_RETRY);
    return c.json(started, started.alreadyStarted ? 200 : 201);
  })
  .get("/:slug/seasons/:number/standings", async (c) => {
    const { guildId, slug, number } = pathParams(c, ladderParams.extend({ number: z.coerce.number().int().min(1).max(100_000) }));
    const repo = c.var.repo();
    const ladder = await repo.ladders.resolve(guildId, slug);
    return c.json(await repo.seasons.standings(ladder.id, number, queryParams(c, pageQuery)));
  });
