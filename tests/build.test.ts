import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_LOG, ROOT } from "./global-setup.ts";

const DIST = join(ROOT, "dist");
const build = JSON.parse(readFileSync(BUILD_LOG, "utf8")) as { status: number; stdout: string; stderr: string };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("observable build", () => {
  it("succeeds", () => {
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
  });
  it("writes the overview page and one page per article", () => {
    expect(existsSync(join(DIST, "index.html"))).toBe(true);
    for (const f of readdirSync(join(ROOT, "corpus"))) {
      const id = f.replace(/\.[^.]+$/, "");
      expect(existsSync(join(DIST, "articles", `${id}.html`)), id).toBe(true);
    }
  });
  it("ships the tables the pages read", () => {
    const data = files(join(DIST, "_file", "data")).map((f) => relative(DIST, f));
    for (const table of ["overview", "compare-articles", "quotes-summary", "actors-summary", "tone-summary", "framing-summary", "facts-summary", "methods-summary"]) expect(data.some((f) => new RegExp(`data/${table}\\.[0-9a-f]+\\.json$`).test(f)), table).toBe(true);
  });
  it("keeps the overview and article pages light: they read aggregates or their own article only", () => {
    const attached = (page: string) => [...readFileSync(join(DIST, page), "utf8").matchAll(/registerFile\("([^"]+)"/g)].map((m) => m[1]);
    // the overview: aggregates (data/overview.json) and problems, never a per-article or per-sentence table
    expect(attached("index.html").sort()).toEqual(["./data/overview.json", "./data/problems.json"]);
    for (const f of readdirSync(join(DIST, "articles")).filter((f) => f.endsWith(".html"))) {
      const id = f.replace(/\.html$/, "");
      // an article page: its own rows only (its text travels with it, no other article's)
      expect(attached(`articles/${f}`), f).toEqual([`../data/articles/${id}.json`]);
    }
  });
  it("keeps every report page light: each reads its own bounded summary, never a corpus-wide table", () => {
    const attached = (page: string) => [...readFileSync(join(DIST, page), "utf8").matchAll(/registerFile\("([^"]+)"/g)].map((m) => m[1]).sort();
    // the summaries hold the tables over the articles a page shows (data-loaders/scale/page-data.ts), the
    // compare list the picker's columns only; the chosen articles' rows come from data/articles/<id>.json
    const expected: Record<string, string[]> = {
      "compare.html": ["./data/compare-articles.json"],
      "quotes.html": ["./data/quotes-summary.json"],
      "actors.html": ["./data/actors-summary.json"],
      "tone.html": ["./data/tone-summary.json"],
      "framing.html": ["./data/framing-summary.json"],
      "facts.html": ["./data/facts-summary.json"],
      "methods.html": ["./data/frame_definitions.json", "./data/methods-summary.json", "./data/methods.json"],
    };
    for (const [page, files] of Object.entries(expected)) expect(attached(page), page).toEqual(files);
  });
  it("has no page but an article's own read the per-sentence table or the all-tables report", () => {
    // (the Embed page and its chart modules, src/embed.md and src/embed/, still read the full tables: not covered here yet)
    const pages = files(DIST).filter((f) => f.endsWith(".html") && !/^(articles\/|embed\/|embed\.html$)/.test(relative(DIST, f)));
    for (const f of pages) expect(readFileSync(f, "utf8"), relative(DIST, f)).not.toMatch(/registerFile\("[^"]*data\/(sentences|report|tone|tone_hits|mentions|frame_cues|quotes)\.json"/);
  });
  it("references no third-party host and no npm: CDN import", () => {
    for (const f of files(DIST).filter((f) => /\.(html|js|css)$/.test(f))) {
      const text = readFileSync(f, "utf8");
      expect(text, relative(DIST, f)).not.toMatch(/cdn\.jsdelivr\.net|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|esm\.sh|api\.observablehq\.com/);
    }
  });
  it("has no page that uses the implicit globals or file methods that need a CDN", () => {
    const pages = files(join(ROOT, "src")).filter((f) => f.endsWith(".md") && !f.includes(".observablehq"));
    for (const f of pages) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toMatch(/from\s+["']npm:/);
      expect(text, f).not.toMatch(/\.(csv|tsv|arrow|parquet|zip|sqlite|xlsx)\(\s*\)/);
      expect(text, f).not.toMatch(/^sql:/m);
      for (const name of ["Plot", "d3", "Inputs", "html"]) {
        if (new RegExp(`\\b${name}\\.|\\b${name}\``).test(text)) expect(text, `${f} uses ${name} without importing it`).toMatch(new RegExp(`import\\s+(\\*\\s+as\\s+${name}|\\{[^}]*\\b${name}\\b[^}]*\\}|${name})\\s+from`));
      }
    }
  });
});
