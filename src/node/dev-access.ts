/**
 * What `npm run dev` prints on start so that a developer can use the API at once: the admin token
 * it passed to wrangler (until now only in the source), and a write-scoped API key for the demo
 * guild, made fresh on each start (keys are hashed: the secret cannot be shown again later).
 * Call it after migrate + seed, before or after wrangler starts.
 */
import type { Repository } from "../db/repository";
import { newApiKey } from "../services/api-keys";

export interface DevAccess {
  adminToken: string;
  apiKey: string;
}

export async function announceDevAccess(
  repo: Repository,
  options: { guildId: string; port: string; adminToken: string; log?: (line: string) => void },
): Promise<DevAccess> {
  const log = options.log ?? ((line: string) => console.log(line));
  const secret = await newApiKey();
  await repo.apiKeys.create({ guildId: options.guildId, name: "npm run dev", scopes: ["write"], keyHash: secret.keyHash, prefix: secret.prefix }, "dev");
  const base = `http://127.0.0.1:${options.port}`;
  log(`[dev] ADMIN_TOKEN (every guild, every scope): ${options.adminToken}`);
  log(`[dev] API key for guild ${options.guildId} (write scope, new on every start): ${secret.key}`);
  log(`[dev] docs ${base}/docs · leaderboard ${base}/g/${options.guildId} · JSON ${base}/v1/guilds/${options.guildId}/leaderboard`);
  log(
    `[dev] try: curl -X POST ${base}/v1/guilds/${options.guildId}/players -H "authorization: Bearer ${secret.key}" -H "content-type: application/json" -d '{"discordUserId":"300000000000000001","displayName":"Newcomer"}'`,
  );
  return { adminToken: options.adminToken, apiKey: secret.key };
}
