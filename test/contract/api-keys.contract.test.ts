/**
 * API keys from Node: the `npm run api-key` CLI and what `npm run dev` prints, on an embedded libSQL
 * file; the printed secrets are real keys (found by their hash) and scoped to their guild.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepository } from "../../src/db/repository";
import { sha256Hex } from "../../src/services/api-keys";
import { announceDevAccess } from "../../src/node/dev-access";
import { openDatabase } from "../../src/node/database";
import { migrateDatabase } from "../../src/node/migrate";

const file = join(tmpdir(), `teamrank-keys-${process.pid}-${Date.now()}.db`);
const url = `file:${file}`;
const GUILD = "1000000000000000077";

describe("API keys from Node", () => {
  beforeAll(async () => {
    await migrateDatabase(url);
    const database = openDatabase({ url, transport: "http" });
    await createRepository(database).guilds.upsert({ id: GUILD, name: "keys" }, "test");
    await database.close();
  });
  afterAll(() => rmSync(file, { force: true }));

  it("prints the dev admin token and a working write key for the demo guild", async () => {
    const database = openDatabase({ url, transport: "http" });
    const repo = createRepository(database);
    const lines: string[] = [];
    const access = await announceDevAccess(repo, { guildId: GUILD, port: "8787", adminToken: "dev-admin-token-change-me", log: (l) => lines.push(l) });
    expect(lines.join("\n")).toContain("dev-admin-token-change-me");
    expect(lines.join("\n")).toContain(access.apiKey);
    const key = await repo.apiKeys.use(await sha256Hex(access.apiKey));
    expect(key).toMatchObject({ guildId: GUILD, scopes: ["write"] });
    await database.close();
  });

  it("creates, lists and revokes keys with the CLI, showing the secret once", async () => {
    const run = (...args: string[]) =>
      execFileSync("npx", ["tsx", "src/node/api-key.ts", ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    const created = run("create", "--guild", GUILD, "--scopes", "write,read", "--name", "bot");
    const secret = created.trim().split("\n").at(-1) ?? "";
    expect(secret).toMatch(/^trk_/);
    const database = openDatabase({ url, transport: "http" });
    const repo = createRepository(database);
    const key = await repo.apiKeys.use(await sha256Hex(secret));
    expect(key?.scopes).toEqual(["write", "read"]);
    const listed = run("list", "--guild", GUILD);
    expect(listed).toContain(key?.id);
    expect(listed).not.toContain(secret);
    run("revoke", "--guild", GUILD, "--id", key?.id ?? "");
    expect(await repo.apiKeys.use(await sha256Hex(secret))).toBeNull();
    expect(() => run("create", "--guild", GUILD, "--scopes", "superuser")).toThrow();
    await database.close();
  });
});
