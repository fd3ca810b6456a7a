/** From a verified interaction payload to a handler context, refusing what handlers cannot serve (DMs, missing users). */
import type { APIInteraction } from "discord-api-types/v10";
import type { Repository } from "../db/repository";
import { notice, type Reply } from "./api";
import type { DiscordSettings, InteractionContext } from "./context";
import type { DiscordRest } from "./rest";

export function buildContext(
  interaction: APIInteraction,
  deps: { repo: () => Repository; now: () => Date; settings: DiscordSettings; rest: DiscordRest },
): { ctx: InteractionContext } | { error: Reply } {
  const raw = interaction as unknown as {
    id?: unknown;
    application_id?: unknown;
    token?: unknown;
    guild_id?: unknown;
    channel_id?: unknown;
    channel?: { id?: unknown };
    member?: { user?: { id?: unknown; username?: unknown; global_name?: unknown }; nick?: unknown; permissions?: unknown; roles?: unknown };
    data?: { resolved?: { users?: unknown; members?: unknown } };
  };
  if (typeof raw.guild_id !== "string" || !raw.member)
    return { error: notice("teamrank works in servers only: use this command in a server channel, not in DMs.") };
  const user = raw.member.user;
  if (typeof raw.id !== "string" || typeof raw.token !== "string" || typeof raw.application_id !== "string" || typeof user?.id !== "string") {
    return { error: notice("This interaction is missing fields teamrank needs.") };
  }
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);
  const displayName = (str(raw.member.nick) ?? str(user.global_name) ?? str(user.username) ?? `user ${user.id}`).slice(0, 100);
  let permissions = 0n;
  try {
    permissions = typeof raw.member.permissions === "string" && /^\d+$/.test(raw.member.permissions) ? BigInt(raw.member.permissions) : 0n;
  } catch {
    permissions = 0n;
  }
  const resolved = raw.data?.resolved ?? {};
  return {
    ctx: {
      interactionId: raw.id,
      applicationId: raw.application_id,
      token: raw.token,
      guildId: raw.guild_id,
      channelId: str(raw.channel_id) ?? str(raw.channel?.id),
      user: { discordUserId: user.id, displayName },
      permissions,
      roles: Array.isArray(raw.member.roles) ? raw.member.roles.filter((r): r is string => typeof r === "string") : [],
      resolved: {
        users: (resolved.users && typeof resolved.users === "object" ? resolved.users : {}) as InteractionContext["resolved"]["users"],
        members: (resolved.members && typeof resolved.members === "object" ? resolved.members : {}) as InteractionContext["resolved"]["members"],
      },
      repo: deps.repo,
      now: deps.now,
      settings: deps.settings,
      rest: deps.rest,
      actor: `discord:${user.id}`,
    },
  };
}
