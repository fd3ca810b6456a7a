/** `npm run bench`: domain engine (balance, rating cost, prediction quality and calibration) then data layer and bundle, then the public API on local workerd (`http`). Not a test. */
import { runDbBench } from "./db";
import { runDiscordBench } from "./discord";
import { runDomainBench } from "./domain";
import { runHttpBench } from "./http";
import { runReplayBench } from "./replay";
import { runRatingsBench } from "./ratings";
import { runTournamentBench } from "./tournament";

const only = process.argv[2];
if (!only || only === "domain") {
  await runDomainBench();
  runRatingsBench();
}
if (!only || only === "tournament") await runTournamentBench();
if (!only || only === "db") await runDbBench();
if (!only || only === "db" || only === "replay") await runReplayBench();
if (!only || only === "discord") await runDiscordBench();
if (!only || only === "http") await runHttpBench();
process.exit(0);
