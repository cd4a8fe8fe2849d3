import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveStatic } from "../../scripts/serve.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PageLog {
  errors: string[];
  failed: string[];
  foreign: string[];
}

/** Record console errors, page errors, failed requests and requests to any other host. */
export function watchPage(page: Page, allowedOrigins: string[]): PageLog {
  const log: PageLog = { errors: [], failed: [], foreign: [] };
  page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("requestfailed", (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && log.failed.push(`${r.url()} ${r.status()}`));
  page.on("request", (r) => {
    const url = r.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (!allowedOrigins.some((o) => url.startsWith(o))) log.foreign.push(url);
  });
  return log;
}

/**
 * Serve a built site on a free local port and start Chromium for the tests of
 * one file; both are stopped after them. Read `origin` and `browser` inside
 * tests (they are set in `beforeAll`).
 */
export function useBuiltSite(dist: string, before?: () => void): { origin: string; browser: Browser } {
  const site = {} as { origin: string; browser: Browser; server?: Server };
  beforeAll(async () => {
    before?.();
    site.server = await serveStatic(dist, 0);
    site.origin = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
