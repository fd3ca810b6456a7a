/**
 * Recalibration, as `npm run calibrate -- --apply` does it: the ladder takes new rating settings and
 * its current season is replayed with them in one atomic write, ending exactly where a ladder that
 * had those settings from the start would be. Short histories are refused without writing.
 */
import { describe, expect, it } from "vitest";
import { recalibrateSeason } from "../../src/services/corrections";
import { API_RETRY } from "../../src/services/retry";
import { runCalibration } from "../../src/node/calibrate";
import { freshGuildId, TRANSPORTS, useBackend } from "../support/backends";
import { seedGuild } from "../support/fixtures";
import { type PlayedMatch, playHistory, ratingState } from "../support/history";

const T0 = Date.UTC(2026, 8, 1);
const HOUR = 3_600_000;
const NEW = { initialDeviation: 220, initialVolatility: 0.04, idleDeviationPerDay: 6 };

const history: PlayedMatch[] = [
  {
    teams: [
      [0, 1],
      [2, 3],
    ],
    ranks: [0, 1],
    at: T0,
  },
  {
    teams: [
      [0, 2],
      [1, 4],
    ],
    ranks: [1, 0],
    at: T0 + 20 * HOUR,
  },
  { teams: [[3], [4]], ranks: [0, 0], at: T0 + 90 * HOUR },
  {
    teams: [
      [0, 4],
      [1, 3],
    ],
    ranks: [0, 1],
    at: T0 + 200 * HOUR,
  },
];

describe.each(TRANSPORTS.filter((t) => t === "libsql-embedded" || t === "neon-http"))("recalibration on %s", (transport) => {
  const s = useBackend(transport, "calibration");

  it("replays the season with the new settings, equal to a ladder that had them from the start", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 5)).map((p) => p.id);
    await playHistory(s.repo, guildId, ids, history);
    const done = await recalibrateSeason(s.repo, { guildId, settings: NEW }, "test", { now: () => new Date(), ...API_RETRY });
    expect(done).toMatchObject({ season: 1, replayedMatches: 4 });
    expect((await s.repo.ladders.resolve(guildId)).settings).toMatchObject(NEW);

    const fresh = freshGuildId();
    const freshIds = (await seedGuild(s.repo, fresh, 5)).map((p) => p.id);
    await s.repo.ladders.update(await s.repo.ladders.resolve(fresh), { settings: NEW }, "test");
    await playHistory(s.repo, fresh, freshIds, history);
    expect(await ratingState(s.repo, guildId, ids)).toEqual(await ratingState(s.repo, fresh, freshIds));
  });

  it("refuses to calibrate a short history and writes nothing", async () => {
    const guildId = freshGuildId();
    const ids = (await seedGuild(s.repo, guildId, 5)).map((p) => p.id);
    await playHistory(s.repo, guildId, ids, history);
    const before = await ratingState(s.repo, guildId, ids);
    const run = await runCalibration(s.repo, { guildId, apply: true });
    expect(run.applied).toBeNull();
    expect(run.result).toMatchObject({ ok: false, code: "HISTORY_TOO_SHORT", matches: 4 });
    expect(await ratingState(s.repo, guildId, ids)).toEqual(before);
  });
});
