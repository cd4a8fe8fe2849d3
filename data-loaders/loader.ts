import { closeSync, mkdirSync, openSync, rmSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { corpusEntries, ROW_EXTENSIONS } from "./corpus-stream.ts";
import { analyzeCorpusAsync, DEFAULT_CACHE, DEFAULT_CORPUS, type CorpusAnalysis } from "./pipeline.ts";
import { CacheEntryError } from "./scale/store.ts";
import { tableByName } from "./tables/index.ts";

/** Below this many files, worker start-up costs more than it saves. */
const PARALLEL_FROM = 200;

function workersFor(corpus: string): number | undefined {
  try {
    const { files } = corpusEntries(corpus);
    return files.length >= PARALLEL_FROM || files.some((f) => ROW_EXTENSIONS.has(extname(f).toLowerCase())) ? undefined : 1;
  } catch {
    return 1;
  }
}

/**
 * One analysis at a time per cache: Framework runs loaders side by side, and
 * without this every one of them would analyse a cold corpus at once. The
 * first takes the lock and fills the cache; the others wait, then read it.
 * A lock older than ten minutes is taken to be left over from a crash.
 * The lock saves work only: the store itself is safe for writers side by
 * side (each writes its own segment and index; see `scale/store.ts`), which is
 * how CLI runs, which take no lock, share a cache with loaders.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, "analysis.lock");
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { force: true });
      } catch { /* released meanwhile */ }
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * The analysed corpus for a loader: from the shared cache when unchanged,
 * over worker threads when large, one loader at a time per cache.
 */
export function loaderAnalysis(corpus = DEFAULT_CORPUS, verify = false): Promise<CorpusAnalysis> {
  return withLock(DEFAULT_CACHE, () => analyzeCorpusAsync(corpus, { workers: workersFor(corpus), verify }));
}

/**
 * The body of a thin Framework data loader: analyse the corpus (from the
 * shared cache when unchanged; over worker threads when it is large) and
 * print one table as JSON on stdout. Problems go to stderr, where Framework's
 * preview shows them.
 */
export async function printTable(name: string, corpus = DEFAULT_CORPUS): Promise<void> {
  const table = tableByName(name);
  let analysis = await loaderAnalysis(corpus);
  let rows;
  try {
    rows = table.build(analysis);
  } catch (e) {
    // a cached record damaged on disk: analyse again, trusting no record before its checksum is read
    if (!(e instanceof CacheEntryError)) throw e;
    console.warn(`framelens: ${e.message}; checking the whole cache and analysing damaged entries again`);
    analysis = await loaderAnalysis(corpus, true);
    rows = table.build(analysis);
  }
  for (const p of analysis.problems) console.warn(`framelens: ${p.file}: ${p.message}`);
  process.stdout.write(JSON.stringify(rows));
}
