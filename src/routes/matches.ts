import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { winProbabilities } from "../domain/team-rating";
import type { Match } from "../db/repository";
import { AppError, NotFoundError } from "../errors";
import { requireAdmin } from "../http/auth";
import { guildParams, pageQuery, uuid } from "../http/schemas";
import { jsonBody, pathParams, queryParams } from "../http/validate";
import { applyMatchResult } from "../services/results";

const matchParams = guildParams.extend({ matchId: uuid });
const idempotencyKey = z.string().trim().min(8).max(200).optional();

const newMatch = z
  .object({
    teams: z.array(z.array(uuid).min(1).max(50)).min(2).max(16),
    weights: z.record(uuid, z.number().gt(0).lte(1)).optional(),
  })
  .refine((m) => new Set(m.teams.flat()).size === m.teams.flat().length, { message: "a player may appear only once", path: ["teams"] });

const result = z.union([
  z.object({ ranks: z.array(z.number().int().min(0)).min(2).max(16) }),
  z.object({ winner: z.union([z.number().int().min(0).max(15), z.literal("draw")]) }),
]);

export const matchRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const query = queryParams(c, pageQuery.extend({ playerId: uuid.optional(), status: z.enum(["pending", "completed", "cancelled"]).optional() }));
    return c.json(await c.var.repo().matches.list(guildId, query));
  })
  .post("/", requireAdmin, async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const key = idempotencyKey.safeParse(c.req.header("idempotency-key"));
    if (!key.success) throw new AppError("VALIDATION_FAILED", "Idempotency-Key must be 8 to 200 characters", { field: "Idempotency-Key" });
    const body = await jsonBody(c, newMatch);
    const match = await c.var.repo().matches.create({ guildId, teams: body.teams, weights: body.weights, idempotencyKey: key.data }, "admin");
    return c.json({ ...match, winProbabilities: predict(match) }, 201);
  })
  .get("/:matchId", async (c) => {
    const { guildId, matchId } = pathParams(c, matchParams);
    const match = await c.var.repo().matches.get(guildId, matchId);
    if (!match) throw new NotFoundError("match", matchId);
    return c.json(match);
  })
  .post("/:matchId/result", requireAdmin, async (c) => {
    const { guildId, matchId } = pathParams(c, matchParams);
    const outcome = await jsonBody(c, result);
    const applied = await applyMatchResult(c.var.repo(), { guildId, matchId, outcome }, "admin", { now: c.var.now });
    return c.json(applied, applied.alreadyApplied ? 200 : 201);
  })
  .post("/:matchId/cancel", requireAdmin, async (c) => {
    const { guildId, matchId } = pathParams(c, matchParams);
    return c.json(await c.var.repo().matches.cancel(guildId, matchId, "admin"));
  });

/** Each team's chance to win (or place first), from the players' current ratings. */
function predict(match: Match): number[] {
  const teams = Array.from({ length: match.teamCount }, (_, team) => match.players.filter((p) => p.team === team).map((p) => p.current));
  return winProbabilities(teams);
}
