import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { TableWriter } from "../data-loaders/scale/table-writer.ts";
import { TABLES } from "../data-loaders/tables/index.ts";
import { reduceRows, type TableSpec } from "../data-loaders/table.ts";
import type { AnalyzedArticle } from "../data-loaders/types.ts";
import { snapshotEngine } from "./engine-snapshot.ts";
import { ROOT } from "./global-setup.ts";

/**
 * Two runs over the same corpus must give byte-identical tables: JSON, CSV
 * and Parquet, whether run twice from scratch, on one thread or two workers,
 * or once cold and once from the cache. The CLI runs on a copy of the engine
 * taken before the first run, so that edits to `data-loaders/` while the
 * suite runs cannot make two runs differ.
 */

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

let engine = "";
let corpus = "";

function analyze(cache: string, out: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(engine, "scripts/analyze.ts"), corpus, "--out", out, "--format", "json,csv,parquet", "--quiet", ...args], {
    cwd: engine,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_TEST_KILL_AFTER: "" },
  });
  expect(r.stderr).not.toMatch(/failed|Error/);
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The CLI with extra environment; the caller checks the result. */
function analyzeWith(env: Record<string, string>, cache: string, out: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(engine, "scripts/analyze.ts"), corpus, "--out", out, "--format", "json,csv,parquet", "--quiet", ...args], {
    cwd: engine,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_TEST_KILL_AFTER: "", ...env },
  });
}

/** Every file of an output folder, by name, as bytes. */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

function expectSameFiles(a: string, b: string): void {
  const fa = files(a), fb = files(b);
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  const differ = [...fa].filter(([f, bytes]) => !bytes.equals(fb.get(f)!)).map(([f]) => f);
  expect(differ).toEqual([]);
}

describe("determinism", () => {
  let reference = "";
  let referenceCache = "";

  beforeAll(() => {
    engine = snapshotEngine("framelens-det-engine-");
    corpus = tmp("framelens-det-corpus-");
    for (const f of readdirSync(join(ROOT, "corpus"))) cpSync(join(ROOT, "corpus", f), join(corpus, f));
    // more than the articles analysed in the calling thread (24), so that two workers really share the work
    const synth = [...synthArticles(join(ROOT, "corpus"), 40, { words: 180 })];
    for (const a of synth.slice(0, 30)) writeFileSync(join(corpus, `${a.id}.md`), toMarkdown(a));
    writeFileSync(join(corpus, "feed.jsonl"), synth.slice(30).map((a) => JSON.stringify({ ...a, id: `feed-${a.id}` })).join("\n") + "\n");
    reference = tmp("framelens-det-out-");
    referenceCache = tmp("framelens-det-cache-");
    analyze(referenceCache, reference, "--workers", "1");
  }, 180_000);

  it("writes every table in all three formats, with rows", () => {
    const names = [...files(reference).keys()];
    for (const t of ["articles", "sentences", "quotes", "actors", "fact_comparison"]) {
      for (const f of ["json", "csv", "parquet"]) expect(names).toContain(`${t}.${f}`);
    }
    expect(JSON.parse(readFileSync(join(reference, "articles.json"), "utf8"))).toHaveLength(42);
    expect(names.filter((n) => n.startsWith("."))).toEqual([]); // no temporary file left behind
  });

  it("gives byte-identical JSON, CSV and Parquet on a second run from scratch", () => {
    const out = tmp("framelens-det-out-");
    analyze(tmp("framelens-det-cache-"), out, "--workers", "1");
    expectSameFiles(reference, out);
  }, 120_000);

  it("gives the same bytes with two worker threads as with one", () => {
    const out = tmp("framelens-det-out-");
    analyze(tmp("framelens-det-cache-"), out, "--workers", "2");
    expectSameFiles(reference, out);
  }, 120_000);

  it("goes on without its cache when the disk is full, says so once, and caches again when there is space", () => {
    const out = tmp("framelens-det-out-"), cache = tmp("framelens-det-cache-");
    // FRAMELENS_TEST_CACHE_FULL writes the records to /dev/full: every write fails with ENOSPC, as on a full disk
    const r = analyzeWith({ FRAMELENS_TEST_CACHE_FULL: "1" }, cache, out, "--workers", "1");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.match(/cannot write the analysis cache/g) ?? []).toHaveLength(1);
    expect(r.stderr).toMatch(/ENOSPC/);
    expect(r.stderr).toContain(cache);
    expectSameFiles(reference, out);
    const again = tmp("framelens-det-out-");
    const r2 = analyzeWith({}, cache, again, "--workers", "1");
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stderr).toBe("");
    expectSameFiles(reference, again);
    expect(readdirSync(cache).some((f) => f.endsWith(".dat"))).toBe(true);
  }, 180_000);

  it("goes on without its cache when the cache folder cannot be made", () => {
    const blocker = join(tmp("framelens-det-cache-"), "a-file");
    writeFileSync(blocker, "");
    const out = tmp("framelens-det-out-");
    const r = analyzeWith({}, join(blocker, "cache"), out, "--workers", "2");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/cannot write the analysis cache .*(ENOTDIR|EEXIST)/);
    expectSameFiles(reference, out);
  }, 120_000);

  it("keeps the cache under FRAMELENS_CACHE_MAX_MB: the oldest segments of finished runs go, the tables stay the same", () => {
    const cache = tmp("framelens-det-cache-");
    const first = tmp("framelens-det-out-");
    expect(analyzeWith({}, cache, first, "--workers", "1").status).toBe(0);
    const segments = () => readdirSync(cache).filter((f) => f.endsWith(".dat")).sort();
    const before = segments();
    expect(before.length).toBeGreaterThan(0);
    const out = tmp("framelens-det-out-");
    const r = analyzeWith({ FRAMELENS_CACHE_MAX_MB: "0.01" }, cache, out, "--workers", "1");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/over its limit of 0 MB \(FRAMELENS_CACHE_MAX_MB\): removed its \d+ oldest segments?/);
    expectSameFiles(reference, out);
    // the first run's segments are gone; the second run's own stay (it was running while it trimmed)
    const after = segments();
    for (const f of before) expect(after).not.toContain(f);
    expect(after.length).toBeGreaterThan(0);
    // under the default limit nothing is removed and the next run reads the cache
    const warm = analyzeWith({}, cache, tmp("framelens-det-out-"), "--workers", "1");
    expect(warm.stderr).toBe("");
    expect(segments()).toEqual(expect.arrayContaining(after));
  }, 180_000);

  it("gives the same bytes from a warm cache as from a cold run", () => {
    const out = tmp("framelens-det-out-");
    const summary = analyze(referenceCache, out, "--workers", "1");
    expect(summary).toMatch(/\(0 analysed, 42 from cache/);
    expectSameFiles(reference, out);
  }, 120_000);

  it("gives the same bytes without a cache", () => {
    const out = tmp("framelens-det-out-");
    analyze(tmp("framelens-det-cache-"), out, "--no-cache");
    expectSameFiles(reference, out);
  }, 120_000);

  it("writes the same bytes whatever the chunk of articles the tables are built in", () => {
    // per-article tables are built a chunk of articles at a time: the output must not show where chunks start
    const { articles, problems } = analyzeCorpus(corpus, { cache: false });
    const outs = [1, 5, 500].map((size) => {
      const out = tmp("framelens-det-chunk-");
      const w = new TableWriter(TABLES, out, ["json", "csv"], size);
      for (const a of articles) w.add(a);
      w.finish(problems);
      expect(w.errors).toEqual([]);
      return out;
    });
    expectSameFiles(outs[2], outs[0]);
    expectSameFiles(outs[2], outs[1]);
    expect(readFileSync(join(outs[0], "tone_summary.json"), "utf8").length).toBeGreaterThan(1000);
  }, 120_000);

  describe("corpus tables folded chunk by chunk (TableSpec.reduce)", () => {
    const folding = TABLES.filter((t) => t.reduce);
    // the seeds and the synthetic articles, plus a copy of one under another id (a duplicate for corpus_health)
    const withCopy = () => {
      const { articles, problems } = analyzeCorpus(corpus, { cache: false });
      const a = articles[3];
      const copy: AnalyzedArticle = { ...a, doc: { ...a.doc, meta: { ...a.doc.meta, id: `${a.doc.meta.id}-copy`, file: `copy-${a.doc.meta.file}` } } };
      return { articles: [...articles, copy], problems: [...problems, { file: "broken.txt", message: "could not read: test" }] };
    };

    it("covers corpus_health, actors and fact_comparison", () => {
      expect(folding.map((t) => t.name).sort()).toEqual(["actors", "corpus_health", "fact_comparison"]);
    });

    it("gives build's rows byte for byte, whatever the chunk size", () => {
      const ctx = withCopy();
      for (const t of folding) {
        const built = JSON.stringify(t.build(ctx));
        expect(built.length, t.name).toBeGreaterThan(100);
        for (const size of [1, 7, 100, 1000]) expect(JSON.stringify(reduceRows(t, ctx, size)), `${t.name} in chunks of ${size}`).toBe(built);
      }
      expect(JSON.stringify(TABLES.find((t) => t.name === "corpus_health")!.build(ctx))).toContain('"reason":"duplicate"');
    }, 120_000);

    it("are written by the TableWriter as build would give them", () => {
      const ctx = withCopy();
      const out = tmp("framelens-det-fold-");
      const w = new TableWriter(TABLES, out, ["json"], 5);
      for (const a of ctx.articles) w.add(a);
      // every corpus table that reads the articles folds them: the writer keeps no handle to any article
      expect((w as unknown as { all: unknown }).all).toBeUndefined();
      w.finish(ctx.problems);
      expect(w.errors).toEqual([]);
      for (const t of folding) expect(readFileSync(join(out, `${t.name}.json`), "utf8"), t.name).toBe(JSON.stringify(t.build(ctx)));
    }, 120_000);

    it("reports a corpus table whose reduce throws, writes it empty and the others in full", () => {
      const ctx = withCopy();
      const broken: TableSpec = {
        name: "broken_fold", description: "", key: ["n"], columns: { n: "integer" }, build: () => [],
        reduce: { init: () => 0, add: () => { throw new Error("fold failed"); }, finish: () => [{ n: 1 }] },
      };
      const actors = TABLES.find((t) => t.name === "actors")!;
      const out = tmp("framelens-det-fold-");
      const w = new TableWriter([broken, actors], out, ["json"], 5);
      for (const a of ctx.articles) w.add(a);
      expect((w as unknown as { all: unknown }).all).toBeUndefined();
      w.finish(ctx.problems);
      expect(w.errors).toEqual([{ table: "broken_fold", message: "fold failed" }]);
      expect(readFileSync(join(out, "broken_fold.json"), "utf8")).toBe("[]");
      expect(readFileSync(join(out, "actors.json"), "utf8")).toBe(JSON.stringify(actors.build(ctx)));
    }, 120_000);
  });
});
