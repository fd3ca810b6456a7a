/**
 * Talking to the Worker as Discord does, inside workerd: an Ed25519 key pair made per test run,
 * every request signed over timestamp + body, interaction payloads built like Discord's (guild,
 * member with permissions, options, buttons), and the reply read back.
 */
import { inject } from "vitest";
import type { Bindings } from "../../src/env";
import { bindingsFor, call, type Dialect, randomSnowflake } from "./worker";

export interface KeyPair {
  publicKeyHex: string;
  privateKey: CryptoKey;
}

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

export async function makeKeyPair(): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = (await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer;
  return { publicKeyHex: hex(raw), privateKey: pair.privateKey };
}

export async function sign(key: KeyPair, timestamp: string, body: string): Promise<string> {
  const signature = await crypto.subtle.sign("Ed25519", key.privateKey, new TextEncoder().encode(timestamp + body));
  return hex(signature);
}

export function discordBindings(dialect: Dialect, key: KeyPair, extra: Partial<Bindings> = {}): Bindings {
  return bindingsFor(dialect, { DISCORD_PUBLIC_KEY: key.publicKeyHex, DISCORD_API_BASE_URL: inject("discordApi"), ...extra });
}

export async function postInteraction(
  env: Bindings,
  key: KeyPair,
  payload: unknown,
  tamper: { timestamp?: string; signature?: string; body?: string; noHeaders?: boolean } = {},
): Promise<Response> {
  const body = tamper.body ?? JSON.stringify(payload);
  const timestamp = tamper.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = tamper.signature ?? (await sign(key, timestamp, body));
  const headers: Record<string, string> = tamper.noHeaders ? {} : { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
  return call(env, "/interactions", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

export interface Member {
  id: string;
  name?: string;
  /** Decimal permission bits; "0" is an ordinary member, "32" Manage Server. */
  permissions?: string;
  roles?: string[];
}

let counter = 0;
const interactionId = () => `${BigInt(Date.now()) * 4194304n + BigInt(++counter)}`;

function base(guildId: string | null, member: Member) {
  const user = { id: member.id, username: member.name ?? `user${member.id.slice(-4)}`, global_name: member.name ?? null, discriminator: "0" };
  return {
    id: interactionId(),
    application_id: "100000000000000001",
    token: `token-${interactionId()}`,
    version: 1,
    channel_id: "200000000000000001",
    ...(guildId ? { guild_id: guildId, member: { user, nick: null, roles: member.roles ?? [], permissions: member.permissions ?? "0" } } : { user }),
  };
}

export type OptionValue = string | number | boolean;

/** A slash command: `command("lobby", "open", { size: 4 })` or `command("profile", null, {})`. */
export function command(guildId: string | null, member: Member, name: string, sub: string | null, options: Record<string, OptionValue> = {}) {
  const typeOf = (v: OptionValue) => (typeof v === "number" ? 4 : typeof v === "boolean" ? 5 : 3);
  const opts = Object.entries(options).map(([n, value]) => ({ name: n, type: typeOf(value), value }));
  return {
    ...base(guildId, member),
    type: 2,
    data: { id: "300000000000000001", name, type: 1, options: sub ? [{ name: sub, type: 1, options: opts }] : opts },
  };
}

export function press(guildId: string | null, member: Member, customId: string) {
  return {
    ...base(guildId, member),
    type: 3,
    message: { id: "400000000000000001", channel_id: "200000000000000001" },
    data: { custom_id: customId, component_type: 2 },
  };
}

export interface ReplyBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string; disabled?: boolean }> }>;
  };
}

export function buttons(reply: ReplyBody): Array<{ id: string; label: string }> {
  return (reply.data?.components ?? []).flatMap((row) => row.components.map((b) => ({ id: b.custom_id, label: b.label })));
}

export function buttonId(reply: ReplyBody, label: string): string {
  const found = buttons(reply).find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(buttons(reply))}`);
  return found.id;
}

export function text(reply: ReplyBody): string {
  const d = reply.data;
  return [
    d?.content ?? "",
    ...(d?.embeds ?? []).flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? ""]),
  ].join("\n");
}

export async function recorded(): Promise<Array<{ method: string; path: string; body: unknown; headers: Record<string, string> }>> {
  return (await fetch(`${inject("discordApi")}/__recorded`)).json();
}

export const snowflake = randomSnowflake;
