/**
 * A result reported with Discord buttons. A player's report waits for a member of another team to
 * confirm it when the ladder asks for confirmation; contradicting reports make the match disputed;
 * staff reports (and `/match resolve`) apply at once. Applying is the same guarded result batch as
 * the API's, with the lobby's completion in it, retried on races within the time budget. The
 * completion holds the lobby token our report batch set, so a report recorded between our read and
 * our commit (a contradicting one in particular) fails the commit: the retry re-reads and sees it.
 * Normal cost: a report 1 round trip, a confirmation 2.
 */
import type { Actor, MatchReportRow, ReportState, Repository } from "../db/repository";
import { ConflictError } from "../errors";
import { retryConflicts } from "./retry";
import { type AppliedResult, type ApplyOptions, appliedResult, planResult, ranksOf, settled } from "./results";

export interface ReportInput {
  guildId: string;
  matchId: string;
  reporter: string;
  /** The winning team's index as text, or "draw". */
  outcome: string;
  staff: boolean;
}

export type ReportOutcome =
  | { kind: "applied"; result: AppliedResult; state: ReportState }
  | { kind: "waiting"; state: ReportState; reports: MatchReportRow[] }
  | { kind: "disputed"; state: ReportState; reports: MatchReportRow[] }
  | { kind: "awaiting-staff"; state: ReportState }
  | { kind: "not-player"; state: ReportState }
  | { kind: "already-reported"; state: ReportState; previous: string }
  | { kind: "closed"; state: ReportState; status: string };

export function outcomeOf(outcome: string): { winner: number | "draw" } {
  return { winner: outcome === "draw" ? "draw" : Number(outcome) };
}

export async function reportMatch(repo: Repository, input: ReportInput, actor: Actor, options: ApplyOptions): Promise<ReportOutcome> {
  return retryConflicts(options, async () => {
    const state = await repo.lobbyMatches.report(input.guildId, input.matchId, input.reporter, input.outcome);
    const { snapshot, lobby, reports } = state;
    const ranks = ranksOf(outcomeOf(input.outcome), snapshot.match.teamCount);
    if (snapshot.match.status !== "pending") {
      const done = settled(snapshot, ranks);
      if (done) return { kind: "applied", result: done, state };
    }
    if (!input.staff) {
      if (lobby?.status === "disputed") return { kind: "awaiting-staff", state };
      if (lobby?.status !== "started") return { kind: "closed", state, status: lobby?.status ?? "unknown" };
      const mine = reports.find((r) => r.discordUserId === input.reporter);
      if (!mine) return { kind: "not-player", state };
      if (mine.outcome !== input.outcome) return { kind: "already-reported", state, previous: mine.outcome };
      if (reports.some((r) => r.outcome !== input.outcome)) {
        await repo.lobbyMatches.dispute(input.matchId, actor);
        return { kind: "disputed", state, reports };
      }
      const teams = new Set(reports.map((r) => r.team));
      if (snapshot.ladder.settings.requireConfirmation && teams.size < 2) return { kind: "waiting", state, reports };
    } else if (lobby && !["started", "disputed"].includes(lobby.status) && snapshot.match.status === "pending") {
      // An expired or cancelled lobby: its match was cancelled with it (the cron), never rated late.
      return { kind: "closed", state, status: lobby.status };
    }
    if (snapshot.match.status !== "pending")
      throw new ConflictError(`Match ${snapshot.match.id} is ${snapshot.match.status}`, { status: snapshot.match.status });
    const plan = planResult(snapshot, ranks, options.now());
    // Fails (and is retried from a fresh read) if a report landed after ours was read: a contradicting
    // one must see this match disputed, never completed behind its back.
    await repo.results.commit(plan, actor, (tx) => [repo.lobbyMatches.completeStatement(tx, input.matchId, actor, lobby?.token ?? null)]);
    return {
      kind: "applied",
      state,
      result: appliedResult(plan),
    };
  });
}
