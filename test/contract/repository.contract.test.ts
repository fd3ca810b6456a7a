/**
 * The repository contract, run unchanged on every transport: what one backend does, all must do.
 */
import { describe, expect, it } from "vitest";
import { createRepository } from "../../src/db/repository";
import { countRoundTrips } from "../../src/db/round-trips";
import { type AppError, DuplicateError, NotFoundError, UnavailableError } from "../../src/errors";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { seedGuild } from "../support/fixtures";

describe.each(TRANSPORTS)("repository contract on %s", (transport) => {
  const s = useBackend(transport, "repo");

  it("upserts guilds and keeps settings unless replaced", async () => {
    const id = freshGuildId();
    await s.repo.guilds.upsert({ id, name: "first", settings: { region: "eu" } }, "test");
    const renamed = await s.repo.guilds.upsert({ id, name: "second" }, "test");
    expect(renamed).toMatchObject({ id, name: "second", settings: { region: "eu" }, createdBy: "test" });
    expect((await s.repo.guilds.get(id))?.name).toBe("second");
    expect(await s.repo.guilds.get(freshGuildId())).toBeNull();
  });

  it("stores 64-bit Discord ids exactly and finds players by them", async () => {
    const guildId = freshGuildId();
    await s.repo.guilds.upsert({ id: guildId, name: "g" }, "test");
    const snowflake = "18446744073709551615"; // 2^64 - 1: not representable as a JS number
    const player = await s.repo.players.create({ guildId, discordUserId: snowflake, displayName: "max" }, "test");
    expect((await s.repo.players.getByDiscordId(guildId, snowflake))?.id).toBe(player.id);
    expect((await s.repo.players.getById(guildId, player.id))?.discordUserId).toBe(snowflake);
    expect(await s.repo.players.getById(guildId, "not-a-uuid")).toBeNull();
    expect(await s.repo.players.getById(freshGuildId(), player.id)).toBeNull();
  });

  it("refuses a second player with the same Discord id, and players of unknown guilds", async () => {
    const guildId = freshGuildId();
    const [p] = await seedGuild(s.repo, guildId, 1);
    const again = s.repo.players.create({ guildId, discordUserId: p?.discordUserId ?? "", displayName: "x" }, "test");
    await expect(again).rejects.toBeInstanceOf(DuplicateError);
    const orphan = s.repo.players.create({ guildId: freshGuildId(), discordUserId: "123456789012345678", displayName: "x" }, "test");
    await expect(orphan).rejects.toBeInstanceOf(NotFoundError);
  });

  it("pages players by keyset without gaps or repeats, and rejects forged cursors", async () => {
    const guildId = freshGuildId();
    const created = await seedGuild(s.repo, guildId, 7);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s.repo.players.list(guildId, { limit: 3, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(created.map((p) => p.id)));
    expect(seen).toHaveLength(7);
    await expect(s.repo.players.list(guildId, { limit: 3, cursor: "garbage!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("updates a profile and reports unknown players as NotFound", async () => {
    const guildId = freshGuildId();
    const [p] = await seedGuild(s.repo, guildId, 1);
    const updated = await s.repo.players.updateProfile(guildId, p?.id ?? "", { displayName: "renamed" }, "admin");
    expect(updated).toMatchObject({ displayName: "renamed", updatedBy: "admin", discordUserId: p?.discordUserId });
    await expect(s.repo.players.updateProfile(guildId, crypto.randomUUID(), { displayName: "x" }, "admin")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("creates matches with teams, lists them by guild and player, and cancels only pending ones", async () => {
    const guildId = freshGuildId();
    const [a, b, c, d] = (await seedGuild(s.repo, guildId, 4)).map((p) => p.id);
    if (!a || !b || !c || !d) throw new Error("seed failed");
    const m1 = await s.repo.matches.create(
      {
        guildId,
        teams: [
          [a, b],
          [c, d],
        ],
        weights: { [d]: 0.5 },
      },
      "test",
    );
    const m2 = await s.repo.matches.create({ guildId, teams: [[a], [c]] }, "test");
    expect(m1.players).toHaveLength(4);
    expect(m1.players.find((p) => p.playerId === d)).toMatchObject({ team: 1, weight: 0.5 });
    expect((await s.repo.matches.list(guildId, { limit: 10 })).items.map((m) => m.id)).toEqual([m2.id, m1.id]);
    expect((await s.repo.matches.list(guildId, { limit: 10, player: b })).items.map((m) => m.id)).toEqual([m1.id]);
    const cancelled = await s.repo.matches.cancel(guildId, m2.id, "test");
    expect(cancelled.status).toBe("cancelled");
    expect(await s.repo.matches.cancel(guildId, m2.id, "test")).toMatchObject({ status: "cancelled", version: cancelled.version });
    await expect(s.repo.matches.cancel(guildId, crypto.randomUUID(), "test")).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.repo.matches.create({ guildId, teams: [[a], [crypto.randomUUID()]] }, "test")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("replays a match creation with the same idempotency key and refuses it for different teams", async () => {
    const guildId = freshGuildId();
    const [a, b, c] = (await seedGuild(s.repo, guildId, 3)).map((p) => p.id);
    if (!a || !b || !c) throw new Error("seed failed");
    const first = await s.repo.matches.create({ guildId, teams: [[a], [b]], idempotencyKey: "key-123456" }, "test");
    const replay = await s.repo.matches.create({ guildId, teams: [[a], [b]], idempotencyKey: "key-123456" }, "test");
    expect(replay.id).toBe(first.id);
    expect((await s.repo.matches.list(guildId, { limit: 10 })).items).toHaveLength(1);
    const reuse = s.repo.matches.create({ guildId, teams: [[a], [c]], idempotencyKey: "key-123456" }, "test");
    await expect(reuse).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("answers health probes with the newest migration", async () => {
    const state = await s.repo.health.schemaState();
    expect(state.appliedVersion).toBe(s.database.expectedSchemaVersion);
    expect(await s.repo.health.ping()).toBeGreaterThan(0);
    expect(await s.repo.health.heartbeat()).toBeGreaterThan(0);
    expect(await s.repo.health.heartbeat()).toBeGreaterThan(0); // the one row is overwritten, not duplicated
    // Far in the future so no other check is newer; pruning keeps what ended after `keepAfter`.
    const at = new Date("2099-11-23T10:00:00.000Z");
    const old = new Date(at.getTime() - 8 * 86_400_000);
    const check = { ok: true, status: "healthy" as const, backend: transport, latencyMs: 1.5, heartbeatMs: 3.25, schemaVersion: "1", error: null };
    await s.repo.health.recordCheck({ ...check, checkedAt: old }, null, new Date(0));
    const outage = { startedAt: new Date(at.getTime() - 1_800_000), endedAt: at, failedChecks: 5, worstStatus: "down" as const };
    await s.repo.health.recordCheck({ ...check, checkedAt: at }, outage, new Date(at.getTime() - 7 * 86_400_000));
    expect(await s.repo.health.latest()).toMatchObject({ checkedAt: at, status: "healthy", heartbeatMs: 3.25 });
    const history = await s.repo.health.history(10);
    expect(history.checks.map((c) => c.checkedAt.getTime())).not.toContain(old.getTime()); // pruned
    expect(history.outages[0]).toMatchObject(outage);
  });

  it("reads a player or a leaderboard page in one round trip, and creates a match in two", async () => {
    if (transport === "neon-ws") return; // WebSocket: connection setup adds round trips; measured by the bench instead
    const guildId = freshGuildId();
    const [p] = await seedGuild(s.repo, guildId, 2);
    const getPlayer = () => withRequest(s.backend, (r) => r.players.getById(guildId, p?.id ?? ""));
    const leaderboard = () => withRequest(s.backend, (r) => r.leaderboard.page(guildId, { limit: 10, all: true }));
    expect((await countRoundTrips(getPlayer)).roundTrips).toBe(1);
    expect((await countRoundTrips(leaderboard)).roundTrips).toBe(1);
    const other = freshGuildId();
    const [a, b] = await seedGuild(s.repo, other, 2).then((ps) => ps.map((x) => x.id));
    const create = () => withRequest(s.backend, (r) => r.matches.create({ guildId: other, teams: [[a ?? ""], [b ?? ""]] }, "test"));
    const { result: created, roundTrips } = await countRoundTrips(create);
    expect(roundTrips).toBe(2);
    expect(created.players.map((x) => x.displayName).sort()).toEqual(["player 0", "player 1"]);
  });

  it("maps an unreachable database to UnavailableError", async () => {
    const err = await (async () => {
      const dead = s.backend.openUnreachable();
      try {
        return await createRepository(dead).guilds.get(freshGuildId());
      } finally {
        await dead.close().catch(() => {});
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as AppError).status).toBe(503);
  });
});
