import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { collapseSpaces, isPlainNfc, normaliseText, parseArticle, simpleFrontMatter } from "../data-loaders/parse.ts";

/**
 * The fast paths of parse.ts against what they replace: `simpleFrontMatter`
 * must give js-yaml's values (as `frontMatterText` writes them) or decline,
 * and `collapseSpaces` must equal `replace(/\s+/g, " ")`.
 */

const asText = (v: unknown) => (v instanceof Date ? (Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10)) : String(v ?? "").trim());

const VALUES = [
  "Jonas Brandt", "Rheinblatt", "de", "https://example.org/synth/0", "2025-08-01", "2025-02-30", "0000-01-01", "0099-12-31", "1999-1-1",
  "2025-08-01T10:00:00Z", "2025-08-01 10:00", '"Der Gipfel"', '"a \\" b"', "'it''s'", "'plain single'", '"x" # c', "a # comment", "a#b",
  "true", "True", "TRUE", "false", "null", "Null", "~", "yes", "No", "on", "off", "y", "n", "12", "012", "0x1F", "1_000", "1e3", "1.50",
  ".inf", ".NaN", "-1", "+1", "- a", "? a", "[a, b]", "{a: b}", "a: b", "a:b", "a:", "&anchor x", "*alias", "!tag x", "|", ">", "%x", "@x",
  "`x`", "O'Brien", 'Er sagte "nein"', "Meier, Hans", "(dpa)", "_x", "Ünal Özdemir", "ſtraße", "x  ", "\u00e9t\u00e9", "😀 emoji", "Nase ~",
  "a\u0085b", "a\u007fb", "NaN", "Infinity", "e5", "E", "<<",
];

describe("front matter fast path", () => {
  it("gives js-yaml's values or declines, for each tricky value", () => {
    for (const v of VALUES) {
      for (const key of ["title", "author", "Date", "x_y"]) {
        const src = `${key}: ${v}\nlang: de`;
        const fast = simpleFrontMatter(src);
        if (fast === null) continue;
        const data = yaml.load(src) as Record<string, unknown>;
        const want = Object.fromEntries(Object.entries(data).filter(([, x]) => x != null).map(([k, x]) => [k, asText(x)]));
        const got = Object.fromEntries(Object.entries(fast).map(([k, x]) => [k, x.trim()]));
        expect(got, `${key}: ${v}`).toEqual(want);
      }
    }
  });

  it("takes a date exactly when the version with a Date object did (every month 00–19 and day 00–39 of 13 years)", async () => {
    const reference = await import("./reference/parse-session5.ts");
    for (const y of [1000, 1582, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2025, 2100, 2400, 9999]) {
      for (let m = 0; m < 20; m++) for (let d = 0; d < 40; d++) {
        const src = `date: ${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(simpleFrontMatter(src), src).toEqual(reference.simpleFrontMatter(src));
      }
    }
  });

  it("gives the session-5 version's result for each tricky value, with and without trailing spaces", async () => {
    const reference = await import("./reference/parse-session5.ts");
    for (const v of [...VALUES, "null ", "true  ", "~ ", "2025-08-01 ", "2025-08-01  ", '"a" ', "'b'  ", "12345", "nulls", "Falsch"]) {
      for (const tail of ["", " ", "   "]) {
        const src = `title: ${v}${tail}\nlang: de`;
        expect(simpleFrontMatter(src), JSON.stringify(src)).toEqual(reference.simpleFrontMatter(src));
      }
    }
  });

  it("declines duplicate keys, blank lines, comments, indentation and lists", () => {
    for (const src of ["a: x\na: y", "a: x\n\nb: y", "# c\na: x", "  a: x", "a:\n  - x", "a: x\n  b", "a:", "__proto__: x", "a:x", ""]) expect(simpleFrontMatter(src), src).toBeNull();
  });

  it("reads a whole article's front matter the same as before", () => {
    const md = '---\ntitle: "Der Gipfel im Kontext"\noutlet: Rheinblatt\nauthor: Jonas Brandt\ndate: 2025-08-01\nurl: https://example.org/synth/0\nlang: de\n---\n\nText. Mehr Text.\n';
    const { meta } = parseArticle("a.md", md);
    expect([meta.title, meta.outlet, meta.author, meta.date, meta.url, meta.lang]).toEqual(["Der Gipfel im Kontext", "Rheinblatt", "Jonas Brandt", "2025-08-01", "https://example.org/synth/0", "de"]);
  });
});

describe("collapseSpaces", () => {
  it("equals replace(/\\s+/g, ' ') for every code unit, alone and doubled", () => {
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`a${ch}b`, `a ${ch}b`, `${ch}${ch}`, `a${ch} b`]) if (collapseSpaces(s) !== s.replace(/\s+/g, " ")) throw new Error(`differs at U+${c.toString(16)} in ${JSON.stringify(s)}`);
    }
  });

  it("returns the same string when there is nothing to collapse", () => {
    const s = "Ein Satz mit Umlauten: äöü, und noch einer.";
    expect(collapseSpaces(s)).toBe(s);
    expect(collapseSpaces("a  b\t\nc\u00a0d")).toBe("a b c d");
  });
});

describe("normaliseText", () => {
  const reference = (raw: string) =>
    raw.replace(/^\uFEFF/, "").normalize("NFC").replace(/\r\n?/g, "\n").replace(/[\u00A0\u2007\u202F\t\f\v]/g, " ").replace(/[\u200B\u200C\u200D\u2060\u00AD]/g, "");
  it("equals the chain of replacements for every code unit", () => {
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`a${ch}b`, `${ch}\r\n${ch}`, `\uFEFF${ch}`]) if (normaliseText(s) !== reference(s)) throw new Error(`differs at U+${c.toString(16)}`);
    }
  });
});

describe("isPlainNfc", () => {
  it("allows only characters that are plain and keep a text in NFC, each alone and with others", () => {
    // every code point that is a later part of a canonical decomposition: what NFC may join to the character before
    const laterParts = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = String.fromCodePoint(cp).normalize("NFD");
      if (d.length > 1) for (const ch of [...d].slice(1)) laterParts.add(ch.codePointAt(0)!);
    }
    expect(laterParts.has(0x301) && laterParts.has(0x1161)).toBe(true);
    let allowed = "";
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      if (!isPlainNfc(`a${ch}b`)) continue;
      allowed += ch;
      const why =
        ch.normalize("NFC") !== ch ? "changed by NFC" :
        /\p{M}/u.test(ch) || laterParts.has(c) ? "may join the character before" :
        `a\u0345${ch}`.normalize("NFD") !== `a\u0345${ch.normalize("NFD")}` ? "a combining class" : // (it would go before U+0345's 240)
        normaliseText(`a${ch}b`) !== `a${ch}b` || (/\s/u.test(ch) && ch !== " " && ch !== "\n") || "<&[*_`".includes(ch) ? "not plain" : "";
      if (why) throw new Error(`U+${c.toString(16)} is allowed but ${why}`);
    }
    expect(allowed.length).toBeGreaterThan(700);
    expect(allowed.normalize("NFC")).toBe(allowed);
    expect(isPlainNfc("Er sagte: „Ja – für 5 € (Straße)“… Ünal’s.\n\nZweiter Absatz.")).toBe(true);
    for (const s of ["a  b", "\ufeffa", "e\u0301", "a\tb", "a\r\nb", "a\u00a0b", "*a*", "\u212b", "\u2000", "a\u200bb"]) expect(isPlainNfc(s), JSON.stringify(s)).toBe(false);
  });
});

describe("boilerplate lines", () => {
  it("drops a newsletter line however it is cased, keeps a long paragraph that mentions one", () => {
    const long = "Die Redaktion verweist auf den Newsletter der Stadt. " + "Weitere Sätze folgen hier, damit der Absatz lang wird. ".repeat(8);
    const { meta, text } = parseArticle("a.txt", `Titel der Meldung\n\nJetzt den NEWSLETTER abonnieren!\n\n${long}\n`);
    expect(meta.boilerplate).toEqual(["Jetzt den NEWSLETTER abonnieren!"]);
    expect(text).toContain("auf den Newsletter der Stadt");
  });
});

/**
 * `parseArticle` takes a shorter road for a plain text (`NOT_PLAIN` in
 * parse.ts: nothing to normalise, no HTML or inline Markdown marks, no
 * white space but single spaces and line ends), and tests each boilerplate
 * pattern's word before the pattern. Its result (metadata, text, blocks, or
 * the error) must be that of parse.ts before the change
 * (`tests/reference/parse-session5.ts`) for every article: random ones made
 * of words, every kind of white space, line ends, Markdown, HTML, front
 * matter, bylines and boilerplate lines, as .md and .txt.
 */
describe("parseArticle against the version before the plain-text road", () => {
  const PIECES = [
    "Wort", "Haus", "Berlin", "Newsletter", "NEWSLETTER", "newſletter", "Jetzt", "abonnieren", "Anzeige", "Zum Thema", "(dpa)", "©", "Foto: ",
    "Satz.", "Ende!", "Frage?", "15.", "Dr.", "„Zitat“", "ä", "ß", "ſ", "\ud835\udc00", "\ud800", "1", "2024",
    " ", " ", " ", " ", "  ", "   ", "\n", "\n", "\n\n", "\n\n", "\r\n", "\r", "\t", "\f", "\v", "\u00a0", "\u2007", "\u202f", "\u200b", "\u200d", "\u2060", "\u00ad",
    "\u2003", "\u3000", "\u2028", "\u2029", "\u1680", "\u205f", "\ufeff", "\u0085", "e\u0301", "\u0301", "\u212b", "\u2000", "\u1100\u1161",
    "# ", "## ", "\n# ", "\n## ", "\n> ", "\n>", ">", "\n---\n", "\n***\n", "*", "**", "_", "__", "`", "[", "]", "(", ")", "[Link](https://x.de)", "![Bild](b.png)",
    "<b>", "</b>", "<p>", "<script>x</script>", "&amp;", "&#228;", "&", "<", "a < b",
    "\ndate 2025-08-01 ", "\nVon Hans Meier\n", "\nvon Hans Meier\n", "\nby Eva Schulz\n", "\nAutor: Eva Schulz\n", "\nQuelle: Rheinblatt\n", "\nJetzt den Newsletter abonnieren!\n", "\nLesen Sie auch: Mehr\n",
  ];
  // what a plain text is made of (and Markdown that needs no inline pass: headings, quotes, rules, a bare `>`)
  const PLAIN_PIECES = [...PIECES.slice(0, 26), "–", "…", "€", "é", "\u02ff", "\u2010", "\u205e", " ", " ", " ", " ", "\n", "\n", "\n\n", "# ", "\n# ", "\n## ", "\n> ", "\n>", ">", "\n---\n", "\ndate 2025-08-01 ", "\nvon Hans Meier\n", "\nAutor: Eva Schulz\n", "\nJetzt den Newsletter abonnieren!\n"];
  let plain = 0;
  const FRONT = ["", "---\ntitle: Der Titel\nauthor: Jonas Brandt\ndate: 2025-08-01\n---\n", "---\ntitle: \"Zwei  Leer\tzeichen\"\n---\n", "---\ntitle: |\n  a\n  b\n---\n", "---\nlang: de\n---\n\n"];
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const outcome = (parse: (f: string, r: string) => unknown, file: string, raw: string) => {
    try {
      return JSON.stringify(parse(file, raw));
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };

  it("finds a byline on the same lines (the first and last three that are not empty)", async () => {
    const reference = await import("./reference/parse-session5.ts");
    for (let n = 1; n <= 9; n++) for (let at = 0; at < n; at++) for (const gap of ["\n", "\n\n"]) for (const file of ["a.md", "b.txt"]) {
      const lines = Array.from({ length: n }, (_, i) => (i === at ? "von Hans Meier" : `Satz ${i} im Text.`));
      const raw = lines.join(gap);
      expect(outcome(parseArticle, file, raw), `${n} ${at}`).toBe(outcome(reference.parseArticle, file, raw));
    }
  });

  it("gives the same result on 30,000 random articles", async () => {
    const reference = await import("./reference/parse-session5.ts");
    for (let n = 0; n < 30_000; n++) {
      const plainish = rnd() < 0.5; // half the articles from words, spaces and line ends only (the plain road)
      let raw = rnd() < 0.1 ? "\ufeff" : "";
      raw += FRONT[Math.floor(rnd() * FRONT.length)];
      const len = 1 + Math.floor(rnd() * 60);
      const pieces = plainish ? PLAIN_PIECES : PIECES;
      for (let i = 0; i < len; i++) raw += pieces[Math.floor(rnd() * pieces.length)];
      if (plainish) plain++;
      const file = rnd() < 0.5 ? "a.md" : "b.txt";
      const got = outcome(parseArticle, file, raw), want = outcome(reference.parseArticle, file, raw);
      if (got !== want) expect({ file, raw, got }).toEqual({ file, raw, got: want });
    }
    expect(plain).toBeGreaterThan(10_000);
  });
});
