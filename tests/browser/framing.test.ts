/**
 * The Framing, Tone and Facts pages in headless Chromium: a frame chosen in
 * the chart marks exactly its cue words in the article text (by the character
 * offsets of `frame_cues`), by mouse and by keyboard; a tone mark opens its
 * sentence with its tone words; the Facts page flags the talks' length
 * (165 vs 180 min) as a disagreement with the sentences it comes from.
 *
 * Uses dist/ as the global setup builds it (FRAMELENS_DIST to point elsewhere).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROOT } from "../global-setup.ts";
import { useBuiltSite, watchPage, type PageLog } from "./browser.ts";

const DIST = resolve(process.env.FRAMELENS_DIST ?? join(ROOT, "dist"));

interface Cue { articleId: string; sentenceId: string; frameId: string; start: number; end: number; text: string }

/** A table as the built site serves it: dist/_file/data/<name>.<hash>.json, or inside the page summary that carries it (framing-summary.<hash>.json: {tables: {<name>: rows}}). */
function builtTable<T>(name: string): T[] {
  const dir = join(DIST, "_file", "data");
  const own = (stem: string) => readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && f.endsWith(".json") && f.split(".").length === 3);
  const file = own(name);
  if (file) return JSON.parse(readFileSync(join(dir, file), "utf8"));
  const summary = own("framing-summary");
  const rows = summary ? JSON.parse(readFileSync(join(dir, summary), "utf8")).tables?.[name] : undefined;
  if (!rows) throw new Error(`${name} not in ${dir}`);
  return rows;
}

/** The cue spans a reader should see marked for a frame: overlapping cues of the same frame show once (the first). */
function expectedMarks(cues: Cue[], frameId: string): string[] {
  const own = cues.filter((c) => c.frameId === frameId).sort((a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let article = "";
  let at = -1;
  for (const c of own) {
    if (c.articleId !== article) (article = c.articleId), (at = -1);
    if (c.start < at) continue;
    out.push(c.text);
    at = c.end;
  }
  return out.sort();
}

const site = useBuiltSite(DIST);

async function open(path: string, width = 1280): Promise<{ page: Page; log: PageLog }> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  const log = watchPage(page, [site.origin]);
  await page.goto(site.origin + path, { waitUntil: "networkidle" });
  return { page, log };
}

const markedTexts = (page: Page) => page.locator(".fl-frame-column mark.fl-evidence").evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.key, e.textContent]));

describe.skipIf(!existsSync(join(DIST, "framing.html")))("framing page", () => {
  for (const width of [1280, 375]) {
    it(`clicking a frame in the chart marks its cue words in the text (${width}px)`, async () => {
      const cues = builtTable<Cue>("frame_cues");
      const frames = [...new Set(cues.map((c) => c.frameId))];
      const { page, log } = await open("/framing", width);
      await page.waitForSelector(".fl-frame-target");
      // pick a frame other than the one the page opens on
      const start = await page.locator("mark.fl-evidence").first().getAttribute("data-key");
      const frame = ["economic", "spectacle", ...frames].find((f) => f !== start && cues.some((c) => c.frameId === f))!;
      await page.locator(`.fl-frame-target[data-frame="${frame}"]`).first().click();
      await expect.poll(async () => new Set((await markedTexts(page)).map(([k]) => k))).toEqual(new Set([frame]));
      const texts = (await markedTexts(page)).map(([, text]) => text as string).sort();
      expect(texts).toEqual(expectedMarks(cues, frame));
      // the chart shows the choice, and the cue table lists the same frame's cues
      await expect.poll(() => page.locator(`.fl-frame-target[data-frame="${frame}"]`).first().getAttribute("aria-pressed")).toBe("true");
      await expect.poll(() => page.locator("#frame-definition").textContent()).toBeTruthy();
      expect(log.errors).toEqual([]);
      await page.close();
    });
  }

  it("Enter on a focused frame does the same, for keyboard users", async () => {
    const cues = builtTable<Cue>("frame_cues");
    const { page } = await open("/framing");
    await page.waitForSelector(".fl-frame-target");
    const start = await page.locator("mark.fl-evidence").first().getAttribute("data-key");
    const frame = ["security", "negotiation", "substance"].find((f) => f !== start && cues.some((c) => c.frameId === f))!;
    await page.locator(`.fl-frame-target[data-frame="${frame}"]`).first().focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => new Set((await markedTexts(page)).map(([k]) => k))).toEqual(new Set([frame]));
    await page.close();
  });

  it("every marked cue word is the text at its offsets", async () => {
    const cues = builtTable<Cue>("frame_cues");
    const sentences = builtTable<{ sentenceId: string; start: number; text: string }>("sentences");
    const byId = new Map(sentences.map((s) => [s.sentenceId, s]));
    for (const c of cues) {
      const s = byId.get(c.sentenceId)!;
      expect(s.text.slice(c.start - s.start, c.end - s.start)).toBe(c.text);
    }
  });
});

describe.skipIf(!existsSync(join(DIST, "tone.html")))("tone page", () => {
  it("clicking a sentence mark shows that sentence with its tone words", async () => {
    const tone = builtTable<{ sentenceId: string; text: string; hits: number }>("tone");
    const { page, log } = await open("/tone");
    await page.waitForSelector(".fl-tone-strip rect[data-sentence]");
    const target = tone.filter((d) => d.hits >= 2)[3];
    await page.locator(`.fl-tone-strip rect[data-sentence="${target.sentenceId}"]`).click();
    const panel = page.locator("#tone-evidence");
    await expect.poll(() => panel.getAttribute("data-sentence")).toBe(target.sentenceId);
    expect((await panel.locator(".fl-sentence").textContent())?.trim()).toBe(target.text.trim());
    expect(await panel.locator("mark.fl-evidence").count()).toBeGreaterThanOrEqual(1);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!existsSync(join(DIST, "facts.html")))("facts page", () => {
  it("shows the talks' length (165 vs 180 min) as a disagreement, with the sentences it comes from", async () => {
    const { page, log } = await open("/facts");
    const pair = page.locator('.fl-fact-pair[data-status="disagree"]').first();
    await pair.waitFor();
    const text = (await pair.textContent()) ?? "";
    expect(text).toContain("165");
    expect(text).toContain("180");
    expect(text).toMatch(/disagree/);
    const evidence = page.locator('.fl-fact-evidence[data-status="disagree"]').first();
    const marks = await evidence.locator("mark.fl-evidence").allTextContents();
    expect(marks).toContain("etwa 2 Stunden und 45 Minuten");
    expect(marks).toContain("dreistündigen");
    expect(await page.locator("#fact-disagreements").textContent()).toMatch(/165 min.*180 min/s);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});
