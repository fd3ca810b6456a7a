/**
 * Try the bot without Discord: `npm run discord -- "/lobby open size:4" --as 111` sends a slash
 * command, `npm run discord -- --press <custom_id> --as 222` presses a button. Each request is
 * signed with the development key (.data/) exactly as Discord signs, sent to the local Worker, and
 * the reply is printed as text. Options: --guild ID, --staff (Manage Server), --role ID, --url.
 */
import { type KeyObject, sign } from "node:crypto";
import { COMMANDS } from "../discord/commands";
import { loadOrCreate } from "./dev-discord-key";

type Def = { name: string; type: number; options?: Def[] };

export const DEV_GUILD_ID = "900000000000000001";

/** "/lobby open size:4 ladder:duo" into Discord's command data, typed by the shared definitions. */
export function parseCommand(line: string): { name: string; options: unknown[] } {
  const [head = "", ...rest] = line.trim().replace(/^\//, "").split(/\s+/);
  const def = (COMMANDS as unknown as Def[]).find((c) => c.name === head);
  if (!def) throw new Error(`unknown command /${head}; known: ${COMMANDS.map((c) => c.name).join(", ")}`);
  let options = def.options ?? [];
  let text = rest.join(" ");
  let sub: Def | null = null;
  const first = rest[0];
  const subDef = options.find((o) => o.type === 1 && o.name === first);
  if (subDef) {
    sub = subDef;
    options = subDef.options ?? [];
    text = rest.slice(1).join(" ");
  }
  const names = options.map((o) => o.name.replace(/[-]/g, "\\-")).join("|");
  const values: unknown[] = [];
  if (names) {
    const matches = [...text.matchAll(new RegExp(`(?:^|\\s)(${names}):`, "g"))];
    matches.forEach((m, i) => {
      const name = m[1] ?? "";
      const start = (m.index ?? 0) + m[0].length;
      const raw = text.slice(start, matches[i + 1]?.index ?? text.length).trim();
      const type = options.find((o) => o.name === name)?.type ?? 3;
      const value = type === 4 || type === 10 ? Number(raw) : type === 5 ? raw === "true" : type === 6 || type === 8 ? raw.replace(/[<@&!>]/g, "") : raw;
      values.push({ name, type, value });
    });
  }
  return { name: def.name, options: sub ? [{ name: sub.name, type: 1, options: values }] : values };
}

/** Who presses: the Discord user id, guild, channel, and Manage Server (`staff`) or a role. */
export interface Presser {
  as?: string;
  guild?: string;
  channel?: string;
  staff?: boolean;
  role?: string;
}

let sequence = 0;

/** An interaction as Discord sends it: type 2 (command, `data` from parseCommand) or 3 (button, `{ custom_id, component_type: 2 }`). */
export function interactionPayload(who: Presser, data: unknown, type: 2 | 3) {
  // Snowflake-shaped and unique per call, even for many calls in one millisecond (lobbies are keyed by it).
  const id = `${BigInt(Date.now()) * 4194304n + BigInt((sequence++ % 4096) * 1024 + Math.floor(Math.random() * 1024))}`;
  const userId = who.as ?? "111111111111111111";
  const channelId = who.channel ?? "200000000000000001";
  const user = { id: userId, username: `user${userId.slice(-3)}`, global_name: `User ${userId.slice(-3)}`, discriminator: "0" };
  return {
    id,
    application_id: "100000000000000001",
    token: `dev-token-${id}`,
    type,
    version: 1,
    guild_id: who.guild ?? DEV_GUILD_ID,
    channel_id: channelId,
    member: { user, nick: null, roles: who.role ? [who.role] : [], permissions: who.staff ? "32" : "0" },
    data,
    ...(type === 3 ? { message: { id: "400000000000000001", channel_id: channelId } } : {}),
  };
}

/** Discord's signature headers: Ed25519 over `timestamp + body`, hex. */
export function signatureHeaders(body: string, privateKey: KeyObject, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
  return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
}

type Printed = {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<Record<string, unknown>>;
    components?: Array<{ components: Array<{ label: string; custom_id: string; disabled?: boolean }> }>;
  };
};

export function printReply(reply: Printed): string {
  const out: string[] = [`type ${reply.type}${(reply.data?.flags ?? 0) & 64 ? " (ephemeral)" : ""}`];
  if (reply.data?.content) out.push(reply.data.content);
  for (const e of reply.data?.embeds ?? []) {
    const embed = e as { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } };
    if (embed.title) out.push(`== ${embed.title} ==`);
    if (embed.description) out.push(embed.description);
    for (const f of embed.fields ?? []) out.push(`-- ${f.name}\n${f.value}`);
    if (embed.footer?.text) out.push(`(${embed.footer.text})`);
  }
  for (const row of reply.data?.components ?? [])
    for (const b of row.components) out.push(`[${b.label}]${b.disabled ? " (disabled)" : ""}  --press ${b.custom_id}`);
  return out.join("\n");
}

async function main() {
  const argv = process.argv.slice(2);
  const args = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--staff") args.set("staff", "1");
    else if (a.startsWith("--")) args.set(a.slice(2), argv[++i] ?? "");
    else positional.push(a);
  }
  const url = `${args.get("url") ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`}/interactions`;
  const who: Presser = { as: args.get("as"), guild: args.get("guild"), staff: args.has("staff"), role: args.get("role") };
  const body = JSON.stringify(
    args.has("press")
      ? interactionPayload(who, { custom_id: args.get("press"), component_type: 2 }, 3)
      : interactionPayload(who, { id: "1", type: 1, ...parseCommand(positional.join(" ")) }, 2),
  );
  const key = loadOrCreate();
  const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...signatureHeaders(body, key.privateKey) } });
  const text = await response.text();
  if (!response.ok) {
    console.error(`HTTP ${response.status}: ${text}`);
    if (response.status === 401) console.error("The Worker has another DISCORD_PUBLIC_KEY than .data/discord-dev-key.pem: unset it for local use.");
    process.exit(1);
  }
  console.log(printReply(JSON.parse(text) as Printed));
}

if (process.argv[1]?.endsWith("discord-client.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
