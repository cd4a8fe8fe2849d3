import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { ARTICLE_EXTENSIONS, corpusEntries, isReadableArticle, readCorpusSync, type SourceItem } from "./corpus-stream.ts";
import { decodeArticleBytes } from "./decode.ts";
import { articleIdFromFile, parseArticle } from "./parse.ts";
import type { CorpusProblem } from "./types.ts";

export { ARTICLE_EXTENSIONS };

/** One article's decoded source, not yet parsed. */
export type SourceFile = SourceItem;

export interface CorpusListing {
  files: SourceFile[];
  problems: CorpusProblem[];
}

/**
 * Every article source under `dir` (article files recursively, sorted by
 * path, and rows of JSONL/CSV files), decoded. Files that are not articles are
 * reported in `problems`, not dropped. The eager form of `readCorpusSync`.
 */
export function readCorpusFiles(dir: string): CorpusListing {
  const listing: CorpusListing = { files: [], problems: [] };
  for (const ev of readCorpusSync(dir)) {
    if ("problem" in ev) listing.problems.push(ev.problem);
    else listing.files.push(ev.source);
  }
  return listing;
}

/** Article files under `dir` that will be analysed (skipped ones have no page), sorted by path ([] when the folder is missing). */
function articlePaths(dir: string): string[] {
  try {
    return corpusEntries(dir).files.filter((p) => ARTICLE_EXTENSIONS.has(extname(p).toLowerCase()) && isReadableArticle(dir, p));
  } catch {
    return [];
  }
}

/** Ids from file names, with `-2`, `-3` for later files that slug alike (the rule `analyzeCorpus` applies). */
function idsOf(paths: string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((p) => {
    const base = articleIdFromFile(p);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base}-${n}` : base;
  });
}

/**
 * The ids the corpus's article files will get, without reading or analysing
 * them (for the site's page list).
 */
export function articleIds(dir: string): string[] {
  return idsOf(articlePaths(dir));
}

/** Each article file that will be analysed, with the id it gets (`articleIds`), in corpus order. */
export function articleFiles(dir: string): { id: string; file: string }[] {
  const paths = articlePaths(dir);
  return idsOf(paths).map((id, i) => ({ id, file: paths[i] }));
}

/** Id and title of the first `limit` article files, for the site's navigation (parses, does not analyse). */
export function articleTitles(dir: string, limit = 50): { id: string; title: string }[] {
  const paths = articlePaths(dir);
  return idsOf(paths)
    .slice(0, limit)
    .map((id, i) => ({ id, title: titleOf(join(dir, paths[i]), paths[i]) || id }));
}

function titleOf(path: string, file: string): string {
  try {
    const { text, encoding } = decodeArticleBytes(readFileSync(path));
    return parseArticle(file, text, encoding).meta.title;
  } catch {
    return ""; // reported by the analysis; the id stands in for the title
  }
}
