/**
 * The development Discord key pair. `npm run dev` passes its public key to the Worker as
 * DISCORD_PUBLIC_KEY, and `npm run discord` signs interactions with its private key the way Discord
 * does. Made once and kept under `.data/`; a DISCORD_PUBLIC_KEY in the environment or `.dev.vars`
 * wins (then the local client cannot sign for it, and says so).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadDevVars } from "./dev-vars";

export const DEV_KEY_PATH = ".data/discord-dev-key.pem";

export interface DevDiscordKey {
  /** 64 hex characters, as the Developer Portal shows an application's public key. */
  publicKeyHex: string;
  /** Null when the public key came from the environment or `.dev.vars` (nothing local can sign for it). */
  privateKey: KeyObject | null;
  source: "env" | ".dev.vars" | typeof DEV_KEY_PATH;
}

/** The raw 32-byte Ed25519 public key, from the SPKI encoding (a fixed 12-byte prefix). */
export function rawPublicKeyHex(key: KeyObject): string {
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  return Buffer.from(spki.subarray(spki.length - 32)).toString("hex");
}

export function ensureDevDiscordKey(path = DEV_KEY_PATH): DevDiscordKey {
  const fromEnv = process.env.DISCORD_PUBLIC_KEY?.trim();
  if (fromEnv) return { publicKeyHex: fromEnv, privateKey: null, source: "env" };
  const fromVars = loadDevVars().DISCORD_PUBLIC_KEY?.trim();
  if (fromVars) return { publicKeyHex: fromVars, privateKey: null, source: ".dev.vars" };
  return { ...loadOrCreate(path), source: DEV_KEY_PATH };
}

/** The key pair under `.data/` (created on first use, private to this user). */
export function loadOrCreate(path = DEV_KEY_PATH): { publicKeyHex: string; privateKey: KeyObject } {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(path, "utf8"));
  return { publicKeyHex: rawPublicKeyHex(privateKey), privateKey };
}
