/** Small builders shared by the contract suites. */
import type { Repository } from "../../src/db/repository";
import { initialRating } from "../../src/domain/glicko2";

export async function seedGuild(repo: Repository, guildId: string, players: number) {
  await repo.guilds.upsert({ id: guildId, name: `guild ${guildId}` }, "test");
  const created = [];
  for (let i = 0; i < players; i++) {
    created.push(
      await repo.players.create({ guildId, discordUserId: `${BigInt(guildId) + BigInt(i + 1)}`, displayName: `player ${i}`, initial: initialRating() }, "test"),
    );
  }
  return created;
}

/** Deterministic randomness for tests, from the domain's own seeded generator. */
export { seededRandom as seeded } from "../../src/domain/random";
