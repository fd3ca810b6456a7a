/**
 * What clients see of tournaments (issue #10): venues, formats, tournaments and the service's views,
 * built field by field (rows carry audit columns and the registration token, which are not the
 * public's business). The same schemas describe the responses in OpenAPI.
 */
import { z } from "@hono/zod-openapi";
import type { Tournament, TournamentFormat, TournamentStatus, Venue } from "../db/repository";
import type { BracketMatchView, EntrantRef, EntrantView, PairingView, RoundView, StageView, StandingView, TournamentView } from "../services/tournaments";

// Spelled out here (the schema's lists live beside drizzle); the mappers below stop compiling if they drift.
const TOURNAMENT_FORMAT_KINDS = ["swiss", "round_robin", "single_elimination", "double_elimination"] as const satisfies readonly TournamentFormat["kind"][];
const TOURNAMENT_STATUSES = ["draft", "registration", "check_in", "running", "finished"] as const satisfies readonly TournamentStatus[];

const time = z.string().openapi({ format: "date-time" });
const phase = z.enum(["pending", "running", "finished"]);
export const pairingResult = z.enum(["a", "b", "draw"]).openapi({ description: '"a" or "b" won, or a draw' });

export const VenueSchema = z.object({ id: z.string(), name: z.string(), stations: z.number().int(), createdAt: time }).openapi("Venue");
export const publicVenue = (v: Venue): z.infer<typeof VenueSchema> => ({ id: v.id, name: v.name, stations: v.stations, createdAt: v.createdAt.toISOString() });

export const PointsSchema = z.object({ win: z.number(), draw: z.number(), loss: z.number(), bye: z.number() }).openapi("TournamentPoints");
export const TiebreakSchema = z.enum(["buchholz", "median-buchholz", "sonneborn-berger", "head-to-head"]);

export const FormatSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(TOURNAMENT_FORMAT_KINDS),
    rounds: z.number().int().nullable(),
    bestOf: z.number().int(),
    points: PointsSchema,
    tiebreaks: z.array(TiebreakSchema),
    createdAt: time,
  })
  .openapi("TournamentFormat");
export function publicFormat(f: TournamentFormat): z.infer<typeof FormatSchema> {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    rounds: f.rounds,
    bestOf: f.bestOf,
    points: { win: f.pointsWin, draw: f.pointsDraw, loss: f.pointsLoss, bye: f.pointsBye },
    tiebreaks: [...f.tiebreaks],
    createdAt: f.createdAt.toISOString(),
  };
}

export const TournamentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(TOURNAMENT_STATUSES),
    ladderId: z.string(),
    formatId: z.string(),
    venueId: z.string().nullable(),
    rated: z.boolean(),
    startsAt: time.nullable(),
    topCut: z.number().int().nullable(),
    teamSize: z.number().int().nullable(),
    createdAt: time,
  })
  .openapi("Tournament");
export function publicTournament(t: Tournament): z.infer<typeof TournamentSchema> {
  return {
    id: t.id,
    name: t.name,
    status: t.status,
    ladderId: t.ladderId,
    formatId: t.formatId,
    venueId: t.venueId,
    rated: t.rated,
    startsAt: t.startsAt ? t.startsAt.toISOString() : null,
    topCut: t.topCut,
    teamSize: t.teamSize,
    createdAt: t.createdAt.toISOString(),
  };
}

export const EntrantRefSchema = z
  .object({ registrationId: z.string(), seq: z.number().int(), seed: z.number().int().nullable(), name: z.string() })
  .openapi("EntrantRef");
const ref = (e: EntrantRef): z.infer<typeof EntrantRefSchema> => ({ registrationId: e.registrationId, seq: e.seq, seed: e.seed, name: e.name });

export const EntrantSchema = EntrantRefSchema.extend({
  playerId: z.string(),
  discordUserId: z.string(),
  teamName: z.string().nullable(),
  roster: z.array(z.object({ playerId: z.string(), discordUserId: z.string(), name: z.string() })),
  status: z.enum(["registered", "checked_in", "dropped"]),
  late: z.boolean(),
}).openapi("TournamentEntrant");
export function publicEntrant(e: EntrantView): z.infer<typeof EntrantSchema> {
  return {
    ...ref(e),
    playerId: e.playerId,
    discordUserId: e.discordUserId,
    teamName: e.teamName,
    roster: e.roster.map((m) => ({ playerId: m.playerId, discordUserId: m.discordUserId, name: m.name })),
    status: e.status,
    late: e.late,
  };
}

export const PairingSchema = z
  .object({
    id: z.string(),
    station: z.number().int(),
    table: z.number().int().nullable(),
    slot: z.string().nullable().openapi({ description: 'The bracket match ("W1-1", "L2-3", "GF1"); null in Swiss and round robin' }),
    a: EntrantRefSchema,
    b: EntrantRefSchema.nullable().openapi({ description: "null: a bye for a" }),
    result: pairingResult.nullable(),
    matchId: z.string().nullable(),
  })
  .openapi("TournamentPairing");
export function publicPairing(p: PairingView): z.infer<typeof PairingSchema> {
  return { id: p.id, station: p.station, table: p.table, slot: p.slot, a: ref(p.a), b: p.b ? ref(p.b) : null, result: p.result, matchId: p.matchId };
}

export const RoundSchema = z
  .object({ stage: z.number().int(), number: z.number().int(), status: phase, pairings: z.array(PairingSchema) })
  .openapi("TournamentRound");
export const publicRound = (r: RoundView): z.infer<typeof RoundSchema> => ({
  stage: r.stage,
  number: r.number,
  status: r.status,
  pairings: r.pairings.map(publicPairing),
});

const SlotSchema = z.object({ label: z.string(), entrant: EntrantRefSchema.nullable() });
export const BracketMatchSchema = z
  .object({
    id: z.string(),
    side: z.enum(["winners", "losers", "final"]),
    round: z.number().int(),
    slots: z.tuple([SlotSchema, SlotSchema]),
    result: pairingResult.nullable(),
    winner: EntrantRefSchema.nullable(),
    pairingId: z.string().nullable(),
    onlyIfReset: z.boolean(),
    skipped: z.boolean(),
  })
  .openapi("BracketMatch");
export function publicBracketMatch(m: BracketMatchView): z.infer<typeof BracketMatchSchema> {
  const slot = (s: BracketMatchView["slots"][number]) => ({ label: s.label, entrant: s.entrant ? ref(s.entrant) : null });
  return {
    id: m.id,
    side: m.side,
    round: m.round,
    slots: [slot(m.slots[0]), slot(m.slots[1])],
    result: m.result,
    winner: m.winner ? ref(m.winner) : null,
    pairingId: m.pairingId,
    onlyIfReset: m.onlyIfReset,
    skipped: m.skipped,
  };
}

export const TournamentStandingSchema = z
  .object({
    rank: z.number().int(),
    entrant: EntrantRefSchema,
    points: z.number(),
    played: z.number().int(),
    wins: z.number().int(),
    draws: z.number().int(),
    losses: z.number().int(),
    byes: z.number().int(),
    tiebreaks: z.partialRecord(TiebreakSchema, z.number()),
    dropped: z.boolean(),
  })
  .openapi("TournamentStanding");
export function publicStanding(s: StandingView): z.infer<typeof TournamentStandingSchema> {
  const { rank, points, played, wins, draws, losses, byes, dropped } = s;
  return { rank, entrant: ref(s.entrant), points, played, wins, draws, losses, byes, tiebreaks: { ...s.tiebreaks }, dropped };
}

export const StageSchema = z
  .object({
    number: z.number().int(),
    kind: z.enum(TOURNAMENT_FORMAT_KINDS),
    status: phase,
    plannedRounds: z.number().int().nullable(),
    bracket: z.array(BracketMatchSchema).nullable().openapi({ description: "Elimination stages only" }),
    standings: z.array(TournamentStandingSchema).openapi({
      description: "This stage ranked from its own games: Swiss / round robin by points and tiebreaks, elimination by placement",
    }),
  })
  .openapi("TournamentStage");
export const publicStage = (s: StageView): z.infer<typeof StageSchema> => ({
  number: s.number,
  kind: s.kind,
  status: s.status,
  plannedRounds: s.plannedRounds,
  bracket: s.bracket ? s.bracket.map(publicBracketMatch) : null,
  standings: s.standings.map(publicStanding),
});

export const TournamentViewSchema = z
  .object({
    tournament: TournamentSchema,
    format: FormatSchema,
    venue: VenueSchema.nullable(),
    entrants: z.array(EntrantSchema),
    stages: z.array(StageSchema),
    rounds: z.array(RoundSchema),
    standings: z.array(TournamentStandingSchema).openapi({ description: "The last stage's standings (the same as the last entry of stages)" }),
  })
  .openapi("TournamentView");
export function publicView(v: TournamentView): z.infer<typeof TournamentViewSchema> {
  return {
    tournament: publicTournament(v.tournament),
    format: publicFormat(v.format),
    venue: v.venue ? publicVenue(v.venue) : null,
    entrants: v.entrants.map(publicEntrant),
    stages: v.stages.map(publicStage),
    rounds: v.rounds.map(publicRound),
    standings: v.standings.map(publicStanding),
  };
}
