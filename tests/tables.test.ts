import { mkdtempSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { TABLES } from "../data-loaders/tables/index.ts";
import type { Row } from "../data-loaders/table.ts";
import { validateRows } from "../data-loaders/table-schema.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const analysis = analyzeCorpus(CORPUS, { cache: false });
const tables = Object.fromEntries(TABLES.map((t) => [t.name, t.build(analysis)])) as Record<string, Row[]>;
const textOf = new Map(analysis.articles.map((a) => [a.doc.meta.id, a.doc.text]));

/** Column triples (start, end, text) whose offsets must round-trip into the article text. */
const SPAN_COLUMNS: [string, string, string][] = [
  ["start", "end", "text"],
  ["speakerStart", "speakerEnd", "speakerText"],
  ["cueStart", "cueEnd", "cue"],
];

describe("the seed corpus", () => {
  it("yields every article in the folder, none skipped", () => {
    const files = readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f));
    expect(analysis.problems).toEqual([]);
    expect(tables.articles.map((r) => r.file).sort()).toEqual(files.sort());
  });
});

describe.each(TABLES.map((t) => [t.name, t] as const))("table %s", (name, spec) => {
  const rows = tables[name];
  it("is an array of flat rows", () => {
    for (const row of rows) for (const v of Object.values(row)) expect(["string", "number", "boolean"].includes(typeof v) || v === null).toBe(true);
  });
  it("matches its declared columns (types, nullability, finite numbers, no undeclared column)", () => {
    expect(Object.keys(spec.columns ?? {}).length).toBeGreaterThan(0);
    for (const k of spec.key) expect(spec.columns).toHaveProperty(k);
    expect(validateRows(spec, rows)).toEqual([]);
  });
  it("has a unique key", () => {
    const keys = rows.map((r) => spec.key.map((k) => String(r[k])).join("\u0000"));
    expect(spec.key.length).toBeGreaterThan(0);
    for (const k of spec.key) if (rows.length) expect(rows[0]).toHaveProperty(k);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("refers only to articles that exist", () => {
    for (const r of rows) if ("articleId" in r) expect(textOf.has(String(r.articleId))).toBe(true);
  });
  it("has offsets that round-trip into the article text", () => {
    let checked = 0;
    for (const r of rows) {
      const text = textOf.get(String(r.articleId));
      if (text === undefined) continue;
      for (const [s, e, t] of SPAN_COLUMNS) {
        if (!(s in r && e in r && t in r) || r[s] === -1 || r[s] === null) continue;
        expect(text.slice(Number(r[s]), Number(r[e]))).toBe(r[t]);
        checked++;
      }
    }
    if (rows.length && SPAN_COLUMNS.some(([s, e, t]) => s in rows[0] && e in rows[0] && t in rows[0])) expect(checked).toBeGreaterThan(0);
  });
});

describe("the document model", () => {
  it("has sentences and tokens inside their blocks, in order, without overlap", () => {
    for (const { doc } of analysis.articles) {
      let last = -1;
      for (const s of doc.sentences) {
        const b = doc.blocks[s.block];
        expect(s.start >= b.start && s.end <= b.end).toBe(true);
        expect(s.start).toBeGreaterThan(last);
        last = s.end;
      }
      for (const t of doc.tokens) {
        const s = doc.sentences[t.sentence];
        expect(t.start >= s.start && t.end <= s.end && t.end > t.start).toBe(true);
      }
    }
  });
});

describe("the analysis cache", () => {
  it("analyses an unchanged corpus only once, and one changed article again", () => {
    const dir = mkdtempSync(join(tmpdir(), "framelens-cache-"));
    const corpus = join(dir, "corpus");
    mkdirSync(corpus);
    for (const f of readdirSync(CORPUS)) copyFileSync(join(CORPUS, f), join(corpus, f));
    const cache = join(dir, "cache");
    const first = analyzeCorpus(corpus, { cache });
    expect([first.analysed, first.cached]).toEqual([2, 0]);
    const second = analyzeCorpus(corpus, { cache });
    expect([second.analysed, second.cached]).toEqual([0, 2]);
    expect(JSON.stringify(second.articles.map((a) => a.doc))).toBe(JSON.stringify(first.articles.map((a) => a.doc)));
    writeFileSync(join(corpus, "neu.txt"), "Neuer Titel\nEin neuer Artikel.");
    const third = analyzeCorpus(corpus, { cache });
    expect([third.analysed, third.cached]).toEqual([1, 2]);
  });
  it("reports a bad article and analyses the rest", () => {
    const dir = mkdtempSync(join(tmpdir(), "framelens-bad-"));
    writeFileSync(join(dir, "gut.txt"), "Titel\nEin Satz.");
    writeFileSync(join(dir, "leer.txt"), "\n\n");
    writeFileSync(join(dir, "kaputt.md"), "---\ntitle: [\n---\nText.");
    const result = analyzeCorpus(dir, { cache: false });
    expect(result.articles.map((a) => a.doc.meta.file)).toEqual(["gut.txt"]);
    expect(result.problems.map((p) => p.file).sort()).toEqual(["kaputt.md", "leer.txt"]);
  });
});

describe("quotes and actors", () => {
  it("every named speaker of the quote stage is an actor of the actors table", () => {
    const actorIds = new Set(tables.actors.map((a) => String(a.actorId)));
    const speakers = tables.quotes.filter((q) => q.speaker !== null && q.speaker !== "").map((q) => String(q.speaker));
    expect(speakers.length).toBeGreaterThan(0);
    expect(speakers.filter((s) => !actorIds.has(s))).toEqual([]);
  });
  it("unnamed sources stay unnamed (`hieß es`)", () => {
    const hiess = tables.quotes.filter((q) => String(q.cue).startsWith("hieß es"));
    expect(hiess.length).toBeGreaterThan(0);
    for (const q of hiess) expect(q.speaker).toBeNull();
  });
});
