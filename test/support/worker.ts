/**
 * Calling the real Worker inside workerd the way a browser or Discord would: a Request to its
 * `fetch` export, with bindings for one dialect at a time.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import worker from "../../src/index";
import type { Bindings } from "../../src/env";

export type Dialect = "sqlite" | "pg";
export const ADMIN_TOKEN = "test-admin-token-0123456789";

export function bindingsFor(dialect: Dialect, extra: Partial<Bindings> = {}): Bindings {
  const base = dialect === "sqlite" ? { DATABASE_URL: inject("libsqlUrl") } : { DATABASE_URL: inject("pgUrl"), NEON_LOCAL_PROXY: inject("neonProxy") };
  return { ...(env as Bindings), ...base, ADMIN_TOKEN, ...extra };
}

export async function call(bindings: Bindings, path: string, init: RequestInit & { admin?: boolean; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.admin) headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`https://teamrank.test${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Parse a JSON body with a type chosen by the caller; tests assert its shape. */
export async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export function randomSnowflake(): string {
  // 18 digits like real snowflakes (the bot checks 17-20; a shorter id would fail it now and then).
  return `${100_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 8e17))}`;
}

/** A new guild with `players` registered players, made over HTTP as an admin client would. */
export async function seedGuildOverHttp(bindings: Bindings, players: number, name = "Test guild"): Promise<{ guildId: string; ids: string[] }> {
  const guildId = randomSnowflake();
  const created = await call(bindings, `/v1/guilds/${guildId}`, { method: "PUT", admin: true, json: { name } });
  expect(created.status).toBe(200);
  const ids: string[] = [];
  for (let i = 0; i < players; i++) {
    const res = await call(bindings, `/v1/guilds/${guildId}/players`, {
      method: "POST",
      admin: true,
      json: { discordUserId: randomSnowflake(), displayName: `p${i}` },
    });
    expect(res.status).toBe(201);
    ids.push((await body<{ id: string }>(res)).id);
  }
  return { guildId, ids };
}
