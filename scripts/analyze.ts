/**
 * npm run analyze -- <corpus> --out <dir> [--tables a,b] [--format json,csv,parquet]
 *   [--workers N] [--shard k/n] [--no-cache] [--quiet]
 * Analyses a folder of articles (and/or JSONL/CSV files of articles) over
 * worker threads, streams every table to JSON, CSV and/or Parquet, and prints
 * a one-line summary.
 */
import { mkdirSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ARTICLE_EXTENSIONS } from "../data-loaders/corpus.ts";
import { corpusEntries, parseShard, ROW_EXTENSIONS, type Shard } from "../data-loaders/corpus-stream.ts";
import { analyzeStream, articleStats, DEFAULT_CACHE, temporaryStore } from "../data-loaders/pipeline.ts";
import { Progress } from "../data-loaders/scale/progress.ts";
import { CacheEntryError, DiskStore } from "../data-loaders/scale/store.ts";
import { FORMATS, TableWriter, type Format } from "../data-loaders/scale/table-writer.ts";
import { TABLES } from "../data-loaders/tables/index.ts";
import type { CorpusProblem } from "../data-loaders/types.ts";

const USAGE =
  "usage: npm run analyze -- <corpus-dir> --out <dir> [--tables articles,sentences] [--format json,csv,parquet]\n" +
  "       [--workers N] [--shard k/n] [--no-cache] [--quiet]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        tables: { type: "string" },
        format: { type: "string" },
        workers: { type: "string", short: "w" },
        shard: { type: "string" },
        "no-cache": { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length !== 1 || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const corpus = resolve(positionals[0]);
  const out = resolve(values.out);
  const wanted = values.tables ? values.tables.split(",").map((s) => s.trim()) : null;
  const unknown = wanted?.filter((n) => !TABLES.some((t) => t.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown table(s): ${unknown.join(", ")} (known: ${TABLES.map((t) => t.name).join(", ")})`);
    return 2;
  }
  const formats = (values.format ?? "json,csv").split(",").map((s) => s.trim()) as Format[];
  const badFormat = formats.filter((f) => !FORMATS.includes(f));
  if (badFormat.length) {
    console.error(`unknown format(s): ${badFormat.join(", ")} (known: ${FORMATS.join(", ")})`);
    return 2;
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) {
      console.error(`--workers expects a whole number, got "${values.workers}"`);
      return 2;
    }
  }
  let shard: Shard | undefined;
  try {
    shard = values.shard ? parseShard(values.shard) : undefined;
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  const t0 = performance.now();
  let entries;
  try {
    entries = corpusEntries(corpus);
  } catch (e) {
    console.error(`framelens: ${(e as Error).message}`);
    return 2;
  }
  const hasRows = entries.files.some((f) => ROW_EXTENSIONS.has(extname(f).toLowerCase()));
  const total = hasRows || shard ? undefined : entries.files.filter((f) => ARTICLE_EXTENSIONS.has(extname(f).toLowerCase())).length;

  const { store, cleanup } = values["no-cache"] ? temporaryStore() : (() => {
    const s = new DiskStore(DEFAULT_CACHE);
    return { store: s, cleanup: () => s.close() };
  })();
  mkdirSync(out, { recursive: true });
  const tables = TABLES.filter((t) => !wanted || wanted.includes(t.name));
  let writer: TableWriter | undefined;
  const run = async () => {
    writer?.abort();
    const w = (writer = new TableWriter(tables, out, formats));
    const problems: CorpusProblem[] = [];
    const progress = new Progress(!values.quiet, total);
    const n = { analysed: 0, cached: 0, words: 0, sentences: 0, articles: 0, problems };
    for await (const ev of analyzeStream(corpus, store, { workers, shard })) {
      if ("problem" in ev) {
        problems.push(ev.problem);
        console.error(`framelens: ${join(positionals[0], ev.problem.file)}: ${ev.problem.message}`);
        continue;
      }
      n.articles++;
      if (ev.fromCache) n.cached++;
      else n.analysed++;
      const st = articleStats(ev.article);
      n.words += st.words;
      n.sentences += st.sentences;
      w.add(ev.article);
      progress.update(n.articles, n.analysed, n.cached);
    }
    progress.done();
    w.finish(problems);
    return { ...n, writer: w };
  };
  let result;
  try {
    try {
      result = await run();
    } catch (e) {
      // a cached result damaged on disk: once more, trusting no record before its checksum is read
      if (!(e instanceof CacheEntryError) || !(store instanceof DiskStore)) throw e;
      console.error(`framelens: ${e.message}; checking the whole cache and analysing damaged entries again`);
      store.verify = true;
      result = await run();
    }
  } catch (e) {
    writer?.abort();
    throw e;
  } finally {
    cleanup();
  }
  const { analysed, cached, words, sentences, articles, problems } = result;
  for (const e of result.writer.errors) console.error(`framelens: table ${e.table} failed: ${e.message}`);
  const seconds = (performance.now() - t0) / 1000;
  if (articles === 0) {
    console.error(`framelens: no articles in ${positionals[0]} (expected .txt or .md files) or .jsonl/.csv files of articles; wrote empty tables`);
  }
  console.log(
    `framelens: ${articles} articles, ${sentences} sentences, ${words} words, ${seconds.toFixed(2)} s` +
      ` (${analysed} analysed, ${cached} from cache, ${problems.length} skipped` +
      `${shard ? `, shard ${shard[0]}/${shard[1]}` : ""}) → ${out}`,
  );
  return result.writer.errors.length ? 1 : 0;
}

process.exitCode = await main();
