/** `/profile`, `/leaderboard`, `/history`: reads, one round trip each. */
import { notice, type Reply } from "../api";
import type { InteractionContext } from "../context";
import { mention, signed } from "../messages";
import type { Options } from "../options";

const PAGE = 10;
const MAX_PAGE = 100;

function userOption(ctx: InteractionContext, opts: Options): string {
  const id = opts.string("user");
  return id && /^\d{17,20}$/.test(id) ? id : ctx.user.discordUserId;
}

export async function profileCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const who = userOption(ctx, opts);
  const profile = await ctx.repo().profiles.byDiscordId(ctx.guildId, who, opts.string("ladder"), 10);
  const { standing, ladder } = profile;
  if (!standing || standing.games === 0) return { content: `${mention(who)} has no rated games in **${ladder.name}** yet.` };
  let streak = 0;
  const first = profile.recent[0]?.result;
  for (const r of profile.recent) {
    if (r.result !== first) break;
    streak++;
  }
  const last = profile.recent
    .slice(0, 5)
    .map((r) => `${r.result === "win" ? "W" : r.result === "loss" ? "L" : "D"} ${signed(Math.round(r.ratingAfter) - Math.round(r.ratingBefore))}`)
    .join(" · ");
  return {
    embeds: [
      {
        title: `${profile.player?.displayName ?? who} · ${ladder.name}`,
        description: mention(who),
        fields: [
          { name: "Rating", value: `${Math.round(standing.rating)} ± ${Math.round(standing.deviation)}`, inline: true },
          { name: "Rank", value: profile.rank === null ? "provisional" : `#${profile.rank}`, inline: true },
          { name: "Record", value: `${standing.wins}W ${standing.losses}L ${standing.draws}D (${standing.games} games)`, inline: true },
          {
            name: "Streak",
            value: first
              ? `${streak} ${first === "win" ? "win" : first === "loss" ? "loss" : "draw"}${streak > 1 ? (first === "loss" ? "es" : "s") : ""}`
              : "—",
            inline: true,
          },
          { name: "Last results", value: last || "—" },
        ],
      },
    ],
  };
}

export async function leaderboardCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const page = Math.min(opts.integer("page") ?? 1, MAX_PAGE);
  // One query for the first `page` pages: simpler than walking cursors, and bounded by MAX_PAGE.
  const result = await ctx.repo().leaderboard.page(ctx.guildId, { limit: page * PAGE, ladder: opts.string("ladder") });
  const items = result.items.slice((page - 1) * PAGE);
  if (items.length === 0) return { content: page === 1 ? `Nobody is ranked in **${result.ladder.name}** yet.` : `Page ${page} is empty.` };
  const lines = items.map(
    (e) => `**${e.rank}.** ${mention(e.discordUserId)} ${Math.round(e.rating)} ± ${Math.round(e.deviation)} · ${e.wins}W ${e.losses}L ${e.draws}D`,
  );
  return { embeds: [{ title: `Leaderboard · ${result.ladder.name}`, description: lines.join("\n"), footer: { text: `page ${page}` } }] };
}

export async function historyCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  const who = userOption(ctx, opts);
  const profile = await ctx.repo().profiles.byDiscordId(ctx.guildId, who, opts.string("ladder"), 10);
  if (profile.recent.length === 0) return notice(`${mention(who)} has no rated results in **${profile.ladder.name}** yet.`);
  const lines = profile.recent.map(
    (r) =>
      `<t:${Math.floor(r.appliedAt.getTime() / 1000)}:d> ${r.result} · ${Math.round(r.ratingBefore)} → ${Math.round(r.ratingAfter)} (${signed(Math.round(r.ratingAfter) - Math.round(r.ratingBefore))}) · match ${r.matchId}`,
  );
  return { embeds: [{ title: `History · ${profile.player?.displayName ?? who} · ${profile.ladder.name}`, description: lines.join("\n") }] };
}
