import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { winProbabilities } from "../domain/team-rating";
import type { Match } from "../db/repository";
import { AppError, NotFoundError } from "../errors";
import { requireAdmin } from "../http/auth";
import { guildParams, ladderQuery, ladderSlug, outcomeBody, pageQuery, uuid } from "../http/schemas";
import { jsonBody, pathParams, queryParams } from "../http/validate";
import { correctMatch } from "../services/corrections";
import { applyMatchResult } from "../services/results";
import { API_RETRY } from "../services/retry";

const matchParams = guildParams.extend({ matchId: uuid });
const idempotencyKey = z.string().trim().min(8).max(200).optional();

const newMatch = z
  .object({
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

export const matchRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const query = queryParams(
      c,
      pageQuery.extend(ladderQuery.shape).extend({ playerId: uuid.optional(), status: z.enum(["pending", "completed", "cancelled", "voided"]).optional() }),
    );
    const ladderId = query.ladder ? (await c.var.repo().ladders.resolve(guildId, query.ladder)).id : undefined;
    return c.json(await c.var.repo().matches.list(guildId, { ...query, ladderId }));
  })
  .post("/", requireAdmin, async (c) => {
    const { guildId } = pathParams(c, guildParams);
    const key = idempotencyKey.safeParse(c.req.header("idempotency-key"));
    if (!key.success) throw new AppError("VALIDATION_FAILED", "Idempotency-Key must be 8 to 200 characters", { field: "Idempotency-Key" });
    const body = await jsonBody(c, newMatch);
    const match = await c.var
      .repo()
      .matches.create({ guildId, ladder: body.ladder, teams: body.teams, weights: body.weights, idempotencyKey: key.data }, "admin");
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
    const outcome = await jsonBody(c, outcomeBody);
    const applied = await applyMatchResult(c.var.repo(), { guildId, matchId, outcome }, "admin", { now: c.var.now, ...API_RETRY });
    return c.json(applied, applied.alreadyApplied ? 200 : 201);
  })
  /** Correct a completed result: every later result of the season is replayed. Same outcome: a no-op (`changed: false`). */
  .put("/:matchId/result", requireAdmin, async (c) => {
    const { guildId, matchId } = pathParams(c, matchParams);
    const outcome = await jsonBody(c, outcomeBody);
    return c.json(await correctMatch(c.var.repo(), { guildId, matchId, kind: "correct", outcome }, "admin", { now: c.var.now, ...API_RETRY }));
  })
  /** Void a completed result (status `voided`) and replay every later result as if it was never played. */
  .delete("/:matchId/result", requireAdmin, async (c) => {
    const { guildId, matchId } = pathParams(c, matchParams);
    return c.json(await correctMatch(c.var.repo(), { guildId, matchId, kind: "void" }, "admin", { now: c.var.now, ...API_RETRY }));
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
