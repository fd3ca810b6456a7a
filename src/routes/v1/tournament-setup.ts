/** What tournaments are built from: a guild's venues and formats (writes need a key, lists are public). */
import { createRoute } from "@hono/zod-openapi";
import { CHESS_POINTS } from "../../domain/tournament";
import { requireScope } from "../../http/auth";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams, pageQuery } from "../../http/schemas";
import { pageOf } from "../../http/shapes";
import { FormatSchema, publicFormat, publicVenue, VenueSchema } from "../../http/tournament-shapes";
import { formatBody, venueBody } from "./tournament-schemas";

const write = { middleware: [requireScope("write"), idempotent], security: bearer };

const createVenue = createRoute({
  method: "post",
  path: "/guilds/{guildId}/venues",
  summary: "Create a venue: where a tournament is played, with its tables (write)",
  ...write,
  request: { params: guildParams, headers: idempotencyHeader, ...body(venueBody) },
  responses: { 201: json(VenueSchema, "The new venue"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const listVenues = createRoute({
  method: "get",
  path: "/guilds/{guildId}/venues",
  summary: "The guild's venues, in creation order",
  request: { params: guildParams, query: pageQuery },
  responses: { 200: json(pageOf(VenueSchema), "A page of venues"), ...pick(400, 404, 429) },
});

const createFormat = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournament-formats",
  summary: "Create a tournament format: kind, rounds or best-of, points and tiebreaks (write)",
  ...write,
  request: { params: guildParams, headers: idempotencyHeader, ...body(formatBody) },
  responses: { 201: json(FormatSchema, "The new format"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const listFormats = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournament-formats",
  summary: "The guild's tournament formats, in creation order",
  request: { params: guildParams, query: pageQuery },
  responses: { 200: json(pageOf(FormatSchema), "A page of formats"), ...pick(400, 404, 429) },
});

export const tournamentSetupRoutes = createRouter()
  .openapi(createVenue, async (c) => {
    const { guildId } = c.req.valid("param");
    const venue = await c.var.repo().tournaments.createVenue(guildId, c.req.valid("json"), c.var.actor);
    return c.json(publicVenue(venue), 201);
  })
  .openapi(listVenues, async (c) => {
    const { guildId } = c.req.valid("param");
    const page = await c.var.repo().tournamentCatalog.venues(guildId, c.req.valid("query"));
    return c.json({ items: page.items.map(publicVenue), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createFormat, async (c) => {
    const { guildId } = c.req.valid("param");
    const { points, ...input } = c.req.valid("json");
    const format = await c.var.repo().tournaments.createFormat(guildId, { ...input, points: points ?? CHESS_POINTS }, c.var.actor);
    return c.json(publicFormat(format), 201);
  })
  .openapi(listFormats, async (c) => {
    const { guildId } = c.req.valid("param");
    const page = await c.var.repo().tournamentCatalog.formats(guildId, c.req.valid("query"));
    return c.json({ items: page.items.map(publicFormat), nextCursor: page.nextCursor }, 200);
  });
