/**
 * A 16-entrant double elimination played to its end through HTTP, once per dialect: the better
 * seed wins every game except the first grand final, which the losers-bracket champion takes, so
 * the reset is played. The test counts losses itself and checks the bracket and final placings.
 */
import { describe, expect, it } from "vitest";
import { bindingsFor, type Dialect } from "../support/worker";
import { type BracketMatch, type ErrorBody, type Pairing, type Standing, TournamentClient } from "./tournaments.client";

describe.each<Dialect>(["sqlite", "pg"])("a 16-entrant double elimination over HTTP on %s", (dialect) => {
  const env = () => bindingsFor(dialect);

  it("plays both brackets and the grand-final reset, then finishes with the right placings", async () => {
    const api = await TournamentClient.withPlayers(env(), 16);
    const id = await api.openTournament({ kind: "double_elimination" });
    await api.ok("POST", `/tournaments/${id}/start`, { seeding: "registration" });

    const losses = new Map<string, number>();
    const reported = new Set<string>();
    let drawRefused = false;
    let games = 0;
    let resetPlayed = false;
    for (let step = 0; step < 40; step++) {
      const pending: Pairing[] = (await api.rounds(id)).flatMap((r) => r.pairings).filter((p) => p.b && p.result === null);
      if (pending.length === 0) {
        const next = await api.write("POST", `/tournaments/${id}/rounds`);
        if (next.status === 409) break;
        expect(next.status, await next.clone().text()).toBe(200);
        continue;
      }
      for (const p of pending) {
        const b = p.b;
        if (!b) continue;
        expect(reported.has(p.id)).toBe(false);
        if (!drawRefused) {
          // No draws in elimination: a 400 that names the field, and nothing is recorded.
          const draw = await api.write("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result: "draw" });
          expect(draw.status).toBe(400);
          expect(((await draw.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
          drawRefused = true;
        }
        const lost = (e: { registrationId: string }) => losses.get(e.registrationId) ?? 0;
        let result: "a" | "b" = (p.a.seed ?? p.a.seq) < (b.seed ?? b.seq) ? "a" : "b";
        if (p.slot === "GF1") {
          // The losers-bracket champion (one loss already) takes the first grand final.
          expect(lost(p.a) + lost(b)).toBe(1);
          result = lost(p.a) === 1 ? "a" : "b";
        }
        if (p.slot === "GF2") resetPlayed = true;
        await api.ok("POST", `/tournaments/${id}/pairings/${p.id}/result`, { result });
        const loser = result === "a" ? b : p.a;
        losses.set(loser.registrationId, lost(loser) + 1);
        reported.add(p.id);
        games++;
      }
    }
    expect(drawRefused).toBe(true);
    expect(resetPlayed).toBe(true);
    // 15 eliminated with two losses each, the champion with one (the first grand final): 31 games.
    expect(games).toBe(31);
    const lossCounts = [...losses.values()].sort();
    expect(lossCounts).toEqual([1, ...Array(15).fill(2)]);

    const { stages } = await api.get<{ stages: Array<{ kind: string; bracket: BracketMatch[] }> }>(`/tournaments/${id}/bracket`);
    expect(stages).toHaveLength(1);
    const bracket = stages[0]?.bracket ?? [];
    const gf1 = bracket.find((m) => m.id === "GF1");
    const gf2 = bracket.find((m) => m.id === "GF2");
    expect(gf2).toMatchObject({ onlyIfReset: true, skipped: false });
    expect(gf2?.winner?.seq).toBe(1);
    expect(gf1?.winner?.seq).toBe(2);
    expect(bracket.filter((m) => !m.skipped).every((m) => m.result !== null && m.pairingId !== null)).toBe(true);

    // Finishing works once nothing is left; placings: seed 1, then 2, then the losers-final loser.
    const finished = await api.ok<{ tournament: { status: string }; standings: Standing[] }>("POST", `/tournaments/${id}/finish`);
    expect(finished.tournament.status).toBe("finished");
    const top = finished.standings.slice(0, 2).map((s) => s.entrant.seq);
    expect(top).toEqual([1, 2]);
    expect(finished.standings).toHaveLength(16);
  });
});
