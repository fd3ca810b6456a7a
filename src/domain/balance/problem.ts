import type { BalanceRequest, Problem, Unit } from "./types.js";
import { DomainError } from "../errors.js";

/** Larger lobbies are not a Discord use case and would only burn CPU. */
export const MAX_PLAYERS = 1000;

/**
 * Validates a request and turns ids into indices: parties (merged when they overlap, since
 * "together" is transitive) become units, locks move to units, apart pairs become unit pairs.
 * Every request that is malformed or impossible on its face is refused here with the reason; what
 * needs a search to decide (packing parties into the team sizes, colouring the apart graph) is
 * left to the solvers, which refuse only what they have proven impossible.
 */
export function buildProblem(req: BalanceRequest, baseline: number): Problem {
  const players = req.players;
  if (!Array.isArray(players)) throw new DomainError("INVALID_TEAMS", `players must be a list, got ${describeValue(players)}`);
  if (players.length === 0) throw new DomainError("INVALID_TEAMS", "no players to balance");
  if (players.length > MAX_PLAYERS) {
    throw new DomainError("INVALID_TEAMS", `at most ${MAX_PLAYERS} players per lobby, got ${players.length}`);
  }
  const index = new Map<string, number>();
  // Callers pass parsed JSON: say what the value IS, so a string "1500" is not called "not finite".
  players.forEach((p: unknown, i) => {
    if (typeof p !== "object" || p === null) {
      throw new DomainError("INVALID_PLAYER", `player ${i} must be an object with id and rating, got ${describeValue(p)}`);
    }
    const { id, rating, deviation } = p as Record<string, unknown>;
    if (typeof id !== "string" || id.length === 0) {
      throw new DomainError("INVALID_PLAYER", `player ${i}: id must be a non-empty string, got ${describeValue(id)}`);
    }
    if (index.has(id)) throw new DomainError("DUPLICATE_PLAYER", `player ${id} is listed twice`);
    if (typeof rating !== "number" || !Number.isFinite(rating)) {
      throw new DomainError("INVALID_RATING", `player ${id}: rating must be a finite number, got ${describeValue(rating)}`);
    }
    if (deviation !== undefined && !(typeof deviation === "number" && Number.isFinite(deviation) && deviation > 0)) {
      throw new DomainError("INVALID_RATING", `player ${id}: deviation must be a finite number > 0, got ${describeValue(deviation)}`);
    }
    index.set(id, i);
  });
  const n = players.length;
  const sizes = teamSizes(req, n);
  const k = sizes.length;
  const lookup = (id: unknown, what: string): number => {
    if (typeof id !== "string") throw new DomainError("INVALID_TEAMS", `${what} must name players by id (a string), got ${describeValue(id)}`);
    const i = index.get(id);
    if (i === undefined) throw new DomainError("UNKNOWN_PLAYER", `${what} names ${id}, who is not in the lobby`);
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
  for (const party of list(req.parties, "parties")) {
    if (!Array.isArray(party)) throw new DomainError("INVALID_TEAMS", `each party must be a list of player ids, got ${describeValue(party)}`);
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

  const locks: unknown = req.locks ?? {};
  if (typeof locks !== "object" || locks === null || Array.isArray(locks)) {
    throw new DomainError("INVALID_TEAMS", `locks must map player ids to team numbers, got ${describeValue(locks)}`);
  }
  for (const [id, team] of Object.entries(locks)) {
    const unit = units[unitOf[lookup(id, "a lock")]];
    if (typeof team !== "number" || !Number.isInteger(team) || team < 0 || team >= k) {
      throw new DomainError("INVALID_TEAMS", `lock of ${id}: the team must be an integer 0..${k - 1}, got ${describeValue(team)}`);
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
  for (const pair of list(req.apart, "apart")) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new DomainError("INVALID_TEAMS", `each apart entry must be a pair of ids, got ${describeValue(pair)}`);
    }
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
    if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((s) => typeof s !== "number" || !Number.isInteger(s) || s < 1)) {
      throw new DomainError("INVALID_TEAMS", `teamSizes must list at least 2 positive integers, got ${describeValue(sizes)}`);
    }
    if (req.teamCount !== undefined && req.teamCount !== sizes.length) {
      if (typeof req.teamCount !== "number") throw new DomainError("INVALID_TEAMS", `teamCount must be an integer ≥ 2, got ${describeValue(req.teamCount)}`);
      throw new DomainError("INVALID_TEAMS", `teamCount ${req.teamCount} disagrees with ${sizes.length} teamSizes`);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== n) throw new DomainError("INVALID_TEAMS", `team sizes add up to ${total} but there are ${n} players`);
    return [...sizes];
  }
  const k = req.teamCount ?? 2;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 2)
    throw new DomainError("INVALID_TEAMS", `teamCount must be an integer ≥ 2, got ${describeValue(k)}`);
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

/** An optional list from the request; anything but an array (a string would iterate!) is refused. */
function list(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new DomainError("INVALID_TEAMS", `${name} must be a list, got ${describeValue(value)}`);
  return value;
}

/**
 * What a value is, for messages about parsed JSON: a number as itself (NaN, Infinity, 2.5), any
 * other type named first (string "1500", boolean true, null), so a type error never reads as a
 * range error.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}: ${short(value)}`;
  if (typeof value === "object") return `an object ${short(value)}`;
  return `${typeof value} ${String(value)}`;
}

function short(value: object): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // cycles and BigInts: still say something
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
