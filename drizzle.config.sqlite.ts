import { defineConfig } from "drizzle-kit";

// SQLite / libSQL (Turso) migrations. Generate only; `npm run db:migrate` applies them.
export default defineConfig({
  dialect: "turso",
  schema: "./src/db/schema/sqlite/index.ts",
  out: "./drizzle/sqlite",
});
