/** `/tournament <sub>`: one entry point for dispatch, one handler per sub-command. */
import { notice, type Reply } from "../api";
import type { InteractionContext } from "../context";
import type { Options } from "../options";
import { checkInTournament, joinTournament, leaveTournament } from "./tournament-entry";
import { pairingsCommand, reportCommand, standingsCommand } from "./tournament-play";
import { finishCommand, nextRoundCommand, startCommand } from "./tournament-staff";

const SUBCOMMANDS: Record<string, (ctx: InteractionContext, opts: Options) => Promise<Reply>> = {
  join: joinTournament,
  leave: leaveTournament,
  checkin: checkInTournament,
  pairings: pairingsCommand,
  standings: standingsCommand,
  report: reportCommand,
  start: startCommand,
  next: nextRoundCommand,
  finish: finishCommand,
};

export function tournamentCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const handler = opts.sub && Object.hasOwn(SUBCOMMANDS, opts.sub) ? SUBCOMMANDS[opts.sub] : undefined;
  return handler ? handler(ctx, opts) : Promise.resolve(notice("Unknown `/tournament` sub-command."));
}
