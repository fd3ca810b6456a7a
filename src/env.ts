/**
 * Worker bindings and the validated configuration derived from them. Parsed once per request (the
 * Worker has no other place to keep it) and passed down; nothing deeper reads `env`.
 */
import { z } from "zod";
import { DEFAULT_BUDGET_MS } from "./db/budget";
import { AppError } from "./errors";

export interface Bindings {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** Neon only: "http" (default; one round trip per read or batch) or "ws" (Pool per request). */
  DATABASE_TRANSPORT?: string;
  /** Development only: "127.0.0.1:PORT" of the local Neon proxy (src/node/neon-proxy.ts). */
  NEON_LOCAL_PROXY?: string;
  /** Bearer token for the admin REST API (players, matches). */
  ADMIN_TOKEN?: string;
  /** Discord (read only by src/routes/interactions.ts, see src/discord/config.ts). */
  DISCORD_PUBLIC_KEY?: string;
  DISCORD_API_BASE_URL?: string;
  LOBBY_TTL_MINUTES?: string;
  MATCH_TTL_MINUTES?: string;
  /** Discord webhook the cron posts health changes to (optional). */
  HEALTH_WEBHOOK_URL?: string;
  /** Per-request time budget for database work, ms (default 2500: inside Discord's 3 s). */
  REQUEST_BUDGET_MS?: string;
  /** "1": log each query's SQL (never its parameters) and duration. */
  DB_LOG_QUERIES?: string;
  /** Per-IP limit on public routes (`[[ratelimits]]` in wrangler.toml); absent in Node tools. */
  PUBLIC_RATE_LIMIT?: RateLimit;
}

export interface DatabaseConfig {
  url: string;
  authToken?: string;
  transport: "http" | "ws";
  localNeonProxy?: string;
}

export interface AppConfig {
  database: DatabaseConfig;
  adminToken?: string;
  healthWebhookUrl?: string;
  budgetMs: number;
  logQueries: boolean;
}

const urlSchema = z
  .string({ error: "is not set" })
  .trim()
  .min(1, "is empty")
  .refine((u) => /^(libsql|https?|wss?|postgres(ql)?|file):/i.test(u) || u === ":memory:", {
    message: "must start with libsql:, https:, http:, postgres:, postgresql: or file:",
  });

const configSchema = z.object({
  DATABASE_URL: urlSchema,
  DATABASE_AUTH_TOKEN: z.string().trim().min(1).optional(),
  DATABASE_TRANSPORT: z.enum(["http", "ws"], { error: 'must be "http" or "ws"' }).optional(),
  NEON_LOCAL_PROXY: z
    .string()
    .regex(/^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d{1,5}$/, "must be a loopback host:port")
    .optional(),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  HEALTH_WEBHOOK_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/i, "must be an http(s) URL")
    .optional(),
  REQUEST_BUDGET_MS: z.coerce.number({ error: "must be a number" }).int().min(100, "must be at least 100").max(30_000, "must be at most 30000").optional(),
  DB_LOG_QUERIES: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional(),
});

/** Validate the bindings; a bad or missing variable is named in the error, never a stack trace. */
export function parseConfig(env: Bindings): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new AppError("CONFIG_INVALID", `Invalid configuration: ${problems.join("; ")}`, {
      variables: parsed.error.issues.map((i) => i.path.join(".")),
    });
  }
  const c = parsed.data;
  return {
    database: {
      url: c.DATABASE_URL,
      authToken: c.DATABASE_AUTH_TOKEN,
      transport: c.DATABASE_TRANSPORT ?? "http",
      localNeonProxy: c.NEON_LOCAL_PROXY,
    },
    adminToken: c.ADMIN_TOKEN,
    healthWebhookUrl: c.HEALTH_WEBHOOK_URL,
    budgetMs: c.REQUEST_BUDGET_MS ?? DEFAULT_BUDGET_MS,
    logQueries: c.DB_LOG_QUERIES === "1",
  };
}
