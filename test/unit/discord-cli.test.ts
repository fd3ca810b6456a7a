/**
 * The Node side of Discord: the dev key signs what the Worker's verifier accepts, the local client
 * parses commands by the shared definitions, and the REST client (registration, 429 retry) talks to
 * a local recording server standing in for Discord.
 */
import { sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/discord/commands";
import { discordRest } from "../../src/discord/rest";
import { verifyInteraction } from "../../src/discord/verify";
import { loadOrCreate } from "../../src/node/dev-discord-key";
import { parseCommand } from "../../src/node/discord-client";
import { registerCommands } from "../../src/node/register-commands";
import { startDiscordRecorder } from "../support/discord-recorder";

let recorder: Awaited<ReturnType<typeof startDiscordRecorder>>;
beforeAll(async () => {
  recorder = await startDiscordRecorder();
});
afterAll(() => recorder.close());

const recorded = async () =>
  (await fetch(`${recorder.url}/__recorded`)).json() as Promise<Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }>>;

describe("development key", () => {
  it("is created once and signs what the Worker's verifier accepts", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "teamrank-key-")), "key.pem");
    const key = loadOrCreate(path);
    expect(loadOrCreate(path).publicKeyHex).toBe(key.publicKeyHex);
    expect(key.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const body = new TextEncoder().encode('{"type":1}');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), key.privateKey).toString("hex");
    expect(await verifyInteraction(key.publicKeyHex, { signature, timestamp, body }, Date.now())).toBe(true);
    expect(await verifyInteraction(key.publicKeyHex, { signature, timestamp, body: new TextEncoder().encode('{"type":2}') }, Date.now())).toBe(false);
  });
});

describe("local client", () => {
  it("types options by the command definitions", () => {
    expect(parseCommand("/lobby open size:4 ladder:duo")).toEqual({
      name: "lobby",
      options: [
        {
          name: "open",
          type: 1,
          options: [
            { name: "size", type: 4, value: 4 },
            { name: "ladder", type: 3, value: "duo" },
          ],
        },
      ],
    });
    expect(parseCommand("/balance players:<@111111111111111111> <@222222222222222222> teams:2").options).toEqual([
      { name: "players", type: 3, value: "<@111111111111111111> <@222222222222222222>" },
      { name: "teams", type: 4, value: 2 },
    ]);
    expect(() => parseCommand("/nope")).toThrow(/unknown command/);
  });
});

describe("REST client", () => {
  it("registers the shared command list for a guild with the bot token", async () => {
    await fetch(`${recorder.url}/__reset`, { method: "POST" });
    await registerCommands({ applicationId: "123", botToken: "secret-token", guildId: "456", baseUrl: recorder.url });
    const [req] = await recorded();
    expect(req?.method).toBe("PUT");
    expect(req?.path).toBe("/applications/123/guilds/456/commands");
    expect(req?.headers.authorization).toBe("Bot secret-token");
    expect(req?.body).toEqual(JSON.parse(JSON.stringify(COMMANDS)));
  });

  it("waits retry_after on a 429 and retries within its timeout", async () => {
    await fetch(`${recorder.url}/__reset`, { method: "POST" });
    await fetch(`${recorder.url}/__next`, { method: "POST", body: JSON.stringify({ status: 429, body: { retry_after: 0.05, global: false } }) });
    const waits: number[] = [];
    const rest = discordRest({ baseUrl: recorder.url, sleep: async (ms) => void waits.push(ms) });
    await rest.editOriginal("1", "tok", { content: "done" });
    expect(waits).toEqual([50]);
    expect((await recorded()).map((r) => r.path)).toEqual(["/webhooks/1/tok/messages/@original", "/webhooks/1/tok/messages/@original"]);
  });

  it("gives up on a 429 whose wait does not fit", async () => {
    await fetch(`${recorder.url}/__next`, { method: "POST", body: JSON.stringify({ status: 429, body: { retry_after: 60 } }) });
    const rest = discordRest({ baseUrl: recorder.url, timeoutMs: 1_000 });
    await expect(rest.followUp("1", "tok", { content: "x" })).rejects.toThrow(/429/);
  });
});
