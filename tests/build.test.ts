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
    for (const table of ["articles", "sentences"]) expect(data.some((f) => new RegExp(`data/${table}\\.[0-9a-f]+\\.json$`).test(f)), table).toBe(true);
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
