/** A lobby member as the balancer sees it; deviation only sharpens the published win odds. */
export interface BalancePlayer {
  id: string;
  rating: number;
  deviation?: number;
}

/**
 * What an organiser can ask for: k teams (default 2) of given or near-equal sizes, parties that
 * must stay together, pairs that must be split, players locked to a team (0-based), and how many
 * runner-up splits to show (default 3).
 */
export interface BalanceRequest {
  players: BalancePlayer[];
  teamCount?: number;
  teamSizes?: number[];
  parties?: string[][];
  apart?: [string, string][];
  locks?: Record<string, number>;
  alternatives?: number;
}

/**
 * One proposed split. `sums` are plain rating sums; `gap` is the largest difference in team
 * strength, strength being Σ(rating − baseline) as in the rating model (identical to the spread
 * of `sums` when teams have equal sizes; with 6v5 the extra player counts for what he is worth).
 */
export interface TeamSplit {
  teams: string[][];
  sums: number[];
  gap: number;
  winProbabilities: number[];
}

/** `exact` is true when the best split is proven optimal (and alternatives are the true runners-up). */
export interface BalanceResult {
  best: TeamSplit;
  alternatives: TeamSplit[];
  exact: boolean;
}

/** A party (or single player) that moves as one piece; lock is a team index or -1. */
export interface Unit {
  members: number[];
  size: number;
  strength: number;
  lock: number;
}

/** The validated, index-based problem every solver works on. */
export interface Problem {
  /** Player ids in input order, for messages and output. */
  ids: string[];
  /** Per-player strength (rating − baseline), in input order. */
  strengths: number[];
  sizes: number[];
  units: Unit[];
  /** Unit-index pairs that must end in different teams. */
  apart: [number, number][];
  /** For each team, the class of interchangeable teams it belongs to (same size, no locks). */
  teamClass: number[];
}

/** A solver's answer: team index per unit. */
export type Assignment = Int32Array;
