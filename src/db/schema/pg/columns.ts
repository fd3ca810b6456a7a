/** Column helpers shared by every table of this dialect. */
import { text, timestamp } from "drizzle-orm/pg-core";

export const ms = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

/** Who and when, on every table (seed 003/004 audit fields). */
export const audit = {
  createdAt: ms("created_at").notNull().defaultNow(),
  updatedAt: ms("updated_at").notNull().defaultNow(),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
};
