/** `npm run bench`: domain engine (rating, balance) then data layer and bundle. Not a test. */
import { runDbBench } from "./db";
import { runDomainBench } from "./domain";
import { runReplayBench } from "./replay";

const only = process.argv[2];
if (!only || only === "domain") await runDomainBench();
if (!only || only === "db") await runDbBench();
if (!only || only === "db" || only === "replay") await runReplayBench();
process.exit(0);
