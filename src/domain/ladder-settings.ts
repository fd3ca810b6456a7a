/**
 * A ladder's settings: the rating model, team shape, provisional rule, confirmation and season
 * policy. Validated here (pure zod) before anything is stored, so both dialects see the same
 * checked values; `toGlickoConfig` is what the rating engine reads.
 */
import { z } from "zod";
import { DEFAULT_GLICKO_CONFIG, type GlickoConfig } from "./glicko2.js";

const DAY_MS = 86_400_000;

const finite = (min: number, max: number) => z.number().finite().min(min).max(max);

const settingsFields = z.strictObject({
  /** Teams per match and players per team, the defaults for lobbies and balancing. */
  teamCount: z.number().int().min(2).max(16),
  teamSize: z.number().int().min(1).max(50),
  /**
   * Glicko-2's τ. Kept for fidelity to the paper, but nearly inert here: every match is its own
   * rating period, and one game gives the volatility step almost no signal.
   */
  tau: finite(0.05, 2),
  initialRating: finite(0, 10_000),
  initialDeviation: finite(10, 1_000),
  initialVolatility: finite(0.0001, 0.5),
  minDeviation: finite(1, 1_000),
  maxDeviation: finite(10, 1_000),
  ratingPeriodMs: z
    .number()
    .int()
    .min(60_000)
    .max(365 * DAY_MS),
  idleDeviationPerDay: finite(0, 350),
  /** Players with an RD above this, or fewer games than this, are provisional: hidden from the default leaderboard. */
  provisionalMaxDeviation: finite(1, 1_000),
  provisionalMinGames: z.number().int().min(0).max(1_000),
  /** Whether a player's report needs a confirmation from the other side (Discord). */
  requireConfirmation: z.boolean(),
  /** Season start: `full` puts everyone back to the initial rating; `soft` pulls ratings toward it. */
  seasonResetMode: z.enum(["full", "soft"]),
  /** Soft reset: the fraction of the distance to the initial rating removed (0 keeps, 1 is full). */
  softResetFraction: finite(0, 1),
  /** Soft reset: every RD is raised to at least this. */
  softResetMinDeviation: finite(1, 1_000),
});

export const ladderSettingsSchema = settingsFields.superRefine((s, ctx) => {
  if (s.minDeviation > s.initialDeviation || s.initialDeviation > s.maxDeviation) {
    ctx.addIssue({ code: "custom", path: ["initialDeviation"], message: "must lie between minDeviation and maxDeviation" });
  }
  if (s.softResetMinDeviation > s.maxDeviation) {
    ctx.addIssue({ code: "custom", path: ["softResetMinDeviation"], message: "must not exceed maxDeviation" });
  }
});

export type LadderSettings = z.infer<typeof ladderSettingsSchema>;

/** A partial update, checked field by field; the merged result is checked again as a whole. */
export const ladderSettingsPatchSchema = settingsFields.partial();

/**
 * Settings of a new ladder. The rating model is the engine's defaults; one game makes a player
 * ranked (a small community should see itself at once) and the RD rule is off (the maximum RD);
 * reports need the other side's confirmation; seasons soft-reset halfway with RD raised to 120.
 */
export function defaultLadderSettings(): LadderSettings {
  const c = DEFAULT_GLICKO_CONFIG;
  return {
    teamCount: 2,
    teamSize: 5,
    tau: c.tau,
    initialRating: c.initialRating,
    initialDeviation: c.initialDeviation,
    initialVolatility: c.initialVolatility,
    minDeviation: c.minDeviation,
    maxDeviation: c.maxDeviation,
    ratingPeriodMs: c.ratingPeriodMs,
    idleDeviationPerDay: c.idleDeviationPerDay,
    provisionalMaxDeviation: c.maxDeviation,
    provisionalMinGames: 1,
    requireConfirmation: true,
    seasonResetMode: "soft",
    softResetFraction: 0.5,
    softResetMinDeviation: Math.min(120, c.maxDeviation),
  };
}

/** Settings that change how results are rated: changing them mid-season needs a replay. */
export const RATING_SETTINGS = [
  "tau",
  "initialRating",
  "initialDeviation",
  "initialVolatility",
  "minDeviation",
  "maxDeviation",
  "ratingPeriodMs",
  "idleDeviationPerDay",
] as const satisfies ReadonlyArray<keyof LadderSettings>;

export function toGlickoConfig(s: LadderSettings): GlickoConfig {
  return {
    tau: s.tau,
    initialRating: s.initialRating,
    initialDeviation: s.initialDeviation,
    initialVolatility: s.initialVolatility,
    minDeviation: s.minDeviation,
    maxDeviation: s.maxDeviation,
    ratingPeriodMs: s.ratingPeriodMs,
    idleDeviationPerDay: s.idleDeviationPerDay,
  };
}

/** Provisional players are hidden from the default leaderboard (`?all=1` shows them). */
export function isProvisional(s: Pick<LadderSettings, "provisionalMaxDeviation" | "provisionalMinGames">, p: { games: number; deviation: number }): boolean {
  return p.games < s.provisionalMinGames || p.deviation > s.provisionalMaxDeviation;
}
