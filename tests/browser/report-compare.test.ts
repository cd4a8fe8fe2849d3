import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROOT } from "../global-setup.ts";
import { useBuiltSite, watchPage } from "./browser.ts";

// The Compare page: chart → text and text → chart links, layers, keyboard; the Quotes page's table filter.
const DIST = process.env.FRAMELENS_DIST ?? join(ROOT, "dist");
const site = useBuiltSite(DIST);

async function open(path: string): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.origin + path, { waitUntil: "networkidle" });
  return page;
}
const classOf = (page: Page, selector: string) => page.locator(selector).first().getAttribute("class");

describe("compare page", () => {
  it("shows two articles side by side, each with a strip and its text", async () => {
    const page = await open("/compare");
    const log = watchPage(page, [site.origin]);
    await expect.poll(() => page.locator(".fl-compare-col").count()).toBeGreaterThanOrEqual(Math.min(2, 2));
    for (const col of await page.locator(".fl-compare-col").all()) {
      expect(await col.locator(".fl-layer-strip rect[data-sentence]").count()).toBeGreaterThan(0);
      expect(await col.locator(".fl-sentence").count()).toBe(await col.locator(".fl-layer-strip rect[data-sentence]").count());
    }
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it("a click on a strip mark scrolls to and highlights its sentence (chart → text)", async () => {
    const page = await open("/compare");
    const mark = page.locator(".fl-compare-col").nth(1).locator(".fl-layer-strip rect[data-sentence]").nth(20);
    const id = await mark.getAttribute("data-sentence");
    await mark.click();
    const sentence = page.locator(`.fl-sentence[data-sentence="${id}"]`);
    await expect.poll(() => sentence.getAttribute("class")).toContain("fl-selected");
    await expect.poll(() => sentence.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const box = el.closest(".fl-article-text")!.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.top >= 0 && r.bottom <= innerHeight;
    })).toBe(true);
    await page.close();
  });

  it("a click on a sentence highlights its mark (text → chart)", async () => {
    const page = await open("/compare");
    const sentence = page.locator(".fl-compare-col").first().locator(".fl-sentence").nth(5);
    const id = await sentence.getAttribute("data-sentence");
    await sentence.click();
    await expect.poll(() => classOf(page, `.fl-layer-strip rect[data-sentence="${id}"]`)).toContain("fl-selected");
    await page.close();
  });

  it("works with the keyboard: Tab to a mark, arrows move, Enter selects", async () => {
    const page = await open("/compare");
    const first = page.locator(".fl-layer-strip rect[data-sentence]").first();
    await first.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sentence);
    expect(id).toMatch(/:s2$/);
    await page.keyboard.press("Enter");
    await expect.poll(() => classOf(page, `.fl-sentence[data-sentence="${id}"]`)).toContain("fl-selected");
    // and Enter on a focused sentence selects its mark
    const sentence = page.locator(".fl-sentence").nth(7);
    const sid = await sentence.getAttribute("data-sentence");
    await sentence.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => classOf(page, `.fl-layer-strip rect[data-sentence="${sid}"]`)).toContain("fl-selected");
    await page.close();
  });

  it("marks quotes by character offsets, direct and indirect told apart by more than colour", async () => {
    const page = await open("/compare");
    await expect.poll(() => page.locator("mark.fl-q").count()).toBeGreaterThan(0);
    const styles = await page.evaluate(() => {
      const style = (sel: string) => { const el = document.querySelector(sel); return el ? getComputedStyle(el).textDecorationStyle : null; };
      return { direct: style("mark.fl-q-direct"), indirect: style("mark.fl-q-indirect") };
    });
    expect(styles.direct).toBe("solid");
    expect(styles.indirect).toBe("dashed");
    // every quote mark's text is a piece of its sentence's text
    const ok = await page.evaluate(() => [...document.querySelectorAll("mark.fl-q")].every((m) => m.closest(".fl-sentence")!.textContent!.includes(m.textContent!)));
    expect(ok).toBe(true);
    await page.close();
  });

  it("switching the layer changes the highlights", async () => {
    const page = await open("/compare");
    await expect.poll(() => page.locator("mark.fl-q").count()).toBeGreaterThan(0);
    for (const [label, selector] of [["Frame cues", "mark.fl-f"], ["Actor mentions", "mark.fl-m"], ["Sentence tone", "mark.fl-t, .fl-sentence[class*=fl-tone-]"]]) {
      await page.getByLabel(label).check();
      await expect.poll(() => page.locator(selector).count(), { message: label }).toBeGreaterThan(0);
      expect(await page.locator("mark.fl-q").count(), label).toBe(0);
    }
    await page.getByLabel("Plain text").check();
    await expect.poll(() => page.locator("mark.fl-hl").count()).toBe(0);
    await page.close();
  });
});

describe("quotes page", () => {
  it("the quote table filters when a speaker's name is typed into the search", async () => {
    const page = await open("/quotes");
    const rows = page.locator("#quote-table table tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const before = await rows.count();
    const speaker = (await page.locator("#quote-table table tbody tr td:nth-child(3)").first().textContent())!.trim();
    await page.locator("input[type=search]").fill(speaker);
    await expect.poll(() => rows.count()).toBeLessThan(before);
    const after = await page.locator("#quote-table table tbody tr td:nth-child(3)").allTextContents();
    expect(after.length).toBeGreaterThan(0);
    await page.close();
  });

  it("offers the quotes table as CSV and JSON downloads", async () => {
    const page = await open("/quotes");
    for (const format of ["csv", "json"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `quotes.${format}` }).click()]);
      expect(download.suggestedFilename()).toBe(`quotes.${format}`);
    }
    await page.close();
  });
});
