/**
 * Suggestions for `/tournament <sub> tournament:` while the member types (autocomplete). One read
 * (the guild's tournaments), nothing written, no staff check: Discord asks on every keystroke and
 * shows nothing if the answer is late. Each sub-command offers only tournaments it can act on, in
 * the order a member most likely means them; within a status, newest first.
 */
import type { APIApplicationCommandOptionChoice } from "discord-api-types/v10";
import type { Tournament } from "../../db/repository";
import { listTournaments } from "../../services/tournaments";
import type { InteractionContext } from "../context";

export type Choice = APIApplicationCommandOptionChoice<string>;

type Status = Tournament["status"];

/** Discord shows at most 25 choices; a choice's name is 1–100 characters. */
export const MAX_CHOICES = 25;
const MAX_NAME = 100;

/**
 * Which tournaments each sub-command suggests, most relevant status first. Drafts are never shown
 * (members cannot see or use them). `join` offers open registration and check-in only: late entry
 * into a running Swiss still works by typing the name, but most running tournaments refuse it.
 * `checkin` offers running ones for late entrants; `pairings` and `standings` include finished ones.
 */
export const SUGGESTED: Record<string, readonly Status[]> = {
  join: ["registration", "check_in"],
  leave: ["running", "check_in", "registration"],
  checkin: ["check_in", "running"],
  pairings: ["running", "finished"],
  standings: ["running", "finished"],
  report: ["running"],
  start: ["check_in", "registration"],
  next: ["running"],
  finish: ["running"],
};
const ANY: readonly Status[] = ["running", "check_in", "registration", "finished"];

const LABEL: Record<Status, string> = {
  draft: "draft",
  registration: "registration open",
  check_in: "check-in",
  running: "running",
  finished: "finished",
};

/** "Friday Swiss · running", the name shortened (never mid-character) so the status always shows. */
export function choiceName(name: string, status: Status): string {
  const suffix = ` · ${LABEL[status]}`;
  const room = MAX_NAME - suffix.length;
  if (name.length <= room) return `${name}${suffix}`;
  let short = "";
  for (const char of name) {
    if (short.length + char.length > room - 1) break;
    short += char;
  }
  return `${short}…${suffix}`;
}

/** The tournaments `sub` can use whose name contains `typed` (or whose id starts with it), ranked. */
export function rankChoices(all: Tournament[], sub: string | null, typed: string): Choice[] {
  const statuses = sub !== null && Object.hasOwn(SUGGESTED, sub) ? (SUGGESTED[sub] ?? ANY) : ANY;
  const needle = typed.trim().toLowerCase();
  const matches = (t: Tournament) => needle === "" || t.name.toLowerCase().includes(needle) || t.id.startsWith(needle);
  return statuses
    .flatMap((status) => all.filter((t) => t.status === status && matches(t)))
    .slice(0, MAX_CHOICES)
    .map((t) => ({ name: choiceName(t.name, t.status), value: t.id }));
}

/** What the member is typing: the focused option of the (one) sub-command, if it is `tournament`. */
export function focusedTournament(options: unknown): { sub: string | null; typed: string } | null {
  if (!Array.isArray(options)) return null;
  const first = options[0] as { type?: unknown; name?: unknown; options?: unknown } | undefined;
  const nested = first?.type === 1 && Array.isArray(first.options);
  const list: unknown[] = nested ? (first.options as unknown[]) : options;
  const sub = nested && typeof first.name === "string" ? first.name : null;
  const focused = list.find((o) => (o as { focused?: unknown })?.focused === true) as { name?: unknown; value?: unknown } | undefined;
  if (focused?.name !== "tournament") return null;
  return { sub, typed: typeof focused.value === "string" ? focused.value.slice(0, MAX_NAME) : "" };
}

export async function tournamentChoices(ctx: InteractionContext, options: unknown): Promise<Choice[]> {
  const asked = focusedTournament(options);
  if (!asked) return [];
  return rankChoices(await listTournaments(ctx.repo(), ctx.guildId), asked.sub, asked.typed);
}
