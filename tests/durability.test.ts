import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { snapshotEngine } from "./engine-snapshot.ts";
import { ROOT } from "./global-setup.ts";

/**
 * A run killed at any point leaves a cache the next run can use, and the next
 * run's tables equal a clean run's; two runs at once on one cache both finish
 * right. Kill points are chosen inside the store with
 * `FRAMELENS_TEST_KILL_AFTER=<n>[:torn|:index]` (after the n-th record, halfway
 * through the n-th record, halfway through an index write), so they do not
 * depend on timing. The CLI runs on a copy of the engine taken before the
 * first run (edits to `data-loaders/` during the suite cannot change tables).
 */

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

let engine = "";
let corpus = "";
let reference = "";
/** records a cold run writes: 8 per article (document, metadata, six stages) */
const ARTICLES = 22;

// one process (tsx as a loader, not its CLI, which would run the script in a child): a kill reaches the writer itself
const cliArgs = (out: string) => ["--import", pathToFileURL(join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href, join(engine, "scripts/analyze.ts"), corpus, "--out", out, "--format", "json,csv,parquet", "--quiet", "--workers", "1"];

function analyze(cache: string, out: string, kill = "") {
  return spawnSync(process.execPath, cliArgs(out), {
    cwd: engine,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_TEST_KILL_AFTER: kill },
  });
}

/** A run that must be killed at its kill point. */
function killedRun(cache: string, out: string, kill: string): void {
  const r = analyze(cache, out, kill);
  expect(r.signal, `run with FRAMELENS_TEST_KILL_AFTER=${kill} was not killed: ${r.stdout} ${r.stderr}`).toBe("SIGKILL");
}

/** A run that must finish, with tables equal to the clean run's; returns its counts. */
function goodRun(cache: string, out = tmp("framelens-dur-out-")): { analysed: number; cached: number; stderr: string } {
  const r = analyze(cache, out);
  expect(r.status, r.stderr).toBe(0);
  expectReferenceTables(out);
  const m = /\((\d+) analysed, (\d+) from cache/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  expect(Number(m![1]) + Number(m![2])).toBe(ARTICLES + 2);
  return { analysed: Number(m![1]), cached: Number(m![2]), stderr: r.stderr };
}

function expectReferenceTables(out: string): void {
  const names = readdirSync(reference).sort();
  expect(readdirSync(out).filter((f) => !f.startsWith(".")).sort()).toEqual(names);
  const differ = names.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(reference, f))));
  expect(differ).toEqual([]);
}

const segments = (cache: string) => readdirSync(cache).filter((f) => f.endsWith(".dat"));

describe("durability", () => {
  beforeAll(() => {
    engine = snapshotEngine("framelens-dur-engine-");
    corpus = tmp("framelens-dur-corpus-");
    for (const f of readdirSync(join(ROOT, "corpus"))) cpSync(join(ROOT, "corpus", f), join(corpus, f));
    for (const a of synthArticles(join(ROOT, "corpus"), ARTICLES, { words: 160, seed: 9 })) writeFileSync(join(corpus, `${a.id}.md`), toMarkdown(a));
    reference = tmp("framelens-dur-ref-");
    const r = analyze(tmp("framelens-dur-cache-"), reference);
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);

  it("a run killed after its first cache write leaves the old tables whole; the next run finishes and matches a clean run", () => {
    const cache = tmp("framelens-dur-cache-");
    const out = tmp("framelens-dur-out-");
    cpSync(reference, out, { recursive: true });
    killedRun(cache, out, "1");
    // the tables already there are untouched (new ones are written under temporary names)
    expectReferenceTables(out);
    expect(readdirSync(out).some((f) => f.startsWith("."))).toBe(true);
    goodRun(cache, out);
    // the killed run's temporary files are gone once a later run finishes
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
    // and the cache it leaves is complete: a third run analyses nothing
    expect(goodRun(cache).analysed).toBe(0);
  }, 180_000);

  it("runs killed in turn mid-analysis, mid-record and mid-index leave a cache the next run completes", () => {
    const cache = tmp("framelens-dur-cache-");
    const out = tmp("framelens-dur-out-");
    // counts stay below what each run still has to write, even if an earlier run's index reached the disk before its kill
    for (const kill of ["40", "77:torn", "20:index"]) killedRun(cache, out, kill);
    const after = goodRun(cache);
    // the index lines written whole before the last kill point at records that were synced first: reused
    expect(after.cached).toBeGreaterThan(0);
    expect(goodRun(cache).analysed).toBe(0);
  }, 240_000);

  it("a record cut short by a kill is never read: the article is analysed again", () => {
    const cache = tmp("framelens-dur-cache-");
    // the 9th record starts the second article; half of it is written, then the process dies
    killedRun(cache, tmp("framelens-dur-out-"), "9:torn");
    const dat = segments(cache);
    expect(dat).toHaveLength(1);
    expect(statSync(join(cache, dat[0])).size).toBeGreaterThan(0);
    goodRun(cache);
  }, 180_000);

  it("a damaged record (bytes changed on disk) is a cache miss, not a crash, and is repaired for later runs", () => {
    const cache = tmp("framelens-dur-cache-");
    goodRun(cache);
    const [dat] = segments(cache);
    const bytes = readFileSync(join(cache, dat));
    for (const at of [0.3, 0.7]) bytes[Math.floor(bytes.length * at)] ^= 0x5a;
    writeFileSync(join(cache, dat), bytes);
    const repaired = goodRun(cache);
    expect(repaired.stderr).toMatch(/damaged/);
    expect(repaired.analysed).toBeGreaterThan(0);
    const later = goodRun(cache);
    expect(later.stderr).not.toMatch(/damaged/);
    expect(later.analysed).toBe(0);
  }, 240_000);

  it("a site data loader meeting a damaged record analyses again and prints the right table", () => {
    const cache = tmp("framelens-dur-cache-");
    goodRun(cache);
    const [dat] = segments(cache);
    const bytes = readFileSync(join(cache, dat));
    bytes[100] ^= 0x5a; // inside the first record: the first article's document, which the sentences table reads
    writeFileSync(join(cache, dat), bytes);
    const loader = join(engine, "sentences.json.ts");
    writeFileSync(loader, 'import { printTable } from "./data-loaders/loader.ts";\nprintTable("sentences");\n');
    const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href, loader], {
      cwd: engine,
      encoding: "utf8",
      maxBuffer: 1 << 28,
      env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_CORPUS: corpus, FRAMELENS_TEST_KILL_AFTER: "" },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/damaged/);
    expect(r.stdout).toBe(readFileSync(join(reference, "sentences.json"), "utf8"));
  }, 180_000);

  it("two runs at once on the same corpus and cache both finish with the clean run's tables and leave a valid cache", async () => {
    const cache = tmp("framelens-dur-cache-");
    const outs = [tmp("framelens-dur-out-"), tmp("framelens-dur-out-")];
    const codes = await Promise.all(
      outs.map(
        (out) =>
          new Promise<number | null>((done) => {
            const p = spawn(process.execPath, cliArgs(out), { cwd: engine, env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_TEST_KILL_AFTER: "" }, stdio: "ignore" });
            p.on("exit", (code) => done(code));
          }),
      ),
    );
    expect(codes).toEqual([0, 0]);
    for (const out of outs) expectReferenceTables(out);
    expect(goodRun(cache).analysed).toBe(0);
  }, 240_000);

  it("a run killed from outside while it writes leaves a cache the next run completes", async () => {
    const cache = tmp("framelens-dur-cache-");
    const p = spawn(process.execPath, cliArgs(tmp("framelens-dur-out-")), { cwd: engine, env: { ...process.env, FRAMELENS_CACHE: cache, FRAMELENS_TEST_KILL_AFTER: "" }, stdio: "ignore" });
    const exited = new Promise<void>((done) => p.on("exit", () => done()));
    // once the first records are on disk (whenever that is), kill it
    while (p.exitCode === null && !segments(cache).some((f) => statSync(join(cache, f)).size > 0)) await new Promise((r) => setTimeout(r, 10));
    p.kill("SIGKILL");
    await exited;
    goodRun(cache);
  }, 180_000);

  it("replaces a cache in the first layout (one index.json) instead of failing on it", () => {
    const cache = tmp("framelens-dur-cache-");
    writeFileSync(join(cache, "index.json"), JSON.stringify({ version: 1, segments: ["seg-1-aa.dat"], entries: { "m:x": [0, 0, 5] } }));
    writeFileSync(join(cache, "seg-1-aa.dat"), "hallo");
    goodRun(cache);
    expect(existsSync(join(cache, "index.json"))).toBe(false);
    expect(existsSync(join(cache, "seg-1-aa.dat"))).toBe(false);
  }, 180_000);
});
