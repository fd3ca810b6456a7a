/**
 * Rated tournaments feed the ladder: each played game (not a bye, not a forfeit) becomes a ladder
 * match between the two rosters, whose id is the pairing's id, rated by the existing team model.
 * Every step is idempotent (the match create meets its own id and idempotency key, applyMatchResult
 * answers alreadyApplied, correctMatch "unchanged"), so settling again after a crash, a retry or a
 * concurrent report changes nothing that was done, and finishes what was not.
 */
import type { Actor, PlaySnapshot, Repository, SnapshotPairing } from "../../db/repository";
import { ConflictError } from "../../errors";
import { correctMatch } from "../corrections";
import { applyMatchResult, type ApplyOptions } from "../results";

type Result = NonNullable<SnapshotPairing["result"]>;

const rated = (snap: PlaySnapshot, p: SnapshotPairing) => snap.tournament.rated && p.entrantB !== null && !p.forfeit && p.result !== null;
const ranksFor = (result: Result): number[] => (result === "draw" ? [0, 0] : result === "a" ? [0, 1] : [1, 0]);
const winner = (result: Result) => (result === "draw" ? ("draw" as const) : result === "a" ? 0 : 1);

/** The players of an entrant: its roster (teams), else the registered player. */
export function rosterOf(snap: PlaySnapshot, registrationId: string): string[] {
  const members = snap.rosters.filter((r) => r.registrationId === registrationId).map((r) => r.playerId);
  if (members.length > 0) return members;
  const reg = snap.registrations.find((r) => r.id === registrationId);
  return reg ? [reg.playerId] : [];
}

/** True when the pairing's ladder match is missing, unrated, or rated with another result. */
export function unsettled(snap: PlaySnapshot, p: SnapshotPairing): boolean {
  if (!rated(snap, p) || p.result === null) return false;
  if (p.matchStatus !== "completed" || p.matchId === null) return true;
  return JSON.stringify(p.matchRanks) !== JSON.stringify(ranksFor(p.result));
}

/** Brings one rated game's ladder match in line with the pairing's result. */
export async function settle(repo: Repository, snap: PlaySnapshot, p: SnapshotPairing, actor: Actor, options: ApplyOptions): Promise<void> {
  if (!rated(snap, p) || p.result === null || p.entrantB === null) return;
  const guildId = snap.tournament.guildId;
  const outcome = { winner: winner(p.result) };
  if (p.matchStatus === "completed") {
    if (JSON.stringify(p.matchRanks) !== JSON.stringify(ranksFor(p.result))) {
      await correctMatch(repo, { guildId, matchId: p.id, kind: "correct", outcome }, actor, options);
    }
  } else {
    if (p.matchStatus === null) {
      await repo.tournamentPlay.createRatedMatch(
        { guildId, ladder: snap.ladder.slug, pairingId: p.id, teams: [rosterOf(snap, p.entrantA), rosterOf(snap, p.entrantB)] },
        actor,
      );
    }
    try {
      await applyMatchResult(repo, { guildId, matchId: p.id, outcome }, actor, options);
    } catch (error) {
      // A concurrent settle rated it with the result it had read; ours (just written) is newer.
      if (!(error instanceof ConflictError && (error.details as { status?: string } | undefined)?.status === "completed")) throw error;
      await correctMatch(repo, { guildId, matchId: p.id, kind: "correct", outcome }, actor, options);
    }
  }
  if (p.matchId === null) await repo.tournamentPlay.linkMatch(p.id, actor);
}

/** Settles every rated game whose ladder match is behind (pairing and finishing call this first). */
export async function settleAll(repo: Repository, snap: PlaySnapshot, actor: Actor, options: ApplyOptions): Promise<boolean> {
  const behind = snap.pairings.filter((p) => unsettled(snap, p));
  for (const p of behind) await settle(repo, snap, p, actor, options);
  return behind.length > 0;
}
