/**
 * The web leaderboard in headless Chromium (Debian's `chromium`, driven by playwright-core) against
 * the Worker running in wrangler's local runtime on a seeded libSQL database: what a person sees —
 * the rows in rank order, ratings, sparklines, the player chart — on a desktop and on a phone in
 * dark mode, with no JavaScript. Screenshots go to test-artifacts/.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GUILD_ID, seedDemo } from "../../src/node/seed";
import { ARTIFACTS, hasChromium, type Site, startSite } from "./site";

describe.skipIf(!hasChromium)("web leaderboard in headless Chromium", () => {
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    site = await startSite(async (repo) => {
      await seedDemo(repo, { players: 24, matches: 30 });
    });
    browser = site.browser;
  });

  afterAll(() => site?.close());

  const url = (path: string) => site.url(path);

  it("shows ranked rows with ratings and sparklines, and a player's chart and analytics, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const res = await page.goto(url(`/g/${DEMO_GUILD_ID}`));
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toContain("leaderboard");
    const rows = page.locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    const ranks = await page.locator("td.rank").allInnerTexts();
    expect(ranks.map(Number)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const ratings = (await page.locator("td.rating").allInnerTexts()).map((t) => Number(t.split("±")[0]));
    expect([...ratings].sort((a, b) => b - a)).toEqual(ratings);
    expect(await page.locator("td.rating").first().innerText()).toMatch(/^\d+ ± \d+$/);
    expect(await page.locator("svg.spark").count()).toBeGreaterThan(count / 2);
    const box = await page.locator("svg.spark").first().boundingBox();
    expect(box?.width).toBeGreaterThan(50);
    await page.screenshot({ path: join(ARTIFACTS, "leaderboard-desktop.png"), fullPage: true });

    const name = await page.locator("td.name a").first().innerText();
    await page.locator("td.name a").first().click();
    await expect(page.locator("h1").innerText()).resolves.toBe(name);
    const chart = page.locator("svg.chart");
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator("circle").count()).toBeGreaterThan(0);
    expect(await page.locator(".card").first().innerText()).toMatch(/Rating\s+\d+ ± \d+/);
    expect(await page.getByText("Most frequent teammates").isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "player-desktop.png"), fullPage: true });
    await context.close();
  });

  it("fits a phone screen in dark mode", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 }, colorScheme: "dark", deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(url(`/g/${DEMO_GUILD_ID}`));
    const bodyColor = await page.evaluate<string>("getComputedStyle(document.body).backgroundColor"); // a string: the suite compiles without the DOM lib
    expect(bodyColor).toBe("rgb(15, 17, 21)");
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator("tbody tr").first().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "leaderboard-phone-dark.png"), fullPage: true });
    const missing = await page.goto(url("/g/1234567890123456789"));
    expect(missing?.status()).toBe(404);
    await context.close();
  });
});
