/**
 * Lobby use cases above the repository: turning a full lobby into balanced teams (the pure
 * balancer), and starting the proposed split as a match. Both are guarded in SQL, so concurrent
 * presses resolve to one proposal and one match.
 */
import { balanceTeams } from "../domain/balance";
import { toGlickoConfig } from "../domain/ladder-settings";
import type { Actor, LobbyView, Repository } from "../db/repository";
import type { LobbyProposal } from "../db/schema/values";
import { ConflictError } from "../errors";

/** Alternatives the proposal offers after the best split (Reshuffle cycles through them). */
export const PROPOSAL_ALTERNATIVES = 3;

/** The best split and its alternatives for the lobby's members, parties kept together. Pure. */
export function computeProposal(view: LobbyView): LobbyProposal {
  const { ladder, lobby, members } = view;
  const s = ladder.settings;
  const parties = new Map<string, string[]>();
  for (const m of members) if (m.party) parties.set(m.party, [...(parties.get(m.party) ?? []), m.playerId]);
  const result = balanceTeams(
    {
      players: members.map((m) => ({ id: m.playerId, rating: m.rating ?? s.initialRating, deviation: m.deviation ?? s.initialDeviation })),
      teamCount: lobby.teamCount,
      parties: [...parties.values()].filter((p) => p.length > 1),
      alternatives: PROPOSAL_ALTERNATIVES,
    },
    { config: toGlickoConfig(s) },
  );
  return {
    exact: result.exact,
    splits: [result.best, ...result.alternatives].map((split) => ({ teams: split.teams, sums: split.sums, winProbabilities: split.winProbabilities })),
  };
}

/** A lobby that has just become a proposal gets its teams (once: a second writer finds them set). */
export async function ensureProposal(repo: Repository, view: LobbyView, actor: Actor): Promise<LobbyView> {
  if (view.lobby.status !== "proposed" || view.lobby.proposal) return view;
  return repo.lobbies.propose(view.lobby.guildId, view.lobby.id, computeProposal(view), "proposed", actor);
}

/** Start the split that was shown; returns the match id, or throws ConflictError when the press is stale. */
export async function startProposal(repo: Repository, view: LobbyView, split: number, matchTtlMs: number, now: Date, actor: Actor): Promise<string> {
  const teams = view.lobby.proposal?.splits[split]?.teams;
  if (view.lobby.status !== "proposed" || !teams) throw new ConflictError("This proposal is no longer open", { reason: "STALE" });
  const s = view.ladder.settings;
  return repo.lobbyMatches.start(
    {
      guildId: view.lobby.guildId,
      lobbyId: view.lobby.id,
      ladderId: view.ladder.id,
      splitIndex: split,
      teams,
      initial: { rating: s.initialRating, deviation: s.initialDeviation, volatility: s.initialVolatility },
      expiresAt: new Date(now.getTime() + matchTtlMs),
    },
    actor,
  );
}
