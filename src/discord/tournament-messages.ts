/**
 * How tournaments look in Discord: a round's pairings (board, table, entrants with mentions,
 * results) and the standings (top rows plus the member's own). Entrants are named as registered
 * and mentioned by the member who registered them (`allowed_mentions` is empty: nobody is pinged).
 */
import type { APIEmbed } from "discord-api-types/v10";
import type { EntrantRef, PairingResult, PairingView, RoundView, StandingView, TournamentView } from "../services/tournaments";
import type { Reply } from "./api";
import { mention } from "./messages";

const COLOR = { pairings: 0x5865f2, standings: 0xfee75c, done: 0x99aab5 };
/** Discord's embed description limit is 4096 characters: leave room for the "and N more" line. */
const DESCRIPTION_BUDGET = 3800;
export const STANDINGS_TOP = 15;

/** Finds the Discord user behind an entrant (the registering member, the captain of a team). */
export type WhoIs = (registrationId: string) => string | null;

export function whoIsIn(view: TournamentView): WhoIs {
  const byId = new Map(view.entrants.map((e) => [e.registrationId, e.discordUserId]));
  return (registrationId) => byId.get(registrationId) ?? null;
}

/** `**Name** <@id>`: the name as registered (a team's name) and who to reach. */
export function entrantLabel(ref: EntrantRef, whoIs: WhoIs): string {
  const user = whoIs(ref.registrationId);
  const name = `**${literal(ref.name)}**`;
  return user ? `${name} ${mention(user)}` : name;
}

/** Names typed by members may contain markdown; shown as typed. */
export function literal(text: string): string {
  return text.replace(/([*_~`|\\>])/g, "\\$1");
}

/** A result as a score from a's side: 1–0, 0–1, ½–½. */
export function score(result: PairingResult | null): string {
  if (result === "a") return "1–0";
  if (result === "b") return "0–1";
  if (result === "draw") return "½–½";
  return "vs";
}

/** A result as the member on `side` sees it. */
export function resultFor(result: PairingResult, side: "a" | "b"): "a win" | "a loss" | "a draw" {
  if (result === "draw") return "a draw";
  return result === side ? "a win" : "a loss";
}

export function boardLabel(pairing: PairingView): string {
  const parts = [`Board ${pairing.station}`];
  if (pairing.table !== null) parts.push(`table ${pairing.table}`);
  if (pairing.slot) parts.push(pairing.slot);
  return parts.join(" · ");
}

export function pairingLine(pairing: PairingView, whoIs: WhoIs): string {
  const a = entrantLabel(pairing.a, whoIs);
  if (!pairing.b) return `${boardLabel(pairing)}: ${a} has a bye`;
  const pending = pairing.result === null ? " · *to play*" : "";
  return `${boardLabel(pairing)}: ${a} **${score(pairing.result)}** ${entrantLabel(pairing.b, whoIs)}${pending}`;
}

/** Lines that fit the budget, then how many were left out (big Swiss fields have hundreds of boards). */
function fitted(lines: string[], more: (n: number) => string): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    if (used + line.length + 1 > DESCRIPTION_BUDGET) {
      out.push(more(lines.length - i));
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join("\n");
}

export function roundTitle(view: TournamentView, round: RoundView): string {
  const stage = round.stage > 1 || view.stages.length > 1 ? ` · stage ${round.stage}` : "";
  return `${view.tournament.name} · round ${round.number}${stage}`;
}

/** One round's boards; the member's own game first, so it is found without scrolling. */
export function pairingsMessage(view: TournamentView, round: RoundView, options: { own?: string | null; note?: string } = {}): Reply {
  const whoIs = whoIsIn(view);
  const own = options.own ? round.pairings.find((p) => p.a.registrationId === options.own || p.b?.registrationId === options.own) : undefined;
  const done = round.pairings.filter((p) => p.result !== null || p.b === null).length;
  const lines = round.pairings.map((p) => pairingLine(p, whoIs));
  const head = [options.note, own ? `Your game: ${pairingLine(own, whoIs)}` : undefined].filter(Boolean).join("\n");
  const embed: APIEmbed = {
    title: roundTitle(view, round),
    color: round.status === "finished" ? COLOR.done : COLOR.pairings,
    description: [head, fitted(lines, (n) => `… and ${n} more boards`)].filter(Boolean).join("\n\n"),
    footer: { text: `${done}/${round.pairings.length} results in · round ${round.status}` },
  };
  return { embeds: [embed] };
}

function points(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function standingLine(row: StandingView, whoIs: WhoIs): string {
  const record = `${row.wins}W ${row.draws}D ${row.losses}L${row.byes > 0 ? ` (${row.byes} bye${row.byes > 1 ? "s" : ""})` : ""}`;
  const buchholz = row.tiebreaks.buchholz;
  const tiebreak = buchholz === undefined ? "" : ` · Bh ${points(buchholz)}`;
  const dropped = row.dropped ? " · *dropped*" : "";
  return `**${row.rank}.** ${entrantLabel(row.entrant, whoIs)} — ${points(row.points)} ${row.points === 1 ? "pt" : "pts"} · ${record}${tiebreak}${dropped}`;
}

/** The top of the table, and the member's own row below it when they are further down. */
export function standingsMessage(view: TournamentView, own: string | null): Reply {
  const whoIs = whoIsIn(view);
  const top = view.standings.slice(0, STANDINGS_TOP);
  const lines = top.map((row) => standingLine(row, whoIs));
  const mine = own ? view.standings.find((row) => row.entrant.registrationId === own) : undefined;
  if (mine && !top.includes(mine)) lines.push("…", standingLine(mine, whoIs));
  const played = view.rounds.filter((r) => r.status === "finished").length;
  return {
    embeds: [
      {
        title: `Standings · ${view.tournament.name}`,
        color: view.tournament.status === "finished" ? COLOR.done : COLOR.standings,
        description: lines.join("\n"),
        footer: { text: `${view.standings.length} entrants · ${played} round${played === 1 ? "" : "s"} complete · ${view.tournament.status}` },
      },
    ],
  };
}
