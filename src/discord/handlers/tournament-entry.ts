/** `/tournament join|leave|checkin`: a member's own registration (a captain's, for a team). */
import { DuplicateError } from "../../errors";
import { checkInEntrant, dropEntrant, registerEntrant, tournamentView } from "../../services/tournaments";
import { notice, type Reply } from "../api";
import { TEAMMATE_OPTIONS } from "../commands";
import { type InteractionContext, memberOf } from "../context";
import { mention } from "../messages";
import type { Options } from "../options";
import { literal } from "../tournament-messages";
import { entrantOf, findTournament, pickedNote, playerIds, reasonOf, refusal, statusText } from "./tournament-lookup";

const SNOWFLAKE = /^\d{17,20}$/;

/** Teammates named in the user options, in order, without the captain or repeats. */
function teammatesOf(ctx: InteractionContext, opts: Options): string[] {
  const ids = TEAMMATE_OPTIONS.map((name) => opts.string(name)).filter((id): id is string => id !== undefined && SNOWFLAKE.test(id));
  return [...new Set(ids)].filter((id) => id !== ctx.user.discordUserId);
}

export async function joinTournament(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status === "draft" || tournament.status === "finished") return notice(`You cannot join: ${statusText(tournament)}.`);
  const mates = teammatesOf(ctx, opts);
  const teamName = opts.string("team-name");
  const size = tournament.teamSize;
  if (size === null && (mates.length > 0 || teamName))
    return notice(`**${tournament.name}** is for individual players: join without a team name or teammates.`);
  if (size !== null && (!teamName || mates.length !== size - 1))
    return notice(
      `**${tournament.name}** is for teams of ${size}: you register as captain with \`team-name:\` and ${size - 1} other teammate${size > 2 ? "s" : ""} (\`teammate-1\` …); you named ${mates.length}.`,
    );
  if (teamName && [...teamName].some((c) => c.charCodeAt(0) < 32)) return notice("The team name cannot contain control characters.");

  const [captain, ...roster] = await playerIds(ctx, [ctx.user, ...mates.map((id) => memberOf(ctx, id))]);
  if (!captain) return notice("Could not register you: try again.");
  let view: Awaited<ReturnType<typeof registerEntrant>>;
  try {
    view = await registerEntrant(ctx.repo(), ctx.guildId, tournament.id, teamName ? { playerId: captain, teamName, roster } : { playerId: captain }, ctx.actor);
  } catch (error) {
    if (error instanceof DuplicateError && reasonOf(error) === null) {
      // Only on this rare path: tell a member who left apart from one still registered.
      const seen = entrantOf(await tournamentView(ctx.repo(), ctx.guildId, tournament.id), ctx.user.discordUserId);
      if (seen?.status === "dropped") return notice(`You left **${tournament.name}** earlier; ask staff if you want back in.`);
    }
    const polite = refusal(error, tournament);
    if (polite) return polite;
    throw error;
  }
  const mine = entrantOf(view, ctx.user.discordUserId);
  const who = mine?.teamName
    ? `Team **${literal(mine.teamName)}** (${mine.roster.map((m) => mention(m.discordUserId)).join(", ")})`
    : mention(ctx.user.discordUserId);
  const number = mine ? ` as #${mine.seq}` : "";
  const late = mine?.late ? " Late entry: you are paired from the next round on." : "";
  const checkIn = tournament.status === "check_in" && mine?.status !== "checked_in" ? " Check-in is open: use `/tournament checkin`." : "";
  return { content: `${who} registered for **${tournament.name}**${number}.${late}${checkIn}` };
}

export async function leaveTournament(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status === "finished") return notice(`${statusText(tournament)}: there is nothing to leave.`);
  const view = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
  const mine = entrantOf(view, ctx.user.discordUserId);
  if (!mine) return notice(`You are not registered in **${tournament.name}**.`);
  if (mine.discordUserId !== ctx.user.discordUserId) return notice(`Only your team's captain, ${mention(mine.discordUserId)}, can withdraw the team.`);
  if (mine.status === "dropped") return notice(`You already left **${tournament.name}**.`);
  try {
    await dropEntrant(ctx.repo(), ctx.guildId, tournament.id, mine.playerId, ctx.actor);
  } catch (error) {
    const polite = refusal(error, tournament);
    if (polite) return polite;
    throw error;
  }
  const after = tournament.status === "running" ? " You will not be paired again; your results so far stay in the standings." : "";
  return notice(`You left **${tournament.name}**${pickedNote(found)}.${after}`);
}

export async function checkInTournament(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const found = await findTournament(ctx, opts.string("tournament"));
  if ("refusal" in found) return found.refusal;
  const { tournament } = found;
  if (tournament.status === "draft" || tournament.status === "finished") return notice(`Check-in is closed: ${statusText(tournament)}.`);
  const view = await tournamentView(ctx.repo(), ctx.guildId, tournament.id);
  const mine = entrantOf(view, ctx.user.discordUserId);
  if (!mine) return notice(`You are not registered in **${tournament.name}**: join first with \`/tournament join\`.`);
  if (mine.status === "dropped") return notice(`You left **${tournament.name}**; ask staff if you want back in.`);
  if (mine.status === "checked_in") return notice(`You are already checked in for **${tournament.name}**.`);
  // Check-in is its own phase; once running, only late entrants still check in.
  if (tournament.status === "registration")
    return notice(`Check-in for **${tournament.name}** has not opened yet. You are registered (#${mine.seq}); check in when staff open it.`);
  if (tournament.status === "running" && !mine.late) return notice(`Check-in is closed: ${statusText(tournament)}.`);
  try {
    await checkInEntrant(ctx.repo(), ctx.guildId, tournament.id, mine.playerId, ctx.actor);
  } catch (error) {
    const polite = refusal(error, tournament);
    if (polite) return polite;
    throw error;
  }
  const who = mine.teamName ? `Team **${literal(mine.teamName)}**` : mention(ctx.user.discordUserId);
  return notice(`${who} checked in for **${tournament.name}**${pickedNote(found)} (#${mine.seq}).`);
}
