/** `npm run bench`: domain engine (rating, balance) then data layer and bundle. Not a test. */
import { runDbBench } from "./db";
import { runDomainBench } from "./domain";

const only = process.argv[2];
if (!only || only === "domain") await runDomainBench();
if (!only || only === "db") await runDbBench();
process.exit(0);
