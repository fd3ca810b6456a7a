/** Request shapes shared by several routes, each with its OpenAPI description. */
import { z } from "@hono/zod-openapi";
import { normalizeUuid, UUID_PATTERN } from "../ids";

const MAX_U64 = 18_446_744_073_709_551_615n;

/** Discord ids are 64-bit snowflakes: kept as decimal strings end to end, and must fit in 64 bits. */
export const snowflake = z
  .string()
  .regex(/^\d{15,20}$/, "must be a Discord snowflake (decimal digits)")
  .refine((s) => /^\d{1,20}$/.test(s) && BigInt(s) <= MAX_U64, { message: "must fit in 64 bits (at most 18446744073709551615)" })
  .openapi({ example: "1000000000000000001", description: "Discord snowflake as a decimal string" });

export const uuid = z.string().regex(UUID_PATTERN, "must be a UUID").transform(normalizeUuid).openapi({ format: "uuid" });

/** A player named by our id or by their Discord id (bots and websites know the latter). */
export const playerRef = z.union([uuid, snowflake]).openapi({ description: "The player's id (UUID) or Discord user id", example: "1000000000000000002" });

export const guildParams = z.object({ guildId: snowflake.openapi({ param: { name: "guildId", in: "path" } }) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ type: "integer" }),
  cursor: z.string().max(512).optional().openapi({ description: "nextCursor of the previous page" }),
});

/** A ladder's slug: lower-case letters, digits and dashes, as in a URL. */
export const ladderSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be 1-32 lower-case letters, digits or dashes");

/** `?ladder=` on any guild route: the guild's default ladder when absent. */
export const ladderQuery = z.object({ ladder: ladderSlug.optional().openapi({ description: "Ladder slug; the guild's default ladder when absent" }) });

export const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/**
 * A result: placements per team, or the winning team / "draw". Exactly one of the two forms: a body
 * that mixes them (`{"winner": 0, "ranks": [1, 0]}`) contradicts itself and is refused.
 */
export const outcomeBody = z.union([
  z.strictObject({ ranks: z.array(z.number().int().min(0).max(15)).min(2).max(16) }),
  z.strictObject({ winner: z.union([z.number().int().min(0).max(15), z.literal("draw")]) }),
]);
