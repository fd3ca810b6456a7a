/**
 * Seeds a demo guild: three dozen players with hidden skills, and matches whose teams come from the
 * balancer and whose winners are drawn from those skills, reported through the same service the
 * API uses. Deterministic (seeded) and idempotent: a guild that already has players is left alone.
 *   npm run db:seed            (DATABASE_URL from the environment or .dev.vars)
 */
import { fileURLToPath } from "node:url";
import type { Repository } from "../db/repository";
import { createRepository } from "../db/repository";
import { balanceTeams } from "../domain/balance";
import { seededRandom } from "../domain/random";
import { parseConfig } from "../env";
import { applyMatchResult } from "../services/results";
import { openDatabase, runTool } from "./database";
import { loadDevVars } from "./dev-vars";

export const DEMO_GUILD_ID = "1000000000000000001";
const NAMES = ["Ada", "Bo", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Max", "Nia", "Oz", "Pia", "Quin", "Rae"];

export interface SeedSummary {
  guildId: string;
  players: number;
  matches: number;
  skipped: boolean;
}

export async function seedDemo(live: Repository, options: { players?: number; matches?: number; seed?: number } = {}): Promise<SeedSummary> {
  const playerCount = options.players ?? 36;
  const matchCount = options.matches ?? 40;
  const random = seededRandom(options.seed ?? 2026);
  // History is written on a simulated clock that only moves forward (a match every two hours, reported
  // 40 minutes after it was created, the last an hour ago), so created/updated/completed times are in order.
  let clock = Date.now() - (matchCount * 2 + 1) * 3_600_000;
  const repo = live.withClock(() => new Date(clock));
  await repo.guilds.upsert({ id: DEMO_GUILD_ID, name: "teamrank demo", settings: { teamSize: 5 } }, "seed");
  if ((await repo.players.list(DEMO_GUILD_ID, { limit: 1 })).items.length > 0) {
    return { guildId: DEMO_GUILD_ID, players: 0, matches: 0, skipped: true };
  }
  const skill = new Map<string, number>();
  const players = [];
  for (let i = 0; i < playerCount; i++) {
    const name = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ""}`;
    const player = await repo.players.create({ guildId: DEMO_GUILD_ID, discordUserId: `${200000000000000000n + BigInt(i)}`, displayName: name }, "seed");
    skill.set(player.id, 1100 + 800 * random());
    players.push(player);
  }
  const ladder = await repo.ladders.resolve(DEMO_GUILD_ID);
  const initial = { rating: ladder.settings.initialRating, deviation: ladder.settings.initialDeviation };
  for (let i = 0; i < matchCount; i++) {
    clock += 80 * 60_000;
    const lobby = [...players].sort(() => random() - 0.5).slice(0, 10);
    // Current ratings for the whole ladder in one read (it fits one page), not one read per player.
    const board = await repo.leaderboard.page(DEMO_GUILD_ID, { limit: playerCount, all: true });
    const ratings = new Map(board.items.map((e) => [e.playerId, e]));
    const split = balanceTeams({ players: lobby.map((p) => ({ id: p.id, ...(ratings.get(p.id) ?? initial) })) });
    const match = await repo.matches.create({ guildId: DEMO_GUILD_ID, teams: split.best.teams, idempotencyKey: `seed-match-${i}` }, "seed");
    const strength = split.best.teams.map((team) => team.reduce((sum, id) => sum + (skill.get(id) ?? 1500), 0));
    const pWin0 = 1 / (1 + 10 ** (((strength[1] ?? 0) - (strength[0] ?? 0)) / 400 / 2));
    clock += 40 * 60_000;
    await applyMatchResult(repo, { guildId: DEMO_GUILD_ID, matchId: match.id, outcome: { winner: random() < pWin0 ? 0 : 1 } }, "seed", {
      now: () => new Date(clock),
    });
  }
  return { guildId: DEMO_GUILD_ID, players: playerCount, matches: matchCount, skipped: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runTool(async () => {
    const config = parseConfig({ ...loadDevVars(), ...process.env });
    const database = openDatabase(config.database);
    try {
      const summary = await seedDemo(createRepository(database));
      console.log(
        summary.skipped
          ? `demo guild ${summary.guildId} already seeded`
          : `seeded guild ${summary.guildId}: ${summary.players} players, ${summary.matches} matches`,
      );
    } finally {
      await database.close();
    }
  });
}
