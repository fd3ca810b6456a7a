/** Small builders shared by the contract suites. */
import type { Repository } from "../../src/db/repository";

export async function seedGuild(repo: Repository, guildId: string, players: number) {
  await repo.guilds.upsert({ id: guildId, name: `guild ${guildId}` }, "test");
  const created = [];
  for (let i = 0; i < players; i++) {
    created.push(await repo.players.create({ guildId, discordUserId: `${BigInt(guildId) + BigInt(i + 1)}`, displayName: `player ${i}` }, "test"));
  }
  return created;
}

/** Deterministic randomness for tests, from the domain's own seeded generator. */
export { seededRandom as seeded } from "../../src/domain/random";

/** A player's standing in a ladder (the default one unless named), or null before they played there. */
export async function standingOf(repo: Repository, guildId: string, playerId: string, ladder?: string) {
  return (await repo.players.inLadder(guildId, playerId, ladder)).standing;
}
