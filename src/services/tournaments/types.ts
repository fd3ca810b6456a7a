/**
 * What the tournament service hands to the API, the web page and the Discord bot: plain,
 * JSON-ready views of a tournament, built from the stored rows by the pure format code.
 */
import type { Tournament, TournamentFormat, Venue } from "../../db/repository";
import type { Standing, Tiebreak } from "../../domain/tournament";

export type PairingResult = "a" | "b" | "draw";

/** How an entrant is named wherever it appears (pairings, brackets, standings). */
export interface EntrantRef {
  registrationId: string;
  /** Registration number: 1, 2, 3, ... gapless per tournament. */
  seq: number;
  /** Seed fixed at the start (1 = top); null before the start and for late entries until seeded. */
  seed: number | null;
  /** The team's name, else the player's display name. */
  name: string;
}

export interface EntrantView extends EntrantRef {
  /** The player who registered (the captain of a team). */
  playerId: string;
  discordUserId: string;
  teamName: string | null;
  /** Team members, captain first; a single player for individual tournaments. */
  roster: { playerId: string; discordUserId: string; name: string }[];
  status: "registered" | "checked_in" | "dropped";
  late: boolean;
}

export interface PairingView {
  id: string;
  /** Board number in the round: 1, 2, 3, ... */
  station: number;
  /** The venue's table for this board (boards beyond the venue's tables share them in waves); null without a venue. */
  table: number | null;
  /** The bracket match this game is (elimination: "W1-1", "L2-3", "GF1"); null in Swiss and round robin. */
  slot: string | null;
  a: EntrantRef;
  /** null: a bye for a. */
  b: EntrantRef | null;
  result: PairingResult | null;
  /** The ladder match that rated this game (rated tournaments only). */
  matchId: string | null;
}

export interface RoundView {
  /** The stage the round belongs to (1, then 2 for a playoff after Swiss or round robin). */
  stage: number;
  number: number;
  status: "pending" | "running" | "finished";
  pairings: PairingView[];
}

/** One match of an elimination bracket, played or still to come. */
export interface BracketMatchView {
  id: string;
  side: "winners" | "losers" | "final";
  round: number;
  /** Who fills each slot once known; the label says where it comes from ("Seed 3", "Winner of W1-2"). */
  slots: [BracketSlotView, BracketSlotView];
  result: PairingResult | null;
  winner: EntrantRef | null;
  /** The stored game once paired. */
  pairingId: string | null;
  /** The grand-final reset, played only if the losers-bracket champion wins GF1. */
  onlyIfReset: boolean;
  /** A reset that turned out not to be needed. */
  skipped: boolean;
}

export interface BracketSlotView {
  label: string;
  entrant: EntrantRef | null;
}

export interface StageView {
  number: number;
  kind: TournamentFormat["kind"];
  status: "pending" | "running" | "finished";
  /** Rounds the stage will have (Swiss: the format's or ⌈log2 n⌉; round robin: n − 1 or n; elimination: null). */
  plannedRounds: number | null;
  /** Elimination stages only. */
  bracket: BracketMatchView[] | null;
  /**
   * This stage's table, from its own games only: Swiss / round robin by the format's points and
   * tiebreaks (seed last); elimination by placement. A Swiss stage before a top cut keeps its
   * final table here once the playoff has started.
   */
  standings: StandingView[];
}

/** The domain's row (rank, points, record) with the entrant named and the tiebreaks keyed by name. */
export interface StandingView extends Pick<Standing, "rank" | "points" | "played" | "wins" | "draws" | "losses" | "byes"> {
  entrant: EntrantRef;
  tiebreaks: Partial<Record<Tiebreak, number>>;
  dropped: boolean;
}

export interface TournamentView {
  tournament: Tournament;
  format: TournamentFormat;
  venue: Venue | null;
  entrants: EntrantView[];
  stages: StageView[];
  /** Every round of every stage, in play order. */
  rounds: RoundView[];
  /**
   * The standings of the last stage created (the one being played, or the final one once play is
   * over), whatever its kind: the same rows as `stages.at(-1).standings`. With a top cut that is
   * the Swiss / round-robin table until the playoff is paired, then the playoff's placements;
   * earlier stages' tables are in `stages`. Empty before the start.
   */
  standings: StandingView[];
}
