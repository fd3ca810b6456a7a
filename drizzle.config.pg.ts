import { defineConfig } from "drizzle-kit";

// Postgres (Neon) migrations. Generate only; `npm run db:migrate` applies them.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/pg/index.ts",
  out: "./drizzle/pg",
});
