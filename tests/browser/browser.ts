import { chromium, type Browser, type Page } from "playwright-core";

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
