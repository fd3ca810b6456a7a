/**
 * The tournament API's refusals, once per dialect: unknown ids are 404s, malformed input a 400
 * VALIDATION_FAILED naming the field, status conflicts a 409 with the service's reason, contradicting
 * reports a 409; reads need no key and writes do (401 without, 403 with a read key or another
 * guild's). Never a 500.
 */
import { describe, expect, it } from "vitest";
import { body, bindingsFor, call, type Dialect } from "../support/worker";
import { type ErrorBody, type Round, TournamentClient } from "./tournaments.client";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

async function refused(res: Response, status: number, code: string): Promise<ErrorBody["error"]> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const { error } = JSON.parse(text) as ErrorBody;
  expect(error.code).toBe(code);
  return error;
}

const fieldsOf = (error: ErrorBody["error"]) => (error.details?.fields ?? []).map((f) => f.path);

describe.each<Dialect>(["sqlite", "pg"])("tournament API refusals on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("answers unknown ids with 404 and malformed ones with 400", async () => {
    const api = await TournamentClient.withPlayers(env(), 2);
    const id = await api.openTournament({ kind: "swiss", rounds: 1 });
    await refused(await api.read(`/tournaments/${UNKNOWN}`), 404, "NOT_FOUND");
    for (const path of ["", "/pairings", "/bracket", "/standings"]) await refused(await api.read(`/tournaments/${UNKNOWN}${path}`), 404, "NOT_FOUND");
    expect(fieldsOf(await refused(await api.read("/tournaments/not-a-uuid"), 400, "VALIDATION_FAILED"))).toEqual(["tournamentId"]);
    await refused(await api.write("POST", `/tournaments/${UNKNOWN}/registration`), 404, "NOT_FOUND");
    await refused(await api.write("POST", `/tournaments/${UNKNOWN}/entrants`, { player: api.players[0]?.id }), 404, "NOT_FOUND");
    await refused(await api.write("POST", `/tournaments/${id}/entrants`, { player: "100000000000000000" }), 404, "NOT_FOUND");
    await refused(await api.write("POST", `/tournaments/${id}/entrants`, { player: UNKNOWN }), 404, "NOT_FOUND");
    await refused(await api.write("DELETE", `/tournaments/${id}/entrants/${UNKNOWN}`), 404, "NOT_FOUND");
    await refused(await api.write("POST", `/tournaments/${id}/pairings/${UNKNOWN}/result`, { result: "a" }), 404, "NOT_FOUND");
    await refused(await api.write("POST", "/tournaments", { name: "Ghost", formatId: UNKNOWN }), 404, "NOT_FOUND");
    const formats = await api.get<{ items: Array<{ id: string }> }>("/tournament-formats");
    const formatId = formats.items[0]?.id;
    await refused(await api.write("POST", "/tournaments", { name: "Ghost", formatId, ladder: "no-such-ladder" }), 404, "NOT_FOUND");
    await refused(await api.write("POST", "/tournaments", { name: "Ghost", formatId, venueId: UNKNOWN }), 404, "NOT_FOUND");
    // Another guild's tournament is unknown here; an unknown guild has no lists.
    const other = await TournamentClient.withPlayers(env(), 1);
    await refused(await other.read(`/tournaments/${id}`), 404, "NOT_FOUND");
    expect((await other.get<{ items: unknown[] }>("/tournaments")).items).toEqual([]);
    const nowhere = new TournamentClient(env(), "100000000000000001", []);
    for (const path of ["/tournaments", "/venues", "/tournament-formats"]) await refused(await nowhere.read(path), 404, "NOT_FOUND");
  });

  it("refuses malformed bodies with the failing fields, before anything is written", async () => {
    const api = await TournamentClient.withPlayers(env(), 2);
    const bad: Array<[string, string, unknown, string]> = [
      ["POST", "/venues", { name: "Hall", stations: 0 }, "stations"],
      ["POST", "/venues", { name: "\u0000", stations: 2 }, "name"],
      ["POST", "/tournament-formats", { name: "F", kind: "ladder" }, "kind"],
      ["POST", "/tournament-formats", { name: "F", kind: "swiss", points: { win: 1, draw: 0.3, loss: 0, bye: 1 } }, "points.draw"],
      ["POST", "/tournament-formats", { name: "F", kind: "swiss", tiebreaks: ["buchholz", "buchholz"] }, "tiebreaks"],
      ["POST", "/tournaments", { name: "T", formatId: "nope" }, "formatId"],
      ["POST", "/tournaments", { name: "T", formatId: UNKNOWN, startsAt: "tomorrow" }, "startsAt"],
      ["POST", "/tournaments", { name: "T", formatId: UNKNOWN, topCut: 1 }, "topCut"],
      ["POST", "/tournaments", { name: "T", formatId: UNKNOWN, extra: true }, ""],
    ];
    for (const [method, path, input, field] of bad) {
      const error = await refused(await api.write(method, path, input), 400, "VALIDATION_FAILED");
      expect(fieldsOf(error), `${path} ${JSON.stringify(input)}`).toContain(field);
    }
    expect((await api.get<{ items: unknown[] }>("/venues")).items).toEqual([]);
    expect((await api.get<{ items: unknown[] }>("/tournament-formats")).items).toEqual([]);
    expect((await api.get<{ items: unknown[] }>("/tournaments")).items).toEqual([]);

    const id = await api.openTournament({ kind: "single_elimination" }, { register: false });
    const more: Array<[string, unknown, string]> = [
      ["/entrants", { player: "someone" }, "player"],
      ["/entrants", { player: api.players[0]?.id, roster: [api.players[1]?.id, api.players[1]?.id] }, "roster"],
      ["/start", { seeding: "manual" }, "order"],
      ["/start", { seeding: "coin" }, "seeding"],
      ["/rounds", { round: 0 }, "round"],
      [`/pairings/${UNKNOWN}/result`, { result: "c" }, "result"],
    ];
    for (const [path, input, field] of more) {
      const error = await refused(await api.write("POST", `/tournaments/${id}${path}`, input), 400, "VALIDATION_FAILED");
      expect(fieldsOf(error), `${path} ${JSON.stringify(input)}`).toContain(field);
    }
    const notJson = await api.write("POST", `/tournaments/${id}/entrants`, undefined, { "content-type": "application/json" });
    expect(notJson.status).toBe(400);
    expect((await api.get<{ entrants: unknown[] }>(`/tournaments/${id}`)).entrants).toEqual([]);
  });

  it("never answers hostile bodies on a live tournament with a 500", async () => {
    const api = await TournamentClient.withPlayers(env(), 4);
    const id = await api.openTournament({ kind: "swiss", rounds: 2 });
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });
    const [round] = await api.rounds(id, 1);
    const pairing = round?.pairings[0]?.id ?? UNKNOWN;
    const player = api.players[0]?.id ?? UNKNOWN;
    const hostile: unknown[] = [
      null,
      [],
      "a\u0000b",
      { name: "a\u0000b", stations: 1, kind: "swiss", formatId: UNKNOWN, player: "\ud800" },
      { player, teamName: "\ud800", roster: ["x".repeat(5000)] },
      { seeding: "manual", order: [UNKNOWN, UNKNOWN] },
      { seeding: "manual", order: [UNKNOWN] },
      { round: Number.POSITIVE_INFINITY },
      { round: 2 ** 40 },
      { result: ["a"] },
      { result: "draw", extra: 1 },
      { startsAt: "275760-09-13T00:00:00.001Z" },
      { startsAt: "1970-01-01T00:00:00Z" },
    ];
    const paths: Array<[string, string]> = [
      ["POST", "/venues"],
      ["POST", "/tournament-formats"],
      ["POST", "/tournaments"],
      ["POST", `/tournaments/${id}/entrants`],
      ["POST", `/tournaments/${id}/start`],
      ["POST", `/tournaments/${id}/rounds`],
      ["POST", `/tournaments/${id}/pairings/${pairing}/result`],
      ["PUT", `/tournaments/${id}/pairings/${pairing}/result`],
    ];
    for (const [method, path] of paths) {
      for (const input of hostile) {
        const res = await api.write(method, path, input);
        expect(res.status, `${method} ${path} ${JSON.stringify(input).slice(0, 80)}: ${await res.text()}`).toBeLessThan(500);
      }
    }
    // Still the same tournament: round 1 as paired, nothing reported.
    const [after] = await api.rounds(id);
    expect(after?.pairings.map((p) => p.result)).toEqual(round?.pairings.map(() => null));
  });

  it("answers status conflicts and contradicting reports with 409 and a reason", async () => {
    const api = await TournamentClient.withPlayers(env(), 4);
    const format = await api.ok<{ id: string }>("POST", "/tournament-formats", { name: "Swiss", kind: "swiss", rounds: 2 }, 201);
    const draft = await api.ok<{ id: string }>("POST", "/tournaments", { name: "Draft", formatId: format.id }, 201);
    const early = await refused(await api.write("POST", `/tournaments/${draft.id}/start`), 409, "CONFLICT");
    expect(early.details?.reason).toBe("TOURNAMENT_STATUS");
    const closed = await refused(await api.write("POST", `/tournaments/${draft.id}/entrants`, { player: api.players[0]?.id }), 409, "CONFLICT");
    expect(closed.details?.reason).toBe("REGISTRATION_CLOSED");

    const id = await api.openTournament({ kind: "swiss", rounds: 2 });
    // Opening registration again is harmless; registering twice is not.
    expect((await api.write("POST", `/tournaments/${id}/registration`)).status).toBe(200);
    await refused(await api.write("POST", `/tournaments/${id}/entrants`, { player: api.players[0]?.id }), 409, "DUPLICATE");
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });
    const [round] = await api.rounds(id, 1);
    const pairing = round?.pairings[0];
    if (!pairing) throw new Error("round 1 has no pairing");
    const path = `/tournaments/${id}/pairings/${pairing.id}/result`;
    await api.ok("POST", path, { result: "a" });
    expect((await api.ok<{ result: string }>("POST", path, { result: "a" })).result).toBe("a");
    await refused(await api.write("POST", path, { result: "b" }), 409, "CONFLICT");
    expect((await api.ok<{ result: string }>("PUT", path, { result: "draw" })).result).toBe("draw");
    const [after] = await api.rounds(id, 1);
    expect(after?.pairings.find((p) => p.id === pairing.id)?.result).toBe("draw");
    const notYet = await refused(await api.write("POST", `/tournaments/${id}/finish`), 409, "CONFLICT");
    expect(typeof notYet.details?.reason).toBe("string");
  });

  it("serves reads without a key and refuses writes without the right one", async () => {
    const api = await TournamentClient.withPlayers(env(), 2);
    const id = await api.openTournament({ kind: "swiss", rounds: 1 });
    for (const path of [
      "/venues",
      "/tournament-formats",
      "/tournaments",
      "/tournaments?status=registration",
      `/tournaments/${id}`,
      `/tournaments/${id}/pairings`,
      `/tournaments/${id}/standings`,
      `/tournaments/${id}/bracket`,
    ]) {
      const res = await api.read(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toMatch(/public, .*s-maxage=\d+/);
      // One round trip for a public read (the first time; then none, from the cache).
      expect(res.headers.get("x-db-round-trips"), path).toBe("1");
      const again = await api.read(path);
      expect(again.headers.get("x-db-round-trips"), path).toBe("0");
    }
    const listed = await api.get<{ items: Array<{ id: string; status: string }> }>("/tournaments?status=registration");
    expect(listed.items.map((t) => t.id)).toEqual([id]);
    expect((await api.get<{ items: unknown[] }>("/tournaments?status=running")).items).toEqual([]);

    const key = async (guildId: string, scopes: string[]) =>
      (await body<{ key: string }>(await call(env(), `/v1/guilds/${guildId}/api-keys`, { method: "POST", admin: true, json: { name: "k", scopes } }))).key;
    const reader = await key(api.guildId, ["read"]);
    const other = await TournamentClient.withPlayers(env(), 1);
    const foreign = await key(other.guildId, ["write"]);
    const writer = await key(api.guildId, ["write"]);
    const writes: Array<[string, string, unknown]> = [
      ["POST", "/venues", { name: "Hall", stations: 1 }],
      ["POST", "/tournament-formats", { name: "F", kind: "swiss" }],
      ["POST", `/tournaments/${id}/check-in`, undefined],
      ["POST", `/tournaments/${id}/entrants`, { player: api.players[0]?.id }],
      ["DELETE", `/tournaments/${id}/entrants/${api.players[0]?.id}`, undefined],
      ["POST", `/tournaments/${id}/start`, undefined],
    ];
    for (const [method, path, json] of writes) {
      const url = api.path(path);
      expect((await call(env(), url, { method, json })).status, `${method} ${path}`).toBe(401);
      expect((await call(env(), url, { method, json, headers: { authorization: `Bearer ${reader}` } })).status, `${method} ${path}`).toBe(403);
      expect((await call(env(), url, { method, json, headers: { authorization: `Bearer ${foreign}` } })).status, `${method} ${path}`).toBe(403);
    }
    // Nothing changed; a write key of the guild works.
    expect((await api.get<{ tournament: { status: string } }>(`/tournaments/${id}`)).tournament.status).toBe("registration");
    const res = await call(env(), api.path(`/tournaments/${id}/check-in`), { method: "POST", headers: { authorization: `Bearer ${writer}` } });
    expect(res.status).toBe(200);

    const doc = await body<{ paths: Record<string, unknown> }>(await call(env(), "/openapi.json"));
    for (const path of [
      "venues",
      "tournament-formats",
      "tournaments",
      "tournaments/{tournamentId}/pairings/{pairingId}/result",
      "tournaments/{tournamentId}/bracket",
    ]) {
      expect(Object.keys(doc.paths)).toContain(`/v1/guilds/{guildId}/${path}`);
    }
  });

  it("reads pairings of one round and keeps a Swiss field whole", async () => {
    const api = await TournamentClient.withPlayers(env(), 5);
    const id = await api.openTournament({ kind: "swiss", rounds: 2 });
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });
    const rounds: Round[] = await api.rounds(id, 1);
    expect(rounds).toHaveLength(1);
    // 5 entrants: two games and one bye, everyone once.
    const pairings = rounds[0]?.pairings ?? [];
    expect(pairings.filter((p) => p.b === null)).toHaveLength(1);
    expect(new Set(pairings.flatMap((p) => [p.a.registrationId, p.b?.registrationId ?? p.a.registrationId])).size).toBe(5);
    expect(await api.rounds(id, 2)).toEqual([]);
  });
});
