import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { decodeArticleBytes, NotTextError } from "./decode.ts";
import type { CorpusProblem } from "./types.ts";
import { articleIdFromFile, parseArticle } from "./parse.ts";

/** File extensions read as articles. */
export const ARTICLE_EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** One article file's decoded source, not yet parsed. */
export interface SourceFile {
  file: string;
  text: string;
  encoding: string;
}

export interface CorpusListing {
  files: SourceFile[];
  problems: CorpusProblem[];
}

function walk(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, out);
    else out.push(relative(root, path));
  }
}

/**
 * List and decode every article file under `dir` (recursively, sorted by
 * path). Files that are not articles are reported in `problems`, not dropped.
 */
export function readCorpusFiles(dir: string): CorpusListing {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new Error(`corpus folder not found: ${dir}`);
  }
  if (!stat.isDirectory()) throw new Error(`not a folder: ${dir}`);
  const paths: string[] = [];
  walk(dir, dir, paths);
  paths.sort();
  const files: SourceFile[] = [];
  const problems: CorpusProblem[] = [];
  for (const file of paths) {
    if (!ARTICLE_EXTENSIONS.has(extname(file).toLowerCase())) {
      problems.push({ file, message: `skipped: not an article file (expected ${[...ARTICLE_EXTENSIONS].join(", ")})` });
      continue;
    }
    try {
      const { text, encoding } = decodeArticleBytes(readFileSync(join(dir, file)));
      files.push({ file, text, encoding });
    } catch (e) {
      const reason = e instanceof NotTextError ? e.message : `could not be read: ${(e as Error).message}`;
      problems.push({ file, message: `skipped: ${reason}` });
    }
  }
  return { files, problems };
}

/**
 * The ids the corpus's articles will get, without reading or analysing them
 * (for the site's page list). Mirrors the id rules of `analyzeCorpus`.
 */
export function articleIds(dir: string): string[] {
  const paths: string[] = [];
  try {
    walk(dir, dir, paths);
  } catch {
    return [];
  }
  const seen = new Map<string, number>();
  return paths
    .sort()
    .filter((p) => ARTICLE_EXTENSIONS.has(extname(p).toLowerCase()))
    .map((p) => {
      const base = articleIdFromFile(p);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return n > 1 ? `${base}-${n}` : base;
    });
}

/** Id and title of the first `limit` articles, for the site's navigation (parses, does not analyse). */
export function articleTitles(dir: string, limit = 50): { id: string; title: string }[] {
  const ids = articleIds(dir);
  let listing: CorpusListing;
  try {
    listing = readCorpusFiles(dir);
  } catch {
    return [];
  }
  const titles = new Map<string, string>();
  for (const f of listing.files.slice(0, limit)) {
    try {
      titles.set(f.file, parseArticle(f.file, f.text, f.encoding).meta.title);
    } catch {
      /* reported by the analysis; the id stands in for the title */
    }
  }
  const paths: string[] = [];
  walk(dir, dir, paths);
  const articlePaths = paths.sort().filter((p) => ARTICLE_EXTENSIONS.has(extname(p).toLowerCase()));
  return ids.slice(0, limit).map((id, i) => ({ id, title: titles.get(articlePaths[i]) || id }));
}
