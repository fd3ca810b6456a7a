/** The cron's second duty: lobbies and pending Discord matches past their time are expired (matches cancelled). */
import type { Repository } from "../db/repository";

export async function expireLobbies(repo: Repository, now: () => Date): Promise<{ lobbies: number; matches: number }> {
  return repo.lobbies.expire(now());
}
