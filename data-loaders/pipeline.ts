import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { SourceFile } from "./corpus.ts";
import { readCorpusSync, streamCorpus, type Shard, type SourceEvent, type SourceItem } from "./corpus-stream.ts";
import { buildDoc, docFromBytes } from "./doc.ts";
import { buildJobDoc, runJob, type Job, type JobResult, type RunJob } from "./scale/job.ts";
import { articleKeys, engineKeys, sha256Hex, wholeEngineHash } from "./scale/keys.ts";
import { CacheEntryError, DiskStore, MemoryStore, type Store } from "./scale/store.ts";
import { tokenize } from "./segment.ts";
import { resultFromBytes } from "./stage.ts";
import { STAGES } from "./stages/index.ts";
import type { AnalyzedArticle, ArticleMeta, CorpusProblem, Doc } from "./types.ts";
import { defaultWorkers, WorkerPool } from "./workers/pool.ts";
import { inThreadRunJob } from "./workers/in-thread.ts";

const ENGINE_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(ENGINE_DIR, "..");
export const DEFAULT_CORPUS = process.env.FRAMELENS_CORPUS ?? join(PROJECT_ROOT, "corpus");
export const DEFAULT_CACHE = process.env.FRAMELENS_CACHE ?? join(PROJECT_ROOT, ".cache", "analysis");

/**
 * A hash of everything the engine reads besides the article: its code and its
 * data files (lexicons, dictionaries, registry). The cache itself keys each
 * stage by its own inputs (see `scale/keys.ts`); this whole-engine hash is the
 * fallback for stages whose inputs are unknown.
 */
export function engineHash(): string {
  return wholeEngineHash();
}

function sourceHash(s: SourceItem): string {
  // the same bytes as updating part by part: every part ends before a "\0", so no surrogate pair forms across two
  return sha256Hex(s.file + "\0" + (s.parseAs ?? "") + "\0" + (s.id ?? "") + "\0" + s.text);
}

function keysOf(s: SourceItem) {
  return articleKeys(engineKeys(STAGES), sourceHash(s));
}

function combinedHash(keys: { doc: string; stages: string[] }): string {
  return sha256Hex(keys.doc + keys.stages.join("\0")).slice(0, 24);
}

/** Content hash of an article's source and of every engine input its analysis depends on. */
export function articleHash(source: SourceFile | SourceItem): string {
  return combinedHash(keysOf(source));
}

/** Run every stage over a document. */
export function analyzeDoc(doc: Doc, hash = ""): AnalyzedArticle {
  const stages: Record<string, unknown> = {};
  for (const stage of STAGES) stages[stage.name] = stage.run(doc, stages);
  return { doc, hash, stages };
}

/** Parse, segment and analyse one decoded source file. */
export function analyzeSource(source: SourceFile | SourceItem): AnalyzedArticle {
  const s = source as SourceItem;
  const doc = s.parseAs || s.id !== undefined ? buildJobDoc(toJob(s, [])) : buildDoc(source.file, source.text, source.encoding);
  if (s.parseAs) doc.meta.file = s.file;
  return analyzeDoc(doc, articleHash(source));
}

export interface ProgressInfo {
  done: number;
  /** articles expected in total, when known up front (folders of files) */
  total?: number;
  analysed: number;
  cached: number;
}

export interface AnalyzeOptions {
  /** cache folder; `false` disables the cache */
  cache?: string | false;
  /** worker threads (async API only): default all cores; 0 or 1 = this thread */
  workers?: number;
  /** analyse only the k-th of n slices */
  shard?: Shard;
  /** called after each article */
  onProgress?: (p: ProgressInfo) => void;
  /** per-stage timing (milliseconds, summed over analysed articles), for the benchmark */
  timing?: number[];
  /** articles per batch sent to a worker */
  batch?: number;
  /** analyse this many articles in the calling thread before starting workers (default 24) */
  inThreadFirst?: number;
  /** checksum every cached record before trusting it (after a damaged one was met; see `CacheEntryError`) */
  verify?: boolean;
}

export interface CorpusAnalysis {
  articles: AnalyzedArticle[];
  problems: CorpusProblem[];
  /** how many articles were analysed now vs read from the cache */
  analysed: number;
  cached: number;
}

// ---------------------------------------------------------------------------
// Articles backed by the store: metadata in memory, the Doc and each stage's
// result parsed from the store on first use and held only while it is among
// the last 256 values loaded, so a corpus of 100,000 articles costs a few
// hundred bytes each until a table reads it.
//
// Not WeakRefs: a WeakRef's target is kept alive until the current job ends
// (ECMAScript's KeepDuringJob), and a table built over the whole corpus is one
// synchronous job, so every document and stage result it read stayed alive
// until it returned (4,000 articles, every table: 1.26 GB).

/**
 * The values loaded most recently, as (holder, slot) pairs: loading a value lets go of the oldest. One ring for
 * every article, and no closure per article or per value: a stored article is made for every article of a run.
 */
const RECENT_SIZE = 256;
const recentHolder = new Array<LazySlots | undefined>(RECENT_SIZE);
const recentSlot = new Int32Array(RECENT_SIZE);
let recentAt = 0;

interface LazySlots { values: unknown[]; loaded: Uint8Array }

/** `holder.values[slot]`, loaded by `load` unless it is among the last values loaded */
function lazySlot<T>(holder: LazySlots, slot: number, load: () => T): T {
  if (holder.loaded[slot]) return holder.values[slot] as T;
  const value = load();
  holder.values[slot] = value;
  holder.loaded[slot] = 1;
  const old = recentHolder[recentAt];
  if (old) {
    // the oldest value loaded is let go
    old.values[recentSlot[recentAt]] = undefined;
    old.loaded[recentSlot[recentAt]] = 0;
  }
  recentHolder[recentAt] = holder;
  recentSlot[recentAt] = slot;
  recentAt = (recentAt + 1) % RECENT_SIZE;
  return value;
}

function readStored(store: Store, key: string): Uint8Array {
  const s = store.getBytes(key);
  if (s === undefined) throw new CacheEntryError(key);
  return s;
}

/** Size of an article, kept beside its metadata so that summaries need not load the text. */
export interface ArticleStats { words: number; sentences: number }

/** Words and sentences of an article (from the store's metadata entry, or counted). */
export function articleStats(a: AnalyzedArticle): ArticleStats {
  if (a instanceof StoredArticle) return a.stats;
  let words = 0;
  for (const t of a.doc.tokens) if (/[\p{L}\p{N}]/u.test(a.doc.text.slice(t.start, t.end))) words++;
  return { words, sentences: a.doc.sentences.length };
}

export interface StoredMeta { meta: ArticleMeta; words: number; sentences: number }

/**
 * What it takes to make a store-backed article again: the store, its keys
 * (one string) and its metadata. A few hundred bytes, against a few
 * kilobytes for the article with its lazy loaders, so that tables built over
 * the whole corpus at the end can keep 100,000 of these.
 */
export interface ArticleHandle { store: Store; keys: string; stored: StoredMeta }

/** The compact handle of a store-backed article (undefined for articles built in memory). */
export function articleHandle(a: AnalyzedArticle): ArticleHandle | undefined {
  return a instanceof StoredArticle ? a.handle() : undefined;
}

/** The article a handle stands for (a new object each time; its doc and stages load lazily from the store). */
export function articleFromHandle(h: ArticleHandle): AnalyzedArticle {
  const [doc, ...stages] = h.keys.split(" ");
  return storedArticle(h.store, { doc, stages }, h.stored);
}

/** The doc and stage results of a stored article: slot 0 the doc, slot 1 + i stage i. */
class StoredSlots implements LazySlots {
  values: unknown[] = new Array(STAGES.length + 1);
  loaded = new Uint8Array(STAGES.length + 1);
  constructor(readonly store: Store, readonly keys: { doc: string; stages: string[] }, readonly stored: StoredMeta) {}
  doc(): Doc {
    return lazySlot(this, 0, () => {
      const d = docFromBytes(readStored(this.store, `d:${this.keys.doc}`));
      return { meta: this.stored.meta, text: d.text, blocks: d.blocks, sentences: d.sentences, tokens: tokenize(d.text, d.sentences) };
    });
  }
  stage(i: number): unknown {
    return lazySlot(this, 1 + i, () => resultFromBytes(STAGES[i], readStored(this.store, `s:${this.keys.stages[i]}`)));
  }
}

/**
 * An article's `stages`: one getter per stage on a shared prototype (as `job.ts` does for a job's prior
 * results), so that making a stored article defines no property and makes no closure per stage.
 */
class StoredStages {
  #slots: StoredSlots;
  constructor(slots: StoredSlots) {
    this.#slots = slots;
  }
  static stage(stages: StoredStages, i: number): unknown {
    return stages.#slots.stage(i);
  }
}
STAGES.forEach((stage, i) => {
  Object.defineProperty(StoredStages.prototype, stage.name, {
    enumerable: true,
    get(this: StoredStages) {
      return StoredStages.stage(this, i);
    },
  });
});

/**
 * An article whose doc and stage results live in the store until read. Its store, keys and metadata are a
 * private field: not copied by a spread (`{ ...a, doc }` is an article of its own, with no handle), not
 * enumerable.
 */
class StoredArticle implements AnalyzedArticle {
  stages: Record<string, unknown>;
  #slots: StoredSlots;
  #hash: string | undefined;
  constructor(slots: StoredSlots) {
    this.stages = new StoredStages(slots) as unknown as Record<string, unknown>;
    this.#slots = slots;
  }
  /** made when read: few readers ask for it, and a run makes a stored article for every article */
  get hash(): string {
    return (this.#hash ??= combinedHash(this.#slots.keys));
  }
  /** reading it parses the stored text and re-tokenises it */
  get doc(): Doc {
    return this.#slots.doc();
  }
  /** the metadata, without loading the doc */
  get meta(): ArticleMeta {
    return this.#slots.stored.meta;
  }
  get stats(): ArticleStats {
    const s = this.#slots.stored;
    return { words: s.words, sentences: s.sentences };
  }
  handle(): ArticleHandle {
    const { store, keys, stored } = this.#slots;
    return { store, keys: [keys.doc, ...keys.stages].join(" "), stored };
  }
}

/** An `AnalyzedArticle` whose doc and stage results live in the store until read. */
export function storedArticle(store: Store, keys: { doc: string; stages: string[] }, stored: StoredMeta): AnalyzedArticle {
  return new StoredArticle(new StoredSlots(store, keys, stored));
}

function openStore(cache: string | false | undefined, verify = false): { store: Store; cleanup: () => void } {
  const dir = cache === undefined ? DEFAULT_CACHE : cache;
  if (dir === false) return { store: new MemoryStore(), cleanup: () => {} };
  const store = new DiskStore(dir);
  store.verify = verify;
  return { store, cleanup: () => store.close() };
}

/** A store in a temporary folder, removed by `cleanup` (for `--no-cache` runs that must not hold a corpus in memory). */
export function temporaryStore(): { store: Store; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "framelens-nocache-"));
  const store = new DiskStore(dir);
  return { store, cleanup: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

interface Pending {
  source: SourceItem;
  keys: { doc: string; stages: string[] };
  job?: Job;
  /** the stored metadata, when every result is cached */
  meta?: StoredMeta;
}

function toJob(source: SourceItem, cached: (Uint8Array | null)[]): Job {
  return { file: source.parseAs ?? source.file, text: source.text, encoding: source.encoding, id: source.id, cached };
}

/** Look a source up in the store: an article when everything is cached, else the job that completes it. */
function prepare(store: Store, source: SourceItem): Pending {
  const keys = keysOf(source);
  // `valid` checks that each record is whole on disk: a record cut short by a killed run is a miss, re-analysed
  const ok = (k: string) => (store.valid ? store.valid(k) : store.has(k));
  if (keys.stages.every((k) => ok(`s:${k}`)) && ok(`d:${keys.doc}`)) {
    const m = store.get(`m:${keys.doc}`);
    if (m !== undefined) return { source, keys, meta: JSON.parse(m) as StoredMeta };
  }
  return { source, keys, job: toJob(source, keys.stages.map((k) => store.getBytes(`s:${k}`) ?? null)) };
}

function finish(store: Store, p: Pending, result: JobResult | undefined, timing?: number[]): { article: AnalyzedArticle } | { problem: CorpusProblem } {
  if (!result) return { article: storedArticle(store, p.keys, p.meta!) };
  if (!result.ok) return { problem: { file: p.source.file, message: `skipped: ${result.message}` } };
  // the metadata sent apart as JSON (the same object as the doc's `meta` unpacked), not the whole doc unpacked
  const meta = JSON.parse(result.meta) as ArticleMeta;
  if (p.source.parseAs) meta.file = p.source.file;
  // the results come as their stored bytes (from a worker, in one transferred buffer: `packResults`)
  if (!store.has(`d:${p.keys.doc}`)) store.putBytes(`d:${p.keys.doc}`, result.doc);
  const stored: StoredMeta = { meta, words: result.words, sentences: result.sentences };
  store.put(`m:${p.keys.doc}`, JSON.stringify(stored));
  for (let i = 0; i < result.stages.length; i++) {
    if (p.job!.cached[i] !== null) continue;
    store.putBytes(`s:${p.keys.stages[i]}`, result.stages[i]!);
  }
  if (timing) result.ms.forEach((ms, i) => (timing[i] = (timing[i] ?? 0) + ms));
  return { article: storedArticle(store, p.keys, stored) };
}

/** Article ids are unique: a second article slugging to the same id gets a suffix. */
export function idDeduper(): (a: AnalyzedArticle) => void {
  const seen = new Map<string, number>();
  return (a) => {
    // a stored article's metadata is the object its doc will carry: no need to load the doc for its id
    const meta = a instanceof StoredArticle ? a.meta : a.doc.meta;
    const base = meta.id;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) meta.id = `${base}-${n}`;
  };
}

/**
 * Analyse every article under `dir` (article files, and rows of JSONL/CSV
 * files) in this thread. Results are cached on disk per article and per stage
 * by content hash (see `scale/keys.ts`), so that loaders share one analysis,
 * an unchanged corpus is not analysed again, an edited article re-runs alone
 * and an edited lexicon re-runs only the stages that read it. A bad article
 * is reported in `problems` and never stops the rest.
 */
export function analyzeCorpus(dir: string = DEFAULT_CORPUS, options: AnalyzeOptions = {}): CorpusAnalysis {
  const { store, cleanup } = openStore(options.cache, options.verify);
  const out: CorpusAnalysis = { articles: [], problems: [], analysed: 0, cached: 0 };
  const dedupe = idDeduper();
  try {
    for (const ev of readCorpusSync(dir, options.shard)) {
      if ("problem" in ev) { out.problems.push(ev.problem); continue; }
      const p = prepare(store, ev.source);
      const r = finish(store, p, p.job ? runJob(p.job, !!options.timing) : undefined, options.timing);
      if ("problem" in r) { out.problems.push(r.problem); continue; }
      if (p.job) out.analysed++;
      else out.cached++;
      dedupe(r.article);
      out.articles.push(r.article);
      options.onProgress?.({ done: out.articles.length, analysed: out.analysed, cached: out.cached });
    }
  } finally {
    cleanup();
  }
  return out;
}

/**
 * Garbage collection for long streams. V8 lets the heap of a thread that
 * turns over this much short-lived JSON grow far past what it holds (the main
 * thread held ~70 MB while its heap reached ~300 MB between collections), so
 * peak memory followed the corpus size. Every 64 articles the heap is
 * looked at; once it holds more than 96 MB beyond what the last full
 * collection left, a full collection runs. A warm run (little garbage) rarely
 * pays for one; a cold run pays well under 1 % of its time.
 */
const LOOK_EVERY = 64;
const HEADROOM = 96 * 1024 * 1024;

let collector: (() => void) | null | undefined;
let liveAfterCollect = 0;
export function collectIfGrown(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used < liveAfterCollect + HEADROOM) return;
  if (collector === undefined) {
    try {
      const g = (globalThis as { gc?: () => void }).gc;
      if (g) collector = g;
      else {
        // `gc` is only exposed under --expose-gc; the flag still works when set now, in a new context
        v8.setFlagsFromString("--expose-gc");
        collector = runInNewContext("gc") as () => void;
      }
    } catch {
      collector = null;
    }
  }
  if (!collector) return;
  collector();
  liveAfterCollect = v8.getHeapStatistics().used_heap_size;
}

/** Articles analysed in the calling thread before worker threads are started. */
const IN_THREAD_FIRST = 24;
/**
 * Articles analysed with the sources' `runJob` before this thread loads the engine bundle (`in-thread.ts`).
 * Lower than `IN_THREAD_FIRST`: every article run on the sources warms up code that is thrown away once the
 * bundle takes over (V8 interprets and compiles both copies), and 24 such articles cost ~8 % of the
 * instructions of a 300-article run (callgrind, `bench.ts --child`). One or a few edited articles still
 * never load it.
 */
const BUNDLE_AFTER = 4;

export type StreamEvent = { article: AnalyzedArticle; fromCache: boolean } | { problem: CorpusProblem };

/**
 * The corpus as an asynchronous stream of analysed articles (in corpus order)
 * and problems, spread over worker threads. At most a few batches per worker
 * are in flight, so memory stays flat however long the corpus is; the
 * articles yielded are store-backed (see `storedArticle`). `store` must stay
 * open while the articles are used.
 */
export async function* analyzeStream(dir: string, store: Store, options: AnalyzeOptions = {}): AsyncGenerator<StreamEvent> {
  const workers = options.workers ?? defaultWorkers();
  // started on the first article that needs analysing: a warm run never pays for worker start-up
  // and the first few run in this thread: one edited article is done before a worker could start
  let pool: WorkerPool | undefined;
  let jobsSeen = 0;
  // jobs this thread analyses alone before the pool starts (it repays its start-up only on longer runs); the
  // engine bundle loads sooner (`BUNDLE_AFTER`)
  const inThreadFirst = options.inThreadFirst ?? IN_THREAD_FIRST;
  const batchSize = options.batch ?? 8;
  const timing = !!options.timing;
  type Outcome = { pending: Pending; r: ReturnType<typeof finish> } | { problem: CorpusProblem };
  const queue: Promise<Outcome[]>[] = [];
  let batch: (Pending | { problem: CorpusProblem })[] = [];
  let jobsInBatch = 0;
  // in this thread alone nothing runs ahead: a batch is drained as soon as it is analysed, so its results die young
  // (held while 4 more batches ran, they outlived two scavenges and were promoted, to be marked and compacted later)
  const maxInFlight = workers > 1 ? Math.max(2, workers * 4) : 0;
  const dedupe = idDeduper();
  let yielded = 0;
  const dispatch = () => {
    const jobs = batch.flatMap((p) => ("job" in p && p.job ? [p.job] : []));
    jobsSeen += jobs.length;
    // `inThreadFirst: 0` asks for worker threads only; otherwise this thread is one of the `workers` analysing
    if (jobsSeen > inThreadFirst && workers > 1) pool ??= new WorkerPool(workers, { caller: options.inThreadFirst !== 0, runInThread: (j, t) => run(j, t) });
    const results = jobs.length === 0 ? Promise.resolve([]) : pool ? pool.run(jobs, timing) : Promise.resolve(jobs.map((j) => run(j, timing)));
    // stored as soon as they arrive, not when their turn comes: a batch waiting behind slower ones would hold
    // its results' bytes (~25 kB an article) through scavenges into old space. Only the small
    // store-backed articles wait; they are yielded in corpus order.
    const items = batch;
    queue.push(results.then((res) => {
      let k = 0;
      return items.map((p): Outcome => {
        if ("problem" in p && !("source" in p)) return p;
        const pending = p as Pending;
        return { pending, r: finish(store, pending, pending.job ? res[k++] : undefined, options.timing) };
      });
    }));
    batch = [];
    jobsInBatch = 0;
  };
  async function* drain(all: boolean): AsyncGenerator<StreamEvent> {
    while (queue.length && (all || queue.length > maxInFlight)) {
      const outcomes = await queue.shift()!;
      for (const o of outcomes) {
        if (!("pending" in o)) { yield o; continue; }
        const { pending, r } = o;
        if ("problem" in r) { yield r; continue; }
        dedupe(r.article);
        if (++yielded % LOOK_EVERY === 0) collectIfGrown();
        yield { article: r.article, fromCache: !pending.job };
      }
    }
  }
  // `runJob` as this thread runs it: the sources', then, once the run is past its first few jobs, the
  // engine bundle's (`in-thread.ts`; the results are the same). A short run (one edited article, a preview)
  // never loads it. Awaited where it is needed: files are read synchronously, so a load left to the event
  // loop would only finish with the run.
  let run: RunJob = runJob;
  let runLoaded = false;
  try {
    for await (const ev of streamCorpus(dir, options.shard) as AsyncGenerator<SourceEvent>) {
      if ("problem" in ev) batch.push(ev);
      else {
        const p = prepare(store, ev.source);
        batch.push(p);
        if (p.job) jobsInBatch++;
      }
      if (jobsInBatch >= batchSize || batch.length >= 256) dispatch();
      if (!runLoaded && jobsSeen > Math.min(inThreadFirst, BUNDLE_AFTER)) (run = await inThreadRunJob()), (runLoaded = true);
      yield* drain(false);
    }
    dispatch();
    yield* drain(true);
  } finally {
    await pool?.close();
    store.flush();
  }
}

/** `analyzeCorpus` over worker threads (all cores by default); same result, in the same order. */
export async function analyzeCorpusAsync(dir: string = DEFAULT_CORPUS, options: AnalyzeOptions = {}): Promise<CorpusAnalysis> {
  const { store, cleanup } = openStore(options.cache, options.verify);
  const out: CorpusAnalysis = { articles: [], problems: [], analysed: 0, cached: 0 };
  try {
    for await (const ev of analyzeStream(dir, store, options)) {
      if ("problem" in ev) { out.problems.push(ev.problem); continue; }
      out.articles.push(ev.article);
      if (ev.fromCache) out.cached++;
      else out.analysed++;
      options.onProgress?.({ done: out.articles.length, analysed: out.analysed, cached: out.cached });
    }
  } finally {
    cleanup();
  }
  return out;
}
