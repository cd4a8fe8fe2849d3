import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TEST_OUTPUT } from "../global-setup.ts";
import { useBuiltSite, watchPage } from "./browser.ts";

const DIST = process.env.FRAMELENS_DIST ?? join(ROOT, "dist");
const SHOTS = join(TEST_OUTPUT, "screenshots");

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f.startsWith("_") ? [] : pages(p);
    return f.endsWith(".html") ? ["/" + relative(DIST, p).replace(/\.html$/, "").replace(/(^|\/)index$/, "")] : [];
  });
}

const site = useBuiltSite(DIST, () => mkdirSync(SHOTS, { recursive: true }));

describe.each(pages(DIST).map((p) => [p]))("page %s", (path) => {
  for (const width of [1280, 375]) {
    it(`renders at ${width}px with no console error and no request leaving the site`, async () => {
      const page = await site.browser.newPage({ viewport: { width, height: 900 } });
      const log = watchPage(page, [site.origin]);
      await page.goto(site.origin + path, { waitUntil: "networkidle" });
      await page.waitForSelector("#observablehq-main svg, #observablehq-main table", { timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, `${path.replace(/^\/$/, "/index").slice(1).replace(/\//g, "_")}-${width}.png`), fullPage: true });
      expect(log.errors).toEqual([]);
      expect(log.failed).toEqual([]);
      expect(log.foreign).toEqual([]);
      const errors = await page.locator(".observablehq--error").count();
      expect(errors).toBe(0);
      // a cell that displays nothing must not print a stray `null` or `undefined` into the prose
      expect(await page.locator("#observablehq-main .observablehq--null, #observablehq-main .observablehq--undefined").count()).toBe(0);
      await page.close();
    });
  }
});

describe("overview", () => {
  it("states findings generated from the tables and shows the small multiples", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.origin + "/", { waitUntil: "networkidle" });
    await expect.poll(() => page.locator(".fl-findings li").count()).toBeGreaterThan(3);
    expect(await page.locator(".fl-multiples figure").count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });
});
