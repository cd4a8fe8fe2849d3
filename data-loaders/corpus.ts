import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { decodeArticleBytes, NotTextError } from "./decode.ts";
import type { CorpusProblem } from "./types.ts";

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
