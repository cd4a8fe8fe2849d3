import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { createHash } from "node:crypto";
import { decodeArticleBytes, NotTextError } from "./decode.ts";
import { articleIdFromFile, parseArticle } from "./parse.ts";
import type { CorpusProblem } from "./types.ts";

/**
 * Corpora as streams: a folder of article files, and/or JSON Lines and CSV
 * files with one article per line/row (fields `id, title, outlet, author,
 * date, url, lang, text`). Rows are read one by one, so memory does not grow
 * with the size of the file. A row's article id is its `id` field, else
 * `<file>-<line>`; a bad row is reported as a problem with file and line and
 * the rest are read.
 */

/** File extensions read as one article each. */
export const ARTICLE_EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** File extensions holding many articles, one per line (JSONL) or row (CSV). */
export const ROW_EXTENSIONS = new Set([".jsonl", ".ndjson", ".csv"]);

/** One article's source, ready to analyse. */
export interface SourceItem {
  /** file name relative to the corpus (for rows: `<file>:<line>`) */
  file: string;
  /** decoded text (for rows: Markdown with front matter built from the fields) */
  text: string;
  encoding: string;
  /** the id to give the article (rows); files get theirs from the file name */
  id?: string;
  /** file name to parse the text as (decides Markdown vs plain text) */
  parseAs?: string;
}

export type SourceEvent = { source: SourceItem } | { problem: CorpusProblem };

const FIELDS = ["title", "outlet", "author", "date", "url", "lang"] as const;

/** `[k, n]`: keep the k-th (1-based) of n slices, assigned by a hash of the article's key. */
export type Shard = [k: number, n: number];

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new Error(`--shard expects k/n (e.g. 2/8), got "${spec}"`);
  const k = Number(m[1]), n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) throw new Error(`--shard ${spec}: need 1 ≤ k ≤ n`);
  return [k, n];
}

/** Stable shard of a key (file path or row id): FNV-1a would do; sha1 keeps it obviously uniform. */
export function shardOf(key: string, n: number): number {
  return (createHash("sha1").update(key).digest().readUInt32BE(0) % n) + 1;
}

const inShard = (key: string, shard?: Shard) => !shard || shard[1] === 1 || shardOf(key, shard[1]) === shard[0];

/** A row (already split into fields) as an article source, or a problem. */
export function rowToSource(file: string, line: number, row: unknown): SourceEvent {
  const where = `${file}:${line}`;
  if (!row || typeof row !== "object" || Array.isArray(row)) return { problem: { file: where, message: "skipped: not an object with article fields" } };
  const r = row as Record<string, unknown>;
  const text = typeof r.text === "string" ? r.text : r.text == null ? "" : String(r.text);
  if (!text.trim()) return { problem: { file: where, message: "skipped: empty or missing \"text\" field" } };
  const id = r.id != null && String(r.id).trim() !== "" ? String(r.id).trim() : `${articleIdFromFile(file)}-${line}`;
  const front = FIELDS.filter((k) => r[k] != null && String(r[k]).trim() !== "")
    .map((k) => `${k}: ${JSON.stringify(String(r[k]).trim())}`)
    .join("\n");
  return { source: { file: where, text: `---\n${front}\n---\n\n${text}`, encoding: "utf-8", id, parseAs: `${where}.md` } };
}

/** Parse one JSONL line. */
function jsonlRow(file: string, line: number, raw: string): SourceEvent | undefined {
  if (!raw.trim()) return undefined;
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (e) {
    return { problem: { file: `${file}:${line}`, message: `skipped: not valid JSON (${(e as Error).message})` } };
  }
  return rowToSource(file, line, row);
}

/**
 * A streaming CSV (RFC 4180) record splitter: feed chunks, get records with
 * the line each one starts on. Quoted fields may hold commas, quotes ("") and
 * line breaks.
 */
export class CsvSplitter {
  private field = "";
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private fieldStarted = false;

  *push(chunk: string): Generator<{ line: number; fields: string[] }> {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.quoted) {
        if (c === '"') { this.quoted = false; this.afterQuote = true; } // closing, or the first of "" (decided by the next char)
        else {
          if (c === "\n") this.line++;
          this.field += c;
        }
        continue;
      }
      if (this.afterQuote && c === '"') { this.field += '"'; this.quoted = true; this.afterQuote = false; continue; }
      this.afterQuote = false;
      if (c === '"' && !this.fieldStarted) { this.quoted = true; this.fieldStarted = true; }
      else if (c === ",") { this.record.push(this.field); this.field = ""; this.fieldStarted = false; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && chunk[i + 1] === "\n") i++;
        this.record.push(this.field);
        const out = { line: this.recordLine, fields: this.record };
        this.field = ""; this.record = []; this.fieldStarted = false;
        this.line++;
        this.recordLine = this.line;
        if (out.fields.length > 1 || out.fields[0] !== "") yield out;
      } else { this.field += c; this.fieldStarted = true; }
    }
  }

  *end(): Generator<{ line: number; fields: string[] }> {
    if (this.fieldStarted || this.record.length) {
      this.record.push(this.field);
      yield { line: this.recordLine, fields: this.record };
    }
    this.record = []; this.field = ""; this.fieldStarted = false;
  }
}

function csvRows(file: string, header: string[] | undefined, rec: { line: number; fields: string[] }): SourceEvent {
  const row: Record<string, string> = {};
  header!.forEach((h, i) => (row[h] = rec.fields[i] ?? ""));
  if (rec.fields.length !== header!.length) {
    return { problem: { file: `${file}:${rec.line}`, message: `skipped: ${rec.fields.length} fields, header has ${header!.length}` } };
  }
  return rowToSource(file, rec.line, row);
}

const normHeader = (h: string[]) => h.map((x) => x.replace(/^\uFEFF/, "").trim().toLowerCase());

/** Rows of one JSONL/CSV file, streamed (constant memory). */
export async function* streamRows(path: string, file: string, shard?: Shard): AsyncGenerator<SourceEvent> {
  const csv = extname(path).toLowerCase() === ".csv";
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const emit = (ev: SourceEvent | undefined) => (ev && "source" in ev && !inShard(ev.source.id!, shard) ? undefined : ev);
  if (csv) {
    const splitter = new CsvSplitter();
    let header: string[] | undefined;
    for await (const chunk of stream) {
      for (const rec of splitter.push(chunk as string)) {
        if (!header) { header = normHeader(rec.fields); continue; }
        const ev = emit(csvRows(file, header, rec));
        if (ev) yield ev;
      }
    }
    for (const rec of splitter.end()) {
      if (!header) { header = normHeader(rec.fields); continue; }
      const ev = emit(csvRows(file, header, rec));
      if (ev) yield ev;
    }
    return;
  }
  let rest = "";
  let line = 0;
  for await (const chunk of stream) {
    const parts = (rest + (chunk as string)).split("\n");
    rest = parts.pop()!;
    for (const raw of parts) {
      const ev = emit(jsonlRow(file, ++line, raw));
      if (ev) yield ev;
    }
  }
  if (rest) {
    const ev = emit(jsonlRow(file, ++line, rest));
    if (ev) yield ev;
  }
}

/** The same rows, read synchronously (for `analyzeCorpus`, which is synchronous). */
export function readRowsSync(path: string, file: string, shard?: Shard): SourceEvent[] {
  const text = readFileSync(path, "utf8");
  const out: SourceEvent[] = [];
  const keep = (ev: SourceEvent | undefined) => {
    if (ev && !("source" in ev && !inShard(ev.source.id!, shard))) out.push(ev);
  };
  if (extname(path).toLowerCase() === ".csv") {
    const splitter = new CsvSplitter();
    let header: string[] | undefined;
    for (const rec of [...splitter.push(text), ...splitter.end()]) {
      if (!header) header = normHeader(rec.fields);
      else keep(csvRows(file, header, rec));
    }
  } else {
    text.split("\n").forEach((raw, i) => keep(jsonlRow(file, i + 1, raw)));
  }
  return out;
}

function walk(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, out);
    else out.push(relative(root, path));
  }
}

/** Every file under a corpus folder (sorted), or the one file when `path` is a JSONL/CSV file. */
export function corpusEntries(path: string): { root: string; files: string[] } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new Error(`corpus folder not found: ${path}`);
  }
  if (stat.isFile() && ROW_EXTENSIONS.has(extname(path).toLowerCase())) return { root: join(path, ".."), files: [basename(path)] };
  if (!stat.isDirectory()) throw new Error(`not a folder: ${path}`);
  const files: string[] = [];
  walk(path, path, files);
  return { root: path, files: files.sort() };
}

function readArticleFile(root: string, file: string): SourceEvent {
  try {
    const bytes = readFileSync(join(root, file));
    if (bytes.length === 0) return { problem: { file, message: "skipped: empty file (0 bytes)" } };
    const { text, encoding } = decodeArticleBytes(bytes);
    if (!/\S/u.test(text)) return { problem: { file, message: `skipped: only whitespace (${bytes.length} bytes, no text)` } };
    return { source: { file, text, encoding } };
  } catch (e) {
    const reason = e instanceof NotTextError ? e.message : `could not be read: ${(e as Error).message}`;
    return { problem: { file, message: `skipped: ${reason}` } };
  }
}

/**
 * Whether an article file will be analysed (not skipped as empty, binary or
 * unparseable): the site makes a page only for those, since a page for a
 * skipped file has no data to show and would fail the build.
 */
export function isReadableArticle(root: string, file: string): boolean {
  // the site's config asks for every file, more than once per build: remember the answer while the file is unchanged
  const path = join(root, file);
  let stamp = "";
  try {
    const st = statSync(path);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return false;
  }
  const known = readable.get(path);
  if (known && known.stamp === stamp) return known.ok;
  const ev = readArticleFile(root, file);
  let ok = !("problem" in ev);
  if (ok) {
    try {
      parseArticle(file, (ev as { source: SourceItem }).source.text, (ev as { source: SourceItem }).source.encoding);
    } catch {
      ok = false;
    }
  }
  readable.set(path, { stamp, ok });
  return ok;
}
const readable = new Map<string, { stamp: string; ok: boolean }>();

const notArticle = (file: string): SourceEvent => ({
  problem: { file, message: `skipped: not an article file (expected ${[...ARTICLE_EXTENSIONS, ...ROW_EXTENSIONS].join(", ")})` },
});

/**
 * Every article source of a corpus, in a stable order (files sorted by path;
 * rows in file order), as a stream. With `shard`, only the articles of that
 * slice (article files by path, rows by id).
 */
export async function* streamCorpus(path: string, shard?: Shard): AsyncGenerator<SourceEvent> {
  const { root, files } = corpusEntries(path);
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (ROW_EXTENSIONS.has(ext)) yield* streamRows(join(root, file), file, shard);
    else if (!ARTICLE_EXTENSIONS.has(ext)) yield notArticle(file);
    else if (inShard(file, shard)) yield readArticleFile(root, file);
  }
}

/** The same, synchronously. */
export function* readCorpusSync(path: string, shard?: Shard): Generator<SourceEvent> {
  const { root, files } = corpusEntries(path);
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (ROW_EXTENSIONS.has(ext)) yield* readRowsSync(join(root, file), file, shard);
    else if (!ARTICLE_EXTENSIONS.has(ext)) yield notArticle(file);
    else if (inShard(file, shard)) yield readArticleFile(root, file);
  }
}
