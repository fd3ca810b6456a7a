/**
 * Ladders: a guild's games or modes, each with its own settings, ratings, seasons and result order.
 * Every guild has a default ladder (created with the guild), so callers that name no ladder get it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { type LadderSettings, ladderSettingsSchema, RATING_SETTINGS } from "../../domain/ladder-settings";
import { AppError, ConflictError, DuplicateError, NotFoundError } from "../../errors";
import { type RepoContext, guardRef, guarded } from "./context";
import type { Actor, Ladder, LadderRow } from "./types";

export const DEFAULT_LADDER_SLUG = "default";

export function toLadder(row: LadderRow): Ladder {
  const { id, guildId, slug, name, isDefault, season, seasonStartedAt, resultSeq, writeToken, createdAt, updatedAt } = row;
  return { id, guildId, slug, name, isDefault, season, seasonStartedAt, resultSeq, writeToken, createdAt, updatedAt, settings: settingsOf(row) };
}

function settingsOf(row: LadderRow): LadderSettings {
  return {
    teamCount: row.teamCount,
    teamSize: row.teamSize,
    tau: row.tau,
    initialRating: row.initialRating,
    initialDeviation: row.initialDeviation,
    initialVolatility: row.initialVolatility,
    minDeviation: row.minDeviation,
    maxDeviation: row.maxDeviation,
    ratingPeriodMs: row.ratingPeriodMs,
    idleDeviationPerDay: row.idleDeviationPerDay,
    provisionalMaxDeviation: row.provisionalMaxDeviation,
    provisionalMinGames: row.provisionalMinGames,
    requireConfirmation: row.requireConfirmation,
    seasonResetMode: row.seasonResetMode,
    softResetFraction: row.softResetFraction,
    softResetMinDeviation: row.softResetMinDeviation,
  };
}

/** Settings are validated here too, so no caller can store an unchecked value on either dialect. */
function checkedSettings(settings: LadderSettings): LadderSettings {
  const parsed = ladderSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("VALIDATION_FAILED", `Invalid ladder settings: ${fields.map((f) => `${f.path}: ${f.message}`).join("; ")}`, { fields });
  }
  return parsed.data;
}

export function ladderRepository({ database, now, newId }: RepoContext) {
  const { db, t } = database;
  const l = t.ladders;

  /** The values of a new ladder row (also used by the guild upsert for the default ladder). */
  function newLadderValues(
    guildId: string | ReturnType<typeof guardRef>,
    input: { slug: string; name: string; settings: LadderSettings; isDefault: boolean },
    actor: Actor,
  ) {
    const at = now();
    return {
      id: newId(),
      guildId,
      slug: input.slug,
      name: input.name,
      isDefault: input.isDefault,
      ...checkedSettings(input.settings),
      season: 1,
      seasonStartedAt: at,
      resultSeq: 0,
      writeToken: "",
      createdAt: at,
      updatedAt: at,
      createdBy: actor,
      updatedBy: actor,
    };
  }

  return {
    newLadderValues,

    /** The named ladder, or the guild's default. One round trip. Unknown guild or ladder: NotFound. */
    async resolve(guildId: string, slug?: string): Promise<Ladder> {
      const rows = await guarded(() =>
        db
          .select()
          .from(l)
          .where(ladderWhere(l, guildId, slug))
          .limit(1),
      );
      const row = rows[0];
      if (!row) throw slug ? new NotFoundError("ladder", slug) : new NotFoundError("guild", guildId);
      return toLadder(row);
    },

    async list(guildId: string): Promise<Ladder[]> {
      // Every guild has its default ladder: no rows means no guild.
      const rows = await guarded(() => db.select().from(l).where(eq(l.guildId, guildId)).orderBy(asc(l.createdAt), asc(l.slug)));
      if (rows.length === 0) throw new NotFoundError("guild", guildId);
      return rows.map(toLadder);
    },

    /** A new ladder in an existing guild; the slug is unique per guild. One round trip. */
    async create(guildId: string, input: { slug: string; name: string; settings: LadderSettings }, actor: Actor): Promise<Ladder> {
      const rows = await guarded(
        () =>
          db
            .insert(l)
            .values(newLadderValues(guardRef(t.guilds, t.guilds.id, guildId), { ...input, isDefault: false }, actor))
            .returning(),
        (failure) => {
          if (failure === "unique") return new DuplicateError(`Ladder ${input.slug} already exists in this guild`, { slug: input.slug });
          if (failure === "not_null" || failure === "foreign_key") return new NotFoundError("guild", guildId);
          return undefined;
        },
        "once",
      );
      const row = rows[0];
      if (!row) throw new Error("insert returned no ladder");
      return toLadder(row);
    },

    /**
     * Rename or change settings. Settings that change how results are rated (RATING_SETTINGS) are
     * refused while the current season has results: the ratings already given would no longer be
     * what the settings say (start a new season first). The refusal is a guard in the UPDATE itself,
     * so a result landing concurrently cannot slip between a check and the write.
     */
    async update(ladder: Ladder, patch: { name?: string; settings?: Partial<LadderSettings> }, actor: Actor): Promise<Ladder> {
      const settings = checkedSettings({ ...ladder.settings, ...patch.settings });
      const changesRating = RATING_SETTINGS.some((key) => settings[key] !== ladder.settings[key]);
      const m = t.matches;
      const rows = await guarded(
        () =>
          db
            .update(l)
            .set({ name: patch.name ?? ladder.name, ...settings, updatedAt: now(), updatedBy: actor })
            .where(
              and(
                eq(l.id, ladder.id),
                changesRating
                  ? sql`not exists (select 1 from ${m} where ${m.ladderId} = ${ladder.id} and ${m.season} = ${l.season} and ${m.status} in ('completed', 'voided'))`
                  : undefined,
              ),
            )
            .returning(),
        undefined,
        "idempotent",
      );
      const row = rows[0];
      if (!row) {
        throw new ConflictError(`Rating settings of ladder ${ladder.slug} cannot change while its season has results: start a new season first`, {
          reason: "SETTINGS_LOCKED",
        });
      }
      return toLadder(row);
    },
  };
}

/** The SQL condition that picks a guild's ladder by slug, or its default ladder. */
export function ladderWhere(l: RepoContext["database"]["t"]["ladders"], guildId: string, slug?: string) {
  return and(eq(l.guildId, guildId), slug ? eq(l.slug, slug) : eq(l.isDefault, true));
}
