/**
 * Machine-readable reasons a domain function refused its input. Routes map these codes to 4xx
 * responses, so the union is the contract: add codes, never repurpose one.
 */
export type DomainErrorCode =
  | "INVALID_CONFIG"
  | "INVALID_RATING"
  | "INVALID_MATCH"
  | "INVALID_RANKS"
  | "INVALID_WEIGHT"
  | "DUPLICATE_PLAYER"
  | "INVALID_PLAYER"
  | "INVALID_TEAMS"
  | "UNKNOWN_PLAYER"
  | "PARTY_TOO_LARGE"
  | "CONFLICTING_CONSTRAINTS"
  | "INFEASIBLE"
  /** A search stopped at its step bound: the request may be feasible, nothing was proven. */
  | "SEARCH_LIMIT";

/**
 * Thrown instead of returning a wrong answer: every refusal carries a stable `code` for callers
 * and a message a human (organiser or developer) can act on.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
