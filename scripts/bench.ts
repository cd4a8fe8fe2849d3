/**
 * npm run bench -- [corpus-dir] [--sizes 100,1000,10000] [--quick] [--workers N] [--repeat N] [--stage-cpu [--reps 3]]
 *   [--stream 100000 | --stream 10000,50000,100000] [--tables] [--out bench/results-<date>.json]
 *
 * Measures the engine on a given corpus or on generated ones (articles
 * assembled from the seed sentences in corpus/, see data-loaders/scale/synth.ts):
 * words/s for the pipeline and each stage, articles/s, peak memory (RSS),
 * cold vs warm (cache) vs one-article-changed times, one vs all workers,
 * streaming memory, and @nlpjs/lang-de's sentiment scorer against our tone
 * scorer on the same sentences. Each measurement runs in a fresh child
 * process, so peak RSS and cache state are its own. Not a test: it only
 * prints and writes figures.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
/** the bench script the children run: a frozen copy of the engine (see `snapshot`) */
let SELF = fileURLToPath(import.meta.url);

/**
 * Copy `data-loaders/` and this script to a temporary folder and run every
 * measurement there, so that edits to the engine during a long run (other
 * people working in the tree) neither invalidate the cache between the warm
 * and changed runs nor mix versions.
 */
function snapshot(tmp: string): void {
  const snap = join(tmp, "engine");
  cpSync(join(ROOT, "data-loaders"), join(snap, "data-loaders"), { recursive: true });
  mkdirSync(join(snap, "scripts"));
  cpSync(SELF, join(snap, "scripts", "bench.ts"));
  symlinkSync(join(ROOT, "node_modules"), join(snap, "node_modules"));
  symlinkSync(join(ROOT, "package.json"), join(snap, "package.json"));
  SELF = join(snap, "scripts", "bench.ts");
}

interface ChildResult {
  articles: number;
  words: number;
  analysed: number;
  cached: number;
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  stageMs: number[];
  stageNames: string[];
  tableMs?: Record<string, number>;
  tableBytes?: Record<string, number>;
  problems: number;
  /** hash of the engine the child ran (all runs of one bench should agree) */
  engine: string;
}

// ---------------------------------------------------------------- child mode
async function child(opts: { dir: string; cache: string; workers: number; tables: string; shard?: string }): Promise<void> {
  const { analyzeStream, articleStats } = await import("../data-loaders/pipeline.ts");
  const { DiskStore } = await import("../data-loaders/scale/store.ts");
  const { STAGES } = await import("../data-loaders/stages/index.ts");
  const { TABLES } = await import("../data-loaders/tables/index.ts");
  const { TableWriter } = await import("../data-loaders/scale/table-writer.ts");
  const { wholeEngineHash } = await import("../data-loaders/scale/keys.ts");
  const store = new DiskStore(opts.cache);
  const timing: number[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let articles = 0, words = 0, analysed = 0, cached = 0, problems = 0;
  const want = opts.tables === "none" ? [] : opts.tables === "all" ? TABLES : TABLES.filter((t) => opts.tables.split(",").includes(t.name));
  const out = mkdtempSync(join(tmpdir(), "framelens-bench-out-"));
  const writer = want.length ? new TableWriter(want, out, ["json"]) : undefined;
  const { parseShard } = await import("../data-loaders/corpus-stream.ts");
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  for await (const ev of analyzeStream(opts.dir, store, { workers: opts.workers, timing, shard })) {
    if ("problem" in ev) { problems++; continue; }
    articles++;
    words += articleStats(ev.article).words;
    if (ev.fromCache) cached++;
    else analysed++;
    writer?.add(ev.article);
  }
  const analysisMs = performance.now() - t0;
  let tableMs: Record<string, number> | undefined;
  let tableBytes: Record<string, number> | undefined;
  if (writer) {
    const t1 = performance.now();
    writer.finish([]);
    tableMs = { total: performance.now() - t1 };
    const { statSync } = await import("node:fs");
    tableBytes = Object.fromEntries(readdirSync(out).map((f) => [f, statSync(join(out, f)).size]));
  }
  store.close();
  rmSync(out, { recursive: true, force: true });
  const cpu = process.cpuUsage(c0);
  const r: ChildResult = {
    articles, words, analysed, cached, problems,
    wallMs: analysisMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    stageMs: timing,
    stageNames: ["parse+segment", ...STAGES.map((s) => s.name)],
    tableMs,
    tableBytes,
    engine: wholeEngineHash(),
  };
  process.stdout.write("\n@@RESULT" + JSON.stringify(r) + "\n");
}

/**
 * Stage CPU (`--stage-cpu`): CPU time of each stage over a whole corpus in
 * one thread, stage by stage (parse+segment for every article, then the
 * actor stage for every article, …), the minimum of `reps` passes after a
 * warm-up. CPU time, not wall time, so that a machine shared with other work
 * still gives comparable figures; JIT warm-up and the cache are left out
 * (the cold runs above include them).
 */
async function stageCpuChild(dir: string, reps: number): Promise<void> {
  const { buildJobDoc } = await import("../data-loaders/scale/job.ts");
  const { docToBytes } = await import("../data-loaders/doc.ts");
  const { STAGES } = await import("../data-loaders/stages/index.ts");
  // each stage's stored form, as the pipeline stores and sends it
  const { resultToBytes } = await import("../data-loaders/stage.ts");
  const { packValue } = await import("../data-loaders/scale/packed.ts");
  // the token texts the stages share, computed on first use: timed on their own so that the first stage to ask is not charged
  const { isWord, tokenTexts } = await import("../data-loaders/segment.ts");
  const files = readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f)).sort().map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
  const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
  const names = ["parse+segment", "token texts (shared)", ...STAGES.map((s) => s.name), "packed (stage results)", "packed (doc)"];
  const pass = (list: typeof files) => {
    const ms: number[] = [];
    let t = cpu();
    const lap = () => { const u = cpu(); ms.push(u - t); t = u; };
    const docs = list.map((f) => buildJobDoc({ file: f.file, text: f.text, encoding: "utf-8" }));
    lap();
    for (const d of docs) tokenTexts(d);
    lap();
    const priors = docs.map(() => ({}) as Record<string, unknown>);
    // as a job runs them: a stage that gives its stored form directly (`runStored`) is read back only if a later stage asks
    const storedOf = docs.map(() => ({}) as Record<string, unknown>);
    for (const s of STAGES) {
      const direct = s.runStored, fromStored = s.fromStored;
      for (let d = 0; d < docs.length; d++) {
        if (direct && fromStored) {
          const st = (storedOf[d][s.name] = direct(docs[d], priors[d]));
          let v: unknown, built = false;
          Object.defineProperty(priors[d], s.name, { enumerable: true, get: () => (built ? v : ((built = true), (v = fromStored(st)))) });
        } else priors[d][s.name] = s.run(docs[d], priors[d]);
      }
      lap();
    }
    let bytes = 0;
    for (let d = 0; d < docs.length; d++) for (const s of STAGES) bytes += (s.name in storedOf[d] ? packValue(storedOf[d][s.name]) : resultToBytes(s, priors[d][s.name])).length;
    lap();
    for (const d of docs) bytes += docToBytes(d).length;
    lap();
    let words = 0;
    for (const d of docs) for (const tk of d.tokens) if (isWord(d.text, tk)) words++;
    return { ms, words, bytes };
  };
  pass(files.slice(0, 200));
  const best = names.map(() => Infinity);
  let words = 0, bytes = 0;
  for (let r = 0; r < reps; r++) {
    const o = pass(files);
    words = o.words;
    bytes = o.bytes;
    o.ms.forEach((m, i) => (best[i] = Math.min(best[i], m)));
  }
  process.stdout.write("\n@@RESULT" + JSON.stringify({ articles: files.length, words, storedBytes: bytes, reps, names, cpuMs: best }) + "\n");
}

/** `taskset`, to run a child on one core (util-linux; absent on some systems, then that run is left out) */
const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].find((p) => existsSync(p));

/** The arguments that run this script as a child measuring `dir` (`--child`), under tsx. */
function childArgs(dir: string, cache: string, workers: number, tables: string, shard?: string): string[] {
  return [join(ROOT, "node_modules/tsx/dist/cli.mjs"), SELF, "--child", dir, "--cache", cache, "--workers", String(workers), "--child-tables", tables, ...(shard ? ["--child-shard", shard] : [])];
}

/** A child's result: the JSON on its `@@RESULT` line, or an error with the end of its stderr. */
function childResult<T>(what: string, stdout: string, stderr: string, status: number | null): T {
  const line = stdout.split("\n").find((l) => l.startsWith("@@RESULT"));
  if (!line) throw new Error(`${what} failed (${status}):\n${stderr.slice(-3000)}`);
  return JSON.parse(line.slice(8)) as T;
}

function runChild(dir: string, cache: string, workers: number, tables = "none", oneCore = false): ChildResult {
  const args = childArgs(dir, cache, workers, tables);
  // pinned to one core, V8's compiler and GC threads share that core with the analysis instead of taking the other one
  const [cmd, argv] = oneCore && TASKSET ? [TASKSET, ["-c", "0", process.execPath, ...args]] : [process.execPath, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 26 });
  return childResult<ChildResult>("bench child", r.stdout, r.stderr, r.status);
}

/**
 * The machine's own ceiling for N threads on this work: N independent one-thread processes at once, each
 * analysing its shard (`--shard k/N`) into its own cache, nothing shared. Their wall time against one thread's
 * shows what N cores give when nothing is coordinated: on two cores less than ×2, because a lone thread
 * also has the second core for V8's background compiling and collecting.
 */
async function runIndependent(dir: string, tmp: string, n: number): Promise<{ wallMs: number; words: number }> {
  const { spawn } = await import("node:child_process");
  const outs = await Promise.all(Array.from({ length: n }, (_, k) => new Promise<ChildResult>((res, rej) => {
    const args = childArgs(dir, join(tmp, `cache-ind-${n}-${k}-${Date.now()}`), 1, "none", `${k + 1}/${n}`);
    const p = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => {
      try {
        res(childResult<ChildResult>("bench child", out, err, code));
      } catch (e) {
        rej(e);
      }
    });
  })));
  // (each child's wall time leaves out its start-up, as the other runs do; the slowest one finishes the corpus)
  return { wallMs: Math.max(...outs.map((o) => o.wallMs)), words: outs.reduce((a, o) => a + o.words, 0) };
}

/** Wall times (ms) of one round of cold runs: one thread, one thread on one core, N workers, N independent processes. */
interface Round { one: number; oneCore?: number; many: number; ceiling?: number }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One line per measure over the rounds: the median, the range, and each round's ratio (rounds are alternated, so a ratio compares runs taken minutes apart). */
function summariseRounds(rounds: Round[], words: number, workers: number): string {
  const wps = (ms: number) => fmt(words / (ms / 1000));
  const range = (xs: number[], f: (x: number) => string) => `${f(median(xs))} (${xs.map(f).join(" / ")})`;
  const ratio = (x: number) => `×${x.toFixed(2)}`;
  const lines = [`over ${rounds.length} rounds, median (each round):`, `  1 thread        ${range(rounds.map((r) => r.one), (ms) => `${wps(ms)} words/s`)}`];
  const core = rounds.flatMap((r) => (r.oneCore === undefined ? [] : [r.oneCore]));
  if (core.length) lines.push(`  1 thread, 1 core ${range(core, (ms) => `${wps(ms)} words/s`)}`);
  if (workers > 1) {
    lines.push(`  ${workers} workers       ${range(rounds.map((r) => r.many), (ms) => `${wps(ms)} words/s`)}`);
    lines.push(`  speed-up of ${workers} workers over 1 thread ${range(rounds.map((r) => r.one / r.many), ratio)}`);
    if (core.length) lines.push(`  … over 1 thread on 1 core ${range(rounds.flatMap((r) => (r.oneCore === undefined ? [] : [r.oneCore / r.many])), ratio)}`);
    const ceil = rounds.flatMap((r) => (r.ceiling === undefined ? [] : [r.one / r.ceiling]));
    if (ceil.length) lines.push(`  ceiling (${workers} independent processes) over 1 thread ${range(ceil, ratio)}; the workers reach ${range(rounds.flatMap((r) => (r.ceiling === undefined ? [] : [r.ceiling / r.many])), (x) => `${Math.round(100 * x)} %`)} of it`);
  }
  return lines.join("\n");
}

// --------------------------------------------------------------- main mode
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function writeCorpus(dir: string, n: number, seed = 1): Promise<void> {
  const { synthArticles, toMarkdown } = await import("../data-loaders/scale/synth.ts");
  mkdirSync(dir, { recursive: true });
  for (const a of synthArticles(join(ROOT, "corpus"), n, { seed })) writeFileSync(join(dir, `${a.id}.md`), toMarkdown(a));
}

async function writeJsonl(path: string, n: number): Promise<void> {
  const { synthArticles } = await import("../data-loaders/scale/synth.ts");
  const out = createWriteStream(path);
  for (const a of synthArticles(join(ROOT, "corpus"), n)) {
    if (!out.write(JSON.stringify(a) + "\n")) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function toneComparison(dir: string, maxSentences = 20000) {
  let compare: typeof import("../data-loaders/tone/compare.ts");
  try {
    compare = await import("../data-loaders/tone/compare.ts");
    if (typeof compare.scoreWithNlpjs !== "function" || typeof compare.scoreWithFramelens !== "function") throw new Error("exports missing");
  } catch (e) {
    return { skipped: `data-loaders/tone/compare.ts with scoreWithNlpjs/scoreWithFramelens not available (${(e as Error).message})` };
  }
  const { buildDoc } = await import("../data-loaders/doc.ts");
  const texts: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.(md|txt)$/.test(f)) continue;
    const doc = buildDoc(f, readFileSync(join(dir, f), "utf8"));
    for (const s of doc.sentences) texts.push(doc.text.slice(s.start, s.end));
    if (texts.length >= maxSentences) break;
  }
  const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
  const time = (fn: (t: string[]) => unknown) => {
    fn(texts.slice(0, 200)); // warm-up (lexicon loading, JIT)
    const t0 = performance.now();
    fn(texts);
    return performance.now() - t0;
  };
  const nlpjsMs = time(compare.scoreWithNlpjs);
  const framelensMs = time(compare.scoreWithFramelens);
  const a = compare.scoreWithNlpjs(texts.slice(0, 2000)), b = compare.scoreWithFramelens(texts.slice(0, 2000));
  const agree = a.filter((x, i) => x.vote === b[i].vote).length / a.length;
  return {
    sentences: texts.length,
    words,
    nlpjs: { ms: nlpjsMs, wordsPerSec: words / (nlpjsMs / 1000) },
    framelens: { ms: framelensMs, wordsPerSec: words / (framelensMs / 1000) },
    speedup: nlpjsMs / framelensMs,
    voteAgreement: agree,
  };
}


// ------------------------------------------------------------ page weight
/**
 * Build every report page (the Embed page aside) for a generated corpus in
 * a private copy of the site (its own Framework cache, engine cache and
 * output, so the shared tree is untouched), serve it, and measure in
 * headless Chromium what each page transfers (the overview, one article page,
 * Compare with its two default articles, Quotes, Actors, …) and when its
 * first chart appears. Only a few article pages are built (each is one
 * loader run).
 */
async function pageWeight(tmp: string, n: number, log: (s: string) => void) {
  const site = join(tmp, `site-${n}`);
  const corpus = join(tmp, `pages-corpus-${n}`);
  const cache = join(tmp, `pages-cache-${n}`);
  await writeCorpus(corpus, n);
  mkdirSync(site, { recursive: true });
  cpSync(join(ROOT, "data-loaders"), join(site, "data-loaders"), { recursive: true });
  cpSync(join(ROOT, "src"), join(site, "src"), { recursive: true, filter: (p) => !p.includes(`${join(ROOT, "src", ".observablehq")}`) });
  // every report page (the embed page and its modules are left out: they are not a reader's page)
  const reportPages = readdirSync(join(site, "src")).filter((f) => f.endsWith(".md") && f !== "index.md" && f !== "embed.md").map((f) => `/${f.replace(/\.md$/, "")}`).sort();
  rmSync(join(site, "src", "embed.md"), { force: true });
  rmSync(join(site, "src", "embed"), { recursive: true, force: true });
  symlinkSync(join(ROOT, "node_modules"), join(site, "node_modules"));
  cpSync(join(ROOT, "package.json"), join(site, "package.json"));
  // Framework's bundles of the client and of node_modules packages (`_*`), copied (never the loader outputs)
  const fwCache = join(ROOT, "src", ".observablehq", "cache");
  try {
    for (const e of readdirSync(fwCache)) if (e.startsWith("_")) cpSync(join(fwCache, e), join(site, "src", ".observablehq", "cache", e), { recursive: true });
  } catch { /* no cache yet: Framework builds the bundles */ }
  cpSync(join(ROOT, "observablehq.config.ts"), join(site, "observablehq.base.ts"));
  const { articleIds } = await import("../data-loaders/corpus.ts");
  const sample = articleIds(corpus).slice(0, 2);
  writeFileSync(
    join(site, "observablehq.config.ts"),
    `import base from "./observablehq.base.ts";\nexport default {...base, dynamicPaths: ${JSON.stringify(sample.map((id) => `/articles/${id}`))}};\n`,
  );
  const env = { ...process.env, FRAMELENS_CORPUS: corpus, FRAMELENS_CACHE: cache };
  const tsx = join(ROOT, "node_modules/tsx/dist/cli.mjs");
  let t0 = performance.now();
  const an = spawnSync(process.execPath, [tsx, join(ROOT, "scripts/analyze.ts"), corpus, "--out", join(tmp, `pages-tables-${n}`), "--tables", "articles", "--quiet"], { env, encoding: "utf8" });
  if (an.status !== 0) throw new Error(`analyze failed: ${an.stderr.slice(-2000)}`);
  const analyzeMs = performance.now() - t0;
  t0 = performance.now();
  const b = spawnSync(process.execPath, [join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], { cwd: site, env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (b.status !== 0) throw new Error(`observable build failed:\n${(b.stdout + b.stderr).slice(-3000)}`);
  const buildMs = performance.now() - t0;
  const loaderMs = Object.fromEntries([...b.stdout.matchAll(/load (\/data\/[^ ]+) → .*?success .*? in (\d+)ms/g)].map((m) => [m[1], Number(m[2])]));
  const { serveStatic } = await import("./serve.ts");
  const { launchChromium } = await import("../tests/browser/browser.ts");
  const server = await serveStatic(join(site, "dist"), 0);
  const origin = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
  const browser = await launchChromium();
  const measured: Record<string, { bytes: number; requests: number; largest: [string, number][]; firstChartMs: number | null; loadMs: number }> = {};
  try {
    for (const path of ["/", `/articles/${sample[0]}`, ...reportPages]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // the time the first chart (an svg in the main column) is in the page, from navigation start
      await page.addInitScript(() => {
        const w = window as unknown as { __firstChart?: number };
        new MutationObserver((_, obs) => {
          if (document.querySelector("#observablehq-main svg")) {
            w.__firstChart = performance.now();
            obs.disconnect();
          }
        }).observe(document, { subtree: true, childList: true });
      });
      const sizes: Promise<[string, number]>[] = [];
      page.on("requestfinished", (r) => sizes.push(r.sizes().then((z) => [r.url().replace(origin, ""), z.responseBodySize + z.responseHeadersSize] as [string, number])));
      // a first visit fills the browser's cache of shared modules like a real reader's would not: measure cold
      await page.goto(origin + path, { waitUntil: "networkidle", timeout: 120_000 });
      await page.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, undefined, { timeout: path === "/" ? 60_000 : 15_000 }).catch(() => {});
      const firstChartMs = await page.evaluate(() => (window as unknown as { __firstChart?: number }).__firstChart ?? null);
      const loadMs = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.duration ?? 0);
      const all = await Promise.all(sizes);
      measured[path === "/" ? "overview" : path.startsWith("/articles/") ? "article" : path.slice(1)] = {
        bytes: all.reduce((a, [, x]) => a + x, 0),
        requests: all.length,
        largest: all.sort((a, c) => c[1] - a[1]).slice(0, 4),
        firstChartMs,
        loadMs,
      };
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const mb = (x: number) => `${(x / 1e6).toFixed(2)} MB`;
  log(`\n## page weight, ${fmt(n)} generated articles (every page but Embed; built in a private copy)`);
  const perArticle = Object.entries(loaderMs).filter(([k]) => k.startsWith("/data/articles/")).map(([, v]) => v);
  log(
    `analysis (cold, workers) ${secs(analyzeMs)}, observable build ${secs(buildMs)}; loaders: ` +
      Object.entries(loaderMs).filter(([k]) => !k.startsWith("/data/articles/")).map(([k, v]) => `${k} ${secs(v)}`).join(", ") +
      (perArticle.length ? `, ${perArticle.length} article pages' data ${secs(perArticle.reduce((a, c) => a + c, 0) / perArticle.length)} each (a sidebar's worth are built)` : ""),
  );
  for (const [k, m] of Object.entries(measured)) {
    const budget = k === "overview" ? ` (budget 3 MB: ${m.bytes < 3e6 ? "within" : "OVER"}; first chart budget 1 s: ${m.firstChartMs !== null && m.firstChartMs < 1000 ? "within" : "OVER"})` : "";
    log(`${k.padEnd(9)}: ${mb(m.bytes)} in ${m.requests} requests, first chart at ${m.firstChartMs === null ? "—" : `${Math.round(m.firstChartMs)} ms`}${budget}; largest: ${m.largest.map(([u, x]) => `${u.split("/").pop()} ${mb(x)}`).join(", ")}`);
  }
  rmSync(corpus, { recursive: true, force: true });
  return { articles: n, analyzeMs, buildMs, loaderMs, pages: measured };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sizes: { type: "string" },
      quick: { type: "boolean" },
      workers: { type: "string" },
      stream: { type: "string" },
      pages: { type: "boolean" },
      "pages-articles": { type: "string" },
      tables: { type: "boolean" },
      out: { type: "string" },
      child: { type: "string" },
      cache: { type: "string" },
      "child-tables": { type: "string" },
      "child-shard": { type: "string" },
      repeat: { type: "string" },
      "stage-cpu": { type: "boolean" },
      "stage-cpu-child": { type: "string" },
      reps: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values["stage-cpu-child"]) return stageCpuChild(values["stage-cpu-child"], Number(values.reps ?? 3));
  if (values.child) return child({ dir: values.child, cache: values.cache!, workers: Number(values.workers), tables: values["child-tables"] ?? "none", shard: values["child-shard"] });
  if (values.help) {
    console.log("usage: npm run bench -- [corpus-dir] [--sizes 100,1000,10000] [--quick] [--workers N] [--stream 100000 | 10000,50000,100000] [--tables] [--pages [--pages-articles 10000]] [--stage-cpu [--reps 3]] [--out file.json]");
    return;
  }
  const cores = availableParallelism();
  const workers = values.workers ? Number(values.workers) : cores;
  const repeat = Math.max(1, Math.floor(Number(values.repeat ?? 1)) || 1);
  // `--pages` alone measures only the pages; with --sizes/--quick, both
  const onlyPages = values.pages && !values.sizes && !values.quick && !positionals.length;
  const stageCpu = !!values["stage-cpu"];
  const sizes = onlyPages ? [] : positionals.length ? [0] : (values.sizes ?? (stageCpu ? "1000" : values.quick ? "100,1000" : "100,1000,10000")).split(",").map(Number);
  const tmp = mkdtempSync(join(tmpdir(), "framelens-bench-"));
  snapshot(tmp);
  const log = (s: string) => console.log(s);
  const date = new Date().toISOString().slice(0, 10);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cores, cpu: cpus()[0]?.model, node: process.version, loadavg: (await import("node:os")).loadavg() },
    runs: [] as unknown[],
  };
  log(`framelens bench — ${cores} cores (${cpus()[0]?.model}), node ${process.version}, load ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  try {
    for (const size of stageCpu ? sizes : []) {
      const dir = positionals.length ? resolve(positionals[0]) : join(tmp, `corpus-${size}`);
      if (!positionals.length) await writeCorpus(dir, size);
      const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), SELF, "--stage-cpu-child", dir, "--reps", values.reps ?? "3"], { encoding: "utf8", maxBuffer: 1 << 26 });
      const sc = childResult<{ articles: number; words: number; storedBytes: number; reps: number; names: string[]; cpuMs: number[] }>("stage-cpu child", r.stdout, r.stderr, r.status);
      const total = sc.cpuMs.reduce((a, b) => a + b, 0);
      log(`\n## stage CPU, ${positionals.length ? dir : `${fmt(size)} synthetic articles`} (${fmt(sc.words)} words, one thread, warm, minimum of ${sc.reps} passes)`);
      for (let i = 0; i < sc.names.length; i++) log(`  ${sc.names[i].padEnd(22)} ${fmt(sc.cpuMs[i]).padStart(6)} ms  ${fmt(sc.words / (sc.cpuMs[i] / 1000)).padStart(11)} words/s`);
      log(`  ${"all".padEnd(22)} ${fmt(total).padStart(6)} ms  ${fmt(sc.words / (total / 1000)).padStart(11)} words/s (stage results + doc packed: ${(sc.storedBytes / 1e6).toFixed(1)} MB)`);
      ((results.stageCpu ??= []) as unknown[]).push({ corpus: positionals.length ? dir : `${size} synthetic articles`, ...sc, wordsPerCpuSec: sc.words / (total / 1000) });
      if (!positionals.length) rmSync(dir, { recursive: true, force: true });
    }
    for (const size of stageCpu ? [] : sizes) {
      const dir = positionals.length ? resolve(positionals[0]) : join(tmp, `corpus-${size}`);
      if (!positionals.length) await writeCorpus(dir, size);
      const label = positionals.length ? dir : `${fmt(size)} synthetic articles`;
      log(`\n## ${label}`);
      const cache1 = join(tmp, `cache1-${size}`), cacheN = join(tmp, `cacheN-${size}`);
      const one = runChild(dir, cache1, 1);
      const wps = one.words / (one.wallMs / 1000);
      log(`cold, 1 thread : ${secs(one.wallMs)} wall, ${secs(one.cpuMs)} cpu, ${fmt(one.articles)} articles, ${fmt(one.words)} words → ${fmt(wps)} words/s, ${fmt(one.articles / (one.wallMs / 1000))} articles/s (cpu-time based: ${fmt(one.words / (one.cpuMs / 1000))} words/s), peak RSS ${fmt(one.maxRssMB)} MB`);
      const stageTotal = one.stageMs.reduce((a, b) => a + b, 0);
      log(`  stages (words/s, share of stage time): ` + one.stageNames.map((n, i) => `${n} ${fmt(one.words / (one.stageMs[i] / 1000))} (${((100 * one.stageMs[i]) / stageTotal).toFixed(0)}%)`).join(", "));
      log(`  all stages alone: ${fmt(one.words / (stageTotal / 1000))} words/s (the rest of the wall time is reading, hashing, packing the results and writing the cache)`);
      // the same on one core: what "one core" gives when nothing else may help it (the run above also keeps the
      // second core partly busy with V8's background compiling and collecting, ~1.1–1.2 cores in all)
      const pinned = workers > 1 && TASKSET ? runChild(dir, join(tmp, `cache1c-${size}`), 1, "none", true) : undefined;
      if (pinned) log(`cold, 1 thread on 1 core (taskset): ${secs(pinned.wallMs)} wall, ${secs(pinned.cpuMs)} cpu, ${fmt(pinned.words / (pinned.wallMs / 1000))} words/s`);
      const many = workers > 1 ? runChild(dir, cacheN, workers) : one;
      let independent: { wallMs: number; words: number; speedup: number } | undefined;
      // the CPU ratio shows what parallelism costs (each worker isolate loads the engine and compiles the hot code again), whatever else runs on the machine
      if (workers > 1) log(`cold, ${workers} workers: ${secs(many.wallMs)} wall, ${secs(many.cpuMs)} cpu (×${(many.cpuMs / one.cpuMs).toFixed(2)} the CPU of 1 thread), ${fmt(many.words / (many.wallMs / 1000))} words/s, speed-up ×${(one.wallMs / many.wallMs).toFixed(2)} over 1 thread${pinned ? ` (×${(pinned.wallMs / many.wallMs).toFixed(2)} over 1 thread on 1 core)` : ""}, peak RSS ${fmt(many.maxRssMB)} MB`);
      if (workers > 1) {
        const ind = await runIndependent(dir, tmp, workers);
        log(`ceiling        : ${workers} independent one-thread processes at once, each on 1/${workers} of the corpus: ${secs(ind.wallMs)} wall, ×${(one.wallMs / ind.wallMs).toFixed(2)} over 1 thread — what ${workers} cores give this work with nothing shared`);
        independent = { ...ind, speedup: one.wallMs / ind.wallMs };
      }
      // `--repeat N`: the cold runs N times in all, alternated, each into a fresh cache; on a shared machine one
      // round can be slowed at any moment, so medians and each round's ratios say more than one round
      const rounds: Round[] = [{ one: one.wallMs, oneCore: pinned?.wallMs, many: many.wallMs, ceiling: independent?.wallMs }];
      for (let r = 2; r <= repeat; r++) {
        const cache = (name: string) => join(tmp, `cache-r${r}-${name}-${size}`);
        const o = runChild(dir, cache("1"), 1).wallMs;
        const c = pinned ? runChild(dir, cache("1c"), 1, "none", true).wallMs : undefined;
        const m = workers > 1 ? runChild(dir, cache("n"), workers).wallMs : o;
        const i = workers > 1 ? (await runIndependent(dir, tmp, workers)).wallMs : undefined;
        rounds.push({ one: o, oneCore: c, many: m, ceiling: i });
        for (const name of ["1", "1c", "n"]) rmSync(cache(name), { recursive: true, force: true });
      }
      if (repeat > 1) log(summariseRounds(rounds, one.words, workers));
      const warm = runChild(dir, cacheN, workers);
      log(`warm (cache)   : ${secs(warm.wallMs)} wall (${warm.cached} from cache, ${warm.analysed} analysed), peak RSS ${fmt(warm.maxRssMB)} MB`);
      let changed: ChildResult | undefined;
      if (!positionals.length) {
        const f = readdirSync(dir).sort()[Math.floor(size / 2)];
        appendFileSync(join(dir, f), "\nEin neuer Satz, sagte der Sprecher am Abend.\n");
        changed = runChild(dir, cacheN, workers);
        log(`one changed    : ${secs(changed.wallMs)} wall (${changed.analysed} analysed, ${changed.cached} from cache)`);
      }
      let tables: ChildResult | undefined;
      if (values.tables || size <= 1000) {
        tables = runChild(dir, cacheN, workers, size > 1000 ? "articles,sentences,quotes,mentions,tone,tone_hits,voice,frames,frame_cues,facts" : "all");
        log(`tables (${size > 1000 ? "per-article tables" : "all tables"}, JSON, from warm cache): ${secs(tables.tableMs!.total)} + analysis ${secs(tables.wallMs)}, peak RSS ${fmt(tables.maxRssMB)} MB`);
        const big = Object.entries(tables.tableBytes ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 5);
        log(`  largest table files: ${big.map(([f, b]) => `${f} ${(b / 1e6).toFixed(1)} MB`).join(", ")}`);
      }
      const engines = new Set([one, many, warm, changed, tables].filter(Boolean).map((r) => r!.engine));
      if (engines.size > 1) log(`  warning: the engine changed during these runs (${[...engines].join(", ")})`);
      (results.runs as unknown[]).push({ corpus: label, size, workers, cold1: one, cold1core: pinned, coldN: many, independent, rounds: repeat > 1 ? rounds : undefined, warm, changed, tables, wordsPerSec1: wps, speedup: one.wallMs / many.wallMs, speedupOverOneCore: pinned ? pinned.wallMs / many.wallMs : undefined });
      if (!positionals.length && size === Math.max(...sizes)) {
        const tone = await toneComparison(dir);
        results.tone = tone;
        if ("skipped" in tone) log(`\ntone vs nlpjs: skipped — ${tone.skipped}`);
        else log(`\ntone vs @nlpjs/lang-de on the same ${fmt(tone.sentences)} sentences (${fmt(tone.words)} words): nlpjs ${fmt(tone.nlpjs.wordsPerSec)} words/s, framelens ${fmt(tone.framelens.wordsPerSec)} words/s (×${tone.speedup.toFixed(2)}); same vote on ${(100 * tone.voteAgreement).toFixed(0)}% of sentences`);
      }
      if (!positionals.length) rmSync(dir, { recursive: true, force: true });
    }
    if (values.pages) results.pages = await pageWeight(tmp, Number(values["pages-articles"] ?? 10000), log);
    if (values.stream) {
      // `--stream N` measures N/10 and N articles; `--stream 10000,50000,100000` each size given
      const given = values.stream.split(",").map(Number);
      const streamSizes = given.length > 1 ? given : [Math.round(given[0] / 10), given[0]];
      const stream: unknown[] = [];
      log(`\n## streaming JSON Lines (memory must stay flat)`);
      for (const m of streamSizes) {
        const file = join(tmp, `stream-${m}.jsonl`);
        await writeJsonl(file, m);
        const r = runChild(file, join(tmp, `stream-cache-${m}`), workers, "articles,sentences,tone");
        log(`${fmt(m)} articles: ${secs(r.wallMs)} analysis + ${secs(r.tableMs!.total)} tables, ${fmt(r.words / (r.wallMs / 1000))} words/s, peak RSS ${fmt(r.maxRssMB)} MB`);
        stream.push({ rows: m, ...r });
        rmSync(file, { force: true });
        rmSync(join(tmp, `stream-cache-${m}`), { recursive: true, force: true });
      }
      results.stream = stream;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // never overwrite an earlier run of the same day: results-<date>.json, then results-<date>-2.json, …
  let out = values.out ?? join(ROOT, "bench", `results-${date}.json`);
  for (let k = 2; !values.out && existsSync(out); k++) out = join(ROOT, "bench", `results-${date}-${k}.json`);
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  log(`\nwrote ${out}`);
}

await main();
