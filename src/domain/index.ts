/**
 * Public surface of the pure domain: ratings (Glicko-2 and its team model) and team balance.
 * Nothing here does I/O or reads the clock, so the Worker, Node tools and tests share it as is.
 */
export { DomainError } from "./errors.js";
export type { DomainErrorCode } from "./errors.js";
export {
  DEFAULT_GLICKO_CONFIG,
  GLICKO2_SCALE,
  decayRating,
  initialRating,
  ratePeriod,
} from "./glicko2.js";
export type { GlickoConfig, PlayerRating } from "./glicko2.js";
export { rateMatch, winProbabilities } from "./team-rating.js";
export type { PlayerUpdate, RatedPlayer } from "./team-rating.js";
export { balanceTeams } from "./balance/index.js";
export type { BalanceOptions } from "./balance/index.js";
export type { BalancePlayer, BalanceRequest, BalanceResult, TeamSplit } from "./balance/types.js";
export { greedySplit, snakeDraft } from "./balance/baselines.js";
export type { BaselineSplit } from "./balance/baselines.js";
export { gaussian, seededRandom } from "./random.js";
export {
  CHESS_POINTS,
  DEFAULT_TIEBREAKS,
  FOOTBALL_POINTS,
  computeStandings,
  doubleElimination,
  pairSwissRound,
  roundRobin,
  seedByRating,
  seedPositions,
  singleElimination,
} from "./tournament/index.js";
export type {
  Bracket,
  BracketMatch,
  DoubleEliminationOptions,
  EntrantId,
  GameRecord,
  Pairing,
  PointsFormat,
  RatedEntrant,
  RoundRobinOptions,
  RoundRobinRound,
  SlotSource,
  Standing,
  StandingsRequest,
  SwissOptions,
  SwissRequest,
  SwissRound,
  Tiebreak,
} from "./tournament/index.js";
