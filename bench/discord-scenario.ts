/**
 * The interactions the Discord bench measures, each pressed `runs` times on a prepared state so
 * that every measured press does its real work (a Join joins, a confirm rates a match) and nothing
 * else is timed: lobbies, joins and matches a step needs are made by unmeasured requests first.
 */
import { interactionPayload, parseCommand, type Presser } from "../src/node/discord-client";

export interface Reply {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  };
}

/** Sends one signed interaction; `label` null = preparation (not measured). */
export type Send = (label: string | null, payload: unknown) => Promise<Reply>;

/** 18 digits, like today's Discord ids (commands check for 17–20). */
const snowflake = () => `${100_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 8e17))}`;

function button(reply: Reply, prefix: string): string {
  const all = (reply.data?.components ?? []).flatMap((r) => r.components.map((b) => b.custom_id));
  const found = all.find((id) => id.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} button in reply: ${JSON.stringify(reply.data?.content ?? reply.data?.embeds?.[0]?.title ?? all)}`);
  return found;
}

/** The first team's Discord ids, from a match or proposal message (mentions in the first field). */
const firstTeam = (reply: Reply) => [...(reply.data?.embeds?.[0]?.fields?.[0]?.value ?? "").matchAll(/<@(\d+)>/g)].map((m) => m[1] ?? "");

export async function runScenario(send: Send, runs: number): Promise<void> {
  const guild = snowflake();
  const as = (id: string, extra: Partial<Presser> = {}): Presser => ({ as: id, guild, ...extra });
  const staff = as(snowflake(), { staff: true });
  const command = (label: string | null, who: Presser, line: string) => send(label, interactionPayload(who, { id: "1", type: 1, ...parseCommand(line) }, 2));
  const press = (label: string | null, who: Presser, customId: string) => send(label, interactionPayload(who, { custom_id: customId, component_type: 2 }, 3));
  const times = async <T>(fn: (i: number) => Promise<T>): Promise<T[]> => {
    const out: T[] = [];
    for (let i = 0; i < runs; i++) out.push(await fn(i));
    return out;
  };
  const opener = snowflake();
  const four = Array.from({ length: 4 }, snowflake);
  const [p1 = "", p2 = "", p3 = "", p4 = ""] = four;
  const mentions = four.map((id) => `<@${id}>`).join(" ");
  const lobbyOf = (reply: Reply) => button(reply, "lj:").slice(3);
  const matchOf = (reply: Reply) => button(reply, "mr:").split(":")[1] ?? "";

  // Warm-up: the isolate, the module graph and the database connections, not measured.
  for (let i = 0; i < 10; i++) await command(null, as(p1), "/leaderboard");

  // A lobby's whole life: open, the join that fills it, reshuffle, start, report, confirm.
  const lobbies = (await times(() => command("/lobby open", as(opener), "/lobby open size:4"))).map(lobbyOf);
  for (const id of lobbies) for (const p of [p1, p2, p3]) await press(null, as(p), `lj:${id}`);
  const proposals = await times((i) => press("Join (fills: + proposal)", as(p4), `lj:${lobbies[i]}`));
  const shuffled = await times((i) => press("Reshuffle", as(p1), button(proposals[i] ?? { type: 0 }, "pr:")));
  const started = await times((i) => press("Start match", as(p1), button(shuffled[i] ?? { type: 0 }, "ps:")));
  const matches = started.map((reply) => {
    const team1 = firstTeam(reply);
    return { id: matchOf(reply), a: team1[0] ?? "", b: four.find((p) => !team1.includes(p)) ?? "" };
  });
  await times((i) => press("report", as(matches[i]?.a ?? ""), `mr:${matches[i]?.id}:0`));
  await times((i) => press("confirm", as(matches[i]?.b ?? ""), `mr:${matches[i]?.id}:0`));

  // Join and Leave, alternating users in one lobby so each press is a real join or leave.
  const big = lobbyOf(await command(null, as(opener), "/lobby open size:100"));
  const users = Array.from({ length: 5 }, snowflake);
  for (let i = 0; i < runs; i++) {
    const who = as(users[i % users.length] ?? "");
    await press("Join", who, `lj:${big}`);
    await press("Leave", who, `ll:${big}`);
  }

  // Start now on half-full lobbies, then Cancel on the proposals it made; Close on open lobbies.
  const early = (await times(() => command(null, as(opener), "/lobby open size:4"))).map(lobbyOf);
  for (const id of early) for (const p of [p1, p2]) await press(null, as(p), `lj:${id}`);
  await times((i) => press("Start now", as(opener), `ls:${early[i]}`));
  await times((i) => press("Cancel (proposal)", as(opener), `pc:${early[i]}`));
  const closing = (await times(() => command(null, as(opener), "/lobby open size:4"))).map(lobbyOf);
  await times((i) => press("Close", as(opener), `lc:${closing[i]}`));

  // /lobby join: newcomers into the newest open lobby of another channel.
  const channel = "200000000000000002";
  await command(null, as(opener, { channel }), "/lobby open size:100");
  await times(() => command("/lobby join", as(snowflake(), { channel }), "/lobby join"));

  // /balance, then matches started from further proposals for the staff's Cancel, resolve and cancel.
  await times(() => command("/balance", staff, `/balance players:${mentions}`));
  const startedByStaff = async () => matchOf(await press(null, staff, button(await command(null, staff, `/balance players:${mentions}`), "ps:")));
  const forButton = await times(startedByStaff);
  const forResolve = await times(startedByStaff);
  const forCancel = await times(startedByStaff);
  await times((i) => press("Cancel (match, staff)", staff, `mc:${forButton[i]}`));
  await times((i) => command("/match resolve", staff, `/match resolve match:${forResolve[i]} outcome:1`));
  await times((i) => command("/match cancel", staff, `/match cancel match:${forCancel[i]}`));

  // Reads, on players with history.
  await times(() => command("/profile", as(p1), "/profile"));
  await times(() => command("/history", as(p1), "/history"));
  await times(() => command("/leaderboard", as(p1), "/leaderboard"));

  // Staff configuration; the season start last (it resets the ladder the reads above used).
  await times(() => command("/setup", staff, `/setup staff-role:${snowflake()}`));
  await times((i) => command("/ladder create", staff, `/ladder create slug:bench-${i} teams:2 team-size:2`));
  await times((i) => command("/ladder settings", staff, `/ladder settings ladder:bench-0 confirm:${i % 2 === 0}`));
  await times(() => command("/season start", staff, "/season start"));
}
