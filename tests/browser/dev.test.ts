import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../global-setup.ts";
import { launchChromium } from "./browser.ts";

const PORT = 4400 + Math.floor(Math.random() * 500);
let dev: ChildProcess;
let browser: Browser;
let output = "";
const corpus = mkdtempSync(join(tmpdir(), "framelens-dev-corpus-"));

beforeAll(async () => {
  cpSync(join(ROOT, "corpus"), corpus, { recursive: true });
  dev = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/dev.ts"), "--port", String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, FRAMELENS_CORPUS: corpus, FRAMELENS_CACHE: mkdtempSync(join(tmpdir(), "framelens-dev-cache-")) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  dev.stdout!.on("data", (d) => (output += d));
  dev.stderr!.on("data", (d) => (output += d));
  for (let i = 0; i < 300 && !/http:\/\/127\.0\.0\.1:\d+/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
});

describe("npm run dev", () => {
  it("shows an article added to the corpus in the open page, without a restart", async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: "networkidle" });
    const intro = page.locator("#observablehq-main p").first();
    await expect.poll(() => intro.textContent(), { timeout: 30_000 }).toContain("2 of them");
    writeFileSync(join(corpus, "zz-neu.txt"), "Neue Meldung aus Kiew\nSelenskyj reagierte enttäuscht. Er forderte Garantien.\n");
    await expect.poll(() => intro.textContent(), { timeout: 30_000 }).toContain("3 of them");
    expect(output).toMatch(/zz-neu\.txt changed → re-running \d+ loaders/);
    await page.close();
  });
});
