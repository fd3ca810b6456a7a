/**
 * The slash commands, defined once: the handler dispatches on these names and
 * `npm run register-commands` publishes exactly this list. The names are part of the product.
 */
import type { RESTPutAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { OptionType } from "./api";

/** Guild-only: every command works on a guild's players and ladders. Context 0 = GUILD. */
const guildOnly = { contexts: [0], integration_types: [0] };

const ladder = { type: OptionType.String, name: "ladder", description: "Ladder slug (the default ladder when omitted)", max_length: 40 };
const matchId = {
  type: OptionType.String,
  name: "match",
  description: "Match id (shown on the match message)",
  required: true,
  min_length: 36,
  max_length: 36,
};
const outcome = {
  type: OptionType.String,
  name: "outcome",
  description: "The winning team's number (1, 2, ...) or draw",
  required: true,
  max_length: 5,
};

/**
 * Tournaments are named by name or id; omitted, the server's only active one is used. Discord asks
 * for suggestions as the member types (autocomplete); a picked suggestion sends the id, and typed
 * text that matches no suggestion is still looked up by name.
 */
const tournament = {
  type: OptionType.String,
  name: "tournament",
  description: "Tournament name or id (default: this server's only active tournament)",
  max_length: 100,
  autocomplete: true,
};
/** Teammates as user options (Discord resolves their names): 15 with the captain fill the largest team (16). */
export const TEAMMATE_OPTIONS = Array.from({ length: 15 }, (_, i) => `teammate-${i + 1}`);
const teammates = TEAMMATE_OPTIONS.map((name, i) => ({ type: OptionType.User, name, description: `Team tournaments: teammate ${i + 1}` }));

export const COMMANDS = [
  {
    name: "lobby",
    description: "Gather players with buttons; teams are balanced when it is full",
    ...guildOnly,
    options: [
      {
        type: OptionType.SubCommand,
        name: "open",
        description: "Open a lobby in this channel",
        options: [
          { type: OptionType.Integer, name: "size", description: "Players needed (default: the ladder's teams × team size)", min_value: 2, max_value: 100 },
          { type: OptionType.Integer, name: "teams", description: "Number of teams (default: the ladder's)", min_value: 2, max_value: 16 },
          ladder,
        ],
      },
      {
        type: OptionType.SubCommand,
        name: "join",
        description: "Join the newest open lobby in this channel, with friends as one party",
        options: [{ type: OptionType.String, name: "party", description: "Friends to join with (mentions); you stay on one team", max_length: 1000 }],
      },
    ],
  },
  {
    name: "balance",
    description: "Propose balanced teams from mentioned players",
    ...guildOnly,
    options: [
      { type: OptionType.String, name: "players", description: "The players (mentions)", required: true, max_length: 2000 },
      { type: OptionType.String, name: "party", description: "Players to keep on one team (mentions; separate parties with ;)", max_length: 1000 },
      { type: OptionType.Integer, name: "teams", description: "Number of teams (default: the ladder's)", min_value: 2, max_value: 16 },
      ladder,
    ],
  },
  {
    name: "match",
    description: "Staff: settle, cancel, undo or correct a match",
    ...guildOnly,
    options: [
      { type: OptionType.SubCommand, name: "resolve", description: "Settle a disputed or pending match", options: [matchId, outcome] },
      { type: OptionType.SubCommand, name: "cancel", description: "Cancel a pending match", options: [matchId] },
      { type: OptionType.SubCommand, name: "undo", description: "Void a completed match and replay later results", options: [matchId] },
      { type: OptionType.SubCommand, name: "correct", description: "Change a completed match's outcome and replay", options: [matchId, outcome] },
    ],
  },
  {
    name: "profile",
    description: "Rating, rank, record and recent results",
    ...guildOnly,
    options: [{ type: OptionType.User, name: "user", description: "Whose profile (default: yours)" }, ladder],
  },
  {
    name: "leaderboard",
    description: "The ladder's standings",
    ...guildOnly,
    options: [{ type: OptionType.Integer, name: "page", description: "Page (10 per page)", min_value: 1, max_value: 1000 }, ladder],
  },
  {
    name: "history",
    description: "Recent rated results",
    ...guildOnly,
    options: [{ type: OptionType.User, name: "user", description: "Whose history (default: yours)" }, ladder],
  },
  {
    name: "setup",
    description: "Staff: configure teamrank for this server",
    ...guildOnly,
    default_member_permissions: "32",
    options: [{ type: OptionType.Role, name: "staff-role", description: "Members with this role may settle and correct matches", required: true }],
  },
  {
    name: "ladder",
    description: "Staff: ladders (games or modes with their own ratings)",
    ...guildOnly,
    options: [
      {
        type: OptionType.SubCommand,
        name: "create",
        description: "Create a ladder",
        options: [
          { type: OptionType.String, name: "slug", description: "Short id, e.g. 5v5", required: true, min_length: 1, max_length: 40 },
          { type: OptionType.String, name: "name", description: "Display name", max_length: 80 },
          { type: OptionType.Integer, name: "teams", description: "Teams per match", min_value: 2, max_value: 16 },
          { type: OptionType.Integer, name: "team-size", description: "Players per team", min_value: 1, max_value: 50 },
          { type: OptionType.Boolean, name: "confirm", description: "Reports need a confirmation from another team" },
        ],
      },
      {
        type: OptionType.SubCommand,
        name: "settings",
        description: "Show or change a ladder's settings",
        options: [
          ladder,
          { type: OptionType.Integer, name: "teams", description: "Teams per match", min_value: 2, max_value: 16 },
          { type: OptionType.Integer, name: "team-size", description: "Players per team", min_value: 1, max_value: 50 },
          { type: OptionType.Boolean, name: "confirm", description: "Reports need a confirmation from another team" },
        ],
      },
    ],
  },
  {
    name: "season",
    description: "Staff: seasons",
    ...guildOnly,
    options: [{ type: OptionType.SubCommand, name: "start", description: "End the current season and start the next", options: [ladder] }],
  },
  {
    name: "tournament",
    description: "Tournaments: join, check in, pairings, standings and your results",
    ...guildOnly,
    options: [
      {
        type: OptionType.SubCommand,
        name: "join",
        description: "Register for a tournament (team tournaments: you are the captain)",
        options: [tournament, { type: OptionType.String, name: "team-name", description: "Team tournaments: your team's name", max_length: 80 }, ...teammates],
      },
      { type: OptionType.SubCommand, name: "leave", description: "Drop out of a tournament", options: [tournament] },
      { type: OptionType.SubCommand, name: "checkin", description: "Confirm that you are here to play", options: [tournament] },
      {
        type: OptionType.SubCommand,
        name: "pairings",
        description: "Who plays whom, at which board, and the results so far",
        options: [
          tournament,
          { type: OptionType.Integer, name: "round", description: "Round number (default: the current round)", min_value: 1, max_value: 1000 },
        ],
      },
      { type: OptionType.SubCommand, name: "standings", description: "Points and tiebreaks, with your own row", options: [tournament] },
      {
        type: OptionType.SubCommand,
        name: "report",
        description: "Report your current game's result",
        options: [
          {
            type: OptionType.String,
            name: "result",
            description: "Your result",
            required: true,
            choices: [
              { name: "I won", value: "win" },
              { name: "I lost", value: "loss" },
              { name: "Draw", value: "draw" },
            ],
          },
          tournament,
        ],
      },
      {
        type: OptionType.SubCommand,
        name: "start",
        description: "Staff: close registration, seed the field and pair round 1",
        options: [
          tournament,
          {
            type: OptionType.String,
            name: "seeding",
            description: "How to seed (default: ladder rating)",
            choices: [
              { name: "By ladder rating", value: "rating" },
              { name: "By registration order", value: "registration" },
            ],
          },
        ],
      },
      { type: OptionType.SubCommand, name: "next", description: "Staff: pair the next round once every result is in", options: [tournament] },
      { type: OptionType.SubCommand, name: "finish", description: "Staff: finish the tournament once nothing is left to play", options: [tournament] },
    ],
  },
] satisfies RESTPutAPIApplicationCommandsJSONBody;

export type CommandName = (typeof COMMANDS)[number]["name"];
