/**
 * Seeds the tournament browser test through the tournament service (as an organiser would play
 * them), and records every result it reports, so that the test can work out what the page should
 * show without asking the code under test.
 */
import type { Repository } from "../../src/db/repository";
import { CHESS_POINTS } from "../../src/domain/tournament";
import {
  type PairingView,
  checkInEntrant,
  dropEntrant,
  finishTournament,
  type PairingResult,
  pairNextRound,
  registerEntrant,
  reportResult,
  startTournament,
  tournamentView,
} from "../../src/services/tournaments";

export const TOURNAMENT_GUILD = "1000000000000000077";
const NAMES = ["Ada", "Bo", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal"];
const ACTOR = "browser-test";
const options = { now: () => new Date() };

export interface PlayedGame {
  round: number;
  board: number;
  /** The bracket match ("W1-1", "GF2") in elimination, else null. */
  slot: string | null;
  a: string;
  b: string | null;
  result: PairingResult | null;
}

export interface Played {
  id: string;
  /** Entrants in registration order (= seed order: seeded by registration). */
  names: string[];
  games: PlayedGame[];
  dropped: string | null;
}

interface Field {
  ladderId: string;
  venueId: string;
  playerIds: string[];
  checkInId: string;
}

/** A guild with 8 players, a venue and a tournament in check-in (players 1 and 3 checked in). */
export async function seedField(repo: Repository): Promise<Field> {
  await repo.guilds.upsert({ id: TOURNAMENT_GUILD, name: "tournament club", settings: { teamSize: 1 } }, ACTOR);
  const playerIds: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const p = await repo.players.create({ guildId: TOURNAMENT_GUILD, discordUserId: `${300000000000000000n + BigInt(i)}`, displayName: name }, ACTOR);
    playerIds.push(p.id);
  }
  const ladder = await repo.ladders.resolve(TOURNAMENT_GUILD);
  const venue = await repo.tournaments.createVenue(TOURNAMENT_GUILD, { name: "Club Hall", stations: 4 }, ACTOR);
  const format = await repo.tournaments.createFormat(TOURNAMENT_GUILD, { name: "Quick Swiss", kind: "swiss", rounds: 3, points: CHESS_POINTS }, ACTOR);
  const t = await repo.tournaments.create(TOURNAMENT_GUILD, { ladderId: ladder.id, formatId: format.id, name: "Spring Check-in", rated: false }, ACTOR);
  await repo.tournaments.openRegistration(TOURNAMENT_GUILD, t.id, ACTOR);
  for (const playerId of playerIds.slice(0, 4)) await registerEntrant(repo, TOURNAMENT_GUILD, t.id, { playerId }, ACTOR);
  await repo.tournaments.advance(TOURNAMENT_GUILD, t.id, "openCheckIn", ACTOR);
  for (const i of [0, 2]) await checkInEntrant(repo, TOURNAMENT_GUILD, t.id, playerIds[i] as string, ACTOR);
  return { ladderId: ladder.id, venueId: venue.id, playerIds, checkInId: t.id };
}

async function openTournament(repo: Repository, field: Field, name: string, formatId: string, venueId: string | null): Promise<string> {
  const t = await repo.tournaments.create(TOURNAMENT_GUILD, { ladderId: field.ladderId, formatId, venueId, name, rated: false }, ACTOR);
  await repo.tournaments.openRegistration(TOURNAMENT_GUILD, t.id, ACTOR);
  for (const playerId of field.playerIds) await registerEntrant(repo, TOURNAMENT_GUILD, t.id, { playerId }, ACTOR);
  await startTournament(repo, TOURNAMENT_GUILD, t.id, { seeding: "registration" }, ACTOR, options);
  return t.id;
}

/**
 * 8 players, 3 rounds, Buchholz then Sonneborn–Berger. Results vary by board and round (wins for
 * either side and draws); Hal drops after round 2, so round 3 pairs 7 and gives a bye.
 */
export async function playSwiss(repo: Repository, field: Field): Promise<Played> {
  const format = await repo.tournaments.createFormat(
    TOURNAMENT_GUILD,
    { name: "Swiss 3", kind: "swiss", rounds: 3, points: CHESS_POINTS, tiebreaks: ["buchholz", "sonneborn-berger"] },
    ACTOR,
  );
  const id = await openTournament(repo, field, "Autumn Swiss", format.id, field.venueId);
  const games: PlayedGame[] = [];
  for (let round = 1; round <= 3; round += 1) {
    if (round > 1) await pairNextRound(repo, TOURNAMENT_GUILD, id, ACTOR, { ...options, round });
    const view = await tournamentView(repo, TOURNAMENT_GUILD, id);
    const current = view.rounds.find((r) => r.number === round);
    if (!current) throw new Error(`round ${round} was not paired`);
    for (const p of current.pairings) {
      const result: PairingResult | null = p.b === null ? null : ((["a", "b", "draw"] as const)[(round + p.station) % 3] ?? "a");
      if (result) await reportResult(repo, TOURNAMENT_GUILD, id, p.id, result, ACTOR, options);
      games.push({ round, board: p.station, slot: null, a: p.a.name, b: p.b?.name ?? null, result });
    }
    if (round === 2) await dropEntrant(repo, TOURNAMENT_GUILD, id, field.playerIds[7] as string, ACTOR);
  }
  await finishTournament(repo, TOURNAMENT_GUILD, id, ACTOR);
  return { id, names: [...NAMES], games, dropped: NAMES[7] ?? null };
}

/** Picks a game's result from what the test has recorded so far. */
type Choose = (p: PairingView, round: number, games: PlayedGame[]) => PairingResult;

const betterSeed = (p: PairingView): PairingResult => ((p.a.seed ?? 99) < (p.b?.seed ?? 99) ? "a" : "b");

/**
 * Reports every open game, pairs the next round when none is open, until the last stage is an
 * elimination whose bracket is complete; then finishes. Returns the games in the order reported.
 */
async function playOut(repo: Repository, id: string, choose: Choose): Promise<PlayedGame[]> {
  const games: PlayedGame[] = [];
  const reported = new Set<string>();
  for (let step = 0; step < 60; step += 1) {
    const view = await tournamentView(repo, TOURNAMENT_GUILD, id);
    const open = view.rounds
      .flatMap((r) => r.pairings.map((p) => ({ p, round: r.number })))
      .filter(({ p }) => p.b !== null && p.result === null && !reported.has(p.id));
    if (open.length === 0) {
      const last = view.stages[view.stages.length - 1];
      if (last?.bracket?.every((m) => m.skipped || m.winner !== null)) break;
      await pairNextRound(repo, TOURNAMENT_GUILD, id, ACTOR, options);
      continue;
    }
    for (const { p, round } of open) {
      const result = choose(p, round, games);
      await reportResult(repo, TOURNAMENT_GUILD, id, p.id, result, ACTOR, options);
      reported.add(p.id);
      games.push({ round, board: p.station, slot: p.slot, a: p.a.name, b: p.b?.name ?? null, result });
    }
  }
  await finishTournament(repo, TOURNAMENT_GUILD, id, ACTOR);
  return games;
}

const winnerName = (g: PlayedGame | undefined) => (g ? (g.result === "a" ? g.a : g.b) : null);

/**
 * 8 entrants, double elimination with a reset, played to its end: the better seed wins every
 * match except the first grand final, which the losers-bracket champion wins to force the reset.
 */
export async function playDoubleElimination(repo: Repository, field: Field): Promise<Played & { champion: string | null; resetPlayed: boolean }> {
  const format = await repo.tournaments.createFormat(TOURNAMENT_GUILD, { name: "Double", kind: "double_elimination", points: CHESS_POINTS }, ACTOR);
  const id = await openTournament(repo, field, "Winter Brackets", format.id, null);
  const games = await playOut(repo, id, (p, _round, played) => {
    if (p.slot !== "GF1") return betterSeed(p);
    // The losers-bracket champion is the finalist who has lost a game already.
    const lostBefore = (name: string) => played.some((g) => g.b !== null && (g.result === "a" ? g.b : g.a) === name);
    return lostBefore(p.a.name) ? "a" : "b";
  });
  return { id, names: [...NAMES], games, dropped: null, champion: winnerName(games[games.length - 1]), resetPlayed: games.some((g) => g.slot === "GF2") };
}

/** 8 players, a 2-round Swiss (results as in playSwiss), then a top-4 single elimination the better seed wins. */
export async function playTopCut(repo: Repository, field: Field): Promise<Played & { champion: string | null }> {
  const format = await repo.tournaments.createFormat(
    TOURNAMENT_GUILD,
    { name: "Swiss 2", kind: "swiss", rounds: 2, points: CHESS_POINTS, tiebreaks: ["buchholz", "sonneborn-berger"] },
    ACTOR,
  );
  const t = await repo.tournaments.create(
    TOURNAMENT_GUILD,
    { ladderId: field.ladderId, formatId: format.id, name: "Summer Open", rated: false, topCut: 4 },
    ACTOR,
  );
  await repo.tournaments.openRegistration(TOURNAMENT_GUILD, t.id, ACTOR);
  for (const playerId of field.playerIds) await registerEntrant(repo, TOURNAMENT_GUILD, t.id, { playerId }, ACTOR);
  await startTournament(repo, TOURNAMENT_GUILD, t.id, { seeding: "registration" }, ACTOR, options);
  const games = await playOut(repo, t.id, (p, round) => (p.slot === null ? ((["a", "b", "draw"] as const)[(round + p.station) % 3] ?? "a") : betterSeed(p)));
  return { id: t.id, names: [...NAMES], games, dropped: null, champion: winnerName(games[games.length - 1]) };
}
