import { mkdirSync, readdirSync, statSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../scripts/serve.ts";
import { ROOT, TEST_OUTPUT } from "../global-setup.ts";
import { launchChromium, watchPage } from "./browser.ts";

const DIST = join(ROOT, "dist");
const SHOTS = join(TEST_OUTPUT, "screenshots");

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f.startsWith("_") ? [] : pages(p);
    return f.endsWith(".html") ? ["/" + relative(DIST, p).replace(/\.html$/, "").replace(/(^|\/)index$/, "")] : [];
  });
}

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic(DIST, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe.each(pages(DIST).map((p) => [p]))("page %s", (path) => {
  for (const width of [1280, 375]) {
    it(`renders at ${width}px with no console error and no request leaving the site`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const log = watchPage(page, [origin]);
      await page.goto(origin + path, { waitUntil: "networkidle" });
      await page.waitForSelector("#observablehq-main svg, #observablehq-main table", { timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, `${path.replace(/^\/$/, "/index").slice(1).replace(/\//g, "_")}-${width}.png`), fullPage: true });
      expect(log.errors).toEqual([]);
      expect(log.failed).toEqual([]);
      expect(log.foreign).toEqual([]);
      const errors = await page.locator(".observablehq--error").count();
      expect(errors).toBe(0);
      await page.close();
    });
  }
});

describe("overview interactions", () => {
  it("a click on a sentence bar highlights that sentence in the text", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(origin + "/", { waitUntil: "networkidle" });
    const bar = page.locator("rect[data-sentence]").nth(12);
    const id = await bar.getAttribute("data-sentence");
    await bar.click();
    const sentence = page.locator(`.fl-sentence[data-sentence="${id}"]`);
    await expect.poll(() => sentence.getAttribute("class")).toContain("fl-selected");
    await page.close();
  });
  it("Enter on a focused bar does the same, for keyboard users", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(origin + "/", { waitUntil: "networkidle" });
    const bar = page.locator("rect[data-sentence]").last();
    const id = await bar.getAttribute("data-sentence");
    await bar.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(`.fl-sentence[data-sentence="${id}"]`).getAttribute("class")).toContain("fl-selected");
    await page.close();
  });
});
