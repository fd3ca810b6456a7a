/**
 * `npm run api-key -- <command>` on DATABASE_URL (environment or .dev.vars):
 *   create --guild ID --scopes write[,read,admin] [--name NAME]   prints the key once
 *   list   --guild ID
 *   revoke --guild ID --id KEY_ID
 * ADMIN_TOKEN stays the deployment-wide key; these are per guild.
 */
import { parseArgs } from "node:util";
import { createRepository } from "../db/repository";
import { parseConfig } from "../env";
import { newApiKey, SCOPES, type Scope } from "../services/api-keys";
import { openDatabase } from "./database";
import { loadDevVars } from "./dev-vars";

const USAGE = "usage: npm run api-key -- create --guild ID --scopes write[,read,admin] [--name NAME] | list --guild ID | revoke --guild ID --id KEY_ID";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { guild: { type: "string" }, scopes: { type: "string" }, name: { type: "string" }, id: { type: "string" } },
});
const command = positionals[0];
const guildId = values.guild;
if (!guildId || !/^\d{15,20}$/.test(guildId)) fail("--guild must be a Discord guild id");

const config = parseConfig({ ...loadDevVars(), ...process.env });
const database = openDatabase(config.database);
const repo = createRepository(database);
try {
  if (command === "create") {
    const scopes = (values.scopes ?? "").split(",").filter(Boolean);
    if (scopes.length === 0 || !scopes.every((s): s is Scope => (SCOPES as readonly string[]).includes(s)))
      fail(`--scopes must be a list of ${SCOPES.join(", ")}`);
    const secret = await newApiKey();
    const key = await repo.apiKeys.create({ guildId, name: values.name ?? "cli", scopes, keyHash: secret.keyHash, prefix: secret.prefix }, "cli");
    console.log(`created key ${key.id} (${key.prefix}…) for guild ${guildId} with scopes ${scopes.join(",")}`);
    console.log("this is the only time the key is shown:");
    console.log(secret.key);
  } else if (command === "list") {
    for (const k of await repo.apiKeys.list(guildId)) {
      console.log(
        `${k.id}  ${k.prefix}…  ${k.scopes.join(",").padEnd(16)} ${k.name}  last used ${k.lastUsedAt?.toISOString() ?? "never"}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ""}`,
      );
    }
  } else if (command === "revoke") {
    if (!values.id) fail("--id is required");
    const k = await repo.apiKeys.revoke(guildId, values.id, "cli");
    console.log(`revoked ${k.id} (${k.prefix}…) at ${k.revokedAt?.toISOString()}`);
  } else {
    fail(`unknown command ${command ?? "(none)"}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
