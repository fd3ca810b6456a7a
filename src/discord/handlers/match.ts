/** A match's buttons (Team N won, Draw, Cancel) and the staff's `/match resolve|cancel|undo|correct`. */
import type { ReportState } from "../../db/repository";
import { correctMatch } from "../../services/corrections";
import { type ReportOutcome, reportMatch } from "../../services/reports";
import { notice, type Reply } from "../api";
import { type InteractionContext, type Outcome, isStaff } from "../context";
import { type MatchPlayerLine, matchMessage, mention, teamName } from "../messages";
import type { Options } from "../options";

/** Discord answers in 3 s: retries of a losing race stop well before that. */
export const DISCORD_BUDGET_MS = 2_000;

const describe = (outcome: string) => (outcome === "draw" ? "a draw" : `${teamName(Number(outcome))} won`);

function lines(state: ReportState, changes?: Map<string, { after: number; deviation: number; change: number }>): MatchPlayerLine[] {
  return state.snapshot.roster.map((r) => {
    const current = state.snapshot.states.find((s) => s.playerId === r.playerId);
    const change = changes?.get(r.playerId);
    return {
      discordUserId: state.discordIds.get(r.playerId) ?? r.playerId,
      team: r.team,
      rating: change?.after ?? current?.rating ?? 0,
      deviation: change?.deviation ?? current?.deviation ?? 0,
      change: change?.change,
    };
  });
}

function render(outcome: ReportOutcome, reporter: string): Reply {
  const { state } = outcome;
  const base = { matchId: state.snapshot.match.id, ladderName: state.snapshot.ladder.name, teamCount: state.snapshot.match.teamCount };
  switch (outcome.kind) {
    case "applied": {
      const changes = new Map(
        outcome.result.changes.map((c) => [
          c.playerId,
          { after: c.ratingAfter, deviation: c.deviationAfter, change: Math.round(c.ratingAfter) - Math.round(c.ratingBefore) },
        ]),
      );
      const ranks = state.snapshot.match.ranks;
      const winner = outcome.result.changes.find((c) => c.result === "win");
      const note = winner ? `**${teamName(winner.team)} won.** Ratings updated.` : ranks ? "**Draw.** Ratings updated." : "**Draw.** Ratings updated.";
      return { ...matchMessage({ ...base, players: lines(state, changes), status: "completed", note }), update: true };
    }
    case "waiting": {
      const first = outcome.reports[0];
      const note = `${mention(first?.discordUserId ?? reporter)} reported **${describe(first?.outcome ?? "")}**. A player of another team (or staff) confirms by pressing the same button.`;
      return { ...matchMessage({ ...base, players: lines(state), status: "pending", note }), update: true };
    }
    case "disputed": {
      const said = outcome.reports.map((r) => `${mention(r.discordUserId)}: ${describe(r.outcome)}`).join("\n");
      const note = `Reports contradict each other:\n${said}\nStaff settle it with \`/match resolve match:${base.matchId} outcome:<team|draw>\`.`;
      return { ...matchMessage({ ...base, players: lines(state), status: "disputed", note }), update: true };
    }
    case "awaiting-staff":
      return notice(`This match is disputed: staff settle it with \`/match resolve match:${base.matchId} outcome:<team|draw>\`.`);
    case "not-player":
      return notice("Only the players of this match (or staff) can report its result.");
    case "already-reported":
      return notice(`You already reported ${describe(outcome.previous)}. If that was wrong, ask staff to settle the match.`);
    case "closed":
      return notice(
        outcome.status === "expired" ? "This match has expired: it was cancelled without a result." : `This match is no longer open (${outcome.status}).`,
      );
  }
}

export async function reportButton(ctx: InteractionContext, matchId: string, outcome: string): Promise<Reply> {
  const staff = await isStaff(ctx);
  const result = await reportMatch(ctx.repo(), { guildId: ctx.guildId, matchId, reporter: ctx.user.discordUserId, outcome, staff }, ctx.actor, {
    now: ctx.now,
    budgetMs: DISCORD_BUDGET_MS,
  });
  return render(result, ctx.user.discordUserId);
}

export async function cancelMatchButton(ctx: InteractionContext, matchId: string, update = true): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice("Only staff can cancel a match.");
  const status = await ctx.repo().lobbyMatches.cancel(ctx.guildId, matchId, ctx.actor);
  if (status !== "cancelled") return notice(`Match ${matchId} is ${status}; only a pending match can be cancelled (staff can \`/match undo\` a result).`);
  return { content: `Match ${matchId} cancelled by ${mention(ctx.user.discordUserId)}.`, embeds: [], components: [], update };
}

/** Parse `outcome:` (1-based team number or "draw") into the button's form (0-based index or "draw"). */
export function parseOutcome(text: string | undefined): string | null {
  const value = text
    ?.trim()
    .toLowerCase()
    .replace(/^team\s*/, "");
  if (value === "draw") return "draw";
  if (value && /^\d{1,2}$/.test(value) && Number(value) >= 1) return String(Number(value) - 1);
  return null;
}

export async function matchCommand(ctx: InteractionContext, opts: Options): Promise<Outcome> {
  if (!(await isStaff(ctx))) return notice("Only staff (Manage Server, Administrator or the staff role) can use `/match`.");
  const matchId = opts.string("match") ?? "";
  if (opts.sub === "cancel") return cancelMatchButton(ctx, matchId, false);
  const outcome = parseOutcome(opts.string("outcome"));
  if ((opts.sub === "resolve" || opts.sub === "correct") && outcome === null) return notice("`outcome` is a team number (1, 2, ...) or `draw`.");
  if (opts.sub === "resolve") {
    const result = await reportMatch(
      ctx.repo(),
      { guildId: ctx.guildId, matchId, reporter: ctx.user.discordUserId, outcome: outcome ?? "draw", staff: true },
      ctx.actor,
      { now: ctx.now, budgetMs: DISCORD_BUDGET_MS },
    );
    return { ...render(result, ctx.user.discordUserId), update: false };
  }
  if (opts.sub === "undo" || opts.sub === "correct") {
    // A replay may touch many later results: answer at once, finish in the background, edit the reply.
    return {
      defer: true,
      ephemeral: false,
      work: async () => {
        const input =
          opts.sub === "undo"
            ? { guildId: ctx.guildId, matchId, kind: "void" as const }
            : { guildId: ctx.guildId, matchId, kind: "correct" as const, outcome: { winner: outcome === "draw" ? ("draw" as const) : Number(outcome) } };
        const done = await correctMatch(ctx.repo(), input, ctx.actor, { now: ctx.now, budgetMs: 10_000 });
        const what = opts.sub === "undo" ? "voided" : `corrected to ${describe(outcome ?? "draw")}`;
        return {
          content: done.changed
            ? `Match ${matchId} ${what} by ${mention(ctx.user.discordUserId)}; ${done.replayedMatches} later result(s) replayed.`
            : `Match ${matchId} was already ${opts.sub === "undo" ? "voided" : "like that"}: nothing changed.`,
        };
      },
    };
  }
  return notice("Unknown `/match` sub-command.");
}
