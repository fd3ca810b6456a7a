/**
 * POST /interactions: Discord's Interactions Endpoint. Mounted before the app's configuration
 * middleware: the signature is checked first (401), PING is answered without configuration or
 * database, and only then is the database configured, lazily, for handlers that use it. Every
 * answer (401 and PONG included) carries `x-request-id`, like the rest of the Worker's.
 */
import type { APIInteraction } from "discord-api-types/v10";
import { Hono } from "hono";
import { type Database, connect } from "../db/connect";
import { createRepository, type Repository } from "../db/repository";
import { withRoundTripCounter } from "../db/round-trips";
import { type Bindings, parseConfig } from "../env";
import { InteractionType, messageData, ResponseType, toResponse } from "../discord/api";
import { discordPublicKey, discordSettings } from "../discord/config";
import { buildContext } from "../discord/interaction";
import { autocomplete, dispatch, explain } from "../discord/dispatch";
import { discordRest } from "../discord/rest";
import { verifyInteraction } from "../discord/verify";
import { invalidateGuild } from "../http/public";
import { requestIdFor } from "../http/request-id";

/** Discord's payloads are small; anything larger is not from Discord. */
export const MAX_INTERACTION_BYTES = 64 * 1024;

const problem = (code: string, message: string) => ({ error: { code, message } });

export function interactionRoutes(options: { now?: () => Date; fetch?: typeof fetch } = {}) {
  const now = options.now ?? (() => new Date());
  const app = new Hono<{ Bindings: Bindings }>();

  // Mounted before the app's middleware, so the id is set here. Nothing but a header: the signature
  // check below still comes before any configuration or database work.
  app.use(async (c, next) => {
    const requestId = requestIdFor(c.req.header("cf-ray"));
    await next();
    c.header("x-request-id", requestId);
  });

  app.post("/", async (c) => {
    const publicKey = discordPublicKey(c.env);
    if (!publicKey) return c.json(problem("DISCORD_NOT_CONFIGURED", "DISCORD_PUBLIC_KEY is not set (or is not a 32-byte hex key)"), 503);
    const declared = Number(c.req.header("content-length") ?? 0);
    if (declared > MAX_INTERACTION_BYTES) return c.json(problem("PAYLOAD_TOO_LARGE", "Interaction body too large"), 413);
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.length > MAX_INTERACTION_BYTES) return c.json(problem("PAYLOAD_TOO_LARGE", "Interaction body too large"), 413);
    const signed = { signature: c.req.header("x-signature-ed25519"), timestamp: c.req.header("x-signature-timestamp"), body };
    if (!(await verifyInteraction(publicKey, signed, now().getTime()))) return c.json(problem("UNAUTHORIZED", "Invalid request signature"), 401);

    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(new TextDecoder().decode(body)) as APIInteraction;
      if (!interaction || typeof interaction !== "object" || typeof interaction.type !== "number") throw new Error("not an interaction");
    } catch {
      return c.json(problem("BAD_REQUEST", "Malformed interaction payload"), 400);
    }
    if (interaction.type === InteractionType.Ping) return c.json({ type: ResponseType.Pong });

    const settings = discordSettings(c.env);
    const rest = discordRest({ baseUrl: settings.apiBaseUrl, fetch: options.fetch, timeoutMs: 5_000 });
    let database: Database | undefined;
    let repo: Repository | undefined;
    const openRepo = () => {
      database ??= connect(parseConfig(c.env ?? {}).database);
      repo ??= createRepository(database, { now });
      return repo;
    };
    const waitUntil = (p: Promise<unknown>) => {
      try {
        c.executionCtx.waitUntil(p);
      } catch {
        // no execution context (app.request in tests): the promise still runs
      }
    };
    const close = () => (database ? database.close().catch(() => {}) : Promise.resolve());

    return withRoundTripCounter(async (roundTrips) => {
      const built = buildContext(interaction, { repo: openRepo, now, settings, rest });
      if (interaction.type === InteractionType.Autocomplete) {
        // Suggestions, not a message: a DM or any failure is an empty list, never an error reply.
        const choices = "ctx" in built ? await autocomplete(interaction, built.ctx) : [];
        waitUntil(close());
        const response = c.json({ type: ResponseType.AutocompleteResult, data: { choices } });
        response.headers.set("x-db-round-trips", String(roundTrips()));
        return response;
      }
      const outcome = "error" in built ? built.error : await dispatch(interaction, built.ctx);
      // A command or button may have written (a result, a join, a round): public reads of the guild
      // in this location start fresh, as after an API write. Reads too bump it; a miss is one round trip.
      if ("ctx" in built) waitUntil(invalidateGuild(built.ctx.guildId));
      if (!("defer" in outcome)) {
        waitUntil(close());
        const response = c.json(toResponse(outcome));
        response.headers.set("x-db-round-trips", String(roundTrips()));
        return response;
      }
      // Long work (a replay): acknowledge now, finish after the response, edit the original reply.
      const ctx = "ctx" in built ? built.ctx : null;
      waitUntil(
        (async () => {
          const reply = await outcome.work().catch((error: unknown) => explain(error));
          const data = messageData(reply);
          if (ctx) await rest.editOriginal(ctx.applicationId, ctx.token, data).catch((error: unknown) => console.error("[discord] follow-up failed", error));
          await close();
        })(),
      );
      return c.json({ type: ResponseType.DeferredMessage, data: outcome.ephemeral ? { flags: 64 } : {} });
    });
  });

  return app;
}
