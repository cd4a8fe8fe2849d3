import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./global-setup.ts";

function analyze(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/analyze.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CACHE: mkdtempSync(join(tmpdir(), "framelens-cli-cache-")) },
  });
}
const tmp = () => mkdtempSync(join(tmpdir(), "framelens-cli-"));

describe("npm run analyze", () => {
  it("writes every table as JSON and CSV for the seeds, with a one-line summary", () => {
    const out = tmp();
    const r = analyze("corpus", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^framelens: 2 articles, \d+ sentences, \d+ words, [\d.]+ s/);
    for (const t of ["articles", "sentences"]) {
      expect(JSON.parse(readFileSync(join(out, `${t}.json`), "utf8")).length).toBeGreaterThan(0);
      expect(readFileSync(join(out, `${t}.csv`), "utf8").split("\n")[0]).toContain("articleId");
    }
  });
  it("says clearly that an empty folder has no articles, and exits 0", () => {
    const out = tmp();
    const r = analyze(tmp(), "--out", out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/no articles in .* \(expected \.txt or \.md files\)/);
    expect(JSON.parse(readFileSync(join(out, "articles.json"), "utf8"))).toEqual([]);
  });
  it("reports a non-text file by name, skips it, and analyses the rest", () => {
    const dir = tmp();
    writeFileSync(join(dir, "meldung.txt"), "Gipfel endet\nDer Gipfel ist vorbei. Putin fliegt heim.");
    writeFileSync(join(dir, "foto.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    writeFileSync(join(dir, "binär.txt"), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]));
    const out = tmp();
    const r = analyze(dir, "--out", out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/foto\.jpg: skipped: not an article file/);
    expect(r.stderr).toMatch(/binär\.txt: skipped: not a text file/);
    expect(r.stdout).toMatch(/1 articles, 3 sentences/);
    expect(JSON.parse(readFileSync(join(out, "problems.json"), "utf8")).map((p: { file: string }) => p.file).sort()).toEqual(["binär.txt", "foto.jpg"]);
  });
  it("exits 2 with usage when arguments are missing", () => {
    const r = analyze("corpus");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run analyze/);
  });
  it("names a corpus folder that does not exist", () => {
    const r = analyze("/no/such/folder", "--out", tmp());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/corpus folder not found: \/no\/such\/folder/);
    expect(existsSync("/no/such/folder")).toBe(false);
  });
});
