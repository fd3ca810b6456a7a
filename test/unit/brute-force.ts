import type { BalanceRequest, TeamSplit } from "../../src/domain/balance/types.js";

/**
 * Independent reference for the balancer: tries every assignment of players to teams (k^n), keeps
 * those that respect sizes, parties, apart pairs and locks, and returns the gaps of all distinct
 * partitions, best first. Deliberately naive — it shares no code with the solvers.
 */
export interface BruteForce {
  /** Gap of every distinct feasible partition, ascending. */
  gaps: number[];
  sizes: number[];
}

export function teamSizesOf(req: BalanceRequest): number[] {
  if (req.teamSizes) return req.teamSizes;
  const n = req.players.length;
  const k = req.teamCount ?? 2;
  return Array.from({ length: k }, (_, t) => Math.floor(n / k) + (t < n % k ? 1 : 0));
}

export function bruteForce(req: BalanceRequest, baseline = 1500): BruteForce {
  const players = req.players;
  const n = players.length;
  const sizes = teamSizesOf(req);
  const k = sizes.length;
  const index = new Map(players.map((p, i) => [p.id, i]));
  const at = (id: string): number => index.get(id) as number;
  const lockedTeams = new Set(Object.values(req.locks ?? {}));
  const assignment = new Array<number>(n).fill(0);
  const gapByKey = new Map<string, number>();
  const total = k ** n;
  for (let code = 0; code < total; code += 1) {
    let c = code;
    for (let i = 0; i < n; i += 1) {
      assignment[i] = c % k;
      c = Math.floor(c / k);
    }
    if (!feasible(assignment, sizes, req, at)) continue;
    const members: number[][] = Array.from({ length: k }, () => []);
    assignment.forEach((t, i) => {
      (members[t] as number[]).push(i);
    });
    const sums = members.map((m) => m.reduce((s, i) => s + (players[i]?.rating ?? 0) - baseline, 0));
    gapByKey.set(partitionKey(members, sizes, lockedTeams), Math.max(...sums) - Math.min(...sums));
  }
  return { gaps: [...gapByKey.values()].sort((a, b) => a - b), sizes };
}

function feasible(assignment: number[], sizes: number[], req: BalanceRequest, at: (id: string) => number): boolean {
  const counts = new Array<number>(sizes.length).fill(0);
  for (const t of assignment) counts[t] = (counts[t] as number) + 1;
  if (counts.some((c, t) => c !== sizes[t])) return false;
  for (const party of req.parties ?? []) {
    if (party.some((id) => assignment[at(id)] !== assignment[at(party[0] as string)])) return false;
  }
  for (const [a, b] of req.apart ?? []) if (assignment[at(a)] === assignment[at(b)]) return false;
  for (const [id, t] of Object.entries(req.locks ?? {})) if (assignment[at(id)] !== t) return false;
  return true;
}

/** Teams nobody is locked to and of equal size are interchangeable; locked teams keep their number. */
export function partitionKey(members: number[][], sizes: number[], lockedTeams: Set<number>): string {
  const fixed: string[] = [];
  const bySize = new Map<number, string[]>();
  members.forEach((m, t) => {
    const text = [...m].sort((a, b) => a - b).join(".");
    if (lockedTeams.has(t)) fixed.push(`${t}:${text}`);
    else bySize.set(sizes[t] as number, [...(bySize.get(sizes[t] as number) ?? []), text]);
  });
  const free = [...bySize.entries()].map(([size, list]) => `${size}:${list.sort().join("|")}`);
  return [...fixed, ...free.sort()].join("/");
}

/** Checks a returned split against the request, independently of the solver; returns its key. */
export function checkSplit(req: BalanceRequest, split: TeamSplit, baseline = 1500): string {
  const sizes = teamSizesOf(req);
  const index = new Map(req.players.map((p, i) => [p.id, i]));
  const teamOf = new Map<string, number>();
  split.teams.forEach((team, t) => {
    if (team.length !== sizes[t]) throw new Error(`team ${t} has ${team.length} players, expected ${sizes[t]}`);
    for (const id of team) {
      if (teamOf.has(id)) throw new Error(`${id} is in two teams`);
      teamOf.set(id, t);
    }
  });
  if (teamOf.size !== req.players.length) throw new Error("not every player was placed");
  for (const party of req.parties ?? []) {
    if (new Set(party.map((id) => teamOf.get(id))).size !== 1) throw new Error(`party ${party.join(",")} was split`);
  }
  for (const [a, b] of req.apart ?? []) if (teamOf.get(a) === teamOf.get(b)) throw new Error(`${a} and ${b} share a team`);
  for (const [id, t] of Object.entries(req.locks ?? {})) if (teamOf.get(id) !== t) throw new Error(`${id} is not on team ${t}`);
  const rating = (id: string): number => req.players[index.get(id) as number]?.rating ?? Number.NaN;
  const strengths = split.teams.map((team) => team.reduce((s, id) => s + rating(id) - baseline, 0));
  const gap = Math.max(...strengths) - Math.min(...strengths);
  if (Math.abs(gap - split.gap) > 1e-6) throw new Error(`reported gap ${split.gap} but the teams give ${gap}`);
  split.teams.forEach((team, t) => {
    const sum = team.reduce((s, id) => s + rating(id), 0);
    if (Math.abs(sum - (split.sums[t] as number)) > 1e-6) throw new Error(`team ${t}: sum ${split.sums[t]} but ratings add to ${sum}`);
  });
  const p = split.winProbabilities;
  if (p.length !== sizes.length || Math.abs(p.reduce((a, b) => a + b, 0) - 1) > 1e-9) throw new Error("win probabilities must sum to 1");
  const members = split.teams.map((team) => team.map((id) => index.get(id) as number));
  return partitionKey(members, sizes, new Set(Object.values(req.locks ?? {})));
}
