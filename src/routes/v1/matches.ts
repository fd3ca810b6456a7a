/** Matches: public reads; creation, results, corrections and cancellation need a write key. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Match } from "../../db/repository";
import { winProbabilities } from "../../domain/team-rating";
import { NotFoundError } from "../../errors";
import { requireScope } from "../../http/auth";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams, ladderSlug, outcomeBody, pageQuery, playerRef, uuid } from "../../http/schemas";
import { MatchSchema, MatchSummarySchema, pageOf, publicMatch, publicMatchSummary } from "../../http/shapes";
import { correctMatch } from "../../services/corrections";
import { applyMatchResult } from "../../services/results";
import { API_RETRY } from "../../services/retry";

const matchParams = guildParams.extend({ matchId: uuid });

const newMatch = z
  .strictObject({
    /** The ladder's slug; the guild's default ladder when absent. */
    ladder: ladderSlug.optional(),
    teams: z.array(z.array(uuid).min(1).max(50)).min(2).max(16),
    weights: z.record(uuid, z.number().gt(0).lte(1)).optional(),
  })
  .refine((m) => new Set(m.teams.flat()).size === m.teams.flat().length, { message: "a player may appear only once", path: ["teams"] })
  .refine((m) => Object.keys(m.weights ?? {}).every((id) => m.teams.flat().includes(id)), {
    message: "weights may only name players of this match",
    path: ["weights"],
  });

const Change = z.object({
  playerId: z.string(),
  team: z.number().int(),
  ratingBefore: z.number(),
  ratingAfter: z.number(),
  deviationBefore: z.number(),
  deviationAfter: z.number(),
  result: z.enum(["win", "loss", "draw"]),
});
const Applied = z.object({ matchId: z.string(), alreadyApplied: z.boolean(), changes: z.array(Change) }).openapi("AppliedResult");
const Corrected = z
  .object({ matchId: z.string(), kind: z.enum(["correct", "void"]), changed: z.boolean(), replayedMatches: z.number().int() })
  .openapi("Correction");
const write = { middleware: [requireScope("write"), idempotent], security: bearer };

const listMatches = createRoute({
  method: "get",
  path: "/guilds/{guildId}/matches",
  summary: "Matches, newest first",
  request: {
    params: guildParams,
    query: pageQuery.extend({
      ladder: ladderSlug.optional(),
      player: playerRef.optional(),
      status: z.enum(["pending", "completed", "cancelled", "voided"]).optional(),
    }),
  },
  responses: { 200: json(pageOf(MatchSummarySchema), "A page of matches"), ...pick(400, 404, 429) },
});

const createMatch = createRoute({
  method: "post",
  path: "/guilds/{guildId}/matches",
  summary: "Create a match (write)",
  ...write,
  request: { params: guildParams, headers: idempotencyHeader, ...body(newMatch) },
  responses: { 201: json(MatchSchema.extend({ winProbabilities: z.array(z.number()) }), "The new match"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const getMatch = createRoute({
  method: "get",
  path: "/guilds/{guildId}/matches/{matchId}",
  summary: "A match with its roster",
  request: { params: matchParams },
  responses: { 200: json(MatchSchema, "The match"), ...pick(400, 404, 429) },
});

const report = createRoute({
  method: "post",
  path: "/guilds/{guildId}/matches/{matchId}/result",
  summary: "Apply a result (write); the same result again is a no-op",
  ...write,
  request: { params: matchParams, headers: idempotencyHeader, ...body(outcomeBody) },
  responses: { 200: json(Applied, "Already applied"), 201: json(Applied, "Applied"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const correct = createRoute({
  method: "put",
  path: "/guilds/{guildId}/matches/{matchId}/result",
  summary: "Correct a completed result; later results are replayed (write)",
  ...write,
  request: { params: matchParams, headers: idempotencyHeader, ...body(outcomeBody) },
  responses: { 200: json(Corrected, "Corrected"), ...pick(400, 401, 403, 404, 409, 413, 422) },
});

const voidResult = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/matches/{matchId}/result",
  summary: "Void a completed result; later results are replayed (write)",
  ...write,
  request: { params: matchParams, headers: idempotencyHeader },
  responses: { 200: json(Corrected, "Voided"), ...pick(400, 401, 403, 404, 409, 422) },
});

const cancel = createRoute({
  method: "post",
  path: "/guilds/{guildId}/matches/{matchId}/cancel",
  summary: "Cancel a pending match (write)",
  ...write,
  request: { params: matchParams, headers: idempotencyHeader },
  responses: { 200: json(MatchSummarySchema, "Cancelled"), ...pick(400, 401, 403, 404, 409, 422) },
});

/** Each team's chance to win (or place first), from the players' current ratings. */
function predict(match: Match): number[] {
  const teams = Array.from({ length: match.teamCount }, (_, team) => match.players.filter((p) => p.team === team).map((p) => p.current));
  return winProbabilities(teams);
}

export const matchRoutes = createRouter()
  .openapi(listMatches, async (c) => {
    const { guildId } = c.req.valid("param");
    const page = await c.var.repo().matches.list(guildId, c.req.valid("query"));
    return c.json({ items: page.items.map(publicMatchSummary), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createMatch, async (c) => {
    const { guildId } = c.req.valid("param");
    const input = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const match = await c.var.repo().matches.create({ guildId, ...input, idempotencyKey: key }, c.var.actor);
    return c.json({ ...publicMatch(match), winProbabilities: predict(match) }, 201);
  })
  .openapi(getMatch, async (c) => {
    const { guildId, matchId } = c.req.valid("param");
    const match = await c.var.repo().matches.get(guildId, matchId);
    if (!match) throw new NotFoundError("match", matchId);
    return c.json(publicMatch(match), 200);
  })
  .openapi(report, async (c) => {
    const { guildId, matchId } = c.req.valid("param");
    const outcome = c.req.valid("json");
    const applied = await applyMatchResult(c.var.repo(), { guildId, matchId, outcome }, c.var.actor, { now: c.var.now, ...API_RETRY });
    return applied.alreadyApplied ? c.json(applied, 200) : c.json(applied, 201);
  })
  .openapi(correct, async (c) => {
    const { guildId, matchId } = c.req.valid("param");
    const outcome = c.req.valid("json");
    return c.json(await correctMatch(c.var.repo(), { guildId, matchId, kind: "correct", outcome }, c.var.actor, { now: c.var.now, ...API_RETRY }), 200);
  })
  .openapi(voidResult, async (c) => {
    const { guildId, matchId } = c.req.valid("param");
    return c.json(await correctMatch(c.var.repo(), { guildId, matchId, kind: "void" }, c.var.actor, { now: c.var.now, ...API_RETRY }), 200);
  })
  .openapi(cancel, async (c) => {
    const { guildId, matchId } = c.req.valid("param");
    return c.json(publicMatchSummary(await c.var.repo().matches.cancel(guildId, matchId, c.var.actor)), 200);
  });
