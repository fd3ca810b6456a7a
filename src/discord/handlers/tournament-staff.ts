/**
 * Staff's `/tournament start|next` (the admin API does everything else). Both are safe to repeat:
 * start refuses a running tournament politely, and next names the round it expects to create, so
 * a double click returns that round instead of pairing another.
 */
import { AppError } from "../../errors";
import { pairNextRound, startTournament, tournamentView } from "../../services/tournaments";
import { notice, type Reply } from "../api";
import { type InteractionContext, isStaff } from "../context";
import { mention } from "../messages";
import type { Options } from "../options";
import { pairingsMessage } from "../tournament-messages";
import { currentRound, findTournament, reasonOf, refusal, statusText } from "./tournament-lookup";

const STAFF_ONLY = "Only staff (Manage Server, Administrator or the staff role) can start a tournament or pair a round.";

export async function startCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice(STAFF_ONLY);
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status !== "registration" && tournament.status !== "check_in") return notice(`Cannot start: ${statusText(tournament)}.`);
  const seeding = opts.string("seeding") === "registration" ? "registration" : "rating";
  let view: Awaited<ReturnType<typeof startTournament>>;
  try {
    view = await startTournament(ctx.repo(), ctx.guildId, tournament.id, { seeding }, ctx.actor, { now: ctx.now });
  } catch (error) {
    const polite = refusal(error, tournament);
    if (polite) return polite;
    throw error;
  }
  const round = currentRound(view);
  // The field is who got a seed: with check-in held, members who did not check in are left out.
  const field = view.entrants.filter((e) => e.seed !== null).length;
  const note = `**${tournament.name}** started by ${mention(ctx.user.discordUserId)} with ${field} entrants.`;
  return round ? pairingsMessage(view, round, { note }) : { content: note };
}

/**
 * Pairs round `expected` (the one after the current), so a repeat after a lost race is harmless.
 * A playoff after the last Swiss round restarts at 1, which the service names in its mismatch
 * (`next`); asking for "1" would find the Swiss stage's round 1 (numbers do not carry the stage),
 * so that one case asks without a number and relies on the service's own guard against a
 * concurrent pairing of the same round.
 */
async function pairOnce(ctx: InteractionContext, tournamentId: string, expected: number) {
  const pair = (round: number | undefined) => pairNextRound(ctx.repo(), ctx.guildId, tournamentId, ctx.actor, { now: ctx.now, round });
  try {
    return await pair(expected);
  } catch (error) {
    const next = error instanceof AppError ? (error.details as { next?: unknown } | undefined)?.next : undefined;
    if (reasonOf(error) === "ROUND_MISMATCH" && next === 1) return pair(undefined);
    throw error;
  }
}

export async function nextRoundCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice(STAFF_ONLY);
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status !== "running") return notice(`Cannot pair a round: ${statusText(tournament)}.`);
  const before = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
  const current = currentRound(before);
  // Every running round counts (elimination brackets can have more than one).
  const open = before.rounds.flatMap((r) => r.pairings).filter((p) => p.b !== null && p.result === null).length;
  if (current && open > 0) return notice(`Round ${current.number}: ${open} game(s) still without a result.`);
  try {
    const round = await pairOnce(ctx, tournament.id, (current?.number ?? 0) + 1);
    // The view read above knows every entrant of the new round (late entries included): no re-read.
    const others = before.rounds.filter((r) => r.stage !== round.stage || r.number !== round.number);
    const view = { ...before, rounds: [...others, round] };
    return pairingsMessage(view, round, { note: `Round ${round.number} paired by ${mention(ctx.user.discordUserId)}.` });
  } catch (error) {
    if (reasonOf(error) !== "ROUND_MISMATCH") {
      const polite = refusal(error, tournament);
      if (polite) return polite;
      throw error;
    }
  }
  // Another organiser paired it between our read and the write: show theirs.
  const view = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
  const round = currentRound(view);
  if (!round) return notice(`**${tournament.name}** has no round to show.`);
  return pairingsMessage(view, round, { note: "That round was paired meanwhile; here it is." });
}
