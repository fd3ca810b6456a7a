/** A guild's API keys (admin scope): created with the secret shown once, listed without it, revoked. */
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiKey } from "../../db/repository";
import { requireScope } from "../../http/auth";
import { bearer, body, createRouter, json, pick } from "../../http/openapi";
import { guildParams, uuid } from "../../http/schemas";
import { visibleText } from "../../http/text";
import { newApiKey, SCOPES } from "../../services/api-keys";

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ApiKey");

export function publicApiKey(k: ApiKey): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes.filter((s): s is (typeof SCOPES)[number] => (SCOPES as readonly string[]).includes(s)),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdAt: k.createdAt.toISOString(),
  };
}

const admin = { middleware: [requireScope("admin")], security: bearer };

const create = createRoute({
  method: "post",
  path: "/guilds/{guildId}/api-keys",
  summary: "Create an API key; the secret is in this response only (admin)",
  ...admin,
  request: { params: guildParams, ...body(z.strictObject({ name: visibleText(1, 64), scopes: z.array(z.enum(SCOPES)).min(1).max(3) })) },
  responses: { 201: json(ApiKeySchema.extend({ key: z.string() }), "The key, with its secret"), ...pick(400, 401, 403, 404, 413) },
});

const list = createRoute({
  method: "get",
  path: "/guilds/{guildId}/api-keys",
  summary: "A guild's API keys, without secrets (admin)",
  ...admin,
  request: { params: guildParams },
  responses: { 200: json(z.object({ items: z.array(ApiKeySchema) }), "Keys, newest first"), ...pick(400, 401, 403) },
});

const revoke = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/api-keys/{keyId}",
  summary: "Revoke an API key (admin)",
  ...admin,
  request: { params: guildParams.extend({ keyId: uuid }) },
  responses: { 200: json(ApiKeySchema, "The revoked key"), ...pick(400, 401, 403, 404) },
});

export const apiKeyRoutes = createRouter()
  .openapi(create, async (c) => {
    const { guildId } = c.req.valid("param");
    const { name, scopes } = c.req.valid("json");
    const secret = await newApiKey();
    const key = await c.var.repo().apiKeys.create({ guildId, name, scopes: [...new Set(scopes)], keyHash: secret.keyHash, prefix: secret.prefix }, c.var.actor);
    return c.json({ ...publicApiKey(key), key: secret.key }, 201);
  })
  .openapi(list, async (c) => {
    const { guildId } = c.req.valid("param");
    return c.json({ items: (await c.var.repo().apiKeys.list(guildId)).map(publicApiKey) }, 200);
  })
  .openapi(revoke, async (c) => {
    const { guildId, keyId } = c.req.valid("param");
    return c.json(publicApiKey(await c.var.repo().apiKeys.revoke(guildId, keyId, c.var.actor)), 200);
  });
