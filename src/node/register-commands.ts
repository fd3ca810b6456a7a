/**
 * `npm run register-commands -- [--guild ID]`: publish the slash commands (src/discord/commands.ts)
 * with DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (environment or .dev.vars). A guild's commands
 * update at once; global ones can take a while to appear.
 */
import { COMMANDS } from "../discord/commands";
import { discordRest } from "../discord/rest";
import { loadDevVars } from "./dev-vars";

export async function registerCommands(options: { applicationId: string; botToken: string; guildId?: string; baseUrl?: string; fetch?: typeof fetch }) {
  const rest = discordRest({ botToken: options.botToken, baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: 30_000 });
  return rest.putCommands(options.applicationId, COMMANDS, options.guildId);
}

async function main() {
  const vars = { ...loadDevVars(), ...process.env };
  const args = process.argv.slice(2);
  const guildAt = args.indexOf("--guild");
  const guildId = guildAt >= 0 ? args[guildAt + 1] : undefined;
  const applicationId = vars.DISCORD_APPLICATION_ID;
  const botToken = vars.DISCORD_BOT_TOKEN;
  if (!applicationId || !botToken) {
    console.error("Set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (environment or .dev.vars).");
    process.exit(2);
  }
  if (guildAt >= 0 && !/^\d{17,20}$/.test(guildId ?? "")) {
    console.error("--guild takes a server id (right-click the server with Developer Mode on: Copy Server ID).");
    process.exit(2);
  }
  const result = (await registerCommands({ applicationId, botToken, guildId, baseUrl: vars.DISCORD_API_BASE_URL })) as unknown[];
  console.log(`Registered ${Array.isArray(result) ? result.length : COMMANDS.length} commands ${guildId ? `in guild ${guildId}` : "globally"}.`);
}

if (process.argv[1]?.endsWith("register-commands.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
