/** Enumerations shared by both dialect schemas (and their CHECK constraints) and by the contract. */
import { sql } from "drizzle-orm";
export const MATCH_STATUSES = ["pending", "completed", "cancelled", "voided"] as const;
export const MATCH_RESULT_TYPES = ["win", "draw", "placement"] as const;
export const PLAYER_RESULTS = ["win", "loss", "draw"] as const;
export const RESET_MODES = ["full", "soft"] as const;
export const CORRECTION_KINDS = ["correct", "void"] as const;
export const HEALTH_STATUSES = ["healthy", "degraded", "down"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** `col in ('a', 'b')`: the enum rule in the database too, so a bad write fails on both dialects. */
export const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
