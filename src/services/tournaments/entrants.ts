/**
 * Entrants: registration (with a team's roster in the same guarded batch), late entry, check-in and
 * drop. Each answers with the tournament's fresh view.
 */
import type { Actor, Repository } from "../../db/repository";
import { ConflictError } from "../../errors";
import type { RegisterInput } from "./index";
import { checkName, invalid } from "./rules";
import type { TournamentView } from "./types";
import { buildView } from "./view";

/**
 * Registers a player, or a team (team tournaments: the captain `playerId` plus `roster`, exactly
 * `teamSize` distinct players of the guild; the captain may be listed or not, and comes first).
 * While the tournament runs this is a late entry, which only a Swiss stage 1 can take in.
 */
export async function registerEntrant(repo: Repository, guildId: string, tournamentId: string, input: RegisterInput, actor: Actor): Promise<TournamentView> {
  if (typeof input.playerId !== "string") throw invalid("playerId is required", "playerId");
  checkName(input.teamName, "teamName");
  if (input.roster !== undefined && (!Array.isArray(input.roster) || input.roster.some((id) => typeof id !== "string"))) {
    throw invalid("roster must be a list of player ids", "roster");
  }
  const snap = await repo.tournamentPlay.load(guildId, tournamentId);
  const { tournament } = snap;
  let roster: string[] | undefined;
  if (tournament.teamSize !== null) {
    if (!input.roster) throw invalid(`A team tournament needs a roster of ${tournament.teamSize} players`, "roster");
    const others = input.roster.filter((id) => id !== input.playerId);
    if (new Set(others).size !== others.length) throw invalid("A player is listed twice in the roster", "roster");
    roster = [input.playerId, ...others];
    if (roster.length !== tournament.teamSize) {
      throw invalid(`The roster must have exactly ${tournament.teamSize} players, captain included; it has ${roster.length}`, "roster");
    }
  } else if (input.roster && input.roster.length > 0) {
    throw invalid("This tournament is for individual players: no roster", "roster");
  }
  const options = { teamName: input.teamName, roster };
  if (tournament.status === "running") {
    if (snap.format.kind !== "swiss" || snap.stages.length !== 1) {
      throw new ConflictError("Late entries join Swiss play only; this tournament's field is fixed", {
        reason: "LATE_ENTRY_CLOSED",
        status: tournament.status,
      });
    }
    await repo.tournaments.lateEntry(tournament.id, input.playerId, actor, options);
  } else {
    await repo.tournaments.register(tournament.id, input.playerId, actor, options);
  }
  return buildView(await repo.tournamentPlay.load(guildId, tournamentId));
}

/** Leaving before the start deletes nothing: the registration is dropped (its number stays used). */
export async function dropEntrant(repo: Repository, guildId: string, tournamentId: string, playerId: string, actor: Actor): Promise<TournamentView> {
  const tournament = await repo.tournaments.get(guildId, tournamentId);
  await repo.tournaments.drop(tournament.id, playerId, actor);
  return buildView(await repo.tournamentPlay.load(guildId, tournamentId));
}

export async function checkInEntrant(repo: Repository, guildId: string, tournamentId: string, playerId: string, actor: Actor): Promise<TournamentView> {
  const tournament = await repo.tournaments.get(guildId, tournamentId);
  await repo.tournaments.checkIn(tournament.id, playerId, actor);
  return buildView(await repo.tournamentPlay.load(guildId, tournamentId));
}
