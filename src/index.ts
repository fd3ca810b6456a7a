/** Worker entry: HTTP (public API, admin API, health) and the cron health check. */
import { createApp } from "./app";
import { connect } from "./db/connect";
import { createRepository } from "./db/repository";
import { type Bindings, parseConfig } from "./env";
import { expireLobbies } from "./jobs/expire-lobbies";
import { runScheduledHealthCheck } from "./jobs/health-check";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    const config = parseConfig(env);
    const database = connect(config.database);
    try {
      const result = await runScheduledHealthCheck(database, createRepository(database), () => new Date());
      console.log(
        `health check: ${result.ok ? "ok" : "FAILED"} backend=${result.backend} latency=${result.latencyMs}ms recorded=${result.recorded}${result.error ? ` error=${result.error}` : ""}`,
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
