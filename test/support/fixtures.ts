/** Small builders shared by the contract suites. */
import type { Repository } from "../../src/db/repository";
import { initialRating } from "../../src/domain/glicko2";

export async function seedGuild(repo: Repository, guildId: string, players: number) {
  await repo.guilds.upsert({ id: guildId, name: `guild ${guildId}` }, "test");
  const created = [];
  for (let i = 0; i < players; i++) {
    created.push(
      await repo.players.create(
        { guildId, discordUserId: `${BigInt(guildId) + BigInt(i + 1)}`, displayName: `player ${i}`, initial: initialRating() },
        "test",
      ),
    );
  }
  return created;
}

/** A deterministic pseudo-random source (mulberry32) so failures replay exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
