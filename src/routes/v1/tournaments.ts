/**
 * Tournaments (issue #10): create a draft, list and read (public), and the organiser's lifecycle
 * steps (write key): open registration, open check-in, start, pair the next round, finish.
 * Every step is guarded in SQL by the service; a step repeated after it took effect returns the
 * current state instead of a 409, so a double click or a client retry is harmless.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Repository, TournamentStep } from "../../db/repository";
import { requireScope } from "../../http/auth";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams } from "../../http/schemas";
import { pageOf } from "../../http/shapes";
import { publicRound, publicTournament, publicView, RoundSchema, TournamentSchema, TournamentViewSchema } from "../../http/tournament-shapes";
import * as tournaments from "../../services/tournaments";
import { roundBody, startBody, tournamentBody, tournamentListQuery, tournamentParams, tournamentWriteErrors } from "./tournament-schemas";

const write = { middleware: [requireScope("write"), idempotent], security: bearer };

const createTournament = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournaments",
  summary: "Create a draft tournament (write)",
  ...write,
  request: { params: guildParams, headers: idempotencyHeader, ...body(tournamentBody) },
  responses: { 201: json(TournamentSchema, "The new draft"), ...pick(400, 401, 403, 404, 413, 422) },
});

const listTournaments = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournaments",
  summary: "The guild's tournaments, newest first",
  request: { params: guildParams, query: tournamentListQuery },
  responses: { 200: json(pageOf(TournamentSchema), "A page of tournaments"), ...pick(400, 404, 429) },
});

const getTournament = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournaments/{tournamentId}",
  summary: "The whole tournament: format, venue, entrants, stages, rounds with pairings, bracket and standings",
  request: { params: tournamentParams },
  responses: { 200: json(TournamentViewSchema, "The tournament"), ...pick(400, 404, 429) },
});

/** A lifecycle step without a body: the tournament as it is afterwards. */
const step = (path: string, summary: string, ...reasons: string[]) =>
  createRoute({
    method: "post",
    path: `/guilds/{guildId}/tournaments/{tournamentId}/${path}`,
    summary: `${summary} (write); 409 with details.reason when the tournament is in another status`,
    ...write,
    request: { params: tournamentParams, headers: idempotencyHeader },
    responses: { 200: json(TournamentViewSchema, "The tournament"), ...tournamentWriteErrors(...reasons) },
  });

const openRegistration = step("registration", "Open registration (draft → registration)", "TOURNAMENT_STATUS");
const openCheckIn = step("check-in", "Open check-in (registration → check_in); only checked-in entrants are then seeded", "TOURNAMENT_STATUS");
const finish = step("finish", "Finish (every round complete, nothing left to pair)", "TOURNAMENT_STATUS", "ROUNDS_REMAIN");

const start = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/start",
  summary: "Seed the field and pair round 1 (write)",
  ...write,
  request: { params: tournamentParams, headers: idempotencyHeader, body: { content: { "application/json": { schema: startBody } }, required: false } },
  responses: { 200: json(TournamentViewSchema, "The running tournament"), ...tournamentWriteErrors("TOURNAMENT_STATUS", "NOT_ENOUGH_ENTRANTS") },
});

const pairNext = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/rounds",
  summary: "Pair the next round once every result of the current one is in (write); send {stage, round} to make a repeat harmless",
  ...write,
  request: { params: tournamentParams, headers: idempotencyHeader, body: { content: { "application/json": { schema: roundBody } }, required: false } },
  responses: {
    200: json(RoundSchema, "The round (the existing one when `stage` and `round` name a round already paired)"),
    ...tournamentWriteErrors("TOURNAMENT_STATUS", "ROUND_INCOMPLETE", "NOTHING_TO_PAIR", "ROUND_MISMATCH"),
  },
});

/** A status step through the repository's guarded UPDATE (a repeat is harmless there), then the view. */
async function advance(repo: Repository, guildId: string, tournamentId: string, stepName: TournamentStep, actor: string) {
  await repo.tournaments.advance(guildId, tournamentId, stepName, actor);
  return tournaments.tournamentView(repo, guildId, tournamentId);
}

export const tournamentRoutes = createRouter()
  .openapi(createTournament, async (c) => {
    const { guildId } = c.req.valid("param");
    const { ladder: slug, ...input } = c.req.valid("json");
    const repo = c.var.repo();
    const ladder = await repo.ladders.resolve(guildId, slug);
    const created = await repo.tournaments.create(guildId, { ...input, ladderId: ladder.id }, c.var.actor);
    return c.json(publicTournament(created), 201);
  })
  .openapi(listTournaments, async (c) => {
    const { guildId } = c.req.valid("param");
    const page = await c.var.repo().tournamentCatalog.tournaments(guildId, c.req.valid("query"));
    return c.json({ items: page.items.map(publicTournament), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getTournament, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    return c.json(publicView(await tournaments.tournamentView(c.var.repo(), guildId, tournamentId)), 200);
  })
  .openapi(openRegistration, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    return c.json(publicView(await advance(c.var.repo(), guildId, tournamentId, "openRegistration", c.var.actor)), 200);
  })
  .openapi(openCheckIn, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    return c.json(publicView(await advance(c.var.repo(), guildId, tournamentId, "openCheckIn", c.var.actor)), 200);
  })
  .openapi(start, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const view = await tournaments.startTournament(c.var.repo(), guildId, tournamentId, c.req.valid("json"), c.var.actor, { now: c.var.now });
    return c.json(publicView(view), 200);
  })
  .openapi(pairNext, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const { stage, round } = c.req.valid("json");
    const paired = await tournaments.pairNextRound(c.var.repo(), guildId, tournamentId, c.var.actor, { now: c.var.now, stage, round });
    return c.json(publicRound(paired), 200);
  })
  .openapi(finish, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    return c.json(publicView(await tournaments.finishTournament(c.var.repo(), guildId, tournamentId, c.var.actor)), 200);
  });
