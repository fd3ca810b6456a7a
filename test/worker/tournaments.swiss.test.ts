/**
 * An 8-player Swiss over 3 rounds through HTTP only, once per dialect: set up, register, check in,
 * start, report every game, pair the next round twice, finish. The test keeps its own ledger of
 * what it reported and checks pairings and standings against it. Also: double clicks on "pair next".
 */
import { describe, expect, it } from "vitest";
import { bindingsFor, type Dialect } from "../support/worker";
import { type ErrorBody, Ledger, type Round, type Standing, TournamentClient } from "./tournaments.client";

/** A spread of results with draws, chosen by board so that score groups split unevenly. */
const RESULTS = ["a", "draw", "b", "a"] as const;

describe.each<Dialect>(["sqlite", "pg"])("an 8-player Swiss over HTTP on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("runs 3 rounds without rematches, everyone once per round, with standings that match the results", async () => {
    const api = await TournamentClient.withPlayers(env(), 8);
    const id = await api.openTournament({
      kind: "swiss",
      rounds: 3,
      points: { win: 1, draw: 0.5, loss: 0, bye: 1 },
      tiebreaks: ["buchholz", "sonneborn-berger"],
    });

    await api.ok("POST", `/tournaments/${id}/check-in`);
    for (const [i, p] of api.players.entries()) {
      const entrant = await api.ok<{ status: string; playerId: string }>("POST", `/tournaments/${id}/entrants/${i % 2 ? p.id : p.discordUserId}/check-in`);
      expect(entrant).toMatchObject({ status: "checked_in", playerId: p.id });
    }
    const started = await api.ok<{ tournament: { status: string }; entrants: Array<{ seed: number | null }> }>("POST", `/tournaments/${id}/start`, {
      seeding: "registration",
    });
    expect(started.tournament.status).toBe("running");
    expect(started.entrants.map((e) => e.seed).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const ledger = new Ledger();
    const entrantIds = new Set<string>();
    for (let number = 1; number <= 3; number++) {
      if (number > 1) {
        const paired = await api.ok<Round>("POST", `/tournaments/${id}/rounds`, { round: number });
        expect(paired.number).toBe(number);
      }
      const [round, ...others] = await api.rounds(id, number);
      expect(others).toEqual([]);
      if (!round) throw new Error(`round ${number} missing`);
      expect(round.pairings).toHaveLength(4);
      const seen = round.pairings.flatMap((p) => [p.a.registrationId, p.b?.registrationId]);
      expect(seen.every((x) => typeof x === "string")).toBe(true);
      expect(new Set(seen).size).toBe(8);
      for (const x of seen) if (x) entrantIds.add(x);

      for (const pairing of round.pairings) {
        const b = pairing.b;
        if (!b) throw new Error("no byes with 8 players");
        expect(ledger.played(pairing.a.registrationId, b.registrationId), `rematch in round ${number}`).toBe(false);
        const result = RESULTS[(pairing.station - 1) % RESULTS.length] ?? "a";
        const reported = await api.ok<{ result: string; matchId: string | null }>("POST", `/tournaments/${id}/pairings/${pairing.id}/result`, { result });
        expect(reported.result).toBe(result);
        expect(reported.matchId, "a rated tournament's game is a ladder match").toEqual(expect.any(String));
        ledger.game(pairing.a.registrationId, b.registrationId, result);
      }
    }
    expect(entrantIds.size).toBe(8);

    // Nothing is left to pair after the format's 3 rounds.
    const fourth = await api.write("POST", `/tournaments/${id}/rounds`, { round: 4 });
    expect(fourth.status).toBe(409);
    const finished = await api.ok<{ tournament: { status: string } }>("POST", `/tournaments/${id}/finish`);
    expect(finished.tournament.status).toBe("finished");

    const { standings } = await api.get<{ standings: Standing[] }>(`/tournaments/${id}/standings`);
    expect(standings.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of standings) {
      const mine = s.entrant.registrationId;
      expect(s.points, `points of ${s.entrant.name}`).toBe(ledger.points.get(mine));
      expect({ played: s.played, byes: s.byes, wins: s.wins, draws: s.draws, losses: s.losses }).toEqual({ played: 3, ...ledger.record.get(mine) });
      expect(s.tiebreaks.buchholz).toBe(ledger.buchholz(mine));
      expect(s.tiebreaks["sonneborn-berger"]).toBe(ledger.sonnebornBerger(mine));
    }
    // Ordered by points, then Buchholz, then Sonneborn–Berger.
    const key = (s: Standing) => [s.points, s.tiebreaks.buchholz ?? 0, s.tiebreaks["sonneborn-berger"] ?? 0];
    for (let i = 1; i < standings.length; i++) {
      const [prev, next] = [standings[i - 1], standings[i]];
      if (!prev || !next) continue;
      const [p, q] = [key(prev), key(next)];
      const cmp = p.findIndex((v, k) => v !== q[k]);
      if (cmp >= 0) expect(p[cmp], `rank ${prev.rank} before ${next.rank}`).toBeGreaterThan(q[cmp] ?? 0);
    }

    // The public view agrees, without a key; Swiss has no bracket.
    const view = await api.get<{ tournament: { status: string }; rounds: Round[]; standings: Standing[] }>(`/tournaments/${id}`);
    expect(view.tournament.status).toBe("finished");
    expect(view.rounds.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(view.standings).toEqual(standings);
    expect(await api.get(`/tournaments/${id}/bracket`)).toEqual({ tournamentId: id, stages: [] });

    // Rated: every entrant's 3 games reached the ladder.
    const board = await api.get<{ items: Array<{ playerId: string; games: number }> }>("/leaderboard?all=1&limit=100");
    expect(board.items.map((e) => e.games)).toEqual(Array(8).fill(3));
    expect(new Set(board.items.map((e) => e.playerId))).toEqual(new Set(api.players.map((p) => p.id)));
  });

  it("pairs one round when 'pair next' is pressed twice at once", async () => {
    const api = await TournamentClient.withPlayers(env(), 6);
    const id = await api.openTournament({ kind: "swiss", rounds: 3 });
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });

    const reportAll = async (number: number) => {
      const [round] = await api.rounds(id, number);
      for (const p of round?.pairings ?? []) if (p.b) await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: "a" });
    };

    // Pairing before the results are in: a 409 that says why.
    const early = await api.write("POST", `/tournaments/${id}/rounds`, { round: 2 });
    expect(early.status).toBe(409);
    const why = (await early.json()) as ErrorBody;
    expect(why.error.code).toBe("CONFLICT");
    expect(typeof why.error.details?.reason).toBe("string");

    // With the expected number: both clicks answer with the same round.
    await reportAll(1);
    const twice = await Promise.all([1, 2].map(() => api.write("POST", `/tournaments/${id}/rounds`, { round: 2 })));
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    const [first, second] = (await Promise.all(twice.map((r) => r.json()))) as Round[];
    expect(first?.pairings.map((p) => p.id).sort()).toEqual(second?.pairings.map((p) => p.id).sort());

    // Without it: one pairs; the other gets that same round (it lost the race) or a 409 (it came
    // after and found round 3 incomplete), never a second round 3 or a round 4.
    await reportAll(2);
    const raced = await Promise.all([1, 2].map(() => api.write("POST", `/tournaments/${id}/rounds`)));
    expect(raced.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const answered = (await Promise.all(raced.filter((r) => r.status === 200).map((r) => r.json()))) as Round[];
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(
      new Set(
        answered.map(
          (r) =>
            `${r.number}:${r.pairings
              .map((p) => p.id)
              .sort()
              .join()}`,
        ),
      ).size,
    ).toBe(1);
    expect(answered[0]?.number).toBe(3);
    const rounds = await api.rounds(id);
    expect(rounds.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(rounds.every((r) => r.pairings.length === 3)).toBe(true);
  });
});
