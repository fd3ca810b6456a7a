/** Balanced teams for a list of players, from their ratings in a ladder. Public and read-only. */
import { createRoute, z } from "@hono/zod-openapi";
import { balanceTeams } from "../../domain/balance";
import { toGlickoConfig } from "../../domain/ladder-settings";
import { AppError, NotFoundError } from "../../errors";
import { body, createRouter, json, pick } from "../../http/openapi";
import { guildParams, ladderSlug, playerRef } from "../../http/schemas";

const request = z
  .strictObject({
    ladder: ladderSlug.optional(),
    players: z.array(playerRef).min(2).max(100),
    teamCount: z.number().int().min(2).max(16).optional(),
    teamSizes: z.array(z.number().int().min(1).max(100)).min(2).max(16).optional(),
    parties: z.array(z.array(playerRef).min(2).max(50)).max(50).optional(),
    apart: z
      .array(z.tuple([playerRef, playerRef]))
      .max(200)
      .optional(),
    locks: z.record(playerRef, z.number().int().min(0).max(15)).optional(),
    alternatives: z.number().int().min(0).max(10).optional(),
  })
  .openapi("BalanceRequest");

const Member = z.object({ playerId: z.string(), discordUserId: z.string(), displayName: z.string(), rating: z.number(), deviation: z.number() });
const Split = z.object({ teams: z.array(z.array(Member)), sums: z.array(z.number()), gap: z.number(), winProbabilities: z.array(z.number()) });

const balance = createRoute({
  method: "post",
  path: "/guilds/{guildId}/balance",
  summary: "Split players into balanced teams (parties, apart pairs, locks); writes nothing",
  request: { params: guildParams, ...body(request) },
  responses: {
    200: json(
      z.object({ ladder: z.string(), best: Split, alternatives: z.array(Split), exact: z.boolean() }).openapi("BalanceResult"),
      "The best split and runners-up",
    ),
    ...pick(400, 404, 413, 429),
  },
});

export const balanceRoutes = createRouter().openapi(balance, async (c) => {
  const { guildId } = c.req.valid("param");
  const input = c.req.valid("json");
  const refs = [...new Set([...input.players, ...(input.parties ?? []).flat(), ...(input.apart ?? []).flat(), ...Object.keys(input.locks ?? {})])];
  const { ladder, players } = await c.var.repo().players.ratingsFor(guildId, refs, input.ladder);
  const idOf = new Map<string, string>();
  for (const p of players) {
    idOf.set(p.id, p.id);
    idOf.set(p.discordUserId, p.id);
  }
  const missing = refs.find((r) => !idOf.has(r));
  if (missing) throw new NotFoundError("player", missing);
  const id = (ref: string) => idOf.get(ref) ?? ref;
  const lobby = input.players.map(id);
  if (new Set(lobby).size !== lobby.length) throw new AppError("VALIDATION_FAILED", "a player may appear only once", { field: "players" });
  const byId = new Map(players.map((p) => [p.id, p]));
  const result = balanceTeams(
    {
      players: lobby.map((pid) => ({ id: pid, rating: byId.get(pid)?.rating ?? 0, deviation: byId.get(pid)?.deviation })),
      teamCount: input.teamCount ?? (input.teamSizes ? input.teamSizes.length : undefined),
      teamSizes: input.teamSizes,
      parties: input.parties?.map((party) => party.map(id)),
      apart: input.apart?.map(([a, b]) => [id(a), id(b)] as [string, string]),
      locks: input.locks ? Object.fromEntries(Object.entries(input.locks).map(([ref, team]) => [id(ref), team])) : undefined,
      alternatives: input.alternatives,
    },
    { config: toGlickoConfig(ladder.settings) },
  );
  const member = (pid: string) => {
    const p = byId.get(pid);
    if (!p) throw new Error("balanced player vanished");
    return { playerId: p.id, discordUserId: p.discordUserId, displayName: p.displayName, rating: p.rating, deviation: p.deviation };
  };
  const split = (s: (typeof result)["best"]) => ({
    teams: s.teams.map((team) => team.map(member)),
    sums: s.sums,
    gap: s.gap,
    winProbabilities: s.winProbabilities,
  });
  return c.json({ ladder: ladder.slug, best: split(result.best), alternatives: result.alternatives.map(split), exact: result.exact }, 200);
});
