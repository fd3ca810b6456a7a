/**
 * Staff's `/tournament start|next|finish` (the admin API does everything else). Both are safe to repeat:
 * start refuses a running tournament politely, and next names the round it expects to create (its
 * stage and number), so a double click returns that round instead of pairing another.
 */
import { type ExpectedRound, finishTournament, pairNextRound, startTournament, type TournamentView, tournamentView } from "../../services/tournaments";
import { notice, type Reply } from "../api";
import { type InteractionContext, isStaff } from "../context";
import { mention } from "../messages";
import type { Options } from "../options";
import { pairingsMessage } from "../tournament-messages";
import { currentRound, findTournament, reasonOf, refusal, statusText } from "./tournament-lookup";

const STAFF_ONLY = "Only staff (Manage Server, Administrator or the staff role) can start, pair or finish a tournament.";

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
 * The round `next` creates: the one after the last stage's latest round, or, once that stage is
 * complete, round 1 of the stage after it (a top-cut playoff restarts its numbers at 1). Without a
 * playoff to come the service answers NOTHING_TO_PAIR whatever is expected.
 */
function expectedRound(view: TournamentView): Required<ExpectedRound> {
  const stage = view.stages.at(-1);
  if (!stage) return { stage: 1, round: 1 };
  if (stage.status === "finished") return { stage: stage.number + 1, round: 1 };
  const latest = view.rounds.filter((r) => r.stage === stage.number).at(-1);
  return { stage: stage.number, round: (latest?.number ?? 0) + 1 };
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
    const round = await pairNextRound(ctx.repo(), ctx.guildId, tournament.id, ctx.actor, { now: ctx.now, ...expectedRound(before) });
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

/** Finishing twice is harmless: the service returns the finished view. */
export async function finishCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice(STAFF_ONLY);
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  let view: TournamentView;
  try {
    view = await finishTournament(ctx.repo(), ctx.guildId, tournament.id, ctx.actor, { now: ctx.now });
  } catch (error) {
    const polite = refusal(error, tournament);
    if (polite) return polite;
    throw error;
  }
  const podium = view.standings
    .filter((s) => s.rank <= 3)
    .map((s) => `**${s.rank}.** ${s.entrant.name}`)
    .join("\n");
  return { content: `**${tournament.name}** is finished (by ${mention(ctx.user.discordUserId)}).${podium ? `\n${podium}` : ""}` };
}
