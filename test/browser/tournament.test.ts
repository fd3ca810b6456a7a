/**
 * The tournament pages in headless Chromium against the Worker in wrangler's local runtime, on a
 * libSQL database seeded through the tournament service: an 8-player Swiss played over 3 rounds
 * (one player drops after round 2, so round 3 has a bye), an 8-entrant double elimination played
 * to its end through a grand-final reset, and a tournament in check-in. The test keeps its own
 * record of every result it reports and works out the points, Buchholz and Sonneborn–Berger from
 * it, so the standings the page shows are checked against sums made here, not by the service.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, hasChromium, type Site, startSite } from "./site";
import { type Played, playDoubleElimination, playSwiss, playTopCut, seedField, TOURNAMENT_GUILD } from "./tournament-seed";

/** Points, Buchholz and Sonneborn–Berger per entrant from the games this test reported (chess points, bye 1). */
function expectedTable(played: Played) {
  const pts = new Map<string, number>(played.names.map((n) => [n, 0]));
  const add = (name: string, p: number) => pts.set(name, (pts.get(name) ?? 0) + p);
  for (const g of played.games) {
    if (g.b === null) add(g.a, 1);
    else if (g.result === "draw") {
      add(g.a, 0.5);
      add(g.b, 0.5);
    } else add(g.result === "a" ? g.a : g.b, 1);
  }
  const of = (n: string) => pts.get(n) ?? 0;
  const row = (name: string) => {
    let buchholz = 0;
    let sb = 0;
    let wins = 0;
    let draws = 0;
    let losses = 0;
    for (const g of played.games) {
      if (g.b === null || (g.a !== name && g.b !== name)) continue;
      const opponent = g.a === name ? g.b : g.a;
      const mine = g.result === "draw" ? 0.5 : (g.result === "a") === (g.a === name) ? 1 : 0;
      buchholz += of(opponent);
      sb += mine * of(opponent);
      if (mine === 1) wins += 1;
      else if (mine === 0.5) draws += 1;
      else losses += 1;
    }
    return { name, points: of(name), buchholz, sb, wins, draws, losses, seed: played.names.indexOf(name) };
  };
  return played.names.map(row).sort((x, y) => y.points - x.points || y.buchholz - x.buchholz || y.sb - x.sb || x.seed - y.seed);
}

/** "1½" → 1.5, "¾" → 0.75: points and tiebreaks as the page writes them. */
const FRACTIONS: Record<string, number> = { "¼": 0.25, "½": 0.5, "¾": 0.75 };
const half = (text: string) => {
  const m = /^(\d*)([¼½¾]?)$/.exec(text.trim());
  if (!m || (m[1] === "" && m[2] === "")) return Number.NaN;
  return Number(m[1] || 0) + (FRACTIONS[m[2] ?? ""] ?? 0);
};

describe.skipIf(!hasChromium)("tournament pages in headless Chromium", () => {
  let site: Site;
  let browser: Browser;
  let swiss: Played;
  let double: Played & { champion: string | null; resetPlayed: boolean };
  let topCut: Played & { champion: string | null };
  let checkInId = "";

  beforeAll(async () => {
    site = await startSite(async (repo) => {
      const field = await seedField(repo);
      swiss = await playSwiss(repo, field);
      double = await playDoubleElimination(repo, field);
      topCut = await playTopCut(repo, field);
      checkInId = field.checkInId;
    });
    browser = site.browser;
  });

  afterAll(() => site?.close());

  const url = (path: string) => site.url(path);
  const base = `/g/${TOURNAMENT_GUILD}/tournaments`;
  const desktop = () => browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const phone = () => browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 }, colorScheme: "dark", deviceScaleFactor: 2 });
  const overflow = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");

  it("lists the guild's tournaments and links each to its page", async () => {
    const context = await desktop();
    const page = await context.newPage();
    const res = await page.goto(url(`/g/${TOURNAMENT_GUILD}`));
    expect(res?.status()).toBe(200);
    await page.getByRole("link", { name: "Tournaments" }).click();
    expect(await page.locator("h1").innerText()).toBe("Tournaments");
    const names = await page.locator("table.tournaments td.name").allInnerTexts();
    // Listed in one round trip, cacheable at the edge like the leaderboard.
    const list = await page.request.get(url(`${base}?fresh=1`));
    expect(list.headers()["x-db-round-trips"]).toBe("1");
    expect(list.headers()["cache-control"]).toContain("s-maxage");
    expect(names.sort()).toEqual(["Autumn Swiss", "Spring Check-in", "Summer Open", "Winter Brackets"]);
    await page.getByRole("link", { name: "Autumn Swiss" }).click();
    expect(await page.locator("h1").innerText()).toBe("Autumn Swiss");
    await context.close();
  });

  it("shows the Swiss standings in the order and with the points worked out from the reported results", async () => {
    const context = await desktop();
    const page = await context.newPage();
    const res = await page.goto(url(`${base}/${swiss.id}`));
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-type"]).toContain("text/html");
    expect(await page.locator(".facts .status").innerText()).toContain("Finished");
    expect(await page.locator(".facts .format").innerText()).toContain("Swiss, 3 rounds");
    expect(await page.locator(".facts .venue").innerText()).toContain("Club Hall");
    expect(await page.locator(".facts .entrant-count").innerText()).toContain("7"); // 8 registered, 1 dropped

    const table = expectedTable(swiss);
    const rows = page.locator("section.standings tbody tr");
    expect(await rows.count()).toBe(8);
    expect(await page.locator("section.standings td.rank").allInnerTexts()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    const shown = await page.locator("section.standings td.name").allInnerTexts();
    expect(shown.map((n) => n.replace(/\s*dropped$/, ""))).toEqual(table.map((r) => r.name));
    expect((await page.locator("section.standings td.points").allInnerTexts()).map(half)).toEqual(table.map((r) => r.points));
    const records = await page.locator("section.standings td.record").allInnerTexts();
    expect(records.map((r) => r.split(" ")[0])).toEqual(table.map((r) => `${r.wins}-${r.draws}-${r.losses}`));
    // Tiebreak columns in the format's order, each holding the sums worked out above.
    expect(await page.locator("section.standings th[data-tiebreak]").allInnerTexts()).toEqual(["BUCHHOLZ", "SONNEBORN–BERGER"]);
    for (const [i, r] of table.entries()) {
      const cells = (await rows.nth(i).locator("td.tiebreak").allInnerTexts()).map(half);
      expect(cells).toEqual([r.buchholz, r.sb]);
    }
    // The dropped player is marked where they stand.
    const droppedRow = rows.filter({ hasText: swiss.dropped ?? "?" });
    expect(await droppedRow.getAttribute("class")).toBe("dropped");
    expect(await droppedRow.locator(".badge").innerText()).toBe("dropped");

    // Every round's pairings: both names, the result as reported, and round 3's bye.
    for (const round of [1, 2, 3]) {
      const section = page.locator(`section.round-pairings[data-round="${round}"]`);
      expect(await section.locator("h3").innerText()).toContain(`Round ${round}`);
      const games = swiss.games.filter((g) => g.round === round);
      expect(await section.locator("tbody tr").count()).toBe(games.length);
      for (const g of games) {
        const row = section.locator("tbody tr", { has: page.locator("td.board", { hasText: new RegExp(`^${g.board}$`) }) });
        expect((await row.locator("td.a").innerText()).replace(/\s*dropped$/, "")).toBe(g.a);
        if (g.b === null) {
          expect(await row.locator("td.result").innerText()).toBe("bye");
        } else {
          expect((await row.locator("td.b").innerText()).replace(/\s*dropped$/, "")).toBe(g.b);
          expect(await row.locator("td.result").innerText()).toBe(g.result === "a" ? "1–0" : g.result === "b" ? "0–1" : "½–½");
        }
      }
    }
    expect(swiss.games.filter((g) => g.round === 3 && g.b === null)).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-swiss-desktop.png"), fullPage: true });
    await context.close();
  });

  it("shows the double-elimination bracket with every result, the reset and the champion", async () => {
    const context = await desktop();
    const page = await context.newPage();
    const res = await page.goto(url(`${base}/${double.id}`));
    expect(res?.status()).toBe(200);
    // The whole tournament in one database round trip (the first visit to this page: nothing cached).
    expect(res?.headers()["x-db-round-trips"]).toBe("1");
    for (const side of ["Winners bracket", "Losers bracket", "Grand final"])
      expect(await page.getByRole("heading", { name: side, exact: true, level: 3 }).isVisible()).toBe(true);
    // The seed plays the reset (the losers-bracket champion wins the first grand final), then the top seed wins it.
    expect(double.resetPlayed).toBe(true);
    expect(double.champion).toBe("Ada");
    expect(await page.locator(".champion b").innerText()).toBe(double.champion);
    expect(await page.locator(".reset-note").innerText()).toContain(double.resetPlayed ? "was reset" : "not needed");
    // Each played match: its two entrants, the winner highlighted.
    for (const g of double.games) {
      if (g.b === null || !g.slot) continue;
      const card = page.locator(`li.match[data-match="${g.slot}"]`);
      const winner = g.result === "a" ? g.a : g.b;
      const loser = g.result === "a" ? g.b : g.a;
      expect(await card.locator(".slot.won .who").innerText()).toMatch(new RegExp(`^${winner}`));
      expect(await card.locator(".slot.lost .who").innerText()).toMatch(new RegExp(`^${loser}`));
      expect(await card.getAttribute("aria-label")).toContain(`${winner} won`);
    }
    // 8 entrants: 7 winners-bracket matches, 6 in the losers bracket, the grand final and its reset.
    expect(await page.locator(".side.winners li.match").count()).toBe(7);
    expect(await page.locator(".side.losers li.match").count()).toBe(6);
    expect(await page.locator(".side.final li.match").count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-bracket-desktop.png"), fullPage: true });
    await context.close();
  });

  it("shows a top cut as both: the playoff bracket of the Swiss top 4, then the Swiss standings and rounds", async () => {
    const context = await desktop();
    const page = await context.newPage();
    await page.goto(url(`${base}/${topCut.id}`));
    expect(await page.locator(".facts .top-cut").innerText()).toContain("top 4");
    const headings = await page.locator("h2").allInnerTexts();
    expect(headings.indexOf("Stage 2: Single elimination")).toBeGreaterThan(-1);
    expect(headings.indexOf("Stage 1: Swiss")).toBeGreaterThan(headings.indexOf("Stage 2: Single elimination"));
    const swissGames = topCut.games.filter((g) => g.slot === null);
    const table = expectedTable({ ...topCut, games: swissGames });
    const stage1 = page.locator('section.stage[data-stage="1"]');
    expect(await stage1.locator("section.standings td.name").allInnerTexts()).toEqual(table.map((r) => r.name));
    expect(await stage1.locator("section.round-pairings").count()).toBe(2);
    // The semifinalists are the top 4 of the Swiss table worked out here.
    const semis = page
      .locator('section.stage[data-stage="2"] li.match')
      .filter({ has: page.locator("h4") })
      .or(page.locator('section.stage[data-stage="2"] ol[aria-label="Semifinals"] .who'));
    const firstRound = (await semis.allInnerTexts()).map((t) => t.replace(/\s*\(\d+\)$/, ""));
    expect(firstRound.sort()).toEqual(
      table
        .slice(0, 4)
        .map((r) => r.name)
        .sort(),
    );
    expect(await page.locator(".champion b").innerText()).toBe(topCut.champion);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-topcut-desktop.png"), fullPage: true });
    await context.close();
  });

  it("fits a phone in dark mode: the bracket scrolls sideways inside itself, the page does not", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(url(`${base}/${double.id}`));
    expect(await page.evaluate<string>("getComputedStyle(document.body).backgroundColor")).toBe("rgb(15, 17, 21)");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const scrolls = await page.evaluate<number[]>("[...document.querySelectorAll('.side.winners .bracket')].map((b) => b.scrollWidth - b.clientWidth)");
    expect(scrolls[0]).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-bracket-phone-dark.png"), fullPage: true });
    await page.goto(url(`${base}/${swiss.id}`));
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator("section.standings tbody tr").first().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-swiss-phone-dark.png"), fullPage: true });
    await context.close();
  });

  it("shows registration numbers and check-in state before the start", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(url(`${base}/${checkInId}`));
    expect(await page.locator(".facts .status").innerText()).toContain("Check-in open");
    expect((await page.locator("table.entrants td.seq").allInnerTexts()).map(Number)).toEqual([1, 2, 3, 4]);
    // The seed checks in the odd registration numbers.
    expect(await page.locator("table.entrants td.state").allInnerTexts()).toEqual(["Checked in", "Not checked in", "Checked in", "Not checked in"]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "tournament-checkin-phone-dark.png"), fullPage: true });
    await context.close();
  });

  it("answers unknown guilds, unknown tournaments and malformed ids with the 404 page", async () => {
    const context = await desktop();
    const page = await context.newPage();
    for (const path of [
      "/g/1234567890123456789/tournaments",
      `${base}/00000000-0000-4000-8000-000000000000`,
      `${base}/not-a-uuid`,
      `${base}/${swiss.id}x`,
      "/g/abc/tournaments",
      `/g/1234567890123456789/tournaments/${swiss.id}`,
    ]) {
      const res = await page.goto(url(path));
      expect(res?.status(), path).toBe(404);
      expect(await page.locator("h1").innerText()).toBe("Not found");
    }
    await context.close();
  });
});
