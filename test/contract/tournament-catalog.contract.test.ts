/**
 * Venue and format lists on every transport: keyset pages in creation order with no row lost or
 * repeated, guild scoping, an unknown guild a 404 and a tampered cursor a 400 (never a driver error).
 */
import { describe, expect, it } from "vitest";
import { CHESS_POINTS } from "../../src/domain/tournament";
import { freshGuildId, TRANSPORTS, useBackend } from "../support/backends";
import { seedGuild } from "../support/fixtures";

describe.each(TRANSPORTS)("tournament catalog on %s", (transport) => {
  const s = useBackend(transport, "tcatalog");

  it("pages a guild's venues and formats in creation order, and only that guild's", async () => {
    const guildId = freshGuildId();
    const otherId = freshGuildId();
    await seedGuild(s.repo, guildId, 1);
    await seedGuild(s.repo, otherId, 1);
    const names = ["Zeta", "alpha", "Mid", "beta", "Ω"];
    // Distinct creation times, and two rows at the same instant to exercise the id tiebreak.
    for (const [i, name] of names.entries()) {
      const at = new Date(Date.UTC(2026, 10, 1) + Math.min(i, 3) * 1000);
      const repo = s.repo.withClock(() => at);
      await repo.tournaments.createVenue(guildId, { name, stations: i + 1 }, "test");
      await repo.tournaments.createFormat(guildId, { name, kind: "swiss", points: CHESS_POINTS }, "test");
    }
    await s.repo.tournaments.createVenue(otherId, { name: "Elsewhere", stations: 1 }, "test");

    for (const list of [s.repo.tournamentCatalog.venues, s.repo.tournamentCatalog.formats]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const got = await list(guildId, { limit: 2, cursor });
        expect(got.items.length).toBeLessThanOrEqual(2);
        seen.push(...got.items.map((v) => v.name));
        if (!got.nextCursor) break;
        cursor = got.nextCursor;
      }
      expect(seen.slice(0, 3)).toEqual(["Zeta", "alpha", "Mid"]);
      expect(seen.slice(3).sort()).toEqual(["beta", "Ω"].sort());
    }
    expect((await s.repo.tournamentCatalog.venues(otherId, { limit: 10 })).items.map((v) => v.name)).toEqual(["Elsewhere"]);
    expect((await s.repo.tournamentCatalog.formats(otherId, { limit: 10 })).items).toEqual([]);
  });

  it("refuses an unknown guild and a tampered cursor", async () => {
    await expect(s.repo.tournamentCatalog.venues(freshGuildId(), { limit: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const guildId = freshGuildId();
    await seedGuild(s.repo, guildId, 1);
    const tampered = btoa(JSON.stringify({ at: 1, id: "not-a-uuid" }));
    await expect(s.repo.tournamentCatalog.formats(guildId, { limit: 10, cursor: tampered })).rejects.toMatchObject({ status: 400 });
  });
});
