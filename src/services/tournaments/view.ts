/**
 * The tournament view, built from one snapshot: entrants, stages (each with its own standings and,
 * for elimination stages, its bracket), rounds with their pairings, and the last stage's standings.
 */
import type { PlaySnapshot, SnapshotPairing } from "../../db/repository";
import { computeStandings, type Tiebreak } from "../../domain/tournament";
import { type BracketMatchState, exits } from "./bracket";
import { gameRecords, isElimination, pointsOf, type StageState, stageField, stageStates } from "./play";
import type { BracketMatchView, EntrantRef, EntrantView, PairingView, RoundView, StageView, StandingView, TournamentView } from "./types";

export function entrantViews(snap: PlaySnapshot): EntrantView[] {
  return snap.registrations.map((r) => {
    const members = snap.rosters.filter((m) => m.registrationId === r.id);
    const roster =
      members.length > 0
        ? members.map((m) => ({ playerId: m.playerId, discordUserId: m.discordUserId, name: m.displayName }))
        : [{ playerId: r.playerId, discordUserId: r.discordUserId, name: r.displayName }];
    return {
      registrationId: r.id,
      seq: r.seq,
      seed: r.seed,
      name: r.teamName ?? r.displayName,
      playerId: r.playerId,
      discordUserId: r.discordUserId,
      teamName: r.teamName,
      roster,
      status: r.status,
      late: r.late,
    };
  });
}

export function refs(snap: PlaySnapshot): (id: string) => EntrantRef {
  const byId = new Map(entrantViews(snap).map((e) => [e.registrationId, { registrationId: e.registrationId, seq: e.seq, seed: e.seed, name: e.name }]));
  return (id) => byId.get(id) ?? { registrationId: id, seq: 0, seed: null, name: "?" };
}

export function pairingView(snap: PlaySnapshot, p: SnapshotPairing, ref = refs(snap)): PairingView {
  const stations = snap.venue?.stations ?? null;
  return {
    id: p.id,
    station: p.station,
    table: stations === null ? null : ((p.station - 1) % stations) + 1,
    slot: p.slot,
    a: ref(p.entrantA),
    b: p.entrantB === null ? null : ref(p.entrantB),
    result: p.result,
    matchId: p.matchId,
  };
}

const phase = (started: boolean, done: boolean) => (done ? "finished" : started ? "running" : "pending");

export function roundViews(snap: PlaySnapshot, ref = refs(snap)): RoundView[] {
  return snap.rounds.map((round) => {
    const stage = snap.stages.find((s) => s.id === round.stageId);
    const pairings = snap.pairings.filter((p) => p.roundId === round.id).map((p) => pairingView(snap, p, ref));
    return {
      stage: stage?.number ?? 0,
      number: round.number,
      status: phase(
        true,
        pairings.every((p) => p.result !== null),
      ),
      pairings,
    };
  });
}

function label(state: BracketMatchState, i: 0 | 1, seedOf: (id: string) => number): string {
  const source = state.match.slots[i];
  if (source.kind === "seed") return `Seed ${seedOf(source.entrant)}`;
  return `${source.kind === "winner" ? "Winner" : "Loser"} of ${source.match}`;
}

function bracketView(state: StageState, ref: (id: string) => EntrantRef): BracketMatchView[] {
  const seedOf = (id: string) => state.entrants.indexOf(id) + 1;
  return (state.bracket ?? []).map((s) => ({
    id: s.match.id,
    side: s.match.side,
    round: s.match.round,
    slots: [0, 1].map((i) => ({
      label: label(s, i as 0 | 1, seedOf),
      entrant: s.entrants[i] ? ref(s.entrants[i] as string) : null,
    })) as BracketMatchView["slots"],
    result: s.game?.result ?? null,
    winner: s.winner === null ? null : ref(s.winner),
    pairingId: s.game?.id ?? null,
    onlyIfReset: s.match.onlyIfReset === true,
    skipped: s.skipped,
  }));
}

const TIEBREAK_KEYS = { buchholz: "buchholz", "median-buchholz": "medianBuchholz", "sonneborn-berger": "sonnebornBerger" } as const;

function tableStandings(snap: PlaySnapshot, state: StageState, ref: (id: string) => EntrantRef): StandingView[] {
  const dropped = new Set(snap.registrations.filter((r) => r.status === "dropped").map((r) => r.id));
  const tiebreaks = snap.format.tiebreaks;
  const rows = computeStandings({ entrants: stageField(snap, state), games: gameRecords(state.games), points: pointsOf(snap), tiebreaks });
  return rows.map((s) => {
    const values: Partial<Record<Tiebreak, number>> = {};
    for (const t of tiebreaks) if (t !== "head-to-head") values[t] = s[TIEBREAK_KEYS[t]];
    const { buchholz: _b, medianBuchholz: _m, sonnebornBerger: _s, entrant, ...record } = s;
    return { ...record, entrant: ref(entrant), tiebreaks: values, dropped: dropped.has(entrant) };
  });
}

/** Elimination: the champion, the runner-up, then by the round of exit (a shared rank), entrants still in first. */
function placementStandings(snap: PlaySnapshot, state: StageState, ref: (id: string) => EntrantRef): StandingView[] {
  const kind = state.stage.kind === "double_elimination" ? "double_elimination" : "single_elimination";
  const out = exits(kind, state.bracket ?? []);
  const dropped = new Set(snap.registrations.filter((r) => r.status === "dropped").map((r) => r.id));
  const points = pointsOf(snap);
  const key = (id: string) => out.get(id) ?? Number.POSITIVE_INFINITY;
  const order = state.entrants.map((id, seed) => ({ id, seed })).sort((x, y) => key(y.id) - key(x.id) || x.seed - y.seed);
  return order.map(({ id }, i) => {
    const first = order.findIndex((o) => key(o.id) === key(id));
    const games = state.games.filter((g) => g.result !== null && (g.entrantA === id || g.entrantB === id));
    const wins = games.filter((g) => (g.result === "a" ? g.entrantA : g.entrantB) === id).length;
    const byes = games.filter((g) => g.entrantB === null).length;
    const losses = games.length - wins;
    return {
      rank: out.has(id) ? first + 1 : i + 1,
      entrant: ref(id),
      points: wins * points.win + losses * points.loss,
      played: games.length - byes,
      wins,
      draws: 0,
      losses,
      byes,
      tiebreaks: {},
      dropped: dropped.has(id),
    };
  });
}

/** A stage ranked from its own games: a table (Swiss, round robin) or placements (elimination). */
function stageStandings(snap: PlaySnapshot, state: StageState, ref: (id: string) => EntrantRef): StandingView[] {
  return isElimination(state.stage.kind) ? placementStandings(snap, state, ref) : tableStandings(snap, state, ref);
}

export function buildView(snap: PlaySnapshot): TournamentView {
  const ref = refs(snap);
  const stages: StageView[] = stageStates(snap).map((s) => ({
    number: s.stage.number,
    kind: s.stage.kind,
    status: phase(s.rounds.length > 0, s.complete),
    plannedRounds: s.planned,
    bracket: isElimination(s.stage.kind) ? bracketView(s, ref) : null,
    standings: stageStandings(snap, s, ref),
  }));
  const standings = stages.at(-1)?.standings ?? [];
  return {
    tournament: snap.tournament,
    format: snap.format,
    venue: snap.venue,
    entrants: entrantViews(snap),
    stages,
    rounds: roundViews(snap, ref),
    standings,
  };
}
