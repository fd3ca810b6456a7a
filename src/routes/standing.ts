/** How a stored standing is shown: the deviation as of now, grown for idle time (no write). */
import { decayRating } from "../domain/glicko2";
import { toGlickoConfig } from "../domain/ladder-settings";
import type { Ladder, Standing } from "../db/repository";

export function shownDeviation(s: Standing, ladder: Ladder, now: Date): number {
  return s.lastPlayedAt ? decayRating(s, now.getTime() - s.lastPlayedAt.getTime(), toGlickoConfig(ladder.settings)).deviation : s.deviation;
}
