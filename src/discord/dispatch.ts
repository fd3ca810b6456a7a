/**
 * From a verified interaction to a handler's answer. Every refusal is a clear ephemeral message
 * with HTTP 200 (Discord shows nothing useful for an error status): unknown commands and buttons,
 * DMs, malformed payloads, stale buttons, missing rights, an unreachable database.
 */
import type { APIInteraction } from "discord-api-types/v10";
import { DomainError } from "../domain/errors";
import { AppError } from "../errors";
import { InteractionType, notice } from "./api";
import { parseButton } from "./components";
import type { InteractionContext, Outcome } from "./context";
import { balanceCommand, cancelProposalButton, shuffleButton, startMatchButton } from "./handlers/proposal";
import { closeLobby, joinCommand, joinLobby, leaveLobby, openLobby, startLobbyNow } from "./handlers/lobby";
import { cancelMatchButton, matchCommand, reportButton } from "./handlers/match";
import { historyCommand, leaderboardCommand, profileCommand } from "./handlers/stats";
import { ladderCommand, seasonCommand, setupCommand } from "./handlers/setup";
import { tournamentCommand } from "./handlers/tournament";
import { type Choice, tournamentChoices } from "./handlers/tournament-autocomplete";
import { type Options, readOptions } from "./options";

type CommandHandler = (ctx: InteractionContext, opts: Options) => Promise<Outcome>;

const COMMAND_HANDLERS: Record<string, CommandHandler> = {
  lobby: (ctx, opts) =>
    opts.sub === "join" ? joinCommand(ctx, opts) : opts.sub === "open" ? openLobby(ctx, opts) : Promise.resolve(notice("Unknown `/lobby` sub-command.")),
  balance: balanceCommand,
  match: matchCommand,
  profile: profileCommand,
  leaderboard: leaderboardCommand,
  history: historyCommand,
  setup: setupCommand,
  ladder: ladderCommand,
  season: seasonCommand,
  tournament: tournamentCommand,
};

export async function dispatch(interaction: APIInteraction, ctx: InteractionContext): Promise<Outcome> {
  try {
    if (interaction.type === InteractionType.ApplicationCommand) {
      const data = interaction.data as { name?: unknown; options?: unknown };
      const handler = typeof data?.name === "string" && Object.hasOwn(COMMAND_HANDLERS, data.name) ? COMMAND_HANDLERS[data.name] : undefined;
      if (!handler) return notice("Unknown command. Commands may have changed: try again in a minute.");
      return await handler(ctx, readOptions(Array.isArray(data.options) ? (data.options as never) : undefined));
    }
    if (interaction.type === InteractionType.MessageComponent) {
      const customId = (interaction.data as { custom_id?: unknown })?.custom_id;
      const action = typeof customId === "string" ? parseButton(customId) : null;
      if (!action) return notice("This button is not one of teamrank's (or it is out of date).");
      switch (action.kind) {
        case "lobby.join":
          return await joinLobby(ctx, action.lobbyId, undefined, true);
        case "lobby.leave":
          return await leaveLobby(ctx, action.lobbyId);
        case "lobby.start":
          return await startLobbyNow(ctx, action.lobbyId);
        case "lobby.close":
          return await closeLobby(ctx, action.lobbyId);
        case "proposal.start":
          return await startMatchButton(ctx, action.lobbyId, action.split);
        case "proposal.shuffle":
          return await shuffleButton(ctx, action.lobbyId, action.split);
        case "proposal.cancel":
          return await cancelProposalButton(ctx, action.lobbyId);
        case "match.report":
          return await reportButton(ctx, action.matchId, action.outcome);
        case "match.cancel":
          return await cancelMatchButton(ctx, action.matchId);
      }
    }
    return notice("teamrank does not handle this kind of interaction.");
  } catch (error) {
    return explain(error);
  }
}

/**
 * Suggestions for an autocomplete interaction (type 4). Never throws: a member typing must not see
 * an error, so any failure (no database, a malformed payload) is an empty list, logged.
 */
export async function autocomplete(interaction: APIInteraction, ctx: InteractionContext): Promise<Choice[]> {
  try {
    const data = interaction.data as { name?: unknown; options?: unknown } | undefined;
    return data?.name === "tournament" ? await tournamentChoices(ctx, data.options) : [];
  } catch (error) {
    // One line, not a stack: Discord asks on every keystroke, so an outage would flood the log.
    console.error(`[discord] autocomplete failed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** An error as the presser should read it; unexpected ones are logged, never shown. */
export function explain(error: unknown) {
  if (error instanceof AppError) {
    switch (error.code) {
      case "NOT_FOUND":
        return notice(`Not found: ${error.message}.`);
      case "UNAVAILABLE":
        return notice("The database is unreachable right now. Nothing was changed; try again in a moment.");
      case "CONFIG_INVALID":
        console.error(`[discord] ${error.message}`);
        return notice("teamrank is not configured on this server yet (the database is not set). Ask the bot's operator.");
      case "CONFLICT":
      case "DUPLICATE":
      case "VALIDATION_FAILED":
      case "REPLAY_TOO_LARGE":
        return notice(error.message);
      default:
        break;
    }
  }
  if (error instanceof DomainError) return notice(`Cannot do that: ${error.message}.`);
  console.error("[discord] unhandled", error);
  return notice("Something went wrong on our side. Nothing was changed; try again.");
}
