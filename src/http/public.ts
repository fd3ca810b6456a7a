/**
 * Public reads at the edge: a per-IP rate limit (the `[[ratelimits]]` binding), open CORS for GET,
 * and responses kept in the Workers Cache API so that a hit answers without touching the database
 * (`x-db-round-trips: 0`). Every cacheable answer carries an ETag; `If-None-Match` gets a 304.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

/** Seconds a shared cache may serve a read, and may keep serving it stale while it refreshes. */
export const S_MAXAGE = 15;
export const STALE_WHILE_REVALIDATE = 60;
const CACHE_CONTROL = `public, max-age=0, s-maxage=${S_MAXAGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const limiter = c.env?.PUBLIC_RATE_LIMIT;
  // Cloudflare's edge sets cf-connecting-ip on every request; only local callers (tests, the bench,
  // Node tools calling app.request) come without one, and they are not the public.
  const ip = c.req.header("cf-connecting-ip");
  if (limiter && ip) {
    const { success } = await limiter.limit({ key: ip });
    if (!success) {
      c.header("Retry-After", "60");
      throw new AppError("RATE_LIMITED", "Too many requests from this address; retry after a minute");
    }
  }
  await next();
});

async function etagOf(body: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", body);
  return `"${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

function notModified(c: { req: { header(name: string): string | undefined } }, etag: string | null): boolean {
  const wanted = c.req.header("if-none-match");
  if (!wanted || !etag) return false;
  return wanted.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

/** The Cache API when the runtime has one (workerd); Node tools run without it. */
function edgeCache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
}

/**
 * A tiny per-isolate memo in front of the Cache API, for MEMO_MS: a hot page (the leaderboard) is
 * then answered from memory, without even the Cache API's lookup. Writes handled by this isolate
 * drop their guild's entries at once; other isolates' memos expire within MEMO_MS (well inside the
 * s-maxage every other location already allows).
 */
const MEMO_MS = 2_000;
const MEMO_ENTRIES = 256;
const memo = new Map<string, { expires: number; body: ArrayBuffer; status: number; headers: Array<[string, string]> }>();

function remember(url: string, res: Response, body: ArrayBuffer): void {
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value ?? "");
  memo.set(url, { expires: Date.now() + MEMO_MS, body, status: res.status, headers: [...res.headers] });
}

function recall(url: string): Response | undefined {
  const hit = memo.get(url);
  if (!hit) return undefined;
  if (hit.expires < Date.now()) {
    memo.delete(url);
    return undefined;
  }
  return new Response(hit.body.slice(0), { status: hit.status, headers: hit.headers });
}

function forgetGuild(guildId: string): void {
  for (const url of memo.keys()) if (GUILD_PATH.exec(new URL(url).pathname)?.[1] === guildId) memo.delete(url);
}

const GUILD_PATH = /^\/(?:v1\/guilds|g)\/(\d{1,20})(?:\/|$)/;

/**
 * A guild's cache generation, itself kept in the Cache API: a write in this guild sets a new one, so
 * every cached read of the guild in this location is bypassed at once, without a database read and
 * without enumerating URLs. Other locations see the write within s-maxage.
 */
function generationKey(guildId: string): Request {
  return new Request(`https://cache.teamrank.internal/generation/${guildId}`);
}

async function generationOf(cache: Cache, guildId: string): Promise<string> {
  return (await (await cache.match(generationKey(guildId)))?.text()) ?? "0";
}

/** A new cache generation for the guild (see `generationKey`) and its memoised reads forgotten. */
export async function invalidateGuild(guildId: string): Promise<void> {
  forgetGuild(guildId);
  const cache = edgeCache();
  if (!cache) return;
  const fresh = new Response(crypto.randomUUID(), { headers: { "cache-control": "public, s-maxage=86400" } });
  await cache.put(generationKey(guildId), fresh).catch(() => {});
}

/** After a successful API write in a guild (Discord interactions call `invalidateGuild` themselves). */
export const invalidateOnWrite = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const guildId = GUILD_PATH.exec(c.req.path)?.[1];
  if (c.req.method === "GET" || c.req.method === "HEAD" || !guildId || c.res.status >= 400) return;
  await invalidateGuild(guildId);
});

export const publicCache = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "GET" || c.req.header("authorization")) return next();
  c.header("Access-Control-Allow-Origin", "*");
  const remembered = recall(c.req.url);
  if (remembered) {
    const etag = remembered.headers.get("etag");
    if (notModified(c, etag)) return c.body(null, 304, { etag: etag ?? "", "cache-control": CACHE_CONTROL, "x-cache": "hit" });
    remembered.headers.set("x-cache", "hit");
    c.res = remembered;
    return;
  }
  const cache = edgeCache();
  const url = new URL(c.req.url);
  const guildId = GUILD_PATH.exec(url.pathname)?.[1];
  if (cache && guildId) url.searchParams.set("__generation", await generationOf(cache, guildId));
  const key = new Request(url.toString(), { method: "GET" });
  const hit = await cache?.match(key);
  if (hit) {
    const etag = hit.headers.get("etag");
    if (notModified(c, etag)) return c.body(null, 304, { etag: etag ?? "", "cache-control": CACHE_CONTROL, "x-cache": "hit" });
    const bytes = await hit.arrayBuffer();
    remember(c.req.url, hit, bytes);
    const res = new Response(bytes, hit);
    res.headers.set("x-cache", "hit");
    c.res = res;
    return;
  }
  await next();
  if (c.res.status !== 200) return;
  const bodyBytes = await c.res.clone().arrayBuffer();
  const etag = await etagOf(bodyBytes);
  const stored = new Response(bodyBytes, c.res);
  stored.headers.set("etag", etag);
  stored.headers.set("cache-control", CACHE_CONTROL);
  stored.headers.set("access-control-allow-origin", "*");
  stored.headers.delete("x-request-id");
  stored.headers.delete("x-db-round-trips");
  remember(c.req.url, stored, bodyBytes);
  if (cache) {
    const put = cache.put(key, stored.clone()).catch(() => {});
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      await put;
    }
  }
  if (notModified(c, etag)) {
    c.res = new Response(null, { status: 304, headers: { etag, "cache-control": CACHE_CONTROL } });
    return;
  }
  stored.headers.set("x-cache", "miss");
  c.res = stored;
});
