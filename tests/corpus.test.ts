import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readCorpusFiles, articleIds } from "../data-loaders/corpus.ts";
import { decodeArticleBytes } from "../data-loaders/decode.ts";
import { articleIdFromFile, looksLikeHeading, parseArticle } from "../data-loaders/parse.ts";
import { buildDoc, docFromBytes, docToBytes } from "../data-loaders/doc.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import type { Block, Doc } from "../data-loaders/types.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "framelens-corpus-"));

describe("decoding", () => {
  const text = "Gespräch über „Übergänge“ – 5 €";
  it("reads UTF-8 with a BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    expect(decodeArticleBytes(bytes)).toEqual({ text, encoding: "utf-8" });
  });
  it("reads Windows-1252 (curly quotes, euro sign, umlauts)", () => {
    const bytes = iconv.encode(text, "windows-1252");
    expect(decodeArticleBytes(bytes)).toEqual({ text, encoding: "windows-1252" });
  });
  it("reads Latin-1 umlauts", () => {
    expect(decodeArticleBytes(Buffer.from("Größe und Übermut", "latin1")).text).toBe("Größe und Übermut");
  });
  it("reads UTF-16 with a BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decodeArticleBytes(bytes).text).toBe(text);
  });
  it("reads any valid UTF-8 exactly as TextDecoder does: ASCII, two-byte, astral (random strings)", () => {
    const td = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "Z", " ", "\n", "ä", "ß", "„", "“", "€", "😀"), maxLength: 300 }), fc.string({ unit: "binary", maxLength: 200 }), (a, b) => {
        for (const s of [a, b, a + b]) {
          const bytes = Buffer.from(s, "utf8");
          if (bytes.includes(0) || /[\x01-\x08\x0B\x0E-\x1F]/.test(s) || s.length === 0) continue;
          expect(decodeArticleBytes(bytes)).toEqual({ text: td.decode(bytes), encoding: "utf-8" });
        }
      }),
      { seed: 7, numRuns: 300 },
    );
    // the same bytes as a Uint8Array view into a larger buffer (not a Buffer of its own)
    const whole = Buffer.from("xx" + text + "yy", "utf8");
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.length - 4);
    expect(decodeArticleBytes(view).text).toBe(text);
  });
  it("rejects binary content", () => {
    expect(() => decodeArticleBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toThrow(/binary/);
  });
  it("rejects valid UTF-8 made mostly of control characters (no NUL byte)", () => {
    expect(() => decodeArticleBytes(Buffer.from("ab\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0ecd", "utf8"))).toThrow(/binary/);
  });
  it("reads UTF-8 with a few control characters, or with many only after the first 8 KB, as text", () => {
    const few = "Ein Satz mit einem Steuerzeichen\x07 und Tab\t, Seitenvorschub\f und CRLF.\r\n".repeat(3);
    expect(decodeArticleBytes(Buffer.from(few, "utf8"))).toEqual({ text: few, encoding: "utf-8" });
    const late = "Text. ".repeat(2000) + "\x01\x02\x03".repeat(500);
    expect(decodeArticleBytes(Buffer.from(late, "utf8"))).toEqual({ text: late, encoding: "utf-8" });
  });
});

describe("article ids", () => {
  it("are URL-safe slugs of the file name", () => {
    expect(articleIdFromFile("Die Zeit/Gipfel in Alaska.txt")).toBe("die-zeit-gipfel-in-alaska");
    expect(articleIdFromFile("000_22130187a627adea.txt")).toBe("000_22130187a627adea");
    expect(articleIdFromFile("Straße.md")).toBe("strasse");
  });
  it("stay unique when two files slug alike", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a b.txt"), "Titel\nText.");
    writeFileSync(join(dir, "a-b.md"), "Text.");
    expect(articleIds(dir)).toEqual(["a-b", "a-b-2"]);
  });
});

describe("plain-text conventions", () => {
  const raw = [
    "date 2025-08-15 Kurzer Vorspann. Er hat zwei Sätze.",
    "",
    "Erster Absatz mit Text.",
    "",
    "Eine Zwischenzeile",
    "",
    "Zweiter Absatz.",
    "Autor: Erika Mustermann",
    "Abonniere einfach den Newsletter unserer Chefredaktion!",
  ].join("\r\n");
  const parsed = parseArticle("x.txt", raw);

  it("reads the leading date and keeps the rest of the line as a lead", () => {
    expect(parsed.meta.date).toBe("2025-08-15");
    expect(parsed.blocks[0].kind).toBe("lead");
    expect(parsed.meta.title).toBe("Kurzer Vorspann.");
  });
  it("takes the Autor line as metadata, not text", () => {
    expect(parsed.meta.author).toBe("Erika Mustermann");
    expect(parsed.text).not.toContain("Autor:");
  });
  it("removes newsletter lines as boilerplate and lists them", () => {
    expect(parsed.text).not.toContain("Newsletter");
    expect(parsed.meta.boilerplate).toEqual(["Abonniere einfach den Newsletter unserer Chefredaktion!"]);
  });
  it("tells headings from paragraphs", () => {
    expect(parsed.blocks.map((b) => b.kind)).toEqual(["lead", "paragraph", "heading", "paragraph"]);
  });
  it("normalises CRLF line ends", () => {
    expect(parsed.text).not.toContain("\r");
  });
  it("takes a first line without full stop as the title", () => {
    const p = parseArticle("y.txt", "Gipfel ohne Ergebnis\nDer Gipfel endete. Danach war Ruhe.\n");
    expect(p.meta.title).toBe("Gipfel ohne Ergebnis");
    expect(p.blocks[0]).toMatchObject({ kind: "title" });
  });
  it("joins hard-wrapped lines into paragraphs", () => {
    const p = parseArticle("z.txt", "Titel der Meldung\n\nDies ist ein Absatz, der\nüber zwei Zeilen geht.\n\nZweiter Absatz hier.\n");
    expect(p.blocks.map((b) => p.text.slice(b.start, b.end))).toEqual([
      "Titel der Meldung",
      "Dies ist ein Absatz, der über zwei Zeilen geht.",
      "Zweiter Absatz hier.",
    ]);
  });
  it("fails clearly on an empty file", () => {
    expect(() => parseArticle("leer.txt", "  \n\n")).toThrow(/no article text/);
  });
  it("recognises headings by shape", () => {
    expect(looksLikeHeading("Nächstes Treffen in Moskau?")).toBe(true);
    expect(looksLikeHeading("Das ist ein Satz.")).toBe(false);
    expect(looksLikeHeading("„Nächstes Mal in Moskau.“")).toBe(false);
  });
});

describe("markdown with front matter", () => {
  const md = `---
title: Gipfel in Alaska
outlet: Beispielblatt
author: Max Muster
date: 2025-08-16
url: https://example.org/a
lang: de
---

# Gipfel in Alaska

Der **Gipfel** endete ohne [Ergebnis](https://example.org).

## Reaktionen

Kiew reagierte enttäuscht.
`;
  const p = parseArticle("gipfel.md", md);
  it("reads every front-matter field", () => {
    expect(p.meta).toMatchObject({ title: "Gipfel in Alaska", outlet: "Beispielblatt", author: "Max Muster", date: "2025-08-16", url: "https://example.org/a", lang: "de" });
  });
  it("turns # lines into title and headings and strips inline markup", () => {
    expect(p.blocks.map((b) => b.kind)).toEqual(["title", "paragraph", "heading", "paragraph"]);
    expect(p.text).toContain("Der Gipfel endete ohne Ergebnis.");
  });
  it("reports malformed front matter by what is wrong", () => {
    expect(() => parseArticle("bad.md", "---\ntitle: [unclosed\n---\nText.")).toThrow(/front matter is not valid YAML/);
  });
});

/**
 * A doc's stored form keeps the blocks and sentences of `parseArticle` and `splitSentences` as typed columns
 * and any other rows as they are: both read back as the very rows, key order included.
 */
describe("stored form of a doc", () => {
  const same = (doc: Doc) => {
    const back = docFromBytes(docToBytes(doc));
    expect(JSON.stringify(back)).toBe(JSON.stringify({ meta: doc.meta, text: doc.text, blocks: doc.blocks, sentences: doc.sentences }));
    return back;
  };
  it("reads back built docs (every block kind, one block, text only)", () => {
    same(buildDoc("a.md", "---\ntitle: T\n---\n\n# Titel\n\nErster Satz. Zweiter Satz.\n\n## Zwischen\n\nDritter Satz."));
    same(buildDoc("b.txt", "Ein Anfang ohne Titel, der weitergeht. Und noch ein Satz.\n\nZwischentitel\n\nText hier."));
    same(docFromText("eine Zeile\n\nzweite Zeile. Mit Satz."));
    same(docFromText(""));
  });
  it("reads back rows of other shapes as they were", () => {
    const base = buildDoc("a.md", "# Titel\n\nErster Satz. Zweiter Satz.\n\nDritter Satz.");
    const variants: ((d: Doc) => void)[] = [
      (d) => { d.sentences[1] = { ...d.sentences[1], index: 7 }; },
      (d) => { d.sentences[0] = { block: 0, index: 0, start: 0, end: 5 }; },
      (d) => { (d.sentences[2] as unknown as Record<string, unknown>).extra = "x"; },
      (d) => { d.sentences[0] = { ...d.sentences[0], end: 5.5 }; },
      (d) => { d.sentences[0] = { ...d.sentences[0], start: 2 ** 31 }; },
      (d) => { d.blocks[1] = { ...d.blocks[1], kind: "quote" as Block["kind"] }; },
      (d) => { d.blocks[0] = { ...d.blocks[0], index: 3 }; },
      (d) => { d.blocks[1] = { index: 1, kind: "paragraph", start: d.blocks[1].start, end: d.blocks[1].end }; },
      (d) => { d.blocks.length = 0; d.sentences.length = 0; },
    ];
    for (const change of variants) {
      const d = structuredClone(base);
      change(d);
      same(d);
    }
  });
});

describe("reading a folder", () => {
  it("reports non-article and binary files and reads the rest", () => {
    const dir = tmp();
    writeFileSync(join(dir, "gut.txt"), "Titel\nEin Satz.");
    writeFileSync(join(dir, "bild.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    writeFileSync(join(dir, "kaputt.txt"), Buffer.from([0, 1, 2, 3, 0, 0]));
    const { files, problems } = readCorpusFiles(dir);
    expect(files.map((f) => f.file)).toEqual(["gut.txt"]);
    expect(problems.map((p) => p.file).sort()).toEqual(["bild.png", "kaputt.txt"]);
    expect(problems.find((p) => p.file === "kaputt.txt")?.message).toMatch(/binary/);
  });
  it("names a missing folder", () => {
    expect(() => readCorpusFiles("/nonexistent/corpus")).toThrow(/corpus folder not found: \/nonexistent\/corpus/);
  });
});
