/** `npm run bench`: domain engine (balance, rating cost, prediction quality and calibration) then data layer and bundle, then the public API on local workerd (`http`). Not a test. */
import { runDbBench } from "./db";
import { runDomainBench } from "./domain";
import { runHttpBench } from "./http";
import { runReplayBench } from "./replay";
import { runRatingsBench } from "./ratings";

const only = process.argv[2];
if (!only || only === "domain") {
  await runDomainBench();
  runRatingsBench();
}
if (!only || only === "db") await runDbBench();
if (!only || only === "db" || only === "replay") await runReplayBench();
if (!only || only === "http") await runHttpBench();
process.exit(0);
