/** Column helpers shared by every table of this dialect. */
import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

export const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
export const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

/** Who and when, on every table (seed 003/004 audit fields). */
export const audit = {
  createdAt: ms("created_at").notNull().default(nowMs),
  updatedAt: ms("updated_at").notNull().default(nowMs),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
};
