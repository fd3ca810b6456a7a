/**
 * What a handler gets: who pressed or typed what, in which guild, the per-request repository (opened
 * only when a handler first uses it), the clock, lifetimes, the REST client, and staff checks.
 */
import type { APIInteractionDataResolvedGuildMember, APIUser } from "discord-api-types/v10";
import type { DiscordMember, Repository } from "../db/repository";
import { ADMINISTRATOR, MANAGE_GUILD, type Reply } from "./api";
import type { DiscordRest } from "./rest";

export interface DiscordSettings {
  lobbyTtlMs: number;
  matchTtlMs: number;
}

/** A handler's answer: a reply now, or (long work only) a deferred one finished in the background. */
export type Outcome = Reply | { defer: true; ephemeral: boolean; work: () => Promise<Reply> };

export interface InteractionContext {
  interactionId: string;
  applicationId: string;
  token: string;
  guildId: string;
  channelId: string | null;
  user: DiscordMember;
  permissions: bigint;
  roles: string[];
  /** Mentioned or option users and members, as Discord resolved them. */
  resolved: { users: Record<string, APIUser>; members: Record<string, APIInteractionDataResolvedGuildMember> };
  repo: () => Repository;
  now: () => Date;
  settings: DiscordSettings;
  rest: DiscordRest;
  actor: string;
}

/** Administrator or Manage Server by permission bits: no database needed. */
export function hasStaffPermissions(ctx: InteractionContext): boolean {
  return (ctx.permissions & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n;
}

/** Staff = the permission bits, or the staff role configured with /setup (one read, only when needed). */
export async function isStaff(ctx: InteractionContext): Promise<boolean> {
  if (hasStaffPermissions(ctx)) return true;
  if (ctx.roles.length === 0) return false;
  const guild = await ctx.repo().guilds.get(ctx.guildId);
  const role = guild?.settings.staffRoleId;
  return typeof role === "string" && ctx.roles.includes(role);
}

/** `<@123>`, `<@!123>` or bare ids in a text option, in order, without repeats. */
export function mentionedIds(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(/<@!?(\d{17,20})>|\b(\d{17,20})\b/g)].map((m) => m[1] ?? m[2] ?? ""))].filter(Boolean);
}

/** A mentioned user as a player: the member's nick, else their global name, else username. */
export function memberOf(ctx: InteractionContext, discordUserId: string): DiscordMember {
  const member = ctx.resolved.members[discordUserId];
  const user = ctx.resolved.users[discordUserId];
  const name = member?.nick ?? user?.global_name ?? user?.username ?? `user ${discordUserId}`;
  return { discordUserId, displayName: name.slice(0, 100) };
}
