/**
 * The table of a finished Swiss / round-robin stage once a top-cut playoff has followed it. The
 * view's `standings` then rank the playoff, and the view carries no per-stage tables, so the page
 * rebuilds the first stage's table from that stage's games with the same pure standings code the
 * service uses (points and tiebreaks from the format, seeds as the last tiebreak).
 */
import { computeStandings, type GameRecord, type Tiebreak } from "../domain/tournament";
import type { EntrantRef, StandingView, TournamentView } from "../services/tournaments";

const TIEBREAK_VALUES = { buchholz: "buchholz", "median-buchholz": "medianBuchholz", "sonneborn-berger": "sonnebornBerger" } as const;

export function stageStandings(v: TournamentView, stage: number): StandingView[] {
  const pairings = v.rounds.filter((r) => r.stage === stage).flatMap((r) => r.pairings);
  const refs = new Map<string, EntrantRef>();
  const games: GameRecord[] = [];
  for (const p of pairings) {
    refs.set(p.a.registrationId, p.a);
    if (p.b) refs.set(p.b.registrationId, p.b);
    if (p.result !== null) games.push({ a: p.a.registrationId, b: p.b?.registrationId ?? null, result: p.result });
  }
  // The stage's field in seed order: everyone who was paired or had a bye in it.
  const field = [...refs.values()].sort((x, y) => (x.seed ?? Number.MAX_SAFE_INTEGER) - (y.seed ?? Number.MAX_SAFE_INTEGER) || x.seq - y.seq);
  const dropped = new Set(v.entrants.filter((e) => e.status === "dropped").map((e) => e.registrationId));
  const f = v.format;
  const rows = computeStandings({
    entrants: field.map((e) => e.registrationId),
    games,
    points: { win: f.pointsWin, draw: f.pointsDraw, loss: f.pointsLoss, bye: f.pointsBye },
    tiebreaks: f.tiebreaks,
  });
  return rows.map((s) => {
    const tiebreaks: Partial<Record<Tiebreak, number>> = {};
    for (const t of f.tiebreaks) if (t !== "head-to-head") tiebreaks[t] = s[TIEBREAK_VALUES[t]];
    const entrant = refs.get(s.entrant) ?? { registrationId: s.entrant, seq: 0, seed: null, name: "?" };
    const { rank, points, played, wins, draws, losses, byes } = s;
    return { rank, entrant, points, played, wins, draws, losses, byes, tiebreaks, dropped: dropped.has(s.entrant) };
  });
}
