/** Guilds and their ladders and seasons: public reads, admin-scoped writes. */
import { createRoute, z } from "@hono/zod-openapi";
import { defaultLadderSettings, ladderSettingsPatchSchema } from "../../domain/ladder-settings";
import { requireScope } from "../../http/auth";
import { NotFoundError } from "../../errors";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams, ladderSlug, pageQuery, snowflake } from "../../http/schemas";
import {
  GuildSchema,
  LadderSchema,
  pageOf,
  publicGuild,
  publicLadder,
  publicSeason,
  publicSeasonStanding,
  SeasonSchema,
  SeasonStandingSchema,
} from "../../http/shapes";
import { visibleText } from "../../http/text";
import { API_RETRY } from "../../services/retry";
import { startSeason } from "../../services/seasons";

const ladderParams = guildParams.extend({ slug: ladderSlug });
const ladderName = visibleText(1, 64);

/**
 * Guild settings are a closed shape, not a free JSON blob: every field is typed and bounded, so
 * nothing a client sends can grow the row or smuggle text Postgres cannot store.
 */
export const guildSettingsSchema = z
  .strictObject({
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag like en or pt-BR")
      .optional(),
    timezone: z
      .string()
      .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/, "must be an IANA time zone like Europe/Paris")
      .max(64)
      .optional(),
    announceChannelId: snowflake.optional(),
    staffRoleIds: z.array(snowflake).max(25).optional(),
    teamSize: z.number().int().min(1).max(50).optional(),
  })
  .openapi("GuildSettings");

const AdminGuildSchema = GuildSchema.extend({ settings: guildSettingsSchema }).openapi("AdminGuild");

const getGuild = createRoute({
  method: "get",
  path: "/guilds/{guildId}",
  summary: "A guild",
  request: { params: guildParams },
  responses: { 200: json(GuildSchema, "The guild"), ...pick(400, 404, 429) },
});

const putGuild = createRoute({
  method: "put",
  path: "/guilds/{guildId}",
  summary: "Create or rename a guild and set its settings (admin)",
  middleware: [requireScope("admin"), idempotent],
  security: bearer,
  request: {
    params: guildParams,
    headers: idempotencyHeader,
    ...body(z.strictObject({ name: visibleText(1, 100), settings: guildSettingsSchema.optional() })),
  },
  responses: { 200: json(AdminGuildSchema, "The guild as stored"), ...pick(400, 401, 403, 409, 413, 422) },
});

const listLadders = createRoute({
  method: "get",
  path: "/guilds/{guildId}/ladders",
  summary: "A guild's ladders",
  request: { params: guildParams },
  responses: { 200: json(z.object({ items: z.array(LadderSchema) }), "Ladders, oldest first"), ...pick(400, 404, 429) },
});

const createLadder = createRoute({
  method: "post",
  path: "/guilds/{guildId}/ladders",
  summary: "A new ladder (admin)",
  middleware: [requireScope("admin"), idempotent],
  security: bearer,
  request: {
    params: guildParams,
    headers: idempotencyHeader,
    ...body(z.strictObject({ slug: ladderSlug, name: ladderName, settings: ladderSettingsPatchSchema.optional() })),
  },
  responses: { 201: json(LadderSchema, "The new ladder"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const getLadder = createRoute({
  method: "get",
  path: "/guilds/{guildId}/ladders/{slug}",
  summary: "A ladder",
  request: { params: ladderParams },
  responses: { 200: json(LadderSchema, "The ladder"), ...pick(400, 404, 429) },
});

const patchLadder = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/ladders/{slug}",
  summary: "Rename a ladder or change its settings (admin; rating settings only between seasons)",
  middleware: [requireScope("admin"), idempotent],
  security: bearer,
  request: {
    params: ladderParams,
    headers: idempotencyHeader,
    ...body(z.strictObject({ name: ladderName.optional(), settings: ladderSettingsPatchSchema.optional() })),
  },
  responses: { 200: json(LadderSchema, "The ladder"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const listSeasons = createRoute({
  method: "get",
  path: "/guilds/{guildId}/ladders/{slug}/seasons",
  summary: "The current season and the ended ones",
  request: { params: ladderParams },
  responses: {
    200: json(z.object({ current: z.object({ number: z.number().int(), startedAt: z.string() }), ended: z.array(SeasonSchema) }), "Seasons"),
    ...pick(400, 404, 429),
  },
});

const startNextSeason = createRoute({
  method: "post",
  path: "/guilds/{guildId}/ladders/{slug}/seasons",
  summary: "End the current season (archive its standings) and start the next (admin)",
  middleware: [requireScope("admin"), idempotent],
  security: bearer,
  request: { params: ladderParams, headers: idempotencyHeader, ...body(z.strictObject({ endSeason: z.number().int().min(1).max(100_000).optional() })) },
  responses: {
    200: json(z.object({ ended: SeasonSchema, alreadyStarted: z.boolean() }), "That season had already ended"),
    201: json(z.object({ ended: SeasonSchema, alreadyStarted: z.boolean() }), "The season ended"),
    ...pick(400, 401, 403, 404, 409, 413, 422),
  },
});

const seasonStandings = createRoute({
  method: "get",
  path: "/guilds/{guildId}/ladders/{slug}/seasons/{number}/standings",
  summary: "An ended season's archived final standings",
  request: { params: ladderParams.extend({ number: z.coerce.number().int().min(1).max(100_000) }), query: pageQuery },
  responses: { 200: json(pageOf(SeasonStandingSchema).extend({ season: SeasonSchema }), "Final standings"), ...pick(400, 404, 429) },
});

export const guildRoutes = createRouter()
  .openapi(getGuild, async (c) => {
    const { guildId } = c.req.valid("param");
    const guild = await c.var.repo().guilds.get(guildId);
    if (!guild) throw new NotFoundError("guild", guildId);
    return c.json(publicGuild(guild), 200);
  })
  .openapi(putGuild, async (c) => {
    const { guildId } = c.req.valid("param");
    const input = c.req.valid("json");
    const guild = await c.var.repo().guilds.upsert({ id: guildId, ...input }, c.var.actor);
    return c.json({ ...publicGuild(guild), settings: guildSettingsSchema.catch({}).parse(guild.settings) }, 200);
  })
  .openapi(listLadders, async (c) => {
    const { guildId } = c.req.valid("param");
    return c.json({ items: (await c.var.repo().ladders.list(guildId)).map(publicLadder) }, 200);
  })
  .openapi(createLadder, async (c) => {
    const { guildId } = c.req.valid("param");
    const input = c.req.valid("json");
    const ladder = await c.var
      .repo()
      .ladders.create(guildId, { slug: input.slug, name: input.name, settings: { ...defaultLadderSettings(), ...input.settings } }, c.var.actor);
    return c.json(publicLadder(ladder), 201);
  })
  .openapi(getLadder, async (c) => {
    const { guildId, slug } = c.req.valid("param");
    return c.json(publicLadder(await c.var.repo().ladders.resolve(guildId, slug)), 200);
  })
  .openapi(patchLadder, async (c) => {
    const { guildId, slug } = c.req.valid("param");
    const repo = c.var.repo();
    return c.json(publicLadder(await repo.ladders.update(await repo.ladders.resolve(guildId, slug), c.req.valid("json"), c.var.actor)), 200);
  })
  .openapi(listSeasons, async (c) => {
    const { guildId, slug } = c.req.valid("param");
    const { ladder, ended } = await c.var.repo().seasons.listFor(guildId, slug);
    return c.json({ current: { number: ladder.season, startedAt: ladder.seasonStartedAt.toISOString() }, ended: ended.map(publicSeason) }, 200);
  })
  .openapi(startNextSeason, async (c) => {
    const { guildId, slug } = c.req.valid("param");
    const { endSeason } = c.req.valid("json");
    const started = await startSeason(c.var.repo(), { guildId, ladder: slug, endSeason }, c.var.actor, API_RETRY);
    const out = { ended: publicSeason(started.ended), alreadyStarted: started.alreadyStarted };
    return started.alreadyStarted ? c.json(out, 200) : c.json(out, 201);
  })
  .openapi(seasonStandings, async (c) => {
    const { guildId, slug, number } = c.req.valid("param");
    const page = await c.var.repo().seasons.standings({ guildId, slug }, number, c.req.valid("query"));
    return c.json({ season: publicSeason(page.season), items: page.items.map(publicSeasonStanding), nextCursor: page.nextCursor }, 200);
  });
