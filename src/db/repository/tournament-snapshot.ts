/**
 * The whole tournament in one batch of selects (one round trip on every transport): the row with
 * its format, venue and ladder, registrations and rosters with names and ladder ratings, stages,
 * rounds, and pairings with the state of their rated match (whose id is the pairing's).
 */
import { and, asc, eq, getTableColumns, type InferSelectModel, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import type { Database } from "../connect";
import type * as schema from "../schema/sqlite";
import { guarded } from "./context";
import { uuidOr } from "./tournament-registrations";
import { type Tournament, type TournamentFormat, tournamentColumns, type Venue } from "./tournaments";
import type { MatchRow } from "./types";

type Registration = InferSelectModel<typeof schema.tournamentRegistrations>;
type Stage = InferSelectModel<typeof schema.tournamentStages>;
type Round = InferSelectModel<typeof schema.tournamentRounds>;
type Pairing = InferSelectModel<typeof schema.tournamentPairings>;

export interface SnapshotRegistration extends Registration {
  discordUserId: string;
  displayName: string;
  /** The player's ladder rating; null before their first game in the ladder. */
  rating: number | null;
}

export interface SnapshotRosterMember {
  registrationId: string;
  playerId: string;
  position: number;
  discordUserId: string;
  displayName: string;
  rating: number | null;
}

export interface SnapshotPairing extends Pairing {
  stageId: string;
  roundNumber: number;
  /** The rated ladder match (id = pairing id): its status and placements, null before it exists. */
  matchStatus: MatchRow["status"] | null;
  matchRanks: number[] | null;
}

export interface PlaySnapshot {
  tournament: Tournament;
  playVersion: number;
  format: TournamentFormat;
  venue: Venue | null;
  ladder: { id: string; slug: string; initialRating: number };
  registrations: SnapshotRegistration[];
  rosters: SnapshotRosterMember[];
  stages: Stage[];
  rounds: Round[];
  pairings: SnapshotPairing[];
}

/**
 * The batch's statements run in one transaction, but at READ COMMITTED (Postgres) each sees the
 * data committed before it started, so a round paired between two of them could be half seen. A
 * snapshot is consistent when every pairing's round, every round's stage and pairings, and every
 * roster's registration are there; otherwise it is read again (writes are one batch each, so the
 * second read, or the third, sees all of a write or none of it).
 */
export async function loadPlay(database: Database, guildId: string, tournamentId: string): Promise<PlaySnapshot> {
  let snap = await readPlay(database, guildId, tournamentId);
  for (let attempt = 0; attempt < 3 && !consistent(snap); attempt += 1) snap = await readPlay(database, guildId, tournamentId);
  return snap;
}

function consistent(snap: PlaySnapshot): boolean {
  const rounds = new Set(snap.rounds.map((r) => r.id));
  const stages = new Set(snap.stages.map((s) => s.id));
  const registrations = new Set(snap.registrations.map((r) => r.id));
  const paired = new Set(snap.pairings.map((p) => p.roundId));
  return (
    snap.pairings.every((p) => rounds.has(p.roundId)) &&
    snap.rounds.every((r) => stages.has(r.stageId) && paired.has(r.id)) &&
    snap.rosters.every((r) => registrations.has(r.registrationId))
  );
}

async function readPlay(database: Database, guildId: string, tournamentId: string): Promise<PlaySnapshot> {
  const tid = uuidOr("tournament", tournamentId);
  const { t } = database;
  const { tournaments: tr, tournamentFormats: f, venues: v, ladders: l, tournamentRegistrations: reg, tournamentRosters: ros, players: p } = t;
  const { tournamentStages: st, tournamentRounds: rd, tournamentPairings: pr, ladderPlayers: lp, matches: m } = t;
  const visible = tournamentColumns(tr);
  const ladderOf = sql`(select ${tr.ladderId} from ${tr} where ${tr.id} = ${tid})`;
  const [head, registrations, rosters, stages, rounds, pairings] = await guarded(() =>
    database.batch((db) => [
      db
        .select({
          tournament: visible,
          playVersion: tr.playVersion,
          format: getTableColumns(f),
          venue: getTableColumns(v),
          ladder: { id: l.id, slug: l.slug, initialRating: l.initialRating },
        })
        .from(tr)
        .innerJoin(f, eq(f.id, tr.formatId))
        .innerJoin(l, eq(l.id, tr.ladderId))
        .leftJoin(v, eq(v.id, tr.venueId))
        .where(and(eq(tr.id, tid), eq(tr.guildId, guildId))),
      db
        .select({ reg: getTableColumns(reg), discordUserId: p.discordUserId, displayName: p.displayName, rating: lp.rating })
        .from(reg)
        .innerJoin(p, eq(p.id, reg.playerId))
        .leftJoin(lp, and(eq(lp.playerId, reg.playerId), eq(lp.ladderId, ladderOf)))
        .where(eq(reg.tournamentId, tid))
        .orderBy(asc(reg.seq)),
      db
        .select({
          registrationId: ros.registrationId,
          playerId: ros.playerId,
          position: ros.position,
          discordUserId: p.discordUserId,
          displayName: p.displayName,
          rating: lp.rating,
        })
        .from(ros)
        .innerJoin(p, eq(p.id, ros.playerId))
        .leftJoin(lp, and(eq(lp.playerId, ros.playerId), eq(lp.ladderId, ladderOf)))
        .where(eq(ros.tournamentId, tid))
        .orderBy(asc(ros.registrationId), asc(ros.position)),
      db.select().from(st).where(eq(st.tournamentId, tid)).orderBy(asc(st.number)),
      db.select(getTableColumns(rd)).from(rd).innerJoin(st, eq(st.id, rd.stageId)).where(eq(st.tournamentId, tid)).orderBy(asc(st.number), asc(rd.number)),
      db
        .select({ pairing: getTableColumns(pr), stageId: rd.stageId, roundNumber: rd.number, matchStatus: m.status, matchRanks: m.ranks })
        .from(pr)
        .innerJoin(rd, eq(rd.id, pr.roundId))
        .innerJoin(st, eq(st.id, rd.stageId))
        .leftJoin(m, eq(m.id, pr.id))
        .where(eq(st.tournamentId, tid))
        .orderBy(asc(st.number), asc(rd.number), asc(pr.station)),
    ]),
  );
  const row = head[0];
  if (!row) throw new NotFoundError("tournament", tournamentId);
  return {
    tournament: row.tournament,
    playVersion: Number(row.playVersion),
    format: row.format,
    venue: row.venue,
    ladder: row.ladder,
    registrations: registrations.map((r) => ({ ...r.reg, discordUserId: r.discordUserId, displayName: r.displayName, rating: r.rating })),
    rosters,
    stages,
    rounds,
    pairings: pairings.map((r) => ({ ...r.pairing, stageId: r.stageId, roundNumber: r.roundNumber, matchStatus: r.matchStatus, matchRanks: r.matchRanks })),
  };
}
