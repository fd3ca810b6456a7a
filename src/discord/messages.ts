/**
 * What teamrank's messages look like: lobby, proposal, match and result. Players appear as
 * mentions (Discord shows their current name; `allowed_mentions` is empty so nobody is pinged).
 */
import type { APIEmbed } from "discord-api-types/v10";
import type { LobbyView } from "../db/repository";
import { ButtonStyle, type Reply, type Row } from "./api";
import { buttonId } from "./components";

const COLOR = { open: 0x5865f2, proposal: 0xfee75c, match: 0x57f287, done: 0x99aab5, warn: 0xed4245 };

const button = (custom_id: string, label: string, style: number, disabled = false) => ({ type: 2, custom_id, label, style, disabled }) as const;
const row = (...components: ReturnType<typeof button>[]): Row => ({ type: 1, components }) as unknown as Row;
const rating = (r: number | null, d: number | null) => (r === null ? "unrated" : `${Math.round(r)} ± ${Math.round(d ?? 0)}`);
export const mention = (discordUserId: string) => `<@${discordUserId}>`;
const unix = (d: Date) => Math.floor(d.getTime() / 1000);
export const teamName = (index: number) => `Team ${index + 1}`;
export const signed = (n: number) => (n >= 0 ? `+${n}` : `−${-n}`);

export function lobbyMessage(view: LobbyView): Reply {
  const { lobby, ladder, members } = view;
  const lines = members.map((m, i) => `${i + 1}. ${mention(m.discordUserId)} — ${rating(m.rating, m.deviation)}${m.party ? " 👥" : ""}`);
  const embed: APIEmbed = {
    title: `Lobby · ${ladder.name}`,
    color: COLOR.open,
    description: lines.length ? lines.join("\n") : "Nobody yet: press **Join**.",
    footer: { text: `${members.length}/${lobby.size} players · ${lobby.teamCount} teams · lobby ${lobby.id}` },
    fields: [{ name: "Expires", value: `<t:${unix(lobby.expiresAt)}:R>` }],
  };
  return {
    embeds: [embed],
    components: [
      row(
        button(buttonId.join(lobby.id), "Join", ButtonStyle.Success),
        button(buttonId.leave(lobby.id), "Leave", ButtonStyle.Secondary),
        button(buttonId.startLobby(lobby.id), "Start now", ButtonStyle.Primary, members.length < lobby.teamCount),
        button(buttonId.close(lobby.id), "Close", ButtonStyle.Danger),
      ),
    ],
  };
}

export function proposalMessage(view: LobbyView): Reply {
  const { lobby, ladder, members } = view;
  const splits = lobby.proposal?.splits ?? [];
  const index = Math.min(lobby.splitIndex, Math.max(0, splits.length - 1));
  const split = splits[index];
  if (!split) return { content: "Balancing…", embeds: [], components: [] };
  const byId = new Map(members.map((m) => [m.playerId, m]));
  const fields = split.teams.map((team, t) => ({
    name: `${teamName(t)} · ${Math.round(split.sums[t] ?? 0)}`,
    value: team
      .map((id) => {
        const m = byId.get(id);
        return m ? `${mention(m.discordUserId)} ${rating(m.rating ?? ladder.settings.initialRating, m.deviation ?? ladder.settings.initialDeviation)}` : id;
      })
      .join("\n"),
    inline: true,
  }));
  const odds = split.winProbabilities.map((p, t) => `${teamName(t)} ${(p * 100).toFixed(1)}%`).join(" · ");
  const next = (index + 1) % splits.length;
  return {
    embeds: [
      {
        title: `Proposed teams · ${ladder.name}`,
        color: COLOR.proposal,
        description: `Predicted win probability: ${odds}\nSplit ${index + 1} of ${splits.length}${index === 0 ? " (most balanced)" : ""}`,
        fields,
        footer: { text: `lobby ${lobby.id}` },
      },
    ],
    components: [
      row(
        button(buttonId.startMatch(lobby.id, index), "Start match", ButtonStyle.Success),
        button(buttonId.shuffle(lobby.id, next), "Reshuffle", ButtonStyle.Secondary, splits.length < 2),
        button(buttonId.cancelProposal(lobby.id), "Cancel", ButtonStyle.Danger),
      ),
    ],
  };
}

export interface MatchPlayerLine {
  discordUserId: string;
  team: number;
  rating: number;
  deviation: number;
  /** After a result: the rating change, rounded. */
  change?: number;
}

export function matchMessage(input: {
  matchId: string;
  ladderName: string;
  teamCount: number;
  players: MatchPlayerLine[];
  status: "pending" | "disputed" | "completed" | "cancelled" | "voided";
  note?: string;
  winProbabilities?: number[];
}): Reply {
  const fields = Array.from({ length: input.teamCount }, (_, t) => ({
    name: teamName(t) + (input.winProbabilities ? ` · ${((input.winProbabilities[t] ?? 0) * 100).toFixed(1)}%` : ""),
    value:
      input.players
        .filter((p) => p.team === t)
        .map((p) => `${mention(p.discordUserId)} ${Math.round(p.rating)} ± ${Math.round(p.deviation)}${p.change === undefined ? "" : ` (${signed(p.change)})`}`)
        .join("\n") || "—",
    inline: true,
  }));
  const titles = { pending: "Match in progress", disputed: "Match disputed", completed: "Match result", cancelled: "Match cancelled", voided: "Match voided" };
  const colors = { pending: COLOR.match, disputed: COLOR.warn, completed: COLOR.done, cancelled: COLOR.done, voided: COLOR.done };
  const open = input.status === "pending";
  const reportRows: Row[] = open
    ? chunk(
        [
          ...Array.from({ length: input.teamCount }, (_, t) => button(buttonId.report(input.matchId, t), `${teamName(t)} won`, ButtonStyle.Primary)),
          button(buttonId.report(input.matchId, "draw"), "Draw", ButtonStyle.Secondary),
          button(buttonId.cancelMatch(input.matchId), "Cancel", ButtonStyle.Danger),
        ],
        5,
      ).map((buttons) => row(...buttons))
    : [];
  return {
    embeds: [
      {
        title: `${titles[input.status]} · ${input.ladderName}`,
        color: colors[input.status],
        description: input.note,
        fields,
        footer: { text: `match ${input.matchId}` },
      },
    ],
    components: reportRows,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
