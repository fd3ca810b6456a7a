import { DomainError } from "../errors.js";
import type { EntrantId } from "./types.js";
import { checkEntrants } from "./types.js";

export interface RatedEntrant {
  id: EntrantId;
  rating: number;
}

/**
 * Seed order from ladder ratings: highest first; equal ratings keep the order they were given
 * in (so an organiser's manual order, or sign-up order, breaks ties). Manual seeding needs no
 * function: pass the ids in the wanted order to any format.
 */
export function seedByRating(entrants: RatedEntrant[]): EntrantId[] {
  checkEntrants(entrants.map((e) => e.id));
  for (const e of entrants) {
    if (!Number.isFinite(e.rating)) throw new DomainError("INVALID_RATING", `rating of ${e.id} must be finite`);
  }
  return entrants
    .map((e, i) => ({ ...e, i }))
    .sort((x, y) => y.rating - x.rating || x.i - y.i)
    .map((e) => e.id);
}
