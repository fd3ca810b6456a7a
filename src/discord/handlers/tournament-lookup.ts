/**
 * What every `/tournament` sub-command needs first: which tournament the member means, who they are
 * in it, and which round is current. Lookups answer with a polite refusal instead of throwing, so
 * each handler reads as "find, then act".
 */
import type { DiscordMember, Tournament } from "../../db/repository";
import { AppError, DuplicateError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";
import { type EntrantView, listTournaments, type PairingView, type RoundView, type TournamentView } from "../../services/tournaments";
import { notice, type Reply } from "../api";
import type { InteractionContext } from "../context";

/** Where players can still act: registration, check-in and play. */
const ACTIVE: readonly Tournament["status"][] = ["registration", "check_in", "running"];

export type Found = { tournament: Tournament; picked: boolean } | { refusal: Reply };

const quote = (text: string) => `“${text.slice(0, 100)}”`;
const listed = (ts: Tournament[]) =>
  ts
    .slice(0, 10)
    .map((t) => `**${t.name}**`)
    .join(", ");

/**
 * The tournament a member means: by id, by exact name (case-insensitive), by a unique start of a
 * name among active ones; omitted, the only active one (`picked`, so the reply can say which).
 * Finished and draft tournaments are found by id or exact name only.
 */
export async function findTournament(ctx: InteractionContext, asked: string | undefined): Promise<Found> {
  const all = await listTournaments(ctx.repo(), ctx.guildId);
  const active = all.filter((t) => ACTIVE.includes(t.status));
  if (!asked) {
    const [only, ...more] = active;
    if (!only) return { refusal: notice("No tournament is open on this server right now.") };
    if (more.length > 0) return { refusal: notice(`Several tournaments are active: ${listed(active)}. Name one with \`tournament:\`.`) };
    return { tournament: only, picked: true };
  }
  if (isUuid(asked)) {
    const id = normalizeUuid(asked);
    const byId = all.find((t) => t.id === id);
    return byId ? { tournament: byId, picked: false } : { refusal: notice(`No tournament with id ${asked} on this server.`) };
  }
  const lower = asked.toLowerCase();
  // Names are not unique: an active one wins over an old one of the same name, then the newest.
  const exact = [...active, ...all].find((t) => t.name.toLowerCase() === lower);
  if (exact) return { tournament: exact, picked: false };
  const starts = active.filter((t) => t.name.toLowerCase().startsWith(lower));
  const [first, ...others] = starts;
  if (first && others.length === 0) return { tournament: first, picked: false };
  if (starts.length > 1) return { refusal: notice(`${quote(asked)} could be ${listed(starts)}: please give the full name.`) };
  const hint = active.length > 0 ? ` Active: ${listed(active)}.` : "";
  return { refusal: notice(`No tournament named ${quote(asked)} on this server.${hint}`) };
}

/** "(tournament: X)" when the member did not name it, so nobody acts on the wrong one unknowingly. */
export function pickedNote(found: { tournament: Tournament; picked: boolean }): string {
  return found.picked ? ` (tournament: **${found.tournament.name}**)` : "";
}

/** The member's entrant: as the one who registered (captain) or as a team member. */
export function entrantOf(view: TournamentView, discordUserId: string): EntrantView | null {
  return (
    view.entrants.find((e) => e.discordUserId === discordUserId) ?? view.entrants.find((e) => e.roster.some((m) => m.discordUserId === discordUserId)) ?? null
  );
}

/** The round being played: the last running one, else the last one (null before the start). */
export function currentRound(view: TournamentView): RoundView | null {
  const running = view.rounds.filter((r) => r.status === "running");
  return running[running.length - 1] ?? view.rounds[view.rounds.length - 1] ?? null;
}

/** The game of `registrationId` in a round, and which side of it they are. */
export function gameOf(round: RoundView, registrationId: string): { pairing: PairingView; side: "a" | "b" } | null {
  for (const pairing of round.pairings) {
    if (pairing.a.registrationId === registrationId) return { pairing, side: "a" };
    if (pairing.b?.registrationId === registrationId) return { pairing, side: "b" };
  }
  return null;
}

/**
 * The game a member reports: their unplayed game in a running round (elimination can have more
 * than one running round), else their game in the current round (a bye, or already reported).
 */
export function reportableGame(view: TournamentView, registrationId: string): { round: RoundView; pairing: PairingView; side: "a" | "b" } | null {
  for (const round of [...view.rounds].reverse()) {
    if (round.status !== "running") continue;
    const game = gameOf(round, registrationId);
    if (game && game.pairing.b !== null && game.pairing.result === null) return { round, ...game };
  }
  const round = currentRound(view);
  const game = round ? gameOf(round, registrationId) : null;
  return round && game ? { round, ...game } : null;
}

/**
 * Our player ids for Discord members, registering the new ones (players are registered on first
 * use, as everywhere in the bot). Lookups run in parallel; a concurrent first use of the same
 * member is a Duplicate, and the row it made is then read back.
 */
export async function playerIds(ctx: InteractionContext, members: DiscordMember[]): Promise<string[]> {
  const players = ctx.repo().players;
  return Promise.all(
    members.map(async (member) => {
      const known = await players.getByDiscordId(ctx.guildId, member.discordUserId);
      if (known) return known.id;
      try {
        return (await players.create({ guildId: ctx.guildId, ...member }, ctx.actor)).id;
      } catch (error) {
        if (!(error instanceof DuplicateError)) throw error;
        const raced = await players.getByDiscordId(ctx.guildId, member.discordUserId);
        if (!raced) throw error;
        return raced.id;
      }
    }),
  );
}

const STATUS_TEXT: Record<Tournament["status"], string> = {
  draft: "not open for registration yet",
  registration: "open for registration",
  check_in: "in check-in",
  running: "running",
  finished: "finished",
};

export function statusText(tournament: Tournament): string {
  return `**${tournament.name}** is ${STATUS_TEXT[tournament.status]}`;
}

/** The machine-readable reason the service attached to a refusal, when there is one. */
export function reasonOf(error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  const details = error.details as { reason?: unknown } | undefined;
  return typeof details?.reason === "string" ? details.reason : null;
}

/**
 * The service's refusals in a member's words. A conflict means the tournament moved on (closed,
 * started, finished) between our read and the write, or the step does not fit its state; the
 * service's message says which, so it is shown as written.
 */
export function refusal(error: unknown, tournament: Tournament): Reply | null {
  if (!(error instanceof AppError)) return null;
  const where = `**${tournament.name}**`;
  if (error instanceof DuplicateError) {
    if (reasonOf(error) === "ROSTER_TAKEN") return notice(`A player of your team is already on a team in ${where}.`);
    return notice(`You are already registered in ${where}.`);
  }
  const message = error.message.replace(/\.$/, "");
  if (error.code === "CONFLICT") return notice(`Cannot do that in ${where} now: ${message}.`);
  if (error.code === "NOT_FOUND") return notice(`Not found in ${where}: ${message}.`);
  if (error.code === "VALIDATION_FAILED" || error.code === "BAD_REQUEST") return notice(`Cannot do that in ${where}: ${message}.`);
  return null;
}
