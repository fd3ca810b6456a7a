/**
 * The public API: every resource router under /v1, the OpenAPI document at /openapi.json and the
 * docs page at /docs. `ApiType` is what `hono/client` reads to give a fully typed client.
 */
import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../errors";
import { createRouter } from "../../http/openapi";
import { invalidateOnWrite, publicCache, rateLimit } from "../../http/public";
import { apiKeyRoutes } from "./api-keys";
import { balanceRoutes } from "./balance";
import { guildRoutes } from "./guilds";
import { importRoutes } from "./import";
import { leaderboardRoutes } from "./leaderboard";
import { matchRoutes } from "./matches";
import { playerRoutes } from "./players";
import { tournamentPlayRoutes } from "./tournament-play";
import { tournamentSetupRoutes } from "./tournament-setup";
import { tournamentRoutes } from "./tournaments";

export const MAX_BODY_BYTES = 64 * 1024;
/** Bulk import carries up to 5,000 rows. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", `Request body is larger than ${maxSize} bytes`);
    },
  });

const v1 = createRouter()
  .route("/", guildRoutes)
  .route("/", importRoutes)
  .route("/", playerRoutes)
  .route("/", matchRoutes)
  .route("/", leaderboardRoutes)
  .route("/", balanceRoutes)
  .route("/", apiKeyRoutes)
  .route("/", tournamentSetupRoutes)
  .route("/", tournamentRoutes)
  .route("/", tournamentPlayRoutes);

export function createApi() {
  const api = createRouter();
  api.use("/v1/*", async (c, next) => {
    // Reads and the (read-only) balancer are public: rate limited per IP. Writes carry a key.
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.path.endsWith("/balance")) return rateLimit(c, next);
    return next();
  });
  api.use("/v1/*", publicCache);
  api.use("/v1/*", invalidateOnWrite);
  api.use("/v1/guilds/:guildId/players/import", limit(MAX_IMPORT_BYTES));
  api.use("/v1/*", async (c, next) => (c.req.path.endsWith("/players/import") ? next() : limit(MAX_BODY_BYTES)(c, next)));
  const routes = api.route("/v1", v1);
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "A guild API key or ADMIN_TOKEN" });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "teamrank API", version: "1.0.0", description: "Team balance and Glicko-2 ratings for Discord communities" },
  });
  api.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "teamrank API" }));
  return routes;
}

export type ApiType = ReturnType<typeof createApi>;
