import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { csvFormatBody, csvFormatRows } from "d3";
import { fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import type { Row, TableContext, TableSpec } from "../table.ts";
import type { AnalyzedArticle, CorpusProblem } from "../types.ts";
import { csvSafeRows } from "../csv-safe.ts";

/**
 * Writing tables without holding them: rows arrive in chunks (a few hundred
 * articles at a time) and go straight to JSON, CSV and Parquet files. The
 * JSON is byte-for-byte what `JSON.stringify(rows)` gives for the whole table;
 * CSV takes its columns from the first rows (tables are flat and regular).
 */

export type Format = "json" | "csv" | "parquet";
export const FORMATS: Format[] = ["json", "csv", "parquet"];

interface Sink { write(rows: Row[]): void; close(): void }

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

export function openSink(dir: string, table: string, format: Format): Sink {
  const path = join(dir, `${table}.${format}`);
  return format === "json" ? new JsonSink(path) : format === "csv" ? new CsvSink(path) : new ParquetSink(path);
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
 * A table may declare `scope: "article" | "corpus"` to say so itself.
 */
export class TableWriter {
  private scopes = new Map<string, Scope>();
  private sinks = new Map<string, Sink[]>();
  private chunk: AnalyzedArticle[] = [];
  readonly all: AnalyzedArticle[] = [];
  readonly counts: Record<string, number> = {};
  readonly errors: { table: string; message: string }[] = [];

  constructor(private tables: TableSpec[], private dir: string, private formats: Format[], private chunkSize = 500) {
    for (const t of tables) {
      this.scopes.set(t.name, declaredScope(t));
      this.sinks.set(t.name, formats.map((f) => openSink(dir, t.name, f)));
      this.counts[t.name] = 0;
    }
  }

  private emit(name: string, rows: Row[]) {
    this.counts[name] += rows.length;
    for (const s of this.sinks.get(name)!) s.write(rows);
  }

  private build(t: TableSpec, ctx: TableContext): Row[] | undefined {
    try {
      return t.build(ctx);
    } catch (e) {
      this.errors.push({ table: t.name, message: (e as Error).message });
      this.scopes.set(t.name, "corpus");
      return undefined;
    }
  }

  add(article: AnalyzedArticle): void {
    this.chunk.push(article);
    this.all.push(article);
    if (this.chunk.length >= this.chunkSize) this.flushChunk();
  }

  private flushChunk(): void {
    if (!this.chunk.length) return;
    const ctx: TableContext = { articles: this.chunk, problems: [] };
    for (const t of this.tables) {
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
      this.emit(t.name, rows);
    }
    this.chunk = [];
  }

  /** Build the corpus-wide tables, close every file; returns row counts. */
  finish(problems: CorpusProblem[]): Record<string, number> {
    this.flushChunk();
    for (const t of this.tables) {
      const scope = this.scopes.get(t.name);
      if (scope === "article") continue;
      if (scope === undefined && this.counts[t.name] > 0) continue;
      const rows = this.build(t, { articles: this.all, problems }) ?? [];
      this.counts[t.name] = 0;
      this.emit(t.name, rows);
    }
    for (const sinks of this.sinks.values()) for (const s of sinks) s.close();
    return this.counts;
  }
}
