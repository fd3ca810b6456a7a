/** Shapes shared by several routes. */
import { z } from "zod";
import { UUID_PATTERN } from "../ids";

/** Discord ids are 64-bit snowflakes: kept as decimal strings end to end. */
export const snowflake = z.string().regex(/^\d{15,20}$/, "must be a Discord snowflake (decimal digits)");
export const uuid = z.string().regex(UUID_PATTERN, "must be a UUID");

export const guildParams = z.object({ guildId: snowflake });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});
