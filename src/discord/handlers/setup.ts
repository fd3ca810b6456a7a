/** Staff setup: `/setup staff-role`, `/ladder create|settings`, `/season start`. */
import { defaultLadderSettings, type LadderSettings } from "../../domain/ladder-settings";
import { startSeason } from "../../services/seasons";
import { notice, type Reply } from "../api";
import { type InteractionContext, hasStaffPermissions, isStaff } from "../context";
import type { Options } from "../options";
import { DISCORD_BUDGET_MS } from "./match";

const STAFF_ONLY = "Only staff (Manage Server, Administrator or the staff role) can do that.";

export async function setupCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  // Choosing the staff role needs the permission bits themselves: the role cannot appoint itself.
  if (!hasStaffPermissions(ctx)) return notice("Only members with Manage Server or Administrator can run `/setup`.");
  const role = opts.string("staff-role");
  if (!role || !/^\d{17,20}$/.test(role)) return notice("`staff-role` must be a role.");
  const repo = ctx.repo();
  const guild = await repo.guilds.get(ctx.guildId);
  await repo.guilds.upsert(
    { id: ctx.guildId, name: guild?.name ?? `guild ${ctx.guildId}`, settings: { ...(guild?.settings ?? {}), staffRoleId: role } },
    ctx.actor,
  );
  return notice(`Staff role set to <@&${role}>. Its members can settle, cancel and correct matches.`);
}

function settingsPatch(opts: Options): Partial<LadderSettings> {
  const patch: Partial<LadderSettings> = {};
  const teams = opts.integer("teams");
  const size = opts.integer("team-size");
  const confirm = opts.boolean("confirm");
  if (teams !== undefined) patch.teamCount = teams;
  if (size !== undefined) patch.teamSize = size;
  if (confirm !== undefined) patch.requireConfirmation = confirm;
  return patch;
}

export async function ladderCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice(STAFF_ONLY);
  const repo = ctx.repo();
  if (opts.sub === "create") {
    const slug = (opts.string("slug") ?? "").toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(slug)) return notice("`slug` is 1–40 of a–z, 0–9, - and _.");
    if (!(await repo.guilds.get(ctx.guildId))) await repo.guilds.upsert({ id: ctx.guildId, name: `guild ${ctx.guildId}` }, ctx.actor);
    const ladder = await repo.ladders.create(
      ctx.guildId,
      { slug, name: opts.string("name") ?? slug, settings: { ...defaultLadderSettings(), ...settingsPatch(opts) } },
      ctx.actor,
    );
    return { content: `Ladder **${ladder.name}** (\`${ladder.slug}\`) created: ${describe(ladder.settings)}.` };
  }
  if (opts.sub === "settings") {
    const ladder = await repo.ladders.resolve(ctx.guildId, opts.string("ladder"));
    const patch = settingsPatch(opts);
    if (Object.keys(patch).length === 0) return notice(`**${ladder.name}** (\`${ladder.slug}\`): ${describe(ladder.settings)}.`);
    const after = await repo.ladders.update(ladder, { settings: patch }, ctx.actor);
    return { content: `Ladder **${after.name}** updated: ${describe(after.settings)}.` };
  }
  return notice("Unknown `/ladder` sub-command.");
}

function describe(s: LadderSettings): string {
  return `${s.teamCount} teams of ${s.teamSize}, reports ${s.requireConfirmation ? "need a confirmation" : "apply at once"}, season reset ${s.seasonResetMode}`;
}

export async function seasonCommand(ctx: InteractionContext, opts: Options): Promise<Reply> {
  if (!(await isStaff(ctx))) return notice(STAFF_ONLY);
  if (opts.sub !== "start") return notice("Unknown `/season` sub-command.");
  const repo = ctx.repo();
  // A redelivered interaction must not end the next season too: claim it first, release on failure.
  if (!(await repo.receipts.claim(ctx.interactionId, ctx.guildId, "season.start", ctx.actor))) return notice("This season start was already done.");
  try {
    const { ended } = await startSeason(repo, { guildId: ctx.guildId, ladder: opts.string("ladder") }, ctx.actor, { budgetMs: DISCORD_BUDGET_MS });
    return { content: `Season ${ended.number} ended and its standings archived; season ${ended.number + 1} starts now.` };
  } catch (error) {
    await repo.receipts.release(ctx.interactionId).catch(() => {});
    throw error;
  }
}
