/**
 * Playing a tournament (issue #10): entrants (register, late entry, drop, check in) and results
 * (report, correct) need a write key; pairings, bracket and standings are public reads, cached at
 * the edge like the leaderboard (see src/http/public.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Repository } from "../../db/repository";
import { NotFoundError } from "../../errors";
import { requireScope } from "../../http/auth";
import { idempotent } from "../../http/idempotency";
import { bearer, body, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { isUuid } from "../../ids";
import {
  BracketMatchSchema,
  EntrantSchema,
  PairingSchema,
  publicBracketMatch,
  publicEntrant,
  publicPairing,
  publicRound,
  publicStanding,
  RoundSchema,
  TournamentStandingSchema,
} from "../../http/tournament-shapes";
import * as tournaments from "../../services/tournaments";
import {
  entrantBody,
  entrantParams,
  pairingParams,
  pairingsQuery,
  resultBody,
  standingsQuery,
  tournamentParams,
  tournamentWriteErrors,
} from "./tournament-schemas";

const write = { middleware: [requireScope("write"), idempotent], security: bearer };
const readErrors = pick(400, 404, 429);

const register = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/entrants",
  summary: "Register an entrant (write): while registration or check-in is open, or as a late entry while running",
  ...write,
  request: { params: tournamentParams, headers: idempotencyHeader, ...body(entrantBody) },
  responses: { 201: json(EntrantSchema, "The entrant"), ...tournamentWriteErrors("REGISTRATION_CLOSED", "LATE_ENTRY_CLOSED", "ROSTER_TAKEN") },
});

const drop = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/entrants/{player}",
  summary: "Drop an entrant (write): no further pairings; played games keep counting",
  ...write,
  request: { params: entrantParams, headers: idempotencyHeader },
  responses: { 200: json(EntrantSchema, "The dropped entrant"), ...tournamentWriteErrors("REGISTRATION_STATUS") },
});

const checkIn = createRoute({
  method: "post",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/entrants/{player}/check-in",
  summary: "Check an entrant in (write); twice is a no-op",
  ...write,
  request: { params: entrantParams, headers: idempotencyHeader },
  responses: { 200: json(EntrantSchema, "The checked-in entrant"), ...tournamentWriteErrors("REGISTRATION_STATUS") },
});

const resultRoute = (method: "post" | "put", summary: string, ...reasons: string[]) =>
  createRoute({
    method,
    path: "/guilds/{guildId}/tournaments/{tournamentId}/pairings/{pairingId}/result",
    summary,
    ...write,
    request: { params: pairingParams, headers: idempotencyHeader, ...body(resultBody) },
    responses: { 200: json(PairingSchema, "The pairing with its result"), ...tournamentWriteErrors("TOURNAMENT_STATUS", ...reasons) },
  });
const report = resultRoute("post", "Report a result (write): the same result again is a no-op, a different one a 409 (use PUT)", "RESULT_EXISTS");
const correct = resultRoute(
  "put",
  "Correct a result (write); 409 once a later game depends on the winner",
  "NOT_REPORTED",
  "NOT_PLAYED",
  "DEPENDENT_PAIRED",
  "LATER_STAGE",
);

const pairings = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/pairings",
  summary: "Rounds with their pairings and results, in play order",
  request: { params: tournamentParams, query: pairingsQuery },
  responses: { 200: json(z.object({ tournamentId: z.string(), rounds: z.array(RoundSchema) }), "The rounds"), ...readErrors },
});

const BracketStageSchema = z.object({
  number: z.number().int(),
  kind: z.enum(["single_elimination", "double_elimination"]),
  bracket: z.array(BracketMatchSchema),
});
const bracket = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/bracket",
  summary: "The elimination stages' brackets (Swiss and round robin stages have none: an empty list)",
  request: { params: tournamentParams },
  responses: { 200: json(z.object({ tournamentId: z.string(), stages: z.array(BracketStageSchema) }), "The brackets"), ...readErrors },
});

const standings = createRoute({
  method: "get",
  path: "/guilds/{guildId}/tournaments/{tournamentId}/standings",
  summary: "A stage's standings with points and tiebreaks (elimination: by placement); default: the last stage's",
  request: { params: tournamentParams, query: standingsQuery },
  responses: {
    200: json(
      z.object({
        tournamentId: z.string(),
        stage: z.number().int().nullable().openapi({ description: "The stage ranked; null before the start" }),
        standings: z.array(TournamentStandingSchema),
      }),
      "The standings",
    ),
    ...readErrors,
  },
});

/**
 * Players named by Discord id become our ids (one round trip for all of them); our ids pass as
 * they are (the service refuses ids of another guild with a 404).
 */
async function playerIds(repo: Repository, guildId: string, refs: string[]): Promise<string[]> {
  if (refs.every(isUuid)) return refs;
  const { players } = await repo.players.ratingsFor(
    guildId,
    refs.filter((r) => !isUuid(r)),
  );
  return refs.map((ref) => {
    if (isUuid(ref)) return ref;
    const found = players.find((p) => p.discordUserId === ref);
    if (!found) throw new NotFoundError("player", ref);
    return found.id;
  });
}

/** The entrant a view shows for a player (captain or roster member). */
function entrantOf(view: tournaments.TournamentView, playerId: string): tournaments.EntrantView {
  const entrant = view.entrants.find((e) => e.playerId === playerId) ?? view.entrants.find((e) => e.roster.some((m) => m.playerId === playerId));
  if (!entrant) throw new NotFoundError("entrant", playerId);
  return entrant;
}

export const tournamentPlayRoutes = createRouter()
  .openapi(register, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const { player, teamName, roster } = c.req.valid("json");
    const repo = c.var.repo();
    const [captain = player, ...members] = await playerIds(repo, guildId, [player, ...(roster ?? [])]);
    const input = { playerId: captain, teamName, roster: roster ? members : undefined };
    const view = await tournaments.registerEntrant(repo, guildId, tournamentId, input, c.var.actor);
    return c.json(publicEntrant(entrantOf(view, captain)), 201);
  })
  .openapi(drop, async (c) => {
    const { guildId, tournamentId, player } = c.req.valid("param");
    const repo = c.var.repo();
    const [playerId = player] = await playerIds(repo, guildId, [player]);
    const view = await tournaments.dropEntrant(repo, guildId, tournamentId, playerId, c.var.actor);
    return c.json(publicEntrant(entrantOf(view, playerId)), 200);
  })
  .openapi(checkIn, async (c) => {
    const { guildId, tournamentId, player } = c.req.valid("param");
    const repo = c.var.repo();
    const [playerId = player] = await playerIds(repo, guildId, [player]);
    const view = await tournaments.checkInEntrant(repo, guildId, tournamentId, playerId, c.var.actor);
    return c.json(publicEntrant(entrantOf(view, playerId)), 200);
  })
  .openapi(report, async (c) => {
    const { guildId, tournamentId, pairingId } = c.req.valid("param");
    const { result } = c.req.valid("json");
    const pairing = await tournaments.reportResult(c.var.repo(), guildId, tournamentId, pairingId, result, c.var.actor, { now: c.var.now });
    return c.json(publicPairing(pairing), 200);
  })
  .openapi(correct, async (c) => {
    const { guildId, tournamentId, pairingId } = c.req.valid("param");
    const { result } = c.req.valid("json");
    const pairing = await tournaments.correctResult(c.var.repo(), guildId, tournamentId, pairingId, result, c.var.actor, { now: c.var.now });
    return c.json(publicPairing(pairing), 200);
  })
  .openapi(pairings, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const { round, stage } = c.req.valid("query");
    const view = await tournaments.tournamentView(c.var.repo(), guildId, tournamentId);
    const rounds = view.rounds.filter((r) => (round === undefined || r.number === round) && (stage === undefined || r.stage === stage));
    return c.json({ tournamentId: view.tournament.id, rounds: rounds.map(publicRound) }, 200);
  })
  .openapi(bracket, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const view = await tournaments.tournamentView(c.var.repo(), guildId, tournamentId);
    const stages = view.stages.flatMap((s) =>
      (s.kind === "single_elimination" || s.kind === "double_elimination") && s.bracket
        ? [{ number: s.number, kind: s.kind, bracket: s.bracket.map(publicBracketMatch) }]
        : [],
    );
    return c.json({ tournamentId: view.tournament.id, stages }, 200);
  })
  .openapi(standings, async (c) => {
    const { guildId, tournamentId } = c.req.valid("param");
    const { stage: number } = c.req.valid("query");
    const view = await tournaments.tournamentView(c.var.repo(), guildId, tournamentId);
    const stage = number === undefined ? view.stages.at(-1) : view.stages.find((s) => s.number === number);
    if (number !== undefined && !stage) throw new NotFoundError("stage", String(number));
    return c.json({ tournamentId: view.tournament.id, stage: stage?.number ?? null, standings: (stage?.standings ?? []).map(publicStanding) }, 200);
  });
