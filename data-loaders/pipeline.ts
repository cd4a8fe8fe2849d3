import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCorpusFiles, type SourceFile } from "./corpus.ts";
import { buildDoc } from "./doc.ts";
import { ArticleFormatError } from "./parse.ts";
import { STAGES } from "./stages/index.ts";
import type { AnalyzedArticle, CorpusProblem, Doc } from "./types.ts";

const ENGINE_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(ENGINE_DIR, "..");
export const DEFAULT_CORPUS = process.env.FRAMELENS_CORPUS ?? join(PROJECT_ROOT, "corpus");
export const DEFAULT_CACHE = process.env.FRAMELENS_CACHE ?? join(PROJECT_ROOT, ".cache", "analysis");

let engineHashMemo: string | undefined;

/**
 * A hash of everything the engine reads besides the article: its code and its
 * data files (lexicons, dictionaries, registry). Any edit under
 * `data-loaders/` therefore invalidates the cache.
 */
export function engineHash(): string {
  if (engineHashMemo) return engineHashMemo;
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json|csv|tsv|txt)$/.test(e.name)) files.push(p);
    }
  };
  walk(ENGINE_DIR);
  for (const f of files.sort()) hash.update(f.slice(ENGINE_DIR.length)).update("\0").update(readFileSync(f)).update("\0");
  return (engineHashMemo = hash.digest("hex").slice(0, 16));
}

export function articleHash(source: SourceFile): string {
  return createHash("sha256")
    .update(engineHash()).update("\0")
    .update(source.file).update("\0")
    .update(source.text)
    .digest("hex")
    .slice(0, 24);
}

/** Run every stage over a document. */
export function analyzeDoc(doc: Doc, hash = ""): AnalyzedArticle {
  const stages: Record<string, unknown> = {};
  for (const stage of STAGES) stages[stage.name] = stage.run(doc, stages);
  return { doc, hash, stages };
}

/** Parse, segment and analyse one decoded source file. */
export function analyzeSource(source: SourceFile): AnalyzedArticle {
  return analyzeDoc(buildDoc(source.file, source.text, source.encoding), articleHash(source));
}

export interface AnalyzeOptions {
  /** cache folder; `false` disables the cache */
  cache?: string | false;
}

export interface CorpusAnalysis {
  articles: AnalyzedArticle[];
  problems: CorpusProblem[];
  /** how many articles were analysed now vs read from the cache */
  analysed: number;
  cached: number;
}

function readCache(dir: string, hash: string): AnalyzedArticle | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${hash}.json`), "utf8")) as AnalyzedArticle;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, article: AnalyzedArticle): void {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${article.hash}.json`);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(article));
  renameSync(tmp, target); // atomic: loaders running side by side never read half a file
}

/** Article ids are unique: a second file slugging to the same id gets a suffix. */
function dedupeIds(articles: AnalyzedArticle[]): void {
  const seen = new Map<string, number>();
  for (const a of articles) {
    const base = a.doc.meta.id;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) a.doc.meta.id = `${base}-${n}`;
  }
}

/**
 * Analyse every article under `dir`. Results are cached on disk by content
 * hash (article source + engine), so that loaders share one analysis and an
 * unchanged corpus is not analysed again. A bad article is reported in
 * `problems` and never stops the rest.
 */
export function analyzeCorpus(dir: string = DEFAULT_CORPUS, options: AnalyzeOptions = {}): CorpusAnalysis {
  const cacheDir = options.cache === undefined ? DEFAULT_CACHE : options.cache;
  const { files, problems } = readCorpusFiles(dir);
  const articles: AnalyzedArticle[] = [];
  let analysed = 0;
  let cached = 0;
  for (const source of files) {
    const hash = articleHash(source);
    const hit = cacheDir ? readCache(cacheDir, hash) : undefined;
    if (hit) {
      articles.push(hit);
      cached++;
      continue;
    }
    try {
      const article = analyzeSource(source);
      if (cacheDir) writeCache(cacheDir, article);
      articles.push(article);
      analysed++;
    } catch (e) {
      const message = e instanceof ArticleFormatError ? e.message : `analysis failed: ${(e as Error).stack ?? e}`;
      problems.push({ file: source.file, message: `skipped: ${message}` });
    }
  }
  dedupeIds(articles);
  return { articles, problems, analysed, cached };
}
