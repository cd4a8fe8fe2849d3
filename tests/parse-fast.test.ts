import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { collapseSpaces, normaliseText, parseArticle, simpleFrontMatter } from "../data-loaders/parse.ts";

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

describe("boilerplate lines", () => {
  it("drops a newsletter line however it is cased, keeps a long paragraph that mentions one", () => {
    const long = "Die Redaktion verweist auf den Newsletter der Stadt. " + "Weitere Sätze folgen hier, damit der Absatz lang wird. ".repeat(8);
    const { meta, text } = parseArticle("a.txt", `Titel der Meldung\n\nJetzt den NEWSLETTER abonnieren!\n\n${long}\n`);
    expect(meta.boilerplate).toEqual(["Jetzt den NEWSLETTER abonnieren!"]);
    expect(text).toContain("auf den Newsletter der Stadt");
  });
});
