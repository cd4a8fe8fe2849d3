import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { CsvSplitter, parseShard, readCorpusSync, shardOf } from "../data-loaders/corpus-stream.ts";
import { analyzeCorpus, analyzeCorpusAsync } from "../data-loaders/pipeline.ts";
import { articleKeys, engineKeys, ENGINE_DIR, stageInputs } from "../data-loaders/scale/keys.ts";
import { DiskStore } from "../data-loaders/scale/store.ts";
import { WorkerPool } from "../data-loaders/workers/pool.ts";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { openSink } from "../data-loaders/scale/table-writer.ts";
import { STAGES } from "../data-loaders/stages/index.ts";
import { TABLES } from "../data-loaders/tables/index.ts";
import { ROOT } from "./global-setup.ts";

const tmp = (p = "framelens-scale-") => mkdtempSync(join(tmpdir(), p));

function synthCorpus(n: number): string {
  const dir = tmp();
  for (const a of synthArticles(join(ROOT, "corpus"), n, { words: 150 })) writeFileSync(join(dir, `${a.id}.md`), toMarkdown(a));
  return dir;
}

function tablesOf(analysis: Parameters<(typeof TABLES)[number]["build"]>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    try {
      out[t.name] = JSON.stringify(t.build(analysis));
    } catch (e) {
      out[t.name] = `error: ${(e as Error).message}`;
    }
  }
  return out;
}

describe("worker threads", () => {
  it("give exactly the tables of a single-threaded run", async () => {
    const dir = synthCorpus(12);
    const single = analyzeCorpus(dir, { cache: false });
    const parallel = await analyzeCorpusAsync(dir, { cache: false, workers: 2, batch: 2, inThreadFirst: 0 });
    expect(parallel.articles.map((a) => a.doc.meta.id)).toEqual(single.articles.map((a) => a.doc.meta.id));
    expect(tablesOf(parallel)).toEqual(tablesOf(single));
  }, 120_000);

  it("run the engine bundle in the calling thread too (outside vitest), with the sources' results", () => {
    // a process of its own: under vitest the calling thread keeps the sources (see in-thread.ts)
    const script = join(tmp(), "in-thread.mts");
    const engine = (f: string) => JSON.stringify(pathToFileURL(join(ROOT, "data-loaders", f)).href);
    writeFileSync(script, [
      `import { inThreadRunJob } from ${engine("workers/in-thread.ts")};`,
      `import { runJob } from ${engine("scale/job.ts")};`,
      `import { synthArticles, toMarkdown } from ${engine("scale/synth.ts")};`,
      `import { STAGES } from ${engine("stages/index.ts")};`,
      `const run = await inThreadRunJob();`,
      `const jobs = [...synthArticles(${JSON.stringify(join(ROOT, "corpus"))}, 6, { words: 300 })].map((a) => ({ file: a.id + ".md", text: toMarkdown(a), encoding: "utf-8", cached: STAGES.map(() => null) }));`,
      `const strip = (r) => ({ ...r, ms: [] });`,
      `const same = jobs.every((j) => JSON.stringify(strip(run(j))) === JSON.stringify(strip(runJob(j))));`,
      `console.log(JSON.stringify({ bundle: run !== runJob, same, ok: jobs.every((j) => run(j).ok) }));`,
    ].join("\n"));
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), script], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({ bundle: true, same: true, ok: true });
  }, 120_000);

  it("reject a batch, rather than wait for ever, when a worker dies while loading", async () => {
    // what happened when a bundle built in another checkout could not find its data files
    const script = join(tmp(), "broken-worker.mjs");
    writeFileSync(script, `throw new Error("cannot read data-loaders/data/x.json");\n`);
    const pool = new WorkerPool(2, { script: pathToFileURL(script) });
    const jobs = [{ file: "a.txt", text: "Ein Satz.", encoding: "utf-8", cached: STAGES.map(() => null) }];
    await expect(Promise.all([pool.run(jobs), pool.run(jobs)])).rejects.toThrow(/cannot read data-loaders\/data\/x\.json/);
    await pool.close();
  }, 30_000);
});

describe("JSON Lines and CSV corpora", () => {
  it("reads one article per JSONL line, ids from the id field or <file>-<line>", () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "agentur.jsonl"),
      [
        JSON.stringify({ id: "a1", title: "Gipfel endet", outlet: "Agentur", date: "2025-08-16", text: "Der Gipfel ist vorbei. Putin fliegt heim." }),
        "",
        JSON.stringify({ title: "Ohne Id", text: "Trump sagte, das Treffen sei gut gewesen." }),
      ].join("\n"),
    );
    const r = analyzeCorpus(dir, { cache: false });
    expect(r.problems).toEqual([]);
    expect(r.articles.map((a) => a.doc.meta.id)).toEqual(["a1", "agentur-3"]);
    expect(r.articles[0].doc.meta).toMatchObject({ title: "Gipfel endet", outlet: "Agentur", date: "2025-08-16", file: "agentur.jsonl:1" });
    expect(r.articles[1].doc.text).toContain("Trump sagte");
  });
  it("reports a bad JSONL line with file and line, and analyses the rest", () => {
    const dir = tmp();
    writeFileSync(join(dir, "x.jsonl"), `{"id":"ok","text":"Ein Satz."}\n{kaputt\n{"id":"leer","text":""}\n[1,2]\n`);
    const r = analyzeCorpus(dir, { cache: false });
    expect(r.articles.map((a) => a.doc.meta.id)).toEqual(["ok"]);
    expect(r.problems.map((p) => p.file)).toEqual(["x.jsonl:2", "x.jsonl:3", "x.jsonl:4"]);
    expect(r.problems[0].message).toMatch(/not valid JSON/);
    expect(r.problems[1].message).toMatch(/empty or missing "text"/);
  });
  it("reads CSV rows with quoted commas, quotes and line breaks; a bad row is named by the line it starts on", () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "z.csv"),
      'id,title,outlet,text\r\nz1,"Gipfel, endlich",Blatt,"Er sagte: ""Wir reden.""\nZweiter Absatz."\r\nz2,Kurz,Blatt,Ein Satz.\r\nz3,zu,wenig\r\n',
    );
    const r = analyzeCorpus(dir, { cache: false });
    expect(r.articles.map((a) => a.doc.meta.id)).toEqual(["z1", "z2"]);
    expect(r.articles[0].doc.meta.title).toBe("Gipfel, endlich");
    expect(r.articles[0].doc.text).toContain('Er sagte: "Wir reden."');
    expect(r.problems).toEqual([{ file: "z.csv:5", message: "skipped: 3 fields, header has 4" }]);
  });
  it("splits CSV records the same whatever the chunk boundaries", () => {
    const text = 'a,b\n"x ""y"", z",2\n"line\nbreak",3\n';
    const whole = [...new CsvSplitter().push(text)];
    const s = new CsvSplitter();
    const pieces = [...text].flatMap((c) => [...s.push(c)]).concat([...s.end()]);
    expect(pieces).toEqual(whole);
    expect(whole.map((r) => r.fields)).toEqual([["a", "b"], ['x "y", z', "2"], ["line\nbreak", "3"]]);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3]);
  });
});

describe("incremental analysis", () => {
  it("re-analyses only the article that changed", () => {
    const dir = synthCorpus(6);
    const cache = join(tmp(), "cache");
    expect(analyzeCorpus(dir, { cache }).analysed).toBe(6);
    const f = readdirSync(dir).sort()[2];
    appendFileSync(join(dir, f), "\nEin neuer Satz, sagte Putin.\n");
    const again = analyzeCorpus(dir, { cache });
    expect([again.analysed, again.cached]).toEqual([1, 5]);
  });
  it("keys a stage by its own inputs: a changed quote lexicon re-runs quotes and what reads quotes, not frames", () => {
    const keys = engineKeys(STAGES);
    const names = keys.stages.map((s) => s.name);
    const before = articleKeys(keys, "source");
    const edited = { ...keys, stages: keys.stages.map((s) => (s.name === "quotes" ? { ...s, inputs: "edited" } : s)) };
    const after = articleKeys(edited, "source");
    const changed = names.filter((_, i) => before.stages[i] !== after.stages[i]);
    expect(changed).toContain("quotes");
    if (names.includes("tone")) expect(changed).toContain("tone"); // tone splits quoted from authorial text
    if (names.includes("frames")) expect(changed).not.toContain("frames");
    expect(before.doc).toBe(after.doc);
  });
  it("finds a stage's data files through its imports", () => {
    const tone = STAGES.find((s) => s.name === "tone");
    if (!tone) return;
    const files = stageInputs(tone)!.map((f) => f.slice(ENGINE_DIR.length + 1));
    expect(files).toContain("stages/tone.ts");
    expect(files.some((f) => f.startsWith("data/tone/"))).toBe(true);
    expect(files).not.toContain("data/frames/frames.json");
  });
  it("merges the index when two processes write the same cache", () => {
    const dir = tmp();
    const a = new DiskStore(dir), b = new DiskStore(dir);
    a.put("k1", "eins");
    b.put("k2", "zwei");
    a.flush();
    b.flush();
    const c = new DiskStore(dir);
    expect([c.get("k1"), c.get("k2")]).toEqual(["eins", "zwei"]);
  });
  it("reads its own records back before and after they reach the disk, and another process sees them only after flush", () => {
    const dir = tmp();
    const a = new DiskStore(dir);
    // ~3 MB of records: several pending buffers' worth, one record larger than a buffer, non-ASCII values
    const value = (i: number) => `„Wert ${i}“ ` + "ä".repeat(i % 7 === 0 ? 700_000 : 4_000);
    for (let i = 0; i < 40; i++) {
      a.put(`k${i}`, value(i));
      if (i === 0) expect(new DiskStore(dir).get("k0")).toBeUndefined(); // not flushed: no index line names it yet
      // the newest record and one written a while ago both read back whole
      expect(a.valid(`k${i}`)).toBe(true);
      expect(a.get(`k${i}`)).toBe(value(i));
      expect(a.get(`k${i >> 1}`)).toBe(value(i >> 1));
    }
    a.flush();
    const b = new DiskStore(dir);
    for (let i = 0; i < 40; i++) expect(b.get(`k${i}`)).toBe(value(i));
    a.putBytes("bytes", new TextEncoder().encode("ü-Bytes"));
    expect(a.get("bytes")).toBe("ü-Bytes");
    a.close();
    expect(new DiskStore(dir).get("bytes")).toBe("ü-Bytes");
  });
});

describe("shards", () => {
  it("split a corpus into disjoint slices that together hold every article", () => {
    const dir = synthCorpus(9);
    const ids = (shard?: [number, number]) => [...readCorpusSync(dir, shard)].flatMap((e) => ("source" in e ? [e.source.file] : []));
    const all = ids();
    const parts = [1, 2, 3].map((k) => ids([k, 3]));
    expect(parts.flat().sort()).toEqual(all);
    expect(new Set(parts.flat()).size).toBe(all.length);
    expect(shardOf("x", 3)).toBe(shardOf("x", 3));
  });
  it("rejects a malformed --shard", () => {
    expect(parseShard("2/4")).toEqual([2, 4]);
    expect(() => parseShard("5/4")).toThrow(/1 ≤ k ≤ n/);
    expect(() => parseShard("x")).toThrow(/k\/n/);
  });
});

describe("Parquet output", () => {
  it("round-trips rows of mixed types and nulls", async () => {
    const dir = tmp();
    const sink = openSink(dir, "t", "parquet");
    const rows = [
      { id: "a", n: 1, x: 0.5, ok: true, note: null },
      { id: "b", n: 2, x: -1.25, ok: false, note: "„Zitat“" },
    ];
    sink.write(rows);
    sink.close();
    const buf = readFileSync(join(dir, "t.parquet"));
    const back = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
    expect(back).toEqual(rows);
  });
});

describe("npm run analyze at scale", () => {
  const analyze = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/analyze.ts"), ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, FRAMELENS_CACHE: tmp("framelens-scale-cache-") },
    });
  it("writes the same files with 2 workers as with 1, Parquet included, and --quiet prints only the summary", () => {
    const dir = synthCorpus(8);
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "rows.jsonl"), JSON.stringify({ id: "row-1", text: "Putin sagte, der Gipfel sei gut gewesen." }) + "\n{bad\n");
    const o1 = tmp(), o2 = tmp();
    const r1 = analyze(dir, "--out", o1, "--workers", "1", "--format", "json,csv,parquet", "--quiet");
    const r2 = analyze(dir, "--out", o2, "--workers", "2", "--format", "json,csv,parquet", "--quiet", "--no-cache");
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r1.stdout).toMatch(/^framelens: 9 articles, .*1 skipped/);
    expect(r1.stderr).toMatch(/rows\.jsonl:2: skipped: not valid JSON/);
    expect(r1.stderr).not.toMatch(/articles, \d+\/s/);
    for (const f of readdirSync(o1)) expect(readFileSync(join(o2, f)).equals(readFileSync(join(o1, f))), f).toBe(true);
    expect(readdirSync(o1)).toContain("quotes.parquet");
  }, 180_000);
  it("processes only its slice with --shard k/n", () => {
    const dir = synthCorpus(6);
    const counts = [1, 2].map((k) => {
      const r = analyze(dir, "--out", tmp(), "--shard", `${k}/2`, "--quiet", "--workers", "1");
      expect(r.status, r.stderr).toBe(0);
      return Number(/(\d+) articles/.exec(r.stdout)![1]);
    });
    expect(counts[0] + counts[1]).toBe(6);
  }, 120_000);
});
