/** Small shared checks of the tournament service: input validation and the errors it maps to. */
import { AppError, ConflictError } from "../../errors";
import type { PairingResult } from "./types";

export function invalid(message: string, field: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { fields: [{ path: field, message }] });
}

export function checkResult(result: unknown): asserts result is PairingResult {
  if (result !== "a" && result !== "b" && result !== "draw") throw invalid('result must be "a", "b" or "draw"', "result");
}

/** A team name or any other short text: 1..64 characters, no control characters (Postgres refuses NUL). */
export function checkName(value: string | undefined, field: string): void {
  if (value === undefined) return;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (typeof value !== "string" || value.trim().length === 0 || value.length > 64 || /[\u0000-\u001f]/.test(value)) {
    throw invalid(`${field} must be 1 to 64 characters without control characters`, field);
  }
}

export function notRunning(name: string, status: string, step: string): ConflictError {
  return new ConflictError(`Tournament ${name} is ${status}; ${step} needs a running tournament`, { reason: "TOURNAMENT_STATUS", status });
}
