/**
 * `/tournament pairings|standings|report`. Pairings and standings are posted in the channel (the
 * whole table is interested); a report is public too, so the opponent sees it. Refusals are private.
 */
import { AppError } from "../../errors";
import type { PairingResult, TournamentView } from "../../services/tournaments";
import { reportResult, tournamentView } from "../../services/tournaments";
import { notice, type Reply } from "../api";
import type { InteractionContext } from "../context";
import { mention } from "../messages";
import type { Options } from "../options";
import { entrantLabel, pairingsMessage, resultFor, roundTitle, score, standingsMessage, whoIsIn } from "../tournament-messages";
import { currentRound, entrantOf, findTournament, pickedNote, refusal, reportableGame } from "./tournament-lookup";

const notStarted = (view: TournamentView) => {
  const active = view.entrants.filter((e) => e.status !== "dropped");
  const checkedIn = active.filter((e) => e.status === "checked_in").length;
  const checkIn = view.tournament.status === "check_in" ? `, ${checkedIn} checked in` : "";
  return notice(`**${view.tournament.name}** has not started yet: ${active.length} registered${checkIn}.`);
};

export async function pairingsCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const view = await tournamentView(ctx.repo(), ctx.guildId, found.tournament.id);
  const asked = opts.integer("round");
  const current = currentRound(view);
  if (!current) return notStarted(view);
  // A round number names the round of the current stage (a playoff restarts at 1).
  const round = asked === undefined ? current : view.rounds.find((r) => r.stage === current.stage && r.number === asked);
  if (!round) return notice(`**${view.tournament.name}** has no round ${asked} (yet): the current round is ${current.number}.`);
  const own = entrantOf(view, ctx.user.discordUserId)?.registrationId ?? null;
  // The title names the tournament, so a picked one needs no extra note.
  return pairingsMessage(view, round, { own });
}

export async function standingsCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const view = await tournamentView(ctx.repo(), ctx.guildId, found.tournament.id);
  if (view.rounds.length === 0) return notStarted(view);
  if (view.standings.length === 0) return notice(`**${view.tournament.name}** has no standings yet.`);
  return standingsMessage(view, entrantOf(view, ctx.user.discordUserId)?.registrationId ?? null);
}

/** What the member says about their own game, from their side. */
type Said = "win" | "loss" | "draw";

/** The caller's word (their side) as the stored result (a's side). */
function asPairingResult(said: Said, side: "a" | "b"): PairingResult {
  if (said === "draw") return "draw";
  const other = side === "a" ? "b" : "a";
  return said === "win" ? side : other;
}

/**
 * The caller reports their own current game. First report wins; the same result again changes
 * nothing; a different one is refused politely (staff correct results through the admin API).
 */
export async function reportCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const said = opts.string("result")?.toLowerCase();
  if (said !== "win" && said !== "loss" && said !== "draw") return notice("`result` is `win`, `loss` or `draw` (from your side).");
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status !== "running") return notice(`**${tournament.name}** is not running: there is no game to report.`);
  const view = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
  const mine = entrantOf(view, ctx.user.discordUserId);
  if (!mine) return notice(`You are not registered in **${tournament.name}**.`);
  const game = reportableGame(view, mine.registrationId);
  if (!game) {
    // Elimination byes are not stored as games: the entrant simply waits for the next match's other side.
    const waiting = mine.status === "dropped" ? "you have withdrawn" : "you have a bye, or your next opponent is not decided yet";
    return notice(`You have no game to report in **${tournament.name}** right now: ${waiting}.`);
  }
  const { round, pairing, side } = game;
  if (!pairing.b) return notice(`You have a bye in round ${round.number}: there is nothing to report.`);
  const wanted = asPairingResult(said, side);
  const already = (stored: PairingResult) =>
    stored === wanted
      ? notice(`Your game is already recorded as ${resultFor(stored, side)} for you. Nothing changed.`)
      : notice(`This game is already reported as ${resultFor(stored, side)} for you. If that is wrong, ask staff to correct it.`);
  if (pairing.result !== null) return already(pairing.result);

  let stored: PairingResult | null;
  try {
    stored = (await reportResult(ctx.repo(), ctx.guildId, tournament.id, pairing.id, wanted, ctx.actor, { now: ctx.now })).result;
  } catch (error) {
    // Lost a race with the opponent's report: say what they reported.
    if (!(error instanceof AppError && error.code === "CONFLICT")) {
      const polite = refusal(error, tournament);
      if (polite) return polite;
      throw error;
    }
    const fresh = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
    const now = fresh.rounds.flatMap((r) => r.pairings).find((p) => p.id === pairing.id)?.result ?? null;
    if (now !== null) return already(now);
    return refusal(error, tournament) ?? notice("Could not record the result: try again.");
  }
  if (stored !== null && stored !== wanted) return already(stored);
  const whoIs = whoIsIn(view);
  const line = `${entrantLabel(pairing.a, whoIs)} **${score(wanted)}** ${entrantLabel(pairing.b, whoIs)}`;
  const open = round.pairings.filter((p) => p.id !== pairing.id && p.b !== null && p.result === null).length;
  const next =
    open === 0
      ? `\nEvery result of round ${round.number} is in: staff pair the next round with \`/tournament next\` (or \`/tournament finish\` when nothing is left to play).`
      : `\n${open} game(s) of this round still to play.`;
  return {
    content: `${roundTitle(view, round)}, board ${pairing.station}: ${line} — reported by ${mention(ctx.user.discordUserId)}${pickedNote(found)}.${next}`,
  };
}
