/**
 * Embeds on a page the project does not control: a plain HTML page served
 * from another localhost port (another origin) imports each exported module
 * (/embed/<chart>.js) and embeds each iframe (/embed/frame?chart=…), with the
 * snippets copied from the built Embed page. Headless Chromium checks that
 * every chart renders there, in German, sized to its column, with no console
 * error and no request to any third host.
 *
 * Uses dist/ as the global setup builds it (FRAMELENS_DIST to point elsewhere).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import sirv from "sirv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../scripts/serve.ts";
import { ROOT, TEST_OUTPUT } from "../global-setup.ts";
import { launchChromium, watchPage, type PageLog } from "./browser.ts";

const DIST = resolve(process.env.FRAMELENS_DIST ?? join(ROOT, "dist"));
const SHOTS = join(TEST_OUTPUT, "screenshots");

/** The chart components agreed in notes/HELPERS.md and the embed module each one must have. */
const COMPONENT_EMBEDS: Record<string, string> = {
  "sentence-strip.js": "sentences",
  "frame-profile.js": "frames",
  "voice-shares.js": "voice",
  "tone-strip.js": "tone-strip",
  "fact-comparison.js": "facts",
  "actor-prominence.js": "actors",
  "quotes-by-speaker.js": "quotes-by-speaker",
};

const CHARTS = existsSync(join(DIST, "embed"))
  ? readdirSync(join(DIST, "embed"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => f.replace(/\.js$/, ""))
      .sort()
  : [];

/** A page of the "newsroom": an article column of a given width holding the snippet. */
function hostPage(body: string, column = 640): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>body { margin: 0; font-family: Georgia, serif; } main { max-width: ${column}px; margin: 1.5rem auto; padding: 0 16px; }</style>
</head><body><main><h1>Ein Artikel auf einer anderen Website</h1><p>Text davor.</p>
${body}
<p>Text danach.</p></main></body></html>`;
}

let site: Server;
let host: Server;
let bare: Server;
let browser: Browser;
let siteOrigin: string;
let hostOrigin: string;
let bareOrigin: string;
const hostPages = new Map<string, string>();
let snippets: Record<string, { module: string; iframe: string }> = {};

const origin = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

function listen(server: Server): Promise<Server> {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

async function openHost(path: string, html: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; log: PageLog }> {
  hostPages.set(path, html);
  const page = await browser.newPage({ viewport });
  const log = watchPage(page, [siteOrigin, hostOrigin]);
  await page.goto(hostOrigin + path, { waitUntil: "load" });
  return { page, log };
}

/** The chart's figure title, the width it was drawn at, the widest svg in it, and its whole text. */
function inspect(target: Page | Frame, selector = ".framelens-embed") {
  return target.locator(selector).first().evaluate((root: HTMLElement) => {
    const svgs = [...root.querySelectorAll("svg")].map((s) => s.getBoundingClientRect().width);
    return {
      lang: root.lang,
      title: root.querySelector(".fl-figure-title")?.textContent ?? "",
      drawnWidth: Number(root.dataset.width),
      boxWidth: root.getBoundingClientRect().width,
      widestSvg: Math.max(0, ...svgs),
      svgs: svgs.length,
      text: root.textContent ?? "",
      background: getComputedStyle(root).backgroundColor,
    };
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveStatic(DIST, 0);
  siteOrigin = origin(site);
  host = await listen(
    createServer((req, res) => {
      const html = hostPages.get(new URL(req.url ?? "/", "http://x").pathname);
      res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      res.end(html ?? "not found");
    }),
  );
  hostOrigin = origin(host);
  // the same build, served without any CORS header: what a misconfigured static host does
  const plain = sirv(DIST, { extensions: ["html"], dev: false });
  bare = await listen(createServer((req, res) => plain(req, res, () => { res.statusCode = 404; res.end(); })));
  bareOrigin = origin(bare);
  browser = await launchChromium();

  // the snippets exactly as a user copies them from the Embed page (default options: lang "de")
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(siteOrigin + "/embed", { waitUntil: "networkidle" });
  await page.waitForSelector("code[data-snippet]", { timeout: 15_000 });
  const codes = await page.locator("code[data-snippet]").evaluateAll((els) =>
    els.map((e) => ({ chart: (e as HTMLElement).dataset.chart!, kind: (e as HTMLElement).dataset.snippet!, text: e.textContent ?? "" })),
  );
  for (const { chart, kind, text } of codes) (snippets[chart] ??= { module: "", iframe: "" })[kind as "module" | "iframe"] = text;
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  site?.close();
  host?.close();
  bare?.close();
});

describe("every chart has an embed", () => {
  it("the build exports at least the sentence strip", () => {
    expect(CHARTS).toContain("sentences");
  });
  for (const [component, chart] of Object.entries(COMPONENT_EMBEDS)) {
    it.skipIf(!existsSync(join(ROOT, "src/components", component)))(`${component} → /embed/${chart}.js, on the Embed page and in the iframe page`, () => {
      expect(existsSync(join(ROOT, "src/embed", `${chart}.js`))).toBe(true);
      expect(CHARTS).toContain(chart);
      expect(readFileSync(join(ROOT, "src/embed/lib/catalog.js"), "utf8")).toContain(`id: "${chart}"`);
      expect(Object.keys(snippets)).toContain(chart);
    });
  }
  it("the exported module writes no preload line for a bare package name (framework#1916 patch)", () => {
    for (const chart of CHARTS) {
      const source = readFileSync(join(DIST, "embed", `${chart}.js`), "utf8");
      for (const [, spec] of source.matchAll(/import\s+"([^"]+)"/g)) expect(spec, `${chart}.js imports ${spec}`).toMatch(/^\.\.?\//);
    }
  });
});

describe.each(CHARTS.map((c) => [c]))("chart %s on another origin", (chart) => {
  it("the module snippet from the Embed page renders the chart in German, sized to the column", async () => {
    expect(snippets[chart]?.module, "module snippet on the Embed page").toMatch(/<script type="module">/);
    expect(snippets[chart].module).toContain(`${siteOrigin}/embed/${chart}.js`);
    const { page, log } = await openHost(`/module-${chart}.html`, hostPage(snippets[chart].module, 640));
    await page.waitForSelector(".framelens-embed svg", { timeout: 15_000 });
    await page.waitForTimeout(200);
    const info = await inspect(page);
    await page.screenshot({ path: join(SHOTS, `embed-${chart}-module-de.png`), fullPage: true });
    expect(log.errors).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.foreign).toEqual([]);
    expect(info.lang).toBe("de");
    expect(info.boxWidth).toBe(640);
    expect(info.drawnWidth).toBe(640);
    expect(info.widestSvg).toBeLessThanOrEqual(640);
    expect(info.widestSvg).toBeGreaterThan(320);
    await page.close();
  });

  it("the module follows its column when the column narrows (375 px phone, then 420 px)", async () => {
    const { page, log } = await openHost(`/narrow-${chart}.html`, hostPage(snippets[chart].module, 640), { width: 375, height: 800 });
    await page.waitForSelector(".framelens-embed svg", { timeout: 15_000 });
    await expect.poll(async () => (await inspect(page)).drawnWidth).toBe(375 - 32);
    expect((await inspect(page)).widestSvg).toBeLessThanOrEqual(375 - 32);
    await page.screenshot({ path: join(SHOTS, `embed-${chart}-module-375.png`), fullPage: true });
    await page.setViewportSize({ width: 452, height: 800 });
    await expect.poll(async () => (await inspect(page)).drawnWidth).toBe(420);
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it("German and English labels differ: lang picks the language", async () => {
    const body = `<div id="de"></div><div id="en"></div>
<script type="module">
  import {embed} from "${siteOrigin}/embed/${chart}.js";
  document.getElementById("de").append(await embed({lang: "de"}));
  document.getElementById("en").append(await embed({lang: "en"}));
  document.body.dataset.done = "1";
</script>`;
    const { page, log } = await openHost(`/lang-${chart}.html`, hostPage(body));
    await page.waitForSelector("body[data-done]", { timeout: 15_000 });
    const de = await inspect(page, "#de .framelens-embed");
    const en = await inspect(page, "#en .framelens-embed");
    expect(log.errors).toEqual([]);
    expect([de.lang, en.lang]).toEqual(["de", "en"]);
    expect(de.title).not.toBe("");
    expect(de.title).not.toBe(en.title);
    expect(de.text).not.toContain(en.title);
    await page.close();
  });

  it("theme, width and articles options work; an unknown article shows a note, not an error", async () => {
    const body = `<div id="dark"></div><div id="fixed"></div><div id="none"></div>
<script type="module">
  import {embed} from "${siteOrigin}/embed/${chart}.js";
  document.getElementById("dark").append(await embed({lang: "de", theme: "dark"}));
  document.getElementById("fixed").append(await embed({lang: "de", width: 420}));
  document.getElementById("none").append(await embed({lang: "de", articles: ["no-such-article"]}));
  document.body.dataset.done = "1";
</script>`;
    const { page, log } = await openHost(`/options-${chart}.html`, hostPage(body));
    await page.waitForSelector("body[data-done]", { timeout: 15_000 });
    expect(log.errors).toEqual([]);
    expect((await inspect(page, "#dark .framelens-embed")).background).toBe("rgb(22, 22, 22)");
    expect((await inspect(page, "#fixed .framelens-embed")).drawnWidth).toBe(420);
    expect(await page.locator("#none .fl-embed-note").textContent()).toContain("Keine Daten");
    await page.close();
  });

  it("the iframe snippet from the Embed page renders the chart in German and takes its height", async () => {
    expect(snippets[chart]?.iframe, "iframe snippet on the Embed page").toMatch(/<iframe /);
    const { page, log } = await openHost(`/iframe-${chart}.html`, hostPage(snippets[chart].iframe, 640));
    const iframe = page.locator("iframe[data-framelens]");
    await expect.poll(() => iframe.evaluate((f: HTMLIFrameElement) => f.style.height), { timeout: 15_000 }).not.toBe("480px");
    const frame = (await iframe.elementHandle())!.contentFrame();
    const inner = (await frame)!;
    await inner.waitForSelector(".framelens-embed svg", { timeout: 15_000 });
    const info = await inspect(inner);
    const sizes = await iframe.evaluate((f: HTMLIFrameElement) => ({ width: f.getBoundingClientRect().width, height: f.getBoundingClientRect().height }));
    const content = await inner.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      chrome: ["#observablehq-sidebar", "#observablehq-header", "#observablehq-footer", "#observablehq-toc"].filter((s) => document.querySelector(s)),
    }));
    await page.screenshot({ path: join(SHOTS, `embed-${chart}-iframe-de.png`), fullPage: true });
    expect(log.errors).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.foreign).toEqual([]);
    expect(content.chrome).toEqual([]);
    expect(info.lang).toBe("de");
    expect(sizes.width).toBe(640);
    expect(info.widestSvg).toBeLessThanOrEqual(640);
    expect(Math.abs(sizes.height - content.height)).toBeLessThanOrEqual(2);
    await page.close();
  });
});

describe("what the static host must send", () => {
  it("without Access-Control-Allow-Origin the browser refuses the module (so the README asks for it)", async () => {
    const chart = CHARTS[0];
    const body = `<div id="x"></div>
<script type="module">
  import(${JSON.stringify(`${bareOrigin}/embed/${chart}.js`)})
    .then(async ({embed}) => { document.getElementById("x").append(await embed({})); document.body.dataset.result = "rendered"; })
    .catch(() => { document.body.dataset.result = "blocked"; });
</script>`;
    hostPages.set("/no-cors.html", hostPage(body));
    const page = await browser.newPage();
    await page.goto(hostOrigin + "/no-cors.html");
    await expect.poll(() => page.evaluate(() => document.body.dataset.result), { timeout: 15_000 }).toBe("blocked");
    await page.close();
  });
});

describe("in development: npm run dev -- --cors", () => {
  const port = 4900 + Math.floor(Math.random() * 500);
  let dev: ChildProcess | undefined;
  let output = "";
  beforeAll(async () => {
    dev = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/dev.ts"), "--port", String(port), "--cors"], {
      cwd: ROOT,
      env: { ...process.env, FRAMELENS_CACHE: mkdtempSync(join(tmpdir(), "framelens-embed-cache-")) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    dev.stdout!.on("data", (d) => (output += d));
    dev.stderr!.on("data", (d) => (output += d));
    for (let i = 0; i < 600 && !/http:\/\/127\.0\.0\.1:\d+/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output, "the preview did not start").toMatch(/http:\/\/127\.0\.0\.1:\d+/);
  });
  afterAll(() => {
    if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
  });
  it("a page on another origin imports a chart module from the preview (render.js patch)", async () => {
    const preview = `http://127.0.0.1:${port}`;
    const body = `<div id="x"></div>
<script type="module">
  import {embed} from "${preview}/embed/sentences.js";
  document.getElementById("x").append(await embed({lang: "de"}));
  document.body.dataset.done = "1";
</script>`;
    hostPages.set("/preview.html", hostPage(body, 600));
    const page = await browser.newPage();
    const log = watchPage(page, [preview, hostOrigin]);
    await page.goto(hostOrigin + "/preview.html");
    // the first request makes the preview compile modules and run loaders cold: a bound for a hang, not a speed test
    await page.waitForSelector("body[data-done]", { timeout: 90_000 }).catch((e) => {
      throw new Error(`${e.message}\npreview output:\n${output.slice(-3000)}\npage errors: ${log.errors.join("\n")}`);
    });
    const info = await inspect(page);
    expect(log.errors).toEqual([]);
    expect(log.foreign).toEqual([]);
    expect(info.lang).toBe("de");
    expect(info.title).toBe("Die Sätze jedes Artikels");
    expect(info.drawnWidth).toBe(600);
    await page.close();
  }, 120_000);
});
