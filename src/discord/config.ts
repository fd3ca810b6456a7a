/**
 * Discord's own settings, read apart from the app's configuration: the interactions route must
 * answer (PING, or 401 for a bad signature) before the database configuration is looked at, and
 * without `DISCORD_PUBLIC_KEY` only this route is unavailable.
 */
import type { Bindings } from "../env";
import type { DiscordSettings } from "./context";
import { DISCORD_API } from "./rest";
import { isValidPublicKey } from "./verify";

export const DEFAULT_LOBBY_TTL_MINUTES = 120;
export const DEFAULT_MATCH_TTL_MINUTES = 24 * 60;

export function discordPublicKey(env: Bindings | undefined): string | null {
  const key = env?.DISCORD_PUBLIC_KEY?.trim();
  return key && isValidPublicKey(key) ? key : null;
}

function minutes(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 1 && n <= 7 * 24 * 60 ? n : fallback;
}

export function discordSettings(env: Bindings | undefined): DiscordSettings & { apiBaseUrl: string } {
  return {
    lobbyTtlMs: minutes(env?.LOBBY_TTL_MINUTES, DEFAULT_LOBBY_TTL_MINUTES) * 60_000,
    matchTtlMs: minutes(env?.MATCH_TTL_MINUTES, DEFAULT_MATCH_TTL_MINUTES) * 60_000,
    apiBaseUrl: env?.DISCORD_API_BASE_URL?.trim() || DISCORD_API,
  };
}
