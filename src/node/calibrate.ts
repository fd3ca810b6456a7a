/**
 * Calibrate a ladder's rating settings from its own history, and optionally apply them:
 *   npm run calibrate -- --guild ID [--ladder slug] [--apply]
 * Replays the ladder's results over a grid of initial volatility × initial RD and picks by the log
 * loss of the pre-match predictions (fitted on the earlier half, checked on the later half). With
 * --apply, the ladder takes the chosen settings and its current season is replayed with them in one
 * atomic write. DATABASE_URL (and DATABASE_AUTH_TOKEN) from the environment or .dev.vars.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Repository } from "../db/repository";
import { createRepository } from "../db/repository";
import { type CalibrationResult, calibrate } from "../domain/calibration";
import { toGlickoConfig } from "../domain/ladder-settings";
import { parseConfig } from "../env";
import { API_RETRY } from "../services/retry";
import { recalibrateSeason } from "../services/corrections";
import { openDatabase } from "./database";
import { loadDevVars } from "./dev-vars";

export interface CalibrateRun {
  result: CalibrationResult;
  applied: { season: number; replayedMatches: number } | null;
}

export async function runCalibration(repo: Repository, input: { guildId: string; ladder?: string; apply: boolean }): Promise<CalibrateRun> {
  const ladder = await repo.ladders.resolve(input.guildId, input.ladder);
  const history = (await repo.ledger.ladderHistory(ladder.id)).map((m) => ({
    teams: Array.from({ length: m.ranks.length }, (_, team) => m.roster.filter((p) => p.team === team).map((p) => p.playerId)),
    ranks: m.ranks,
    weights: Object.fromEntries(m.roster.map((p) => [p.playerId, p.weight])),
    playedAt: m.playedAt.getTime(),
  }));
  const result = calibrate(history, toGlickoConfig(ladder.settings));
  if (!input.apply || !result.ok || !result.changed) return { result, applied: null };
  const { initialDeviation, initialVolatility, idleDeviationPerDay } = result.best;
  // The RD floor and the reset minimum may not exceed the new initial RD (the settings' own rule).
  const settings = {
    initialDeviation,
    initialVolatility,
    idleDeviationPerDay,
    minDeviation: Math.min(ladder.settings.minDeviation, initialDeviation),
  };
  const applied = await recalibrateSeason(repo, { guildId: input.guildId, ladder: input.ladder, settings }, "calibrate", {
    now: () => new Date(),
    ...API_RETRY,
  });
  return { result, applied };
}

function describe(run: CalibrateRun, apply: boolean): string {
  const { result } = run;
  if (!result.ok) return `not calibrated: ${result.reason}`;
  const b = result.best;
  const lines = [
    `history: ${result.matches} matches, ${result.players} players, ${result.gamesPerPlayer.toFixed(1)} games per player (fitted on the first ${result.trainMatches})`,
    `current settings: held-out log loss ${result.currentTestLogLoss.toFixed(4)}`,
    `best: initial RD ${b.initialDeviation}, initial volatility ${b.initialVolatility}, idle RD per day ${b.idleDeviationPerDay}: held-out log loss ${result.bestTestLogLoss.toFixed(4)} (gain ${result.expectedGain.toFixed(4)} nats per match)`,
    result.changed
      ? "the best settings are clearly better on the earlier half"
      : "the current settings are kept: no candidate was clearly better on the earlier half",
  ];
  if (run.applied) lines.push(`applied: season ${run.applied.season} replayed with the new settings (${run.applied.replayedMatches} results)`);
  else if (apply && result.changed) lines.push("not applied");
  else if (!apply && result.changed) lines.push("run again with --apply to use them (the current season is replayed)");
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { guild: { type: "string" }, ladder: { type: "string" }, apply: { type: "boolean", default: false } } });
  if (!values.guild) {
    console.error("usage: npm run calibrate -- --guild ID [--ladder slug] [--apply]");
    process.exit(2);
  }
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig({ ...loadDevVars(), ...process.env });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const database = openDatabase(config.database);
  try {
    const run = await runCalibration(createRepository(database), { guildId: values.guild, ladder: values.ladder, apply: values.apply ?? false });
    console.log(describe(run, values.apply ?? false));
    process.exitCode = run.result.ok ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
