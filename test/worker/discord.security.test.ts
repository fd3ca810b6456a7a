/**
 * The interactions endpoint's front door: signatures checked as Discord requires (before config or
 * database), PING without a database, no key no route, and polite refusals for bad input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Bindings } from "../../src/env";
import { command, discordBindings, type KeyPair, makeKeyPair, postInteraction, press, type ReplyBody, snowflake } from "../support/discord";
import { body, call } from "../support/worker";

let key: KeyPair;
let other: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
  other = await makeKeyPair();
});

/** Bindings with no database at all: only the public key. */
const keyOnly = (): Bindings => ({ DISCORD_PUBLIC_KEY: key.publicKeyHex });
const ping = { id: "1", application_id: "2", token: "t", type: 1, version: 1 };

describe("interaction signatures", () => {
  it("answers PING with PONG without DATABASE_URL", async () => {
    const res = await postInteraction(keyOnly(), key, ping);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ type: 1 });
  });

  it("answers PING when the database is unreachable", async () => {
    const res = await postInteraction({ ...keyOnly(), DATABASE_URL: "http://127.0.0.1:9" }, key, ping);
    expect(await body(res)).toEqual({ type: 1 });
  });

  it("refuses a signature by another key", async () => {
    const res = await postInteraction(keyOnly(), key, ping, await signedBy(other, ping));
    expect(res.status).toBe(401);
  });

  it("refuses a flipped byte in the signature and in the body", async () => {
    const bodyText = JSON.stringify(ping);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { sign } = await import("../support/discord");
    const good = await sign(key, timestamp, bodyText);
    const flipped = (good[0] === "0" ? "1" : "0") + good.slice(1);
    expect((await postInteraction(keyOnly(), key, ping, { timestamp, signature: flipped })).status).toBe(401);
    const tampered = bodyText.replace('"type":1', '"type":2');
    expect((await postInteraction(keyOnly(), key, ping, { timestamp, signature: good, body: tampered })).status).toBe(401);
    expect((await postInteraction(keyOnly(), key, ping, { timestamp, signature: good })).status).toBe(200);
  });

  it("refuses a stale or future timestamp even when signed", async () => {
    const old = String(Math.floor(Date.now() / 1000) - 301);
    expect((await postInteraction(keyOnly(), key, ping, { timestamp: old })).status).toBe(401);
    const future = String(Math.floor(Date.now() / 1000) + 301);
    expect((await postInteraction(keyOnly(), key, ping, { timestamp: future })).status).toBe(401);
  });

  it("refuses missing headers and malformed signatures", async () => {
    expect((await postInteraction(keyOnly(), key, ping, { noHeaders: true })).status).toBe(401);
    expect((await postInteraction(keyOnly(), key, ping, { signature: "zz" })).status).toBe(401);
    expect((await postInteraction(keyOnly(), key, ping, { timestamp: "yesterday" })).status).toBe(401);
  });

  it("answers 400 to a signed body that is not an interaction", async () => {
    const res = await postInteraction(keyOnly(), key, null, { body: "{not json" });
    expect(res.status).toBe(400);
    expect((await postInteraction(keyOnly(), key, null, { body: "[1,2]" })).status).toBe(400);
  });

  it("answers 503 without DISCORD_PUBLIC_KEY while the rest of the Worker works", async () => {
    const res = await postInteraction({}, key, ping);
    expect(res.status).toBe(503);
    expect(await body(res)).toMatchObject({ error: { code: "DISCORD_NOT_CONFIGURED" } });
    const health = await call({} as Bindings, "/health");
    expect(health.status).not.toBe(404);
  });

  it("gives every answer a request id, Cloudflare's ray id when there is one", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const pong = await postInteraction(keyOnly(), key, ping);
    const refused = await postInteraction(keyOnly(), key, ping, { signature: "zz" });
    const unconfigured = await postInteraction({}, key, ping);
    expect([pong.status, refused.status, unconfigured.status]).toEqual([200, 401, 503]);
    const ids = [pong, refused, unconfigured].map((r) => r.headers.get("x-request-id") ?? "");
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(3);
    const withRay = await call(keyOnly(), "/interactions", { method: "POST", body: "{}", headers: { "cf-ray": "8a1b2c3d4e5f6a7b-AMS" } });
    expect(withRay.status).toBe(401);
    expect(withRay.headers.get("x-request-id")).toBe("8a1b2c3d4e5f6a7b-AMS");
  });
});

async function signedBy(signer: KeyPair, payload: unknown) {
  const { sign } = await import("../support/discord");
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { timestamp, signature: await sign(signer, timestamp, JSON.stringify(payload)) };
}

describe.each(["sqlite", "pg"] as const)("bad input on %s", (dialect) => {
  const env = () => discordBindings(dialect, key);
  const member = { id: snowflake() };

  async function reply(payload: unknown): Promise<ReplyBody> {
    const res = await postInteraction(env(), key, payload);
    expect(res.status).toBe(200);
    return body<ReplyBody>(res);
  }

  it("refuses a command in DMs", async () => {
    const r = await reply(command(null, member, "lobby", "open", {}));
    expect(r.data?.flags).toBe(64);
    expect(r.data?.content).toMatch(/servers only/);
  });

  it("answers unknown commands and buttons ephemerally", async () => {
    const guild = snowflake();
    expect((await reply(command(guild, member, "nope", null))).data?.flags).toBe(64);
    // Names of Object.prototype members are not commands either (a plain-object lookup would find them).
    for (const name of ["constructor", "toString", "__proto__"]) {
      const unknown = await reply(command(guild, member, name, null));
      expect(unknown.data, name).toMatchObject({ flags: 64 });
      expect(unknown.data?.content, name).toMatch(/Unknown command/);
    }
    const sub = await reply(command(guild, member, "tournament", "constructor", {}));
    expect(sub.data?.content).toMatch(/Unknown `\/tournament` sub-command/);
    expect((await reply(press(guild, member, "xx:whatever"))).data?.flags).toBe(64);
    const stale = await reply(press(guild, member, "lj:00000000-0000-4000-8000-000000000000"));
    expect(stale.data).toMatchObject({ flags: 64 });
    expect(stale.data?.content).toMatch(/Not found/);
  });

  it("answers a polite error when the database is unreachable, never a 500", async () => {
    const dead = dialect === "sqlite" ? { DATABASE_URL: "http://127.0.0.1:9" } : { DATABASE_URL: env().DATABASE_URL?.replace(/:(\d+)\//, ":9/") };
    const res = await postInteraction(discordBindings(dialect, key, dead), key, command(snowflake(), member, "lobby", "open", {}));
    expect(res.status).toBe(200);
    const r = await body<ReplyBody>(res);
    expect(r.data?.flags).toBe(64);
    expect(r.data?.content).toMatch(/unreachable/);
  });

  it("refuses non-staff members on staff commands", async () => {
    const guild = snowflake();
    for (const [name, sub, opts] of [
      ["match", "cancel", { match: "00000000-0000-4000-8000-000000000000" }],
      ["season", "start", {}],
      ["ladder", "create", { slug: "x" }],
      ["setup", null, { "staff-role": "300000000000000009" }],
    ] as const) {
      const r = await reply(command(guild, member, name, sub, opts));
      expect(r.data?.flags, name).toBe(64);
      expect(r.data?.content, name).toMatch(/Only (staff|members with)/);
    }
  });
});
