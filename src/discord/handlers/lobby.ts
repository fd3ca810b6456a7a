/** `/lobby open`, `/lobby join` and the lobby's buttons: Join, Leave, Start now, Close. */
import type { LobbyView } from "../../db/repository";
import { computeProposal, ensureProposal } from "../../services/lobbies";
import { notice, type Reply } from "../api";
import { type InteractionContext, isStaff, memberOf, mentionedIds } from "../context";
import { lobbyMessage, proposalMessage } from "../messages";
import type { Options } from "../options";

/** How a lobby looks now: collecting, or (once full) its proposal. */
export async function lobbyReply(ctx: InteractionContext, view: LobbyView, update: boolean): Promise<Reply> {
  const { status } = view.lobby;
  if (status === "open") return { ...lobbyMessage(view), update };
  if (status === "proposed") return { ...proposalMessage(await ensureProposal(ctx.repo(), view, ctx.actor)), update };
  return notice(stateNotice(view));
}

export function stateNotice(view: LobbyView): string {
  const { status, matchId } = view.lobby;
  if (status === "expired") return "This lobby has expired. Open a new one with `/lobby open`.";
  if (status === "cancelled") return "This lobby was closed.";
  if (status === "proposed") return "This lobby is already full: its teams are proposed.";
  return `This lobby has already started (match ${matchId ?? "?"}).`;
}

export async function openLobby(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const view = await ctx.repo().lobbies.open(
    {
      guildId: ctx.guildId,
      ladder: opts.string("ladder"),
      kind: "lobby",
      openedBy: ctx.user,
      size: opts.integer("size") ?? null,
      teamCount: opts.integer("teams") ?? null,
      interactionId: ctx.interactionId,
      channelId: ctx.channelId,
      expiresAt: new Date(ctx.now().getTime() + ctx.settings.lobbyTtlMs),
    },
    ctx.actor,
  );
  if (view.lobby.size < view.lobby.teamCount) return notice(`A lobby needs at least one player per team (${view.lobby.teamCount}).`);
  return lobbyMessage(view);
}

/** Join (the button, or `/lobby join` with a party). The join that fills the lobby shows the proposal. */
export async function joinLobby(ctx: InteractionContext, lobbyId: string, partyText: string | undefined, update: boolean): Promise<Reply> {
  const friends = mentionedIds(partyText).filter((id) => id !== ctx.user.discordUserId);
  const people = [ctx.user, ...friends.map((id) => memberOf(ctx, id))];
  const view = await ctx
    .repo()
    .lobbies.join(ctx.guildId, lobbyId, people, friends.length > 0 ? `party:${ctx.interactionId}` : `solo:${ctx.interactionId}`, ctx.actor);
  const joined = people.every((p) => view.members.some((m) => m.discordUserId === p.discordUserId));
  if (view.filledByUs) return lobbyReply(ctx, view, update);
  if (view.lobby.status !== "open") return notice(stateNotice(view));
  if (view.lobby.expiresAt <= ctx.now()) return notice("This lobby has expired. Open a new one with `/lobby open`.");
  if (!joined) return notice(`Not enough room in this lobby for ${people.length > 1 ? "your party" : "you"} (${view.members.length}/${view.lobby.size}).`);
  return { ...lobbyMessage(view), update };
}

export async function joinCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const lobbyId = await ctx.repo().lobbies.newestOpen(ctx.guildId, ctx.channelId);
  if (!lobbyId) return notice("There is no open lobby in this channel. Open one with `/lobby open`.");
  return joinLobby(ctx, lobbyId, opts.string("party"), false);
}

export async function leaveLobby(ctx: InteractionContext, lobbyId: string): Promise<Reply> {
  const view = await ctx.repo().lobbies.leave(ctx.guildId, lobbyId, ctx.user.discordUserId, ctx.actor);
  if (view.lobby.status !== "open" || view.lobby.expiresAt <= ctx.now()) return notice(stateNotice(view));
  return { ...lobbyMessage(view), update: true };
}

/** Start now: the opener or staff, with at least one player per team. */
export async function startLobbyNow(ctx: InteractionContext, lobbyId: string): Promise<Reply> {
  const repo = ctx.repo();
  const view = await repo.lobbies.get(ctx.guildId, lobbyId);
  if (view.lobby.status !== "open" || view.lobby.expiresAt <= ctx.now()) return notice(stateNotice(view));
  if (view.lobby.openedBy !== ctx.user.discordUserId && !(await isStaff(ctx))) return notice("Only the lobby's opener or staff can start it early.");
  if (view.members.length < view.lobby.teamCount) return notice(`Not enough players yet: at least ${view.lobby.teamCount} are needed.`);
  const after = await repo.lobbies.propose(ctx.guildId, lobbyId, computeProposal(view), "open", ctx.actor);
  if (after.lobby.status !== "proposed") return notice(stateNotice(after));
  return { ...proposalMessage(after), update: true };
}

export async function closeLobby(ctx: InteractionContext, lobbyId: string): Promise<Reply> {
  const repo = ctx.repo();
  const view = await repo.lobbies.get(ctx.guildId, lobbyId);
  if (view.lobby.openedBy !== ctx.user.discordUserId && !(await isStaff(ctx))) return notice("Only the lobby's opener or staff can close it.");
  const after = await repo.lobbies.cancel(ctx.guildId, lobbyId, ctx.actor);
  if (after.lobby.status !== "cancelled") return notice(stateNotice(after));
  return { content: `Lobby closed by <@${ctx.user.discordUserId}>.`, embeds: [], components: [], update: true };
}
