/**
 * Tournament storage on every transport: gapless registration numbers under 50 concurrent
 * registrations (each on its own connection, as 50 Worker requests would be), one registration per
 * player, status guards in SQL (registration closed, check-in, drop, late entry), guild scoping,
 * and the CHECK constraints refusing a bad status written around the repository.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Repository } from "../../src/db/repository";
import { CHESS_POINTS } from "../../src/domain/tournament";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";
import { seedGuild } from "../support/fixtures";

/** A guild with `players` players and a draft Swiss tournament in its default ladder. */
async function draftTournament(repo: Repository, players: number) {
  const guildId = freshGuildId();
  const ids = (await seedGuild(repo, guildId, players)).map((p) => p.id);
  const ladder = await repo.ladders.resolve(guildId);
  const venue = await repo.tournaments.createVenue(guildId, { name: "Club", stations: 12 }, "test");
  const format = await repo.tournaments.createFormat(guildId, { name: "Swiss 5", kind: "swiss", rounds: 5, points: CHESS_POINTS }, "test");
  const tournament = await repo.tournaments.create(guildId, { ladderId: ladder.id, formatId: format.id, venueId: venue.id, name: "Open" }, "test");
  return { guildId, ids, ladder, venue, format, tournament };
}

const at = (ids: string[], i: number) => ids[i] ?? "";

describe.each(TRANSPORTS)("tournaments on %s", (transport) => {
  const s = useBackend(transport, "tournaments");

  it("gives 50 concurrent registrations exactly the numbers 1..50, and refuses a second registration of a player", async () => {
    const { guildId, ids, tournament, format } = await draftTournament(s.repo, 51);
    expect(tournament).toMatchObject({ status: "draft", nextSeq: 1, rated: true, formatId: format.id });
    expect(tournament).not.toHaveProperty("token");
    expect(format).toMatchObject({
      kind: "swiss",
      rounds: 5,
      bestOf: 1,
      pointsDraw: 0.5,
      tiebreaks: ["buchholz", "median-buchholz", "sonneborn-berger", "head-to-head"],
    });

    await expect(s.repo.tournaments.register(tournament.id, at(ids, 0), "test")).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "REGISTRATION_CLOSED", status: "draft" },
    });
    expect(await s.repo.tournaments.openRegistration(guildId, tournament.id, "test")).toMatchObject({ status: "registration" });

    const fifty = ids.slice(0, 50);
    const made = await Promise.all(fifty.map((id) => withRequest(s.backend, (r) => r.tournaments.register(tournament.id, id, `discord:${id}`))));
    expect(made.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    const listed = await s.repo.tournaments.registrations(tournament.id);
    expect(listed.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(listed.map((r) => r.playerId))).toEqual(new Set(fifty));
    expect(listed.every((r) => r.status === "registered" && !r.late && r.teamName === null)).toBe(true);
    // Each player got the number its own request was answered with.
    for (const r of made) expect(listed.find((x) => x.playerId === r.playerId)?.seq).toBe(r.seq);

    // Twice, and twice at once: refused as a duplicate, and the refused attempts leave no gap.
    await expect(s.repo.tournaments.register(tournament.id, at(ids, 7), "test")).rejects.toMatchObject({ code: "DUPLICATE" });
    const race = await Promise.allSettled([0, 1, 2].map(() => withRequest(s.backend, (r) => r.tournaments.register(tournament.id, at(ids, 50), "test"))));
    expect(race.filter((x) => x.status === "fulfilled").map((x) => x.value.seq)).toEqual([51]);
    expect(race.filter((x) => x.status === "rejected").map((x) => (x.reason as { code?: string }).code)).toEqual(["DUPLICATE", "DUPLICATE"]);
    expect(await s.repo.tournaments.get(guildId, tournament.id)).toMatchObject({ nextSeq: 52 });
  });

  it("checks in, drops, closes registration at the start and flags late entries", async () => {
    const { guildId, ids, tournament } = await draftTournament(s.repo, 5);
    const t = s.repo.tournaments;
    await t.openRegistration(guildId, tournament.id, "test");
    for (const i of [0, 1, 2]) await t.register(tournament.id, at(ids, i), "test", i === 2 ? { teamName: "Team Three" } : {});

    await expect(t.checkIn(tournament.id, at(ids, 0), "test")).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "REGISTRATION_STATUS" } });
    await t.advance(guildId, tournament.id, "openCheckIn", "test");
    // A repeated step (a double click) returns the tournament as it is, not a conflict.
    expect(await t.advance(guildId, tournament.id, "openCheckIn", "test")).toMatchObject({ status: "check_in" });
    expect(await t.checkIn(tournament.id, at(ids, 0), "test")).toMatchObject({ status: "checked_in", seq: 1 });
    expect(await t.checkIn(tournament.id, at(ids, 0), "test")).toMatchObject({ status: "checked_in" }); // a repeated press
    expect(await t.drop(tournament.id, at(ids, 1), "test")).toMatchObject({ status: "dropped", seq: 2 });
    await expect(t.checkIn(tournament.id, at(ids, 1), "test")).rejects.toMatchObject({ code: "CONFLICT", details: { status: "dropped" } });
    await expect(t.checkIn(tournament.id, at(ids, 4), "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Registration stays open during check-in.
    expect(await t.register(tournament.id, at(ids, 3), "test")).toMatchObject({ seq: 4, late: false });

    await t.advance(guildId, tournament.id, "start", "test");
    await expect(t.register(tournament.id, at(ids, 4), "test")).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "REGISTRATION_CLOSED" } });
    expect(await t.lateEntry(tournament.id, at(ids, 4), "test")).toMatchObject({ seq: 5, late: true, status: "registered" });
    expect(await t.checkIn(tournament.id, at(ids, 4), "test")).toMatchObject({ status: "checked_in", late: true });
    await expect(t.advance(guildId, tournament.id, "openRegistration", "test")).rejects.toMatchObject({ code: "CONFLICT", details: { status: "running" } });

    await t.advance(guildId, tournament.id, "finish", "test");
    await expect(t.drop(tournament.id, at(ids, 0), "test")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(t.lateEntry(tournament.id, at(ids, 1), "test")).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "REGISTRATION_CLOSED" } });
    const listed = await t.registrations(tournament.id);
    expect(listed.map((r) => [r.seq, r.status, r.late, r.teamName])).toEqual([
      [1, "checked_in", false, null],
      [2, "dropped", false, null],
      [3, "registered", false, "Team Three"],
      [4, "registered", false, null],
      [5, "checked_in", true, null],
    ]);
  });

  it("keeps everything inside its guild and validates formats before storing them", async () => {
    const a = await draftTournament(s.repo, 1);
    const b = await draftTournament(s.repo, 1);
    const t = s.repo.tournaments;
    await t.openRegistration(a.guildId, a.tournament.id, "test");
    await expect(t.register(a.tournament.id, at(b.ids, 0), "test")).rejects.toMatchObject({ code: "NOT_FOUND", details: { what: "player" } });
    await expect(t.register(crypto.randomUUID(), at(a.ids, 0), "test")).rejects.toMatchObject({ code: "NOT_FOUND", details: { what: "tournament" } });
    await expect(t.register("not-a-uuid", at(a.ids, 0), "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.get(b.guildId, a.tournament.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.openRegistration(b.guildId, a.tournament.id, "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = { ladderId: a.ladder.id, formatId: a.format.id, name: "X" };
    await expect(t.create(b.guildId, other, "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.create(a.guildId, { ...other, venueId: b.venue.id }, "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.create(a.guildId, { ...other, rated: false, startsAt: new Date(Date.UTC(2026, 11, 1, 18)) }, "test")).toMatchObject({
      venueId: null,
      rated: false,
      startsAt: new Date(Date.UTC(2026, 11, 1, 18)),
    });
    await expect(t.createVenue(a.guildId, { name: "Club", stations: 3 }, "test")).rejects.toMatchObject({ code: "DUPLICATE" });
    await expect(t.createVenue(a.guildId, { name: "Hall", stations: 0 }, "test")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const bad = { name: "Bad", kind: "round_robin" as const, points: { ...CHESS_POINTS, draw: 0.3 } };
    await expect(t.createFormat(a.guildId, bad, "test")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(t.createFormat(freshGuildId(), { ...bad, points: CHESS_POINTS }, "test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.createFormat(a.guildId, { ...bad, points: CHESS_POINTS, bestOf: 0 }, "test")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await t.createFormat(a.guildId, { ...bad, points: CHESS_POINTS, tiebreaks: ["head-to-head"], bestOf: 3 }, "test")).toMatchObject({
      kind: "round_robin",
      rounds: null,
      bestOf: 3,
      tiebreaks: ["head-to-head"],
    });
  });

  it("refuses a bad status or kind written around the repository (CHECK constraints)", async () => {
    const { tournament, format } = await draftTournament(s.repo, 1);
    const { db, t } = s.database;
    await expect(
      db
        .update(t.tournaments)
        .set({ status: "paused" as "draft" })
        .where(eq(t.tournaments.id, tournament.id)),
    ).rejects.toThrow();
    await expect(
      db
        .update(t.tournamentFormats)
        .set({ kind: "ladder" as "swiss" })
        .where(eq(t.tournamentFormats.id, format.id)),
    ).rejects.toThrow();
    await expect(db.update(t.tournaments).set({ nextSeq: 0 }).where(eq(t.tournaments.id, tournament.id))).rejects.toThrow();
    expect((await s.repo.tournaments.get(tournament.guildId, tournament.id)).status).toBe("draft");
  });
});
