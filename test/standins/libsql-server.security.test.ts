// The local libSQL server refuses what only a web page would send (an Origin header, a form-encoded
// or text/plain body), and honours an optional bearer token, against raw HTTP and the real drivers.
import { type Client, createClient as createNodeClient, LibsqlError } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningLibsqlServer, startLibsqlServer } from "../../src/node/libsql-server";

const PIPELINE = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] });

async function send(url: string, headers: Record<string, string>, body: string | undefined = PIPELINE, method = "POST") {
  const res = await fetch(`${url}/v2/pipeline`, { method, headers, body });
  const type = res.headers.get("content-type");
  return { status: res.status, json: type === "application/json" ? ((await res.json()) as { code?: string }) : undefined };
}

describe("browser requests", () => {
  let server: RunningLibsqlServer;
  beforeAll(async () => {
    server = await startLibsqlServer({ path: ":memory:" });
  });
  afterAll(() => server.close());

  it("answers 403 to any request with an Origin header, before running SQL", async () => {
    const db = createNodeClient({ url: server.url });
    await db.execute("CREATE TABLE hits (n INTEGER)");
    const attack = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: "INSERT INTO hits VALUES (1)" } }] });
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:8787"]) {
      const res = await send(server.url, { origin, "content-type": "application/json" }, attack);
      expect([res.status, res.json?.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    }
    expect((await fetch(`${server.url}/v2`, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await db.execute("SELECT count(*) AS n FROM hits")).rows[0]?.n).toBe(0);
    db.close();
  });

  it("answers 415 to pipeline bodies that are not JSON (a cross-site form post), and runs nothing", async () => {
    const db = createNodeClient({ url: server.url });
    await db.execute("CREATE TABLE form_hits (n INTEGER)");
    const attack = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: "INSERT INTO form_hits VALUES (1)" } }] });
    for (const type of [
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
    ]) {
      const res = await send(server.url, { "content-type": type }, attack);
      expect([type, res.status, res.json?.code]).toEqual([type, 415, "UNSUPPORTED_MEDIA_TYPE"]);
    }
    expect((await send(server.url, {}, attack)).status).toBe(415);
    expect((await db.execute("SELECT count(*) AS n FROM form_hits")).rows[0]?.n).toBe(0);
    // The drivers' own requests still pass, as does JSON with a charset parameter.
    expect((await send(server.url, { "content-type": "application/json; charset=utf-8" })).status).toBe(200);
    db.close();
  });
});

describe("bearer token", () => {
  const token = "k3y-0123456789abcdef0123456789abcdef";
  let server: RunningLibsqlServer;
  beforeAll(async () => {
    server = await startLibsqlServer({ path: ":memory:", authToken: token });
  });
  afterAll(() => server.close());

  it("refuses a missing, wrong, prefixed or truncated token with 401 and accepts the exact one", async () => {
    const json = { "content-type": "application/json" };
    for (const authorization of [undefined, `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, `Basic ${token}`, token, "Bearer "]) {
      const res = await send(server.url, authorization === undefined ? json : { ...json, authorization });
      expect([authorization, res.status, res.json?.code]).toEqual([authorization, 401, "UNAUTHORIZED"]);
    }
    expect((await send(server.url, { ...json, authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await send(server.url, { ...json, authorization: `bearer ${token}` })).status).toBe(200);
  });

  it.each([
    ["@libsql/client (node)", createNodeClient],
    ["@libsql/client/web", createWebClient],
  ] as const)("works with %s given authToken, and fails with LibsqlError UNAUTHORIZED without", async (_name, create) => {
    const authed: Client = create({ url: server.url, authToken: token });
    expect((await authed.execute("SELECT 40 + 2 AS x")).rows[0]?.x).toBe(42);
    const tx = await authed.transaction("write");
    await tx.execute("SELECT 1");
    await tx.commit();
    authed.close();
    const anonymous = create({ url: server.url });
    const error = await anonymous.execute("SELECT 1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe("UNAUTHORIZED");
    const wrong = create({ url: server.url, authToken: "not-it" });
    expect(((await wrong.execute("SELECT 1").catch((e: unknown) => e)) as LibsqlError).code).toBe("UNAUTHORIZED");
    anonymous.close();
    wrong.close();
  });
});
