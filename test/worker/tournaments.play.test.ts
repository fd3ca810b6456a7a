/**
 * The rest of a tournament's life over HTTP, once per dialect: late entries and drops in Swiss,
 * teams with rosters in an elimination bracket (and the correction refused once a later game
 * depends on it), and a Swiss stage followed by a top-cut playoff.
 */
import { describe, expect, it } from "vitest";
import { bindingsFor, type Dialect } from "../support/worker";
import type { BracketMatch, ErrorBody, Pairing, Round, Standing } from "./tournaments.client";
import { TournamentClient } from "./tournaments.client";

interface Entrant {
  registrationId: string;
  playerId: string;
  status: string;
  late: boolean;
  teamName: string | null;
  roster: Array<{ playerId: string }>;
}

const ids = (round: Round | undefined) => (round?.pairings ?? []).flatMap((p) => [p.a.registrationId, ...(p.b ? [p.b.registrationId] : [])]);

/** Reports every open game of the latest rounds (the better seed wins) until nothing is left to pair. */
async function playOut(api: TournamentClient, id: string): Promise<number> {
  let games = 0;
  for (let step = 0; step < 20; step++) {
    const open: Pairing[] = (await api.rounds(id)).flatMap((r) => r.pairings).filter((p) => p.b && p.result === null);
    for (const p of open) {
      const b = p.b;
      if (!b) continue;
      await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: (p.a.seed ?? 0) < (b.seed ?? 0) ? "a" : "b" });
      games++;
    }
    if (open.length > 0) continue;
    const next = await api.write("POST", `/tournaments/${id}/rounds`);
    if (next.status === 409) return games;
    expect(next.status).toBe(200);
  }
  throw new Error("the tournament did not end");
}

describe.each<Dialect>(["sqlite", "pg"])("tournament play over HTTP on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("takes a late entry into the next Swiss round and leaves a dropped entrant out", async () => {
    const api = await TournamentClient.withPlayers(env(), 6);
    const [first, , , , , late] = api.players;
    if (!first || !late) throw new Error("players");
    const id = await api.openTournament({ kind: "swiss", rounds: 3 }, { register: false });
    for (const p of api.players.slice(0, 5)) await api.ok("POST", `/tournaments/${id}/entrants`, { player: p.id }, 201);
    // A retried start with the same Idempotency-Key gets the first answer back.
    const headers = { "idempotency-key": `start-${id}` };
    const started = await api.write("POST", `/tournaments/${id}/start`, { seeding: "registration" }, headers);
    expect(started.status).toBe(200);
    const replay = await api.write("POST", `/tournaments/${id}/start`, { seeding: "registration" }, headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(await started.json());

    const [round1] = await api.rounds(id, 1);
    expect(round1?.pairings.filter((p) => p.b === null)).toHaveLength(1);
    for (const p of round1?.pairings ?? []) if (p.b) await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: "a" });

    const entered = await api.ok<Entrant>("POST", `/tournaments/${id}/entrants`, { player: late.discordUserId }, 201);
    expect(entered).toMatchObject({ playerId: late.id, late: true });
    const dropped = await api.ok<Entrant>("DELETE", `/tournaments/${id}/entrants/${first.discordUserId}`);
    expect(dropped).toMatchObject({ playerId: first.id, status: "dropped" });
    expect((await api.ok<Entrant>("DELETE", `/tournaments/${id}/entrants/${first.id}`)).status).toBe("dropped");

    const round2 = await api.ok<Round>("POST", `/tournaments/${id}/rounds`, { round: 2 });
    expect(ids(round2)).toContain(entered.registrationId);
    expect(ids(round2)).not.toContain(dropped.registrationId);
    expect(new Set(ids(round2)).size).toBe(5);
  });

  it("runs a team bracket with rosters and refuses a correction a later game depends on", async () => {
    const api = await TournamentClient.withPlayers(env(), 8);
    const format = await api.ok<{ id: string }>("POST", "/tournament-formats", { name: "Knockout", kind: "single_elimination" }, 201);
    const t = await api.ok<{ id: string; teamSize: number }>("POST", "/tournaments", { name: "Duos", formatId: format.id, teamSize: 2 }, 201);
    expect(t.teamSize).toBe(2);
    const id = t.id;
    await api.ok("POST", `/tournaments/${id}/registration`);
    const solo = await api.write("POST", `/tournaments/${id}/entrants`, { player: api.players[0]?.id });
    expect(solo.status).toBe(400);
    expect(((await solo.json()) as ErrorBody).error.details?.fields?.map((f) => f.path)).toEqual(["roster"]);
    for (let team = 0; team < 4; team++) {
      const [captain, mate] = [api.players[2 * team], api.players[2 * team + 1]];
      if (!captain || !mate) throw new Error("players");
      const entrant = await api.ok<Entrant>(
        "POST",
        `/tournaments/${id}/entrants`,
        { player: captain.id, teamName: `Team ${team}`, roster: [mate.discordUserId] },
        201,
      );
      expect(entrant.teamName).toBe(`Team ${team}`);
      expect(entrant.roster.map((m) => m.playerId)).toEqual([captain.id, mate.id]);
    }
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });
    const [semis] = await api.rounds(id, 1);
    expect(semis?.pairings).toHaveLength(2);
    for (const p of semis?.pairings ?? []) await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: "a" });
    await api.ok("POST", `/tournaments/${id}/rounds`, { round: 2 });
    const semi = semis?.pairings[0];
    const refused = await api.write("PUT", `/tournaments/${id}/pairings/${semi?.id}/result`, { result: "b" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.details?.reason).toBe("DEPENDENT_PAIRED");

    expect(await playOut(api, id)).toBe(1);
    const finished = await api.ok<{ standings: Standing[] }>("POST", `/tournaments/${id}/finish`);
    expect(finished.standings[0]?.entrant.name).toBe("Team 0");
  });

  it("follows a Swiss stage with a top-cut playoff bracket", async () => {
    const api = await TournamentClient.withPlayers(env(), 8);
    const format = await api.ok<{ id: string }>("POST", "/tournament-formats", { name: "Swiss 2", kind: "swiss", rounds: 2 }, 201);
    const { id } = await api.ok<{ id: string }>("POST", "/tournaments", { name: "Cut", formatId: format.id, topCut: 4 }, 201);
    await api.ok("POST", `/tournaments/${id}/registration`);
    for (const p of api.players) await api.ok("POST", `/tournaments/${id}/entrants`, { player: p.id }, 201);
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });
    let swissGame = "";
    for (const number of [1, 2]) {
      if (number === 2) await api.ok("POST", `/tournaments/${id}/rounds`, { round: 2 });
      const [round] = await api.rounds(id, number);
      for (const p of round?.pairings ?? []) {
        await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: "a" });
        swissGame = p.id;
      }
    }
    // A stage alone says nothing about which round is expected.
    const bare = await api.write("POST", `/tournaments/${id}/rounds`, { stage: 2 });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as ErrorBody).error.details?.fields?.map((f) => f.path)).toEqual(["round"]);
    // The playoff restarts at round 1: expected as {stage: 2, round: 1}; the same request twice is one round.
    const playoff = await api.ok<Round>("POST", `/tournaments/${id}/rounds`, { stage: 2, round: 1 });
    const again = await api.ok<Round>("POST", `/tournaments/${id}/rounds`, { stage: 2, round: 1 });
    expect(again).toEqual(playoff);
    expect(playoff.stage).toBe(2);
    expect(playoff.number).toBe(1);
    expect(playoff.pairings.map((p) => [p.slot, p.a.seed, p.b?.seed])).toEqual([
      ["W1-1", 1, 4],
      ["W1-2", 2, 3],
    ]);
    expect((await api.rounds(id)).map((r) => [r.stage, r.number])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);

    // The Swiss table stays readable once the playoff runs. By hand (the better seed won every
    // game): R1 1>5 2>6 3>7 4>8, R2 1>3 2>4 5>7 6>8. Points 2 2 1 1 1 1 0 0; every Buchholz is 2
    // (e.g. 1: 5 and 3 have 1 each; 3: 7 has 0, 1 has 2); Sonneborn–Berger 2 for 1 and 2 (two
    // wins over 1-point entrants), 0 for the rest (their wins were over 0-point entrants); no
    // head-to-head among the ties: seed order.
    const tournament = await api.get<{ stages: Array<{ number: number; standings: Standing[] }>; standings: Standing[] }>(`/tournaments/${id}`);
    const swissTable = tournament.stages[0]?.standings ?? [];
    expect(swissTable.map((r) => [r.rank, r.entrant.seed, r.points, r.tiebreaks.buchholz, r.tiebreaks["sonneborn-berger"]])).toEqual([
      [1, 1, 2, 2, 2],
      [2, 2, 2, 2, 2],
      [3, 3, 1, 2, 0],
      [4, 4, 1, 2, 0],
      [5, 5, 1, 2, 0],
      [6, 6, 1, 2, 0],
      [7, 7, 0, 2, 0],
      [8, 8, 0, 2, 0],
    ]);
    expect(await api.get(`/tournaments/${id}/standings?stage=1`)).toEqual({ tournamentId: id, stage: 1, standings: swissTable });
    // Without ?stage: the last stage's (the playoff's four), as in the view.
    const latest = await api.get<{ stage: number; standings: Standing[] }>(`/tournaments/${id}/standings`);
    expect(latest.stage).toBe(2);
    expect(latest.standings.map((r) => r.entrant.seed)).toEqual([1, 2, 3, 4]);
    expect(latest.standings).toEqual(tournament.standings);
    expect(tournament.stages[1]?.standings).toEqual(tournament.standings);
    const unknown = await api.read(`/tournaments/${id}/standings?stage=3`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()) as ErrorBody).toMatchObject({ error: { code: "NOT_FOUND" } });
    const late = await api.write("PUT", `/tournaments/${id}/pairings/${swissGame}/result`, { result: "b" });
    expect(late.status).toBe(409);

    const { stages } = await api.get<{ stages: Array<{ number: number; kind: string; bracket: BracketMatch[] }> }>(`/tournaments/${id}/bracket`);
    expect(stages.map((s) => [s.number, s.kind])).toEqual([[2, "single_elimination"]]);
    expect(stages[0]?.bracket).toHaveLength(3);
    const stage2 = await api.get<{ rounds: Round[] }>(`/tournaments/${id}/pairings?stage=2`);
    expect(stage2.rounds.map((r) => r.stage)).toEqual([2]);

    expect(await playOut(api, id)).toBe(3);
    const finished = await api.ok<{ tournament: { status: string } }>("POST", `/tournaments/${id}/finish`);
    expect(finished.tournament.status).toBe("finished");
    // Finishing twice is harmless.
    expect((await api.ok<{ tournament: { status: string } }>("POST", `/tournaments/${id}/finish`)).tournament.status).toBe("finished");
  });

  it("pages the tournament list with a cursor, every tournament once, and filters by status", async () => {
    const api = await TournamentClient.withPlayers(env(), 1);
    const format = await api.ok<{ id: string }>("POST", "/tournament-formats", { name: "RR", kind: "round_robin" }, 201);
    const made: string[] = [];
    for (const name of ["One", "Two", "Three"]) made.push((await api.ok<{ id: string }>("POST", "/tournaments", { name, formatId: format.id }, 201)).id);
    await api.ok("POST", `/tournaments/${made[1]}/registration`);
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 3; page++) {
      const got = await api.get<{ items: Array<{ id: string }>; nextCursor: string | null }>(`/tournaments?limit=2${cursor}`);
      seen.push(...got.items.map((t) => t.id));
      if (!got.nextCursor) break;
      cursor = `&cursor=${got.nextCursor}`;
    }
    expect(new Set(seen)).toEqual(new Set(made));
    expect(seen).toHaveLength(3);
    const drafts = await api.get<{ items: Array<{ id: string; status: string }> }>("/tournaments?status=draft");
    expect(drafts.items.map((t) => t.id).sort()).toEqual([made[0], made[2]].sort());
    expect((await api.read(`/tournaments?cursor=${made[1]}&status=draft`)).status).toBe(400);
  });
});
