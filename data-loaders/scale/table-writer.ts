import { closeSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { csvFormatBody, csvFormatRows } from "d3";
import { fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import type { Row, TableContext, TableSpec } from "../table.ts";
import type { AnalyzedArticle, CorpusProblem } from "../types.ts";
import { articleFromHandle, articleHandle, collectIfGrown, type ArticleHandle } from "../pipeline.ts";
import { CacheEntryError } from "./store.ts";
import { csvSafeRows } from "../csv-safe.ts";

/**
 * Writing tables without holding them: rows arrive in chunks (a hundred
 * articles at a time) and go straight to JSON, CSV and Parquet files. The
 * JSON is byte-for-byte `JSON.stringify(rows)` of the table's rows, article by
 * article in corpus order, whatever the chunk size; CSV takes its columns from
 * the first rows (tables are flat and regular).
 */

export type Format = "json" | "csv" | "parquet";
export const FORMATS: Format[] = ["json", "csv", "parquet"];

interface Sink { write(rows: Row[]): void; close(): void; abort?(): void }

/**
 * Every output file is written under a temporary name in the same folder and
 * renamed over the real name when the run finishes: a run killed half-way
 * leaves the previous complete tables (or none), never half a table.
 */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

const TEMPORARY = /^\..+\.(\d+)\.tmp$/;

/** Temporary outputs of runs that were killed (their process is gone). */
function removeStaleTemporaries(dir: string): void {
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const n of names) {
    const m = TEMPORARY.exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") rmSync(join(dir, n), { force: true });
    }
  }
}

class FileOut {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(path: string) { this.fd = openSync(path, "w"); }
  put(s: string) {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf.length) writeSync(this.fd, this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }
  close() { this.flush(); closeSync(this.fd); }
}

class JsonSink implements Sink {
  private out: FileOut;
  private first = true;
  constructor(path: string) { this.out = new FileOut(path); this.out.put("["); }
  write(rows: Row[]) {
    for (const r of rows) {
      this.out.put(this.first ? JSON.stringify(r) : "," + JSON.stringify(r));
      this.first = false;
    }
  }
  close() { this.out.put("]"); this.out.close(); }
}

class CsvSink implements Sink {
  private out: FileOut;
  private columns: string[] | undefined;
  constructor(path: string) { this.out = new FileOut(path); }
  write(rows: Row[]) {
    if (!rows.length) return;
    if (!this.columns) {
      const seen = new Set<string>();
      for (const r of rows) for (const k in r) seen.add(k);
      this.columns = [...seen];
      this.out.put(csvFormatRows([this.columns]) + "\n");
    }
    this.out.put((csvFormatBody as (rows: object[], columns: string[]) => string)(csvSafeRows(rows), this.columns) + "\n");
  }
  // d3's csvFormat of no rows is "" (then our "\n")
  close() { if (!this.columns) this.out.put("\n"); this.out.close(); }
}

type ParquetType = "STRING" | "DOUBLE" | "BOOLEAN";

/** Parquet via hyparquet-writer: one row group per chunk of rows, column types from the first rows. */
class ParquetSink implements Sink {
  private writer: ParquetWriter | undefined;
  private columns: { name: string; type: ParquetType }[] | undefined;
  private pending: Row[] = [];
  constructor(private path: string) {}
  write(rows: Row[]) {
    for (const r of rows) this.pending.push(r);
    if (this.pending.length >= 50_000) this.flush();
  }
  private flush() {
    if (!this.pending.length) return;
    const rows = this.pending;
    this.pending = [];
    if (!this.columns) {
      const types = new Map<string, ParquetType | undefined>();
      for (const r of rows) for (const [k, v] of Object.entries(r)) {
        if (v === null || v === undefined) { if (!types.has(k)) types.set(k, undefined); continue; }
        const t: ParquetType = typeof v === "number" ? "DOUBLE" : typeof v === "boolean" ? "BOOLEAN" : "STRING";
        const had = types.get(k);
        types.set(k, had === undefined || had === t ? t : "STRING");
      }
      this.columns = [...types].map(([name, type]) => ({ name, type: type ?? "STRING" }));
    }
    const columnData = this.columns.map(({ name, type }) => ({
      name,
      type,
      data: rows.map((r) => {
        const v = r[name];
        if (v === null || v === undefined) return null;
        if (type === "STRING") return typeof v === "string" ? v : String(v);
        if (type === "DOUBLE") return typeof v === "number" ? v : Number(v);
        return Boolean(v);
      }),
    }));
    if (!this.writer) this.writer = new ParquetWriter({ writer: fileWriter(this.path), schema: schemaFromColumnData({ columnData }), createdBy: "framelens" });
    this.writer.write({ columnData, rowGroupSize: rows.length });
  }
  close() {
    this.flush();
    if (!this.writer) {
      // an empty table: one all-string column so that readers still see a valid file
      this.writer = new ParquetWriter({ writer: fileWriter(this.path), schema: schemaFromColumnData({ columnData: [{ name: "empty", type: "STRING", data: [] }] }) });
    }
    this.writer.finish();
  }
}

/** A sink that writes `<dir>/<table>.<format>` under a temporary name and moves it into place on close. */
export function openSink(dir: string, table: string, format: Format): Sink {
  const path = join(dir, `${table}.${format}`);
  const tmp = temporaryPath(path);
  const sink = format === "json" ? new JsonSink(tmp) : format === "csv" ? new CsvSink(tmp) : new ParquetSink(tmp);
  return {
    write: (rows) => sink.write(rows),
    close: () => {
      sink.close();
      renameSync(tmp, path);
    },
    abort: () => {
      try { sink.close(); } catch { /* half-written anyway */ }
      rmSync(tmp, { force: true });
    },
  };
}

/** Whether a table's rows can be built article by article (declared, or: every row names its article). */
type Scope = "article" | "corpus" | undefined;
function declaredScope(spec: TableSpec): Scope {
  const s = (spec as { scope?: string }).scope;
  return s === "article" || s === "corpus" ? s : undefined;
}

/**
 * Builds and writes the chosen tables while articles stream by. A table whose
 * rows all carry an `articleId` is taken to be built article by article (so
 * building it per chunk and concatenating gives the same rows) and is written
 * chunk by chunk; any other table (cross-article comparisons, registries) is
 * built once at the end over all articles, which stay store-backed and light.
 * A table may declare `scope: "article" | "corpus"` to say so itself. A
 * corpus table with a `reduce` folds each chunk into its own small state
 * instead (actors, fact_comparison, corpus_health): when every corpus table
 * that reads the articles does, no article is kept past its chunk.
 */
export class TableWriter {
  private scopes = new Map<string, Scope>();
  private sinks = new Map<string, Sink[]>();
  private chunk: AnalyzedArticle[] = [];
  /** whether a table's build read `ctx.articles` (tables such as frame definitions or problems do not) */
  private readsArticles = new Map<string, boolean>();
  /**
   * Every article so far, as compact handles, for the tables that need the
   * whole corpus at the end; dropped as soon as no table can need it (then
   * memory does not grow with the corpus).
   */
  private all: (ArticleHandle | AnalyzedArticle)[] | undefined = [];
  /** the running state of each corpus table that folds chunk by chunk (`TableSpec.reduce`) instead of reading `all` */
  private reduced = new Map<string, unknown>();
  /** reducing tables whose `add` threw: no rows, and no call for the whole corpus either */
  private failed = new Set<string>();
  readonly counts: Record<string, number> = {};
  readonly errors: { table: string; message: string }[] = [];

  /**
   * `chunkSize`: articles whose per-article rows are built at once. 100, not 500: every table's rows of a
   * chunk are alive together, and at 500 they set the peak (4,000 articles, all per-article tables: 602 → 472 MB),
   * at no cost in speed.
   */
  constructor(private tables: TableSpec[], private dir: string, private formats: Format[], private chunkSize = 100) {
    removeStaleTemporaries(dir);
    for (const t of tables) {
      this.scopes.set(t.name, declaredScope(t));
      this.sinks.set(t.name, formats.map((f) => openSink(dir, t.name, f)));
      this.counts[t.name] = 0;
      if (t.reduce) this.reduced.set(t.name, t.reduce.init());
    }
    if (!this.needsAll()) this.all = undefined;
  }

  private emit(name: string, rows: Row[]) {
    this.counts[name] += rows.length;
    for (const s of this.sinks.get(name)!) s.write(rows);
  }

  private build(t: TableSpec, ctx: TableContext): Row[] | undefined {
    const seen: TableContext = {
      get articles() { return (reads = true), ctx.articles; },
      problems: ctx.problems,
    };
    let reads = false;
    try {
      return t.build(seen);
    } catch (e) {
      if (e instanceof CacheEntryError) throw e; // not the table's fault: the run starts over (see scripts/analyze.ts)
      this.errors.push({ table: t.name, message: (e as Error).message });
      this.scopes.set(t.name, "corpus");
      return undefined;
    } finally {
      this.readsArticles.set(t.name, (this.readsArticles.get(t.name) ?? false) || reads);
    }
  }

  /** One chunk into a reducing table's state; a table that fails gives no rows (its error is reported). */
  private reduce(t: TableSpec, articles: AnalyzedArticle[]): void {
    try {
      t.reduce!.add(this.reduced.get(t.name), articles);
    } catch (e) {
      if (e instanceof CacheEntryError) throw e;
      this.errors.push({ table: t.name, message: (e as Error).message });
      this.reduced.delete(t.name);
      this.failed.add(t.name);
    }
  }

  /** Whether some table still to be built at the end may read the articles. */
  private needsAll(): boolean {
    return this.tables.some((t) => !this.reduced.has(t.name) && !this.failed.has(t.name) && this.scopes.get(t.name) !== "article" && this.readsArticles.get(t.name) !== false);
  }

  add(article: AnalyzedArticle): void {
    this.chunk.push(article);
    this.all?.push(articleHandle(article) ?? article);
    if (this.chunk.length >= this.chunkSize) this.flushChunk();
  }

  private flushChunk(): void {
    if (!this.chunk.length) return;
    const ctx: TableContext = { articles: this.chunk, problems: [] };
    let position: Map<unknown, number> | undefined;
    for (const t of this.tables) {
      if (this.reduced.has(t.name)) {
        this.reduce(t, this.chunk);
        continue;
      }
      const scope = this.scopes.get(t.name);
      if (scope === "corpus" || this.errors.some((e) => e.table === t.name)) continue;
      const rows = this.build(t, ctx);
      if (!rows) continue;
      if (scope === undefined) {
        if (!rows.length) continue; // undecided until a chunk yields rows
        const perArticle = rows.every((r) => typeof r.articleId === "string");
        this.scopes.set(t.name, perArticle ? "article" : "corpus");
        if (!perArticle) continue;
      }
      // Article by article, in corpus order (a stable sort keeps each article's own row order): a table
      // that orders its rows by level first (tone_summary) would otherwise come out in an order that
      // depends on where the chunks happen to start.
      position ??= new Map(this.chunk.map((a, i) => [(articleHandle(a)?.stored.meta ?? a.doc.meta).id, i]));
      const at = (r: Row) => position!.get(r.articleId) ?? -1;
      rows.sort((a, b) => at(a) - at(b));
      this.emit(t.name, rows);
    }
    this.chunk = [];
    if (this.all && !this.needsAll()) this.all = undefined;
    collectIfGrown(); // a chunk's rows are garbage now
  }

  /** The whole corpus for a table built at the end: articles made from their handles as the table reads them. */
  private corpus(): AnalyzedArticle[] {
    const all = this.all ?? [];
    const at = (i: number) => {
      const h = all[i];
      return h && "stored" in h && "keys" in h ? articleFromHandle(h as ArticleHandle) : (h as AnalyzedArticle);
    };
    return new Proxy(all as unknown as AnalyzedArticle[], {
      get(target, prop, receiver) {
        if (typeof prop === "string" && /^(0|[1-9]\d*)$/.test(prop)) return at(Number(prop));
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  /** Close and remove every temporary output, leaving the previous tables in place. */
  abort(): void {
    for (const sinks of this.sinks.values()) for (const s of sinks) s.abort?.();
    this.sinks.clear();
  }

  /** Build the corpus-wide tables, close every file; returns row counts. */
  finish(problems: CorpusProblem[]): Record<string, number> {
    this.flushChunk();
    for (const t of this.tables) {
      if (this.failed.has(t.name)) continue;
      if (this.reduced.has(t.name)) {
        let rows: Row[] = [];
        try {
          rows = t.reduce!.finish(this.reduced.get(t.name), { problems });
        } catch (e) {
          if (e instanceof CacheEntryError) throw e;
          this.errors.push({ table: t.name, message: (e as Error).message });
        }
        this.reduced.delete(t.name);
        this.emit(t.name, rows);
        collectIfGrown();
        continue;
      }
      const scope = this.scopes.get(t.name);
      if (scope === "article") continue;
      if (scope === undefined && this.counts[t.name] > 0) continue;
      const rows = this.build(t, { articles: this.corpus(), problems }) ?? [];
      this.counts[t.name] = 0;
      this.emit(t.name, rows);
      collectIfGrown(); // one corpus table's working rows are garbage before the next is built
    }
    for (const sinks of this.sinks.values()) for (const s of sinks) s.close();
    return this.counts;
  }
}
