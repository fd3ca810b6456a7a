/**
 * Tournament formats, pure: Swiss pairing, round robin, single and double elimination brackets,
 * seeding and standings. Inputs are entrant ids in seed order and finished games; outputs are
 * plain data a database layer can store and advance.
 */
export { pairSwissRound } from "./swiss.js";
export type { SwissOptions, SwissRequest, SwissRound } from "./swiss.js";
export { roundRobin } from "./round-robin.js";
export type { RoundRobinOptions, RoundRobinRound } from "./round-robin.js";
export { doubleElimination, seedPositions, singleElimination } from "./elimination.js";
export type { Bracket, BracketMatch, DoubleEliminationOptions, SlotSource } from "./elimination.js";
export { seedByRating } from "./seeding.js";
export type { RatedEntrant } from "./seeding.js";
export { DEFAULT_TIEBREAKS, computeStandings } from "./standings.js";
export type { Standing, StandingsRequest, Tiebreak } from "./standings.js";
export { CHESS_POINTS, FOOTBALL_POINTS } from "./types.js";
export type { EntrantId, GameRecord, Pairing, PointsFormat } from "./types.js";
