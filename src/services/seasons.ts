/**
 * Start a ladder's next season (archive standings, reset ratings per the ladder's policy). Retried
 * from a fresh read when a result lands between the read and the write. `endSeason` makes a repeated
 * request (a retry, a double click) harmless: it names the season to end, and once that season has
 * ended the request answers with it instead of ending the next one too.
 */
import type { Actor, Repository, SeasonRow } from "../db/repository";
import { ConflictError } from "../errors";
import { retryConflicts, type RetryOptions } from "./retry";

export interface StartSeason {
  guildId: string;
  ladder?: string;
  /** The season the caller means to end; omitted, the current one. */
  endSeason?: number;
}

export async function startSeason(
  repo: Repository,
  input: StartSeason,
  actor: Actor,
  options: RetryOptions = {},
): Promise<{ ended: SeasonRow; alreadyStarted: boolean }> {
  return retryConflicts(options, async () => {
    const ladder = await repo.ladders.resolve(input.guildId, input.ladder);
    const target = input.endSeason ?? ladder.season;
    if (target < ladder.season) {
      const ended = (await repo.seasons.list(ladder.id)).find((s) => s.number === target);
      if (ended) return { ended, alreadyStarted: true };
    }
    if (target !== ladder.season)
      throw new ConflictError(`Season ${target} is not the current season (${ladder.season}) of ladder ${ladder.slug}`, { season: ladder.season });
    return { ended: await repo.seasons.start(ladder, actor), alreadyStarted: false };
  });
}
