/** `/balance` and a proposal's buttons: Start match, Reshuffle, Cancel. */
import { winProbabilities } from "../../domain/team-rating";
import { toGlickoConfig } from "../../domain/ladder-settings";
import type { LobbyView } from "../../db/repository";
import { isRetryable } from "../../services/retry";
import { ensureProposal, startProposal } from "../../services/lobbies";
import { AppError } from "../../errors";
import { notice, type Reply } from "../api";
import { type InteractionContext, isStaff, memberOf, mentionedIds } from "../context";
import { matchMessage, proposalMessage } from "../messages";
import type { Options } from "../options";
import { stateNotice } from "./lobby";

export const MAX_BALANCE_PLAYERS = 64;

export async function balanceCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const ids = mentionedIds(opts.string("players"));
  const parties = (opts.string("party") ?? "").split(";").map((group) => mentionedIds(group));
  const all = [...new Set([...ids, ...parties.flat()])];
  const teamCount = opts.integer("teams");
  if (all.length < (teamCount ?? 2)) return notice("Mention at least one player per team in `players:` (e.g. `players:@a @b @c @d`).");
  if (all.length > MAX_BALANCE_PLAYERS) return notice(`At most ${MAX_BALANCE_PLAYERS} players.`);
  const partyOf = new Map<string, string>();
  parties.forEach((group, i) => {
    if (group.length > 1) for (const id of group) partyOf.set(id, `party:${ctx.interactionId}:${i}`);
  });
  const repo = ctx.repo();
  const view = await repo.lobbies.open(
    {
      guildId: ctx.guildId,
      ladder: opts.string("ladder"),
      kind: "balance",
      openedBy: ctx.user,
      size: null,
      teamCount: teamCount ?? null,
      interactionId: ctx.interactionId,
      channelId: ctx.channelId,
      expiresAt: new Date(ctx.now().getTime() + ctx.settings.lobbyTtlMs),
      members: all.map((id) => ({ ...memberOf(ctx, id), party: partyOf.get(id) ?? null })),
    },
    ctx.actor,
  );
  if (view.members.length < view.lobby.teamCount) return notice(`Mention at least ${view.lobby.teamCount} players, one per team.`);
  return proposalMessage(await ensureProposal(repo, view, ctx.actor));
}

/** Who may act on a proposal: its members, its opener, or staff. */
async function mayAct(ctx: InteractionContext, view: LobbyView): Promise<boolean> {
  const me = ctx.user.discordUserId;
  return view.lobby.openedBy === me || view.members.some((m) => m.discordUserId === me) || (await isStaff(ctx));
}

export async function startMatchButton(ctx: InteractionContext, lobbyId: string, split: number): Promise<Reply> {
  const repo = ctx.repo();
  const view = await repo.lobbies.get(ctx.guildId, lobbyId);
  if (view.lobby.status !== "proposed" || view.lobby.expiresAt <= ctx.now()) return notice(stateNotice(view));
  if (view.lobby.splitIndex !== split) return notice("These teams were reshuffled meanwhile: press Start on the current message.");
  if (!(await mayAct(ctx, view))) return notice("Only the proposal's players, its opener or staff can start it.");
  let matchId: string;
  try {
    matchId = await startProposal(repo, view, split, ctx.settings.matchTtlMs, ctx.now(), ctx.actor);
  } catch (error) {
    if (error instanceof AppError && (error.code === "CONFLICT" || isRetryable(error))) return notice("This match was already started (or the teams changed).");
    throw error;
  }
  const chosen = view.lobby.proposal?.splits[split];
  const byId = new Map(view.members.map((m) => [m.playerId, m]));
  const s = view.ladder.settings;
  const players = (chosen?.teams ?? []).flatMap((team, t) =>
    team.map((id) => {
      const m = byId.get(id);
      return { discordUserId: m?.discordUserId ?? id, team: t, rating: m?.rating ?? s.initialRating, deviation: m?.deviation ?? s.initialDeviation };
    }),
  );
  const odds = winProbabilities(
    (chosen?.teams ?? []).map((_, t) =>
      players.filter((p) => p.team === t).map((p) => ({ rating: p.rating, deviation: p.deviation, volatility: s.initialVolatility })),
    ),
    toGlickoConfig(s),
  );
  return {
    ...matchMessage({
      matchId,
      ladderName: view.ladder.name,
      teamCount: view.lobby.teamCount,
      players,
      status: "pending",
      winProbabilities: odds,
      note: "Report the result when the match is over.",
    }),
    update: true,
  };
}

export async function shuffleButton(ctx: InteractionContext, lobbyId: string, split: number): Promise<Reply> {
  const repo = ctx.repo();
  const view = await repo.lobbies.showSplit(ctx.guildId, lobbyId, split, ctx.actor);
  if (view.lobby.status !== "proposed" || view.lobby.expiresAt <= ctx.now()) return notice(stateNotice(view));
  return { ...proposalMessage(view), update: true };
}

export async function cancelProposalButton(ctx: InteractionContext, lobbyId: string): Promise<Reply> {
  const repo = ctx.repo();
  const view = await repo.lobbies.get(ctx.guildId, lobbyId);
  if (view.lobby.status !== "proposed") return notice(stateNotice(view));
  if (!(await mayAct(ctx, view))) return notice("Only the proposal's players, its opener or staff can cancel it.");
  const after = await repo.lobbies.cancel(ctx.guildId, lobbyId, ctx.actor);
  if (after.lobby.status !== "cancelled") return notice(stateNotice(after));
  return { content: `Proposal cancelled by <@${ctx.user.discordUserId}>.`, embeds: [], components: [], update: true };
}
