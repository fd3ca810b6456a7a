/** Shapes shared by several routes. */
import { z } from "zod";
import { normalizeUuid, UUID_PATTERN } from "../ids";

/** Discord ids are 64-bit snowflakes: kept as decimal strings end to end. */
export const snowflake = z.string().regex(/^\d{15,20}$/, "must be a Discord snowflake (decimal digits)");
export const uuid = z.string().regex(UUID_PATTERN, "must be a UUID").transform(normalizeUuid);

export const guildParams = z.object({ guildId: snowflake });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});

/** A ladder's slug: lower-case letters, digits and dashes, as in a URL. */
export const ladderSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be 1-32 lower-case letters, digits or dashes");

/** `?ladder=` on any guild route: the guild's default ladder when absent. */
export const ladderQuery = z.object({ ladder: ladderSlug.optional() });

/**
 * A result: placements per team, or the winning team / "draw". Exactly one of the two forms: a body
 * that mixes them (`{"winner": 0, "ranks": [1, 0]}`) contradicts itself and is refused.
 */
export const outcomeBody = z.union([
  z.strictObject({ ranks: z.array(z.number().int().min(0).max(15)).min(2).max(16) }),
  z.strictObject({ winner: z.union([z.number().int().min(0).max(15), z.literal("draw")]) }),
]);
