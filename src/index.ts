/** Worker entry: HTTP (public API, admin API, health) and the cron health check. */
import { createApp } from "./app";
import { connect } from "./db/connect";
import { createRepository } from "./db/repository";
import { type Bindings, parseConfig } from "./env";
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
    } finally {
      ctx.waitUntil(database.close());
    }
  },
} satisfies ExportedHandler<Bindings>;
