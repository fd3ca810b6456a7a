/**
 * Request shapes of the tournament routes (issue #10): path params, bodies and queries, validated
 * before anything reaches the service so that bad input is a 400 with its fields on both dialects.
 */
import { z } from "@hono/zod-openapi";
import { errors, pick } from "../../http/openapi";
import { guildParams, ladderSlug, pageQuery, playerRef, uuid } from "../../http/schemas";
import { visibleText } from "../../http/text";
import { pairingResult, TiebreakSchema } from "../../http/tournament-shapes";

export const tournamentParams = guildParams.extend({ tournamentId: uuid.openapi({ param: { name: "tournamentId", in: "path" } }) });
export const entrantParams = tournamentParams.extend({
  player: playerRef.openapi({ param: { name: "player", in: "path" }, description: "The entrant's player id (UUID) or Discord user id" }),
});
export const pairingParams = tournamentParams.extend({ pairingId: uuid.openapi({ param: { name: "pairingId", in: "path" } }) });

const name = visibleText(1, 100);

export const venueBody = z.strictObject({
  name,
  stations: z.number().int().min(1).max(10_000).openapi({ description: "Tables, boards or servers, numbered 1..stations in pairings" }),
});

/** Points must be non-negative multiples of ½ (the Swiss pairing compares scores in half points). */
const points = z.number().min(0).max(1000).multipleOf(0.5);

export const formatBody = z.strictObject({
  name,
  kind: z.enum(["swiss", "round_robin", "single_elimination", "double_elimination"]),
  rounds: z.number().int().min(1).max(100).nullable().optional().openapi({ description: "Swiss rounds; absent: ⌈log2 n⌉" }),
  bestOf: z.number().int().min(1).max(99).optional(),
  points: z
    .strictObject({ win: points, draw: points, loss: points, bye: points })
    .optional()
    .openapi({ description: "Points per result; absent: chess points (1, ½, 0, bye 1)" }),
  tiebreaks: z
    .array(TiebreakSchema)
    .max(4)
    .refine((t) => new Set(t).size === t.length, { message: "a tiebreak may appear only once" })
    .optional()
    .openapi({ description: "Tiebreak order; absent: Buchholz, median Buchholz, Sonneborn–Berger, head-to-head" }),
});

/** An instant both dialects store (Postgres timestamptz and JS dates end at different years). */
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 9999, { message: "must be between the years 2000 and 9999" })
  .openapi({ type: "string", format: "date-time" });

export const tournamentBody = z.strictObject({
  name,
  ladder: ladderSlug.optional().openapi({ description: "The ladder's slug; the guild's default ladder when absent" }),
  formatId: uuid,
  venueId: uuid.optional(),
  rated: z.boolean().optional().openapi({ description: "Whether its games update the ladder's ratings (default true)" }),
  startsAt: instant.optional(),
  topCut: z.number().int().min(2).max(64).optional().openapi({ description: "A single-elimination playoff of the top N after a Swiss or round-robin stage" }),
  teamSize: z.number().int().min(2).max(16).optional().openapi({ description: "Team tournaments: players per roster (captain included); absent: individual" }),
});

export const tournamentListQuery = pageQuery.extend({
  status: z.enum(["draft", "registration", "check_in", "running", "finished"]).optional(),
});

export const entrantBody = z
  .strictObject({
    player: playerRef,
    teamName: visibleText(1, 64).optional().openapi({ description: "Team tournaments: the team's name" }),
    roster: z
      .array(playerRef)
      .min(1)
      .max(16)
      .optional()
      .openapi({ description: "Team tournaments: the members, teamSize in all with the captain (who may be listed or not; always first)" }),
  })
  .refine((e) => !e.roster || new Set(e.roster).size === e.roster.length, { message: "a player may appear only once", path: ["roster"] });

export const startBody = z
  .strictObject({
    seeding: z.enum(["rating", "registration", "manual"]).optional().openapi({ description: "Default: by ladder rating, best first" }),
    order: z.array(uuid).min(1).max(1024).optional().openapi({ description: "Manual seeding: every entrant's registrationId, top seed first" }),
  })
  .refine((s) => (s.seeding === "manual") === (s.order !== undefined), { message: "order is required with seeding manual, and only then", path: ["order"] })
  .refine((s) => !s.order || new Set(s.order).size === s.order.length, { message: "an entrant may appear only once", path: ["order"] });

export const roundBody = z
  .strictObject({
    stage: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .openapi({ description: "The stage of the round you expect to create (default: the current stage); a top-cut playoff is stage 2" }),
    round: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .openapi({
        description:
          "The round number (within the stage) you expect to create: a repeat then returns that round instead of pairing another. " +
          "A playoff restarts at round 1: send {stage: 2, round: 1} to pair it.",
      }),
  })
  .refine((b) => b.stage === undefined || b.round !== undefined, { message: "stage needs the round expected within it", path: ["round"] });

export const resultBody = z.strictObject({ result: pairingResult });

export const standingsQuery = z.object({
  stage: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .optional()
    .openapi({ type: "integer", description: "This stage's standings (e.g. 1: the Swiss table before a top cut); default: the last stage's" }),
});

export const pairingsQuery = z.object({
  round: z.coerce.number().int().min(1).max(1000).optional().openapi({ type: "integer", description: "Only this round (of every stage)" }),
  stage: z.coerce.number().int().min(1).max(10).optional().openapi({ type: "integer", description: "Only this stage" }),
});

/**
 * The error responses of a tournament write. A 409 carries the service's reason in
 * `error.details.reason`, so a bot or a page can say what to do next.
 */
export function tournamentWriteErrors(...reasons: string[]) {
  const conflict = { ...errors[409], description: `Conflicting state (CONFLICT, DUPLICATE); details.reason: ${reasons.join(", ")}` };
  return { ...pick(400, 401, 403, 404, 413, 422), 409: conflict };
}
