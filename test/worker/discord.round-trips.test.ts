/**
 * Database round trips per interaction (the `x-db-round-trips` header), held to the targets:
 * Join, Leave, report and confirm ≤ 2; other interactions ≤ 3 (a replay excepted).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buttonId,
  command,
  discordBindings,
  type KeyPair,
  makeKeyPair,
  type Member,
  postInteraction,
  press,
  type ReplyBody,
  snowflake,
} from "../support/discord";
import { body } from "../support/worker";

let key: KeyPair;
beforeAll(async () => {
  key = await makeKeyPair();
});

describe.each(["sqlite", "pg"] as const)("round trips on %s", (dialect) => {
  it("stays within the targets", async () => {
    const env = discordBindings(dialect, key);
    const counts: Record<string, number> = {};
    const send = async (label: string, payload: unknown) => {
      const res = await postInteraction(env, key, payload);
      const trips = Number(res.headers.get("x-db-round-trips"));
      counts[label] = Math.max(counts[label] ?? 0, trips);
      return body<ReplyBody>(res);
    };
    const guild = snowflake();
    const people: Member[] = Array.from({ length: 4 }, () => ({ id: snowflake() }));
    const a = people[0] as Member;
    const opened = await send("/lobby open", command(guild, a, "lobby", "open", { size: 4 }));
    const lobbyId = buttonId(opened, "Join").slice(3);
    await send("Join", press(guild, a, `lj:${lobbyId}`));
    await send("Leave", press(guild, a, `ll:${lobbyId}`));
    let proposal: ReplyBody = opened;
    for (const p of people) proposal = await send(p === people[3] ? "Join (fills: + proposal)" : "Join", press(guild, p, `lj:${lobbyId}`));
    const next = await send("Reshuffle", press(guild, a, buttonId(proposal, "Reshuffle")));
    const started = await send("Start match", press(guild, a, buttonId(next, "Start match")));
    const matchId = buttonId(started, "Draw").split(":")[1] ?? "";
    const t1 = started.data?.embeds?.[0]?.fields?.[0]?.value ?? "";
    const x = people.find((p) => t1.includes(p.id)) as Member;
    const y = people.find((p) => !t1.includes(p.id)) as Member;
    await send("report", press(guild, x, `mr:${matchId}:0`));
    await send("confirm", press(guild, y, `mr:${matchId}:0`));
    await send("/profile", command(guild, x, "profile", null, {}));
    await send("/history", command(guild, x, "history", null, {}));
    await send("/leaderboard", command(guild, x, "leaderboard", null, {}));
    await send("/balance", command(guild, x, "balance", null, { players: people.map((p) => `<@${p.id}>`).join(" ") }));
    console.log(`[round trips ${dialect}] ${JSON.stringify(counts)}`);
    for (const label of ["Join", "Leave", "report", "confirm"]) expect(counts[label], label).toBeLessThanOrEqual(2);
    for (const [label, n] of Object.entries(counts)) expect(n, label).toBeLessThanOrEqual(3);
  });
});
