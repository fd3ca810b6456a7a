import type { BalanceRequest, Problem, Unit } from "./types.js";
import { DomainError } from "../errors.js";

/** Larger lobbies are not a Discord use case and would only burn CPU. */
export const MAX_PLAYERS = 1000;

/**
 * Validates a request and turns ids into indices: parties (merged when they overlap, since
 * "together" is transitive) become units, locks move to units, apart pairs become unit pairs.
 * Every impossible request is refused here with the reason, so solvers only see solvable shapes
 * (apart-graph colouring with capacities is the one thing left for them to prove).
 */
export function buildProblem(req: BalanceRequest, baseline: number): Problem {
  const players = req.players;
  if (!Array.isArray(players) || players.length === 0) {
    throw new DomainError("INVALID_TEAMS", "no players to balance");
  }
  if (players.length > MAX_PLAYERS) {
    throw new DomainError("INVALID_TEAMS", `at most ${MAX_PLAYERS} players per lobby, got ${players.length}`);
  }
  const index = new Map<string, number>();
  players.forEach((p, i) => {
    if (typeof p.id !== "string" || p.id.length === 0) throw new DomainError("INVALID_PLAYER", `player ${i} has no id`);
    if (index.has(p.id)) throw new DomainError("DUPLICATE_PLAYER", `player ${p.id} is listed twice`);
    if (!Number.isFinite(p.rating)) throw new DomainError("INVALID_RATING", `player ${p.id}: rating ${p.rating} is not finite`);
    if (p.deviation !== undefined && !(Number.isFinite(p.deviation) && p.deviation > 0)) {
      throw new DomainError("INVALID_RATING", `player ${p.id}: deviation ${p.deviation} must be finite and > 0`);
    }
    index.set(p.id, i);
  });
  const n = players.length;
  const sizes = teamSizes(req, n);
  const k = sizes.length;
  const lookup = (id: string, what: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new DomainError("UNKNOWN_PLAYER", `${what} names ${String(id)}, who is not in the lobby`);
    return i;
  };

  // Union-find over players: parties glue players into units.
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    while (parent[i] !== r) {
      const next = parent[i];
      parent[i] = r;
      i = next;
    }
    return r;
  };
  for (const party of req.parties ?? []) {
    if (!Array.isArray(party)) throw new DomainError("INVALID_TEAMS", "each party must be a list of player ids");
    const ids = party.map((id) => lookup(id, "a party"));
    for (const i of ids.slice(1)) parent[find(i)] = find(ids[0]);
  }
  const unitOfRoot = new Map<number, number>();
  const units: Unit[] = [];
  const unitOf = new Array<number>(n);
  const strengths = players.map((p) => p.rating - baseline);
  for (let i = 0; i < n; i += 1) {
    const root = find(i);
    let u = unitOfRoot.get(root);
    if (u === undefined) {
      u = units.length;
      unitOfRoot.set(root, u);
      units.push({ members: [], size: 0, strength: 0, lock: -1 });
    }
    const unit = units[u];
    unit.members.push(i);
    unit.size += 1;
    unit.strength += strengths[i];
    unitOf[i] = u;
  }
  const maxSize = Math.max(...sizes);
  for (const unit of units) {
    if (unit.size > maxSize) {
      const names = unit.members.map((i) => players[i]?.id).join(", ");
      throw new DomainError("PARTY_TOO_LARGE", `party [${names}] has ${unit.size} players but the largest team has ${maxSize}`);
    }
  }

  for (const [id, team] of Object.entries(req.locks ?? {})) {
    const unit = units[unitOf[lookup(id, "a lock")]];
    if (!Number.isInteger(team) || team < 0 || team >= k) {
      throw new DomainError("INVALID_TEAMS", `lock of ${id} to team ${team}: teams are numbered 0..${k - 1}`);
    }
    if (unit.lock !== -1 && unit.lock !== team) {
      throw new DomainError("CONFLICTING_CONSTRAINTS", `${id} is locked to team ${team} but a party member is locked to team ${unit.lock}`);
    }
    if (unit.size > sizes[team]) {
      throw new DomainError("PARTY_TOO_LARGE", `${id}'s party has ${unit.size} players but team ${team} has ${sizes[team]} slots`);
    }
    unit.lock = team;
  }
  const lockedLoad = new Array<number>(k).fill(0);
  for (const unit of units) if (unit.lock >= 0) lockedLoad[unit.lock] = lockedLoad[unit.lock] + unit.size;
  lockedLoad.forEach((load, t) => {
    if (load > sizes[t]) {
      throw new DomainError("INFEASIBLE", `players locked to team ${t} need ${load} slots but it has ${sizes[t]}`);
    }
  });

  const apart: [number, number][] = [];
  const seenPairs = new Set<string>();
  for (const pair of req.apart ?? []) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new DomainError("INVALID_TEAMS", "each apart entry must be a pair of ids");
    const a = unitOf[lookup(pair[0], "an apart pair")];
    const b = unitOf[lookup(pair[1], "an apart pair")];
    if (a === b) {
      throw new DomainError("CONFLICTING_CONSTRAINTS", `${pair[0]} and ${pair[1]} must be apart but are the same player or in one party`);
    }
    const ua = units[a];
    const ub = units[b];
    if (ua.lock >= 0 && ua.lock === ub.lock) {
      throw new DomainError("CONFLICTING_CONSTRAINTS", `${pair[0]} and ${pair[1]} must be apart but are both locked to team ${ua.lock}`);
    }
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (!seenPairs.has(key)) {
      seenPairs.add(key);
      apart.push(a < b ? [a, b] : [b, a]);
    }
  }
  return { ids: players.map((p) => p.id), strengths, sizes, units, apart, teamClass: teamClasses(sizes, units) };
}

/** Given sizes must add up; otherwise near-equal sizes, larger teams first (11 players → 6v5). */
function teamSizes(req: BalanceRequest, n: number): number[] {
  if (req.teamSizes !== undefined) {
    const sizes = req.teamSizes;
    if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new DomainError("INVALID_TEAMS", "teamSizes must list at least 2 positive integers");
    }
    if (req.teamCount !== undefined && req.teamCount !== sizes.length) {
      throw new DomainError("INVALID_TEAMS", `teamCount ${req.teamCount} disagrees with ${sizes.length} teamSizes`);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== n) throw new DomainError("INVALID_TEAMS", `team sizes add up to ${total} but there are ${n} players`);
    return [...sizes];
  }
  const k = req.teamCount ?? 2;
  if (!Number.isInteger(k) || k < 2) throw new DomainError("INVALID_TEAMS", `teamCount must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new DomainError("INVALID_TEAMS", `${k} teams need at least ${k} players, got ${n}`);
  const base = Math.floor(n / k);
  return Array.from({ length: k }, (_, t) => base + (t < n % k ? 1 : 0));
}

/** Teams of equal size with no locked unit are interchangeable: a split and its relabelling are one. */
function teamClasses(sizes: number[], units: Unit[]): number[] {
  const locked = new Set(units.filter((u) => u.lock >= 0).map((u) => u.lock));
  const classOf = new Map<number, number>();
  return sizes.map((size, t) => {
    if (locked.has(t)) return -1 - t;
    let c = classOf.get(size);
    if (c === undefined) {
      c = t;
      classOf.set(size, c);
    }
    return c;
  });
}
