/**
 * The tournament API as an organiser's client calls it (through the Worker in workerd): a guild
 * with players, a venue, a format and a tournament, made over HTTP only. Types here are what the
 * tests read from responses; the assertions check them.
 */
import { expect } from "vitest";
import type { Bindings } from "../../src/env";
import { body, call, seedGuildOverHttp } from "../support/worker";

export interface Ref {
  registrationId: string;
  seq: number;
  seed: number | null;
  name: string;
}
export interface Pairing {
  id: string;
  station: number;
  table: number | null;
  slot: string | null;
  a: Ref;
  b: Ref | null;
  result: "a" | "b" | "draw" | null;
}
export interface Round {
  stage: number;
  number: number;
  status: string;
  pairings: Pairing[];
}
export interface Standing {
  rank: number;
  entrant: Ref;
  points: number;
  played: number;
  wins: number;
  draws: number;
  losses: number;
  byes: number;
  tiebreaks: Record<string, number>;
}
export interface BracketMatch {
  id: string;
  side: string;
  slots: [{ label: string; entrant: Ref | null }, { label: string; entrant: Ref | null }];
  result: "a" | "b" | "draw" | null;
  winner: Ref | null;
  pairingId: string | null;
  onlyIfReset: boolean;
  skipped: boolean;
}
export interface ErrorBody {
  error: { code: string; message: string; details?: { reason?: string; fields?: Array<{ path: string }> } };
}

export interface Player {
  id: string;
  discordUserId: string;
}

/** An admin client for one guild; `read` calls go without any key, as the public's would. */
export class TournamentClient {
  constructor(
    readonly env: Bindings,
    readonly guildId: string,
    readonly players: Player[],
  ) {}

  static async withPlayers(env: Bindings, n: number): Promise<TournamentClient> {
    const { guildId } = await seedGuildOverHttp(env, n, "Tournament guild");
    const listed = await body<{ items: Player[] }>(await call(env, `/v1/guilds/${guildId}/players?limit=100`));
    expect(listed.items).toHaveLength(n);
    return new TournamentClient(env, guildId, listed.items);
  }

  path(rest: string): string {
    return `/v1/guilds/${this.guildId}${rest}`;
  }

  write(method: string, rest: string, json?: unknown, headers?: HeadersInit): Promise<Response> {
    return call(this.env, this.path(rest), { method, admin: true, json, headers });
  }

  read(rest: string): Promise<Response> {
    return call(this.env, this.path(rest));
  }

  /** A write that must succeed with `status`; its JSON body. */
  async ok<T>(method: string, rest: string, json?: unknown, status = 200): Promise<T> {
    const res = await this.write(method, rest, json);
    const text = await res.text();
    expect(res.status, `${method} ${rest} -> ${text}`).toBe(status);
    return JSON.parse(text) as T;
  }

  async get<T>(rest: string): Promise<T> {
    const res = await this.read(rest);
    const text = await res.text();
    expect(res.status, `GET ${rest} -> ${text}`).toBe(200);
    return JSON.parse(text) as T;
  }

  /** A venue, a format of `kind` and a tournament in registration with every player entered. */
  async openTournament(format: Record<string, unknown>, options: { register?: boolean } = {}): Promise<string> {
    const venue = await this.ok<{ id: string }>("POST", "/venues", { name: `Hall ${crypto.randomUUID().slice(0, 8)}`, stations: 3 }, 201);
    const created = await this.ok<{ id: string }>("POST", "/tournament-formats", { name: `F ${crypto.randomUUID().slice(0, 8)}`, ...format }, 201);
    const t = await this.ok<{ id: string; status: string }>("POST", "/tournaments", { name: "Cup", formatId: created.id, venueId: venue.id, rated: true }, 201);
    expect(t.status).toBe("draft");
    await this.ok("POST", `/tournaments/${t.id}/registration`);
    if (options.register !== false) {
      // Half by our id, half by Discord id: both name a player.
      for (const [i, p] of this.players.entries()) await this.ok("POST", `/tournaments/${t.id}/entrants`, { player: i % 2 ? p.discordUserId : p.id }, 201);
    }
    return t.id;
  }

  async rounds(tournamentId: string, round?: number): Promise<Round[]> {
    const query = round === undefined ? "" : `?round=${round}`;
    return (await this.get<{ rounds: Round[] }>(`/tournaments/${tournamentId}/pairings${query}`)).rounds;
  }
}

/** Results computed by the test from what it reported: points, games and opponents per entrant. */
export class Ledger {
  readonly points = new Map<string, number>();
  readonly record = new Map<string, { wins: number; draws: number; losses: number; byes: number }>();
  readonly opponents = new Map<string, Array<{ id: string; scored: number }>>();
  readonly met = new Set<string>();

  constructor(readonly scoring = { win: 1, draw: 0.5, loss: 0, bye: 1 }) {}

  private entry(id: string) {
    let r = this.record.get(id);
    if (!r) {
      r = { wins: 0, draws: 0, losses: 0, byes: 0 };
      this.record.set(id, r);
    }
    return r;
  }

  private add(id: string, points: number) {
    this.points.set(id, (this.points.get(id) ?? 0) + points);
  }

  played(a: string, b: string): boolean {
    return this.met.has([a, b].sort().join("|"));
  }

  bye(id: string) {
    this.entry(id).byes++;
    this.add(id, this.scoring.bye);
  }

  game(a: string, b: string, result: "a" | "b" | "draw") {
    this.met.add([a, b].sort().join("|"));
    const s = this.scoring;
    const [pa, pb] = result === "draw" ? [s.draw, s.draw] : result === "a" ? [s.win, s.loss] : [s.loss, s.win];
    this.add(a, pa);
    this.add(b, pb);
    const ra = this.entry(a);
    const rb = this.entry(b);
    if (result === "draw") {
      ra.draws++;
      rb.draws++;
    } else if (result === "a") {
      ra.wins++;
      rb.losses++;
    } else {
      rb.wins++;
      ra.losses++;
    }
    this.opponents.set(a, [...(this.opponents.get(a) ?? []), { id: b, scored: pa }]);
    this.opponents.set(b, [...(this.opponents.get(b) ?? []), { id: a, scored: pb }]);
  }

  /** Sum of the opponents' final points. */
  buchholz(id: string): number {
    return (this.opponents.get(id) ?? []).reduce((sum, o) => sum + (this.points.get(o.id) ?? 0), 0);
  }

  /** Sum over opponents of (points scored against them / points for a win) × their final points. */
  sonnebornBerger(id: string): number {
    return (this.opponents.get(id) ?? []).reduce((sum, o) => sum + (o.scored / this.scoring.win) * (this.points.get(o.id) ?? 0), 0);
  }
}
