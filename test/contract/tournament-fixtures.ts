/** Builders shared by the tournament play suites: a guild with players, a format, a tournament, entrants. */
import { expect } from "vitest";
import type { Repository, TournamentFormat } from "../../src/db/repository";
import type { FormatInput } from "../../src/db/repository/tournaments";
import { CHESS_POINTS } from "../../src/domain/tournament";
import { type PairingResult, pairNextRound, reportResult, type RoundView, type TournamentView, tournamentView } from "../../src/services/tournaments";
import { freshGuildId } from "../support/backends";
import { seedGuild } from "../support/fixtures";

export const OPTIONS = { now: () => new Date() };

export interface Setup {
  guildId: string;
  players: string[];
  tournamentId: string;
  format: TournamentFormat;
}

/**
 * A guild with `players` players, a format and a tournament open for registration; the first
 * `register` players registered in order (so registration seeding gives player i seed i + 1).
 */
export async function openTournament(
  repo: Repository,
  options: {
    players: number;
    register?: number;
    format?: Partial<FormatInput>;
    rated?: boolean;
    topCut?: number;
    teamSize?: number;
    venueStations?: number;
  },
): Promise<Setup> {
  const guildId = freshGuildId();
  const players = (await seedGuild(repo, guildId, options.players)).map((p) => p.id);
  const ladder = await repo.ladders.resolve(guildId);
  const format = await repo.tournaments.createFormat(guildId, { name: "F", kind: "swiss", points: CHESS_POINTS, ...options.format }, "test");
  const venue = options.venueStations ? await repo.tournaments.createVenue(guildId, { name: "Hall", stations: options.venueStations }, "test") : null;
  const tournament = await repo.tournaments.create(
    guildId,
    {
      ladderId: ladder.id,
      formatId: format.id,
      venueId: venue?.id ?? null,
      name: "Cup",
      rated: options.rated ?? false,
      topCut: options.topCut ?? null,
      teamSize: options.teamSize ?? null,
    },
    "test",
  );
  await repo.tournaments.openRegistration(guildId, tournament.id, "test");
  for (const id of players.slice(0, options.register ?? 0)) await repo.tournaments.register(tournament.id, id, "test");
  return { guildId, players, tournamentId: tournament.id, format };
}

/** The registration id of player i (0-based, in registration order). */
export function entrantOf(view: TournamentView, seq: number): string {
  const e = view.entrants.find((x) => x.seq === seq);
  if (!e) throw new Error(`no entrant ${seq}`);
  return e.registrationId;
}

/** A round's games as [seed a, seed b | null] pairs, board order. */
export function seedPairs(round: RoundView): [number | null, number | null][] {
  return round.pairings.map((p) => [p.a.seed, p.b?.seed ?? null]);
}

/** Reports every open game of a round; `decide` picks the result from the two seeds. */
export async function playRound(repo: Repository, setup: Setup, round: RoundView, decide: (a: number, b: number, slot: string | null) => PairingResult) {
  for (const p of round.pairings) {
    if (p.result !== null || p.b === null) continue;
    await reportResult(repo, setup.guildId, setup.tournamentId, p.id, decide(p.a.seed ?? 0, p.b.seed ?? 0, p.slot), "test", OPTIONS);
  }
}

/** Pairs and plays rounds until nothing is left to pair; returns every round played. */
export async function playOut(repo: Repository, setup: Setup, first: RoundView, decide: (a: number, b: number, slot: string | null) => PairingResult) {
  const rounds = [first];
  await playRound(repo, setup, first, decide);
  for (;;) {
    const next = await pairNextRound(repo, setup.guildId, setup.tournamentId, "test", OPTIONS).catch((error: { details?: { reason?: string } }) => {
      if (error.details?.reason === "NOTHING_TO_PAIR") return null;
      throw error;
    });
    if (!next) break;
    rounds.push(next);
    await playRound(repo, setup, next, decide);
    expect(rounds.length).toBeLessThan(40);
  }
  return { rounds, view: await tournamentView(repo, setup.guildId, setup.tournamentId) };
}

/** Every unordered pair of entrants that met in the rounds (byes left out). */
export function meetings(rounds: RoundView[]): string[] {
  return rounds.flatMap((r) => r.pairings.flatMap((p) => (p.b ? [[p.a.seq, p.b.seq].sort((x, y) => x - y).join("-")] : [])));
}

/**
 * The 8-player Swiss both lifecycle suites play, standings worked out by hand as
 * [rank, seed, points, Buchholz]. Games: R1 1>5 2>6 3>7 4>8; R2 1>3 2>4 5>7 6>8; R3 1=2 5>3 4>6 7>8.
 * Points 1:2.5 2:2.5 3:1 4:2 5:2 6:1 7:1 8:0; Buchholz = Σ opponents' points (1: 5,3,2 = 5.5;
 * 2: 6,4,1 = 5.5; 3: 7,1,5 = 5.5; 4: 8,2,6 = 3.5; 5: 1,7,3 = 4.5; 6: 2,8,4 = 4.5; 7: 3,5,8 = 3;
 * 8: 4,6,7 = 4). 1 and 2 drew and tie on every tiebreak: seed decides.
 */
export const SWISS_8_TABLE = [
  [1, 1, 2.5, 5.5],
  [2, 2, 2.5, 5.5],
  [3, 5, 2, 4.5],
  [4, 4, 2, 3.5],
  [5, 3, 1, 5.5],
  [6, 6, 1, 4.5],
  [7, 7, 1, 3],
  [8, 8, 0, 4],
];
