/** Worker entry: HTTP (public API, admin API, health) and the cron health check. */
import { createApp } from "./app";
import { withBudget } from "./db/budget";
import { connect } from "./db/connect";
import { createRepository } from "./db/repository";
import { withRoundTripCounter } from "./db/round-trips";
import { type Bindings, parseConfig } from "./env";
import { expireLobbies } from "./jobs/expire-lobbies";
import { cacheMemoryStore } from "./jobs/alerts";
import { runScheduledHealthCheck } from "./jobs/health-check";
import { logLine } from "./log";

const app = createApp();

/** The cron is not answering Discord: it may wait longer for a slow database than a request may. */
const CRON_BUDGET_MS = 10_000;

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const started = Date.now();
    const config = parseConfig(env);
    const database = connect(config.database);
    try {
      await withRoundTripCounter(
        async (roundTrips) => {
          const report = await withBudget(CRON_BUDGET_MS, () =>
            runScheduledHealthCheck({
              database,
              repo: createRepository(database),
              now: controller.scheduledTime,
              memory: cacheMemoryStore(caches.default),
              webhookUrl: config.healthWebhookUrl,
            }),
          );
          logLine({ kind: "cron", cron: controller.cron, durationMs: Date.now() - started, roundTrips: roundTrips(), ...report });
        },
        config.logQueries ? (entry) => logLine({ kind: "query", ...entry }) : undefined,
      );
      // Discord lobbies and pending matches do not live forever (LOBBY_TTL_MINUTES, MATCH_TTL_MINUTES).
      const expired = await expireLobbies(createRepository(database), () => new Date()).catch((error: unknown) => {
        console.error("lobby expiry failed", error);
        return null;
      });
      if (expired && expired.lobbies > 0) console.log(`expired ${expired.lobbies} lobbies, cancelled ${expired.matches} matches`);
    } finally {
      ctx.waitUntil(database.close());
    }
  },
} satisfies ExportedHandler<Bindings>;
