/**
 * The demo seed writes a history whose times are in order: created ≤ updated, a match completes after
 * it was created, and results follow each other (the seed once wrote updated_at before created_at).
 */
import { describe, expect, it } from "vitest";
import { seedDemo, DEMO_GUILD_ID } from "../../src/node/seed";
import { TRANSPORTS, useBackend } from "../support/backends";

describe.each(TRANSPORTS.filter((t) => t === "libsql-embedded" || t === "neon-http"))("demo seed on %s", (transport) => {
  const s = useBackend(transport, "seed");

  it("writes created, updated and completed times in order, and is idempotent", async () => {
    const summary = await seedDemo(s.repo, { players: 12, matches: 6 });
    expect(summary).toMatchObject({ players: 12, matches: 6, skipped: false });
    expect((await seedDemo(s.repo, { players: 12, matches: 6 })).skipped).toBe(true);
    const matches = (await s.repo.matches.list(DEMO_GUILD_ID, { limit: 100 })).items;
    expect(matches).toHaveLength(6);
    const now = Date.now();
    for (const m of matches) {
      expect(m.updatedAt.getTime()).toBeGreaterThanOrEqual(m.createdAt.getTime());
      expect(m.completedAt?.getTime() ?? 0).toBeGreaterThan(m.createdAt.getTime());
      expect(m.completedAt?.getTime() ?? Number.POSITIVE_INFINITY).toBeLessThan(now);
    }
    const byResult = [...matches].sort((a, b) => (a.resultSeq ?? 0) - (b.resultSeq ?? 0));
    const completed = byResult.map((m) => m.completedAt?.getTime() ?? 0);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
    const players = (await s.repo.players.list(DEMO_GUILD_ID, { limit: 100 })).items;
    for (const p of players) expect(p.updatedAt.getTime()).toBeGreaterThanOrEqual(p.createdAt.getTime());
  });
});
