/**
 * A seeded fuzz over every route in the OpenAPI document, on both dialects: valid and hostile path
 * parameters, query strings (crafted cursors included) and bodies (NUL, unpaired surrogates, huge and
 * wrong-typed values). Nothing may answer 500, and no public response may show internal columns.
 * Failures print the seed and the request, so a finding replays exactly.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/domain/random";
import { body, bindingsFor, call, type Dialect, randomSnowflake } from "../support/worker";
import { seedLadder } from "../support/api";

const REQUESTS = 5_000;
const INTERNAL = /"(createdBy|updatedBy|idempotencyKey|writeToken|keyHash)"/;
type Doc = { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> };

const b64 = (v: unknown) => btoa(JSON.stringify(v)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u200b",
  "\u202e",
  "x".repeat(5000),
  "🎮",
  "Zoë",
  "null",
  "-1",
  "1e309",
  "18446744073709551616",
  "../..",
  "%00",
];
const HOSTILE_JSON_TEXT = ['"\\ud800"', '"a\\u0000b"', '"\\udfff\\ud800"', "1e400", "-0", "[[[[[]]]]]", "{}", "null", "true", `"${"é".repeat(300)}"`];
const HOSTILE_PATH = [
  "0",
  "x",
  "00000000-0000-0000-0000-000000000000",
  "NOT-A-UUID",
  "%00",
  "%ED%A0%80",
  "99999999999999999999",
  "1".repeat(200),
  "default",
  "-",
  "%F0%9F%8E%AE",
];

describe.each<Dialect>(["sqlite", "pg"])("fuzz on %s", (dialect) => {
  it(`answers ${REQUESTS} seeded random requests without a 500`, { timeout: 180_000 }, async () => {
    const env = bindingsFor(dialect);
    const seed = 0xf022 + (dialect === "pg" ? 1 : 0);
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const { guildId, players, matchIds } = await seedLadder(env, 4, 2);
    const key = await body<{ id: string }>(
      await call(env, `/v1/guilds/${guildId}/api-keys`, { method: "POST", admin: true, json: { name: "fuzz", scopes: ["write"] } }),
    );
    const doc = await body<Doc>(await call(env, "/openapi.json"));
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(routes.length).toBeGreaterThan(20);
    const valid: Record<string, () => string> = {
      guildId: () => (random() < 0.9 ? guildId : randomSnowflake()),
      player: () => (random() < 0.5 ? pick(players).id : pick(players).discordUserId),
      matchId: () => pick(matchIds),
      slug: () => "default",
      number: () => String(1 + Math.floor(random() * 3)),
      keyId: () => key.id,
    };
    const cursors = () =>
      pick([
        b64({ r: random() * 3000, id: pick(players).id, rank: Math.floor(random() * 10) }),
        b64({ r: 1500, id: "zzz", rank: 1 }),
        b64({ at: Date.now(), id: pick(players).id }),
        b64({ at: 9e18, id: pick(players).id }),
        b64({ seq: Math.floor(random() * 5) }),
        b64({ seq: 2 ** 40 }),
        b64({ k: -1, id: pick(players).id }),
        b64({ id: "\u0000" }),
        "!!",
        "",
      ]);
    const queryValue = (name: string) => {
      if (random() < 0.3) return pick(HOSTILE_TEXT);
      switch (name) {
        case "cursor":
          return cursors();
        case "limit":
          return pick(["1", "2", "100", "0", "101", "-5", "1.5", "abc"]);
        case "ladder":
          return pick(["default", "nope", "DEFAULT", "a".repeat(40)]);
        case "player":
        case "vs":
          return valid.player?.() ?? "";
        case "all":
          return pick(["0", "1", "true", "yes"]);
        default:
          return String(Math.floor(random() * 100));
      }
    };
    const sampleBody = (): unknown => {
      const ids = players.map((p) => p.id);
      return pick([
        { name: "Guild", settings: { locale: "en" } },
        { discordUserId: randomSnowflake(), displayName: "Fuzzy" },
        { displayName: "Renamed" },
        { teams: [[ids[0]], [ids[1]]] },
        {
          teams: [
            [ids[0], ids[1]],
            [ids[2], ids[3]],
          ],
          weights: { [ids[0] ?? ""]: 0.5 },
        },
        { winner: 0 },
        { ranks: [1, 0] },
        { slug: `l${Math.floor(random() * 1e6)}`, name: "Ladder" },
        { settings: { teamSize: 3 } },
        { endSeason: 1 },
        { players: players.map((p) => p.discordUserId), parties: [[ids[0], ids[1]]] },
        { name: "key", scopes: ["read"] },
        { rows: [{ discordUserId: randomSnowflake(), displayName: "Imported", rating: 1600 }] },
      ]);
    };
    /** A valid-looking body with one value replaced by something hostile, serialized as raw JSON text. */
    const hostileBody = (): string => {
      const text = JSON.stringify(sampleBody());
      if (random() < 0.1) return pick(["{", "[]", "null", '"x"', "{}", `{"a":${"[".repeat(500)}`]);
      const values = [...text.matchAll(/:("(?:[^"\\]|\\.)*"|-?\d[\d.e+-]*|\[[^\][]*\])/g)];
      if (values.length === 0 || random() < 0.3) return text;
      const target = pick(values);
      const at = (target.index ?? 0) + 1;
      return text.slice(0, at) + pick(HOSTILE_JSON_TEXT) + text.slice(at + (target[1]?.length ?? 0));
    };

    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const route = pick(routes);
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (random() < 0.8 ? (valid[name]?.() ?? "x") : pick(HOSTILE_PATH)));
      const query = (route.op.parameters ?? [])
        .filter((p) => p.in === "query" && random() < 0.6)
        .map((p) => `${p.name}=${encodeURIComponent(queryValue(p.name))}`)
        .join("&");
      const method = route.method.toUpperCase();
      const headers: Record<string, string> = { "content-type": "application/json" };
      const auth = random();
      if (auth < 0.7) headers.authorization = "Bearer test-admin-token-0123456789";
      else if (auth < 0.8) headers.authorization = `Bearer trk_${"A".repeat(8)}_${"b".repeat(43)}`;
      if (random() < 0.2) headers["idempotency-key"] = pick(["fuzz-key-0001", "fuzz-key-0002", "short", "x".repeat(300)]);
      const url = `/v1${path.replace(/^\/v1/, "")}${query ? `?${query}` : ""}`;
      const payload = method === "GET" || method === "DELETE" ? undefined : hostileBody();
      const res = await call(env, url, { method, headers, body: payload });
      const text = await res.text();
      if (res.status >= 500) failures.push(`seed ${seed} #${i}: ${method} ${url} ${payload ?? ""} -> ${res.status} ${text.slice(0, 300)}`);
      else if (res.status < 300 && method === "GET" && INTERNAL.test(text)) failures.push(`#${i}: ${method} ${url} shows internals`);
    }
    expect(failures).toEqual([]);
  });
});
