import yaml from "js-yaml";
import type { ArticleMeta, Block, BlockKind } from "./types.ts";
import type BoilerplateFile from "./data/boilerplate.json";
import { readJsonData } from "./data-file.ts";
import { describeHtmlRepair, stripHtml } from "./health/html.ts";
const boilerplateData = readJsonData<typeof BoilerplateFile>("data/boilerplate.json");

/** An article parsed into metadata and blocks, before segmentation. */
export interface ParsedArticle {
  meta: ArticleMeta;
  text: string;
  blocks: Block[];
}

export class ArticleFormatError extends Error {}

const BOILERPLATE = boilerplateData.patterns.map((p) => new RegExp(p, "iu"));
/**
 * Per pattern, the longest line (in UTF-16 code units) it can match, when its
 * form says so: `^.{0,A}\bword\b.{0,B}$` matches at most A + B + |word| code
 * points, each at most two code units. Longer lines (most paragraphs) skip the
 * pattern, whose `.{0,A}` would otherwise be tried at every length. Other
 * forms: no bound.
 */
const BOILERPLATE_FORM = boilerplateData.patterns.map((p) => /^\^\.\{0,(\d+)\}\\b([a-z]+)\\b\.\{0,(\d+)\}\$$/.exec(p));
const BOILERPLATE_MAX = BOILERPLATE_FORM.map((m) => (m ? 2 * (Number(m[1]) + m[2].length + Number(m[3])) : Infinity));
/**
 * Per pattern of that form, its word alone (same flags): a line the pattern
 * matches holds the word, and the plain search (no `.{0,A}` tried at each
 * length) rules out most lines at once. Other forms: null.
 */
const BOILERPLATE_WORD = BOILERPLATE_FORM.map((m) => (m ? new RegExp(m[2], "iu") : null));
function isBoilerplate(line: string): boolean {
  for (let k = 0; k < BOILERPLATE.length; k++) {
    if (line.length > BOILERPLATE_MAX[k]) continue;
    const word = BOILERPLATE_WORD[k];
    if (word !== null && !word.test(line)) continue;
    if (BOILERPLATE[k].test(line)) return true;
  }
  return false;
}
const DATE_LINE = /^date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$/i;
const META_LINE = /^(autor|autorin|author|von|quelle|outlet|medium|datum|date|url|link|sprache|lang):\s*(.+)$/i;
const BYLINE = /^(?:von|by)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){1,3})$/u;
const CLOSING_MARKS = /["'“”«»‘’)\]]+$/u;

/** Stable, URL-safe id from a file name: `Die Zeit 01.txt` → `die-zeit-01`. */
export function articleIdFromFile(file: string): string {
  const base = file.replace(/\\/g, "/").replace(/\.[^./]+$/, "");
  const slug = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "article";
}

/** Unicode NFC, LF line ends, plain spaces; offsets are into this text. */
export function normaliseText(raw: string): string {
  const nfc = nfcWithoutBom(raw);
  // the three replacements below change nothing in most texts: one scan for what they replace first
  return hasSpecialSpace(nfc) ? replaceSpecialSpaces(nfc) : nfc;
}

/** `normaliseText`'s first step: no leading byte order mark, Unicode NFC */
function nfcWithoutBom(raw: string): string {
  return raw.replace(/^\uFEFF/, "").normalize("NFC");
}

/** `normaliseText`'s replacements, on a text already in NFC without a leading BOM */
function replaceSpecialSpaces(nfc: string): string {
  return nfc
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t\f\v]/g, " ")
    .replace(/[\u200B\u200C\u200D\u2060\u00AD]/g, "");
}

/** Whether `s` holds \r, a tab, \f, \v, U+00A0, U+2007, U+202F, U+200B–U+200D, U+2060 or U+00AD (what `normaliseText` replaces). */
const SPECIAL_SPACE = /[\r\t\f\v\u00A0\u2007\u202F\u200B\u200C\u200D\u2060\u00AD]/;
function hasSpecialSpace(s: string): boolean {
  return SPECIAL_SPACE.test(s);
}

/**
 * Whether a text holds anything that makes parsing take its longer road: what
 * `normaliseText` replaces, white space other than a plain space or a line
 * end (`\s` has some twenty more), two spaces in a row, HTML (`<`, `&`) or
 * inline Markdown marks (`[`, `*`, `_`, a backtick). A text without any
 * (most articles, once normalised) is "plain": `stripHtml` and
 * `stripInlineMarkdown` would return it unchanged, and the only white space
 * in each line is single spaces — so a block, made of such lines joined with
 * one space, needs `collapseSpaces` only where an empty part was joined.
 * One scan of the text replaces a scan of each line and block by each of
 * those passes.
 */
const NOT_PLAIN = /  |[\t\v\f\r\u00A0\u00AD\u1680\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF<&[*_`]/;

/**
 * A raw text without a match here is plain (no `NOT_PLAIN`) and already what `nfcWithoutBom` makes of it:
 * it holds only line ends, single spaces, printable ASCII but `< & [ * _` and the backtick, Latin-1 from
 * U+00A1 but the soft hyphen, Latin Extended, IPA and spacing modifiers (to U+02FF), general punctuation
 * outside white space and joiners (U+2010–U+2027, U+2030–U+205E) and the currency signs. Each of these is
 * its own NFC, no combining mark and no second part of a canonical composition (tests/parse-fast.test.ts
 * checks every one), so a text of them is in NFC. One scan for the usual German article instead of three
 * (the BOM, ICU's NFC check, `NOT_PLAIN`); any other character takes the longer road.
 */
const NOT_PLAIN_NFC = /  |[^\n\x20-\x25\x27-\x29\x2B-\x3B\x3D-\x5A\x5C-\x5E\x61-\x7E\u00A1-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0]/;
/** Whether `raw` is plain and its own `nfcWithoutBom` (`NOT_PLAIN_NFC`). */
export function isPlainNfc(raw: string): boolean {
  return !NOT_PLAIN_NFC.test(raw);
}

/** A block that reads as a heading: short, no sentence-final full stop. */
export function looksLikeHeading(line: string): boolean {
  // the length first: CLOSING_MARKS, tried at every run of closing marks, is quadratic on a long line of them
  if (line.length > 120) return false;
  const bare = line.replace(CLOSING_MARKS, "");
  if (bare.length === 0) return false;
  const words = line.split(/\s+/).length;
  if (words > 14) return false;
  const last = bare[bare.length - 1];
  if (".,;:–-".includes(last)) return false;
  if (last === "?" || last === "!") return words <= 8 && bare === line;
  return true;
}

function emptyMeta(file: string, encoding: string): ArticleMeta {
  return {
    id: articleIdFromFile(file),
    file,
    title: "",
    outlet: "",
    author: "",
    date: "",
    url: "",
    lang: "de",
    encoding,
    boilerplate: [],
  };
}

function applyMetaLine(meta: ArticleMeta, key: string, value: string): void {
  switch (key.toLowerCase()) {
    case "autor": case "autorin": case "author": case "von": meta.author = value; break;
    case "quelle": case "outlet": case "medium": meta.outlet = value; break;
    case "datum": case "date": meta.date = value; break;
    case "url": case "link": meta.url = value; break;
    case "sprache": case "lang": meta.lang = value; break;
  }
}

/** Front matter keys that set metadata (`title` and the keys of `applyMetaLine`); every other key is ignored. */
const FRONT_MATTER_KEYS = new Set(["title", "autor", "autorin", "author", "von", "quelle", "outlet", "medium", "datum", "date", "url", "link", "sprache", "lang"]);

const isoDate = (d: Date) => (Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10));

/**
 * A front matter value as text: a scalar, a date, or a list of them (joined
 * with ", "). Anything nested is refused: YAML aliases can make a 600-byte
 * front matter a structure whose text has billions of characters.
 */
function frontMatterText(key: string, value: unknown): string {
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== "object" || value === null) return String(value ?? "").trim();
  if (Array.isArray(value) && value.every((x) => x === null || typeof x !== "object" || x instanceof Date)) {
    return value.map((x) => (x instanceof Date ? isoDate(x) : String(x ?? "").trim())).filter((x) => x).join(", ");
  }
  throw new ArticleFormatError(`front matter "${key}" must be text or a list of texts, not a nested list or mapping`);
}

/** `key: value` with a plain key, one or more spaces, and a value that is not empty */
const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_]*): +(\S.*)$/;
/** a plain value whose first character is not a YAML indicator, a digit, a sign or a dot, and that holds no comment, `: ` or control character */
const SIMPLE_PLAIN = /^[\p{L}_(][^#\x00-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]*$/u;
/** a quoted value without escapes, quote marks or control characters inside */
const SIMPLE_QUOTED = /^(?:"([^"\\\x00-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]*)"|'([^'\x00-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]*)') *$/u;
const DATE_ONLY = /^[1-9]\d{3}-\d{2}-\d{2}$/;
/** words the YAML core schema reads as null or booleans */
const YAML_WORDS = /^(?:null|true|false|~)$/i;

/**
 * The front matter as js-yaml would load it, without js-yaml, when it is the
 * common simple case: every line `key: value`, distinct keys, each value a
 * quoted text without escapes, a plain text that YAML reads as text, or a
 * date `YYYY-MM-DD` (given as that text: `frontMatterText` writes a date so).
 * Anything else returns null and goes to js-yaml (tests/parse-fast.test.ts
 * compares both on tricky values).
 */
export function simpleFrontMatter(src: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  let from = 0;
  while (from <= src.length) {
    let nl = src.indexOf("\n", from);
    if (nl < 0) nl = src.length;
    const m = SIMPLE_LINE.exec(src.slice(from, nl));
    if (!m) return null;
    const key = m[1];
    if (seen.has(key) || key === "__proto__") return null;
    seen.add(key);
    // (each regex below only where it can match: trailing spaces, a quote mark first, ten characters, at most five)
    const raw = m[2].charCodeAt(m[2].length - 1) === 32 ? m[2].replace(/ +$/, "") : m[2];
    let value: string;
    const c0 = raw.charCodeAt(0);
    const q = c0 === 34 || c0 === 39 ? SIMPLE_QUOTED.exec(raw) : null;
    if (q) value = q[1] ?? q[2];
    else if (raw.length === 10 && DATE_ONLY.test(raw)) {
      // a valid calendar date: js-yaml's Date written back by `isoDate` is the same text
      if (!isCalendarDate(raw)) return null;
      value = raw;
    } else {
      if (!SIMPLE_PLAIN.test(raw) || raw.includes(": ") || raw.endsWith(":") || (raw.length <= 5 && YAML_WORDS.test(raw))) return null;
      value = raw;
    }
    out[key] = value;
    from = nl + 1;
  }
  return out;
}

/**
 * Whether `YYYY-MM-DD` (year 1000–9999) is a day of the (proleptic Gregorian)
 * calendar: what `new Date(d + "T00:00:00Z")` reads back as the same text,
 * without making the Date.
 */
function isCalendarDate(d: string): boolean {
  const y = Number(d.slice(0, 4)), m = Number(d.slice(5, 7)), day = Number(d.slice(8, 10));
  if (m < 1 || m > 12 || day < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * `s.replace(/\s+/g, " ")`, returning `s` itself when it has nothing to
 * replace (no white space but single plain spaces: the usual paragraph). The
 * replacement, which replaces every single space by a space, runs only when
 * a test (a run of two white-space characters, or one that is not a plain
 * space) finds something to change; the test alone is several times faster.
 */
export function collapseSpaces(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(/\s+/g, " ") : s;
}
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Split lines into paragraphs: blank-line groups when lines are hard-wrapped, otherwise one line per block. */
function groupParagraphs(lines: string[]): string[] {
  const nonEmpty = lines.filter((l) => l.length > 0);
  const hasBlankLines = lines.some((l, i) => l.length === 0 && i > 0 && i < lines.length - 1);
  const sorted = nonEmpty.map((l) => l.length).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const hardWrapped = hasBlankLines && median > 0 && median <= 90 && sorted[sorted.length - 1] <= 100;
  if (!hardWrapped) return nonEmpty;
  const out: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, ""]) {
    if (line.length === 0) {
      if (current.length) out.push(current.join(" "));
      current = [];
    } else current.push(line);
  }
  return out;
}

/**
 * Inline markdown reduced to its text: links, emphasis, code. Links and
 * single-mark emphasis are found by scanners that look each closing mark up
 * once (the regexes `!\[([^\]]*)\]\([^)]*\)`, `\[([^\]]+)\]\([^)]*\)` and
 * `(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)`, whose matches they
 * reproduce, scanned to the end of the paragraph from every `[` or `*`: a
 * paragraph of thousands of them was quadratic).
 */
export function stripInlineMarkdown(line: string): string {
  return stripEmphasis(stripLinks(stripLinks(line, "!["), "[").replace(/(\*\*|__)(.+?)\1/g, "$2")).replace(/`([^`]+)`/g, "$1");
}

/** `[text](url)` → `text` (`open` "["; text not empty) or `![alt](url)` → `alt` (`open` "!["). */
function stripLinks(line: string, open: "[" | "!["): string {
  let out = "";
  let copied = 0;
  let from = 0;
  for (;;) {
    const p = line.indexOf(open, from);
    if (p < 0) break;
    const textStart = p + open.length;
    const q = line.indexOf("]", textStart);
    if (q < 0) break; // no "]" after this opening, nor after any later one
    // every opening before q shares this "]": if it fails here, it fails for them too
    if ((open === "[" && q === textStart) || line[q + 1] !== "(") { from = q + 1; continue; }
    const r = line.indexOf(")", q + 2);
    if (r < 0) break;
    out += line.slice(copied, p) + line.slice(textStart, q);
    copied = from = r + 1;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

const EMPH_MARK = (c: string | undefined) => c === "*" || c === "_";
const NOT_SPACE = /\S/;
const LINE_END = /[\n\r\u2028\u2029]/;
const AFTER_CLOSE = /[\s).,;:!?]/;

/** `*word*`, `_a few words_` → their text: a mark after a space, "(" or the start, a closing mark before a space, punctuation or the end. */
function stripEmphasis(line: string): string {
  const n = line.length;
  if (line.indexOf("*") < 0 && line.indexOf("_") < 0) return line;
  // next[c]: the first position ≥ c of a mark that can close (after a non-space, before a space/punctuation/the end)
  const next = new Int32Array(n + 2).fill(-1);
  for (let c = n - 1; c >= 1; c--) {
    const closes = EMPH_MARK(line[c]) && NOT_SPACE.test(line[c - 1]) && (c + 1 === n || AFTER_CLOSE.test(line[c + 1]));
    next[c] = closes ? c : next[c + 1];
  }
  // lineEnd[i]: the first line terminator at or after i (`.` in the regex does not cross one)
  const lineEnd = new Int32Array(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) lineEnd[i] = LINE_END.test(line[i]) ? i : lineEnd[i + 1];
  let out = "";
  let copied = 0;
  let from = 0;
  for (let o = 0; o < n; o++) {
    if (!EMPH_MARK(line[o])) continue;
    if (o > 0 && !(o - 1 >= from && (/\s/.test(line[o - 1]) || line[o - 1] === "("))) continue;
    if (o + 1 >= n || !NOT_SPACE.test(line[o + 1])) continue;
    // the regex's lazy group tries the closings from o + 3 on first, and o + 2 (one character) last
    let c = o + 3 <= n ? next[o + 3] : -1;
    if (c >= 0 && c >= lineEnd[o + 1]) c = -1;
    if (c < 0 && o + 2 < n && next[o + 2] === o + 2) c = o + 2;
    if (c < 0) continue;
    out += line.slice(copied, o) + line.slice(o + 1, c);
    copied = c + 1;
    from = c + 1;
    o = c;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

interface RawBlock {
  kind: BlockKind;
  text: string;
  /** false when the text can hold no white space but single spaces (from a plain text): `collapseSpaces` would return it as it is */
  collapse: boolean;
}

/**
 * Parse one article file's decoded text. `.md` files carry YAML front matter
 * (`title, outlet, author, date, url, lang`) and `#` headings; `.txt` files use
 * the plain conventions of the seeds (see README, "Article format").
 * (In steps of their own: as one function, its optimised compilation took V8 ~150 ms, three times a run.)
 */
export function parseArticle(file: string, raw: string, encoding = "utf-8"): ParsedArticle {
  const meta = emptyMeta(file, encoding);
  let body = raw;
  let plain = isPlainNfc(raw);
  // else `nfcWithoutBom` and the rest of `normaliseText`, with the test for a plain text (`NOT_PLAIN`) first
  if (!plain) {
    body = nfcWithoutBom(raw);
    plain = !NOT_PLAIN.test(body);
  }
  if (!plain && hasSpecialSpace(body)) {
    body = replaceSpecialSpaces(body);
    plain = !NOT_PLAIN.test(body);
  }
  const isMarkdown = /\.(md|markdown)$/i.test(file);
  if (isMarkdown) body = withoutFrontMatter(body, meta);

  // scraped text: tags removed, entities decoded, and said so (metadata stays as written: pages show it as text)
  // (a plain text holds no `<` or `&`: nothing to remove)
  const html = plain ? null : stripHtml(body);
  if (html !== null && html.repair) {
    body = normaliseText(html.text);
    meta.htmlRemoved = describeHtmlRepair(html.repair);
  }

  const kept = keptLines(body, plain, meta);
  return joinBlocks(meta, isMarkdown ? markdownBlocks(kept, plain, meta) : textBlocks(kept, plain, meta));
}

/** The body after its front matter, if it has any; the front matter's metadata set in `meta`. */
function withoutFrontMatter(body: string, meta: ArticleMeta): string {
  const fm = /^---[ ]*\n([\s\S]*?)\n---[ ]*(?:\n|$)/.exec(body);
  if (fm) {
    let data: unknown = simpleFrontMatter(fm[1]);
    if (data === null) try {
      data = yaml.load(fm[1]);
    } catch (e) {
      throw new ArticleFormatError(`front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    if (data != null && (typeof data !== "object" || Array.isArray(data))) {
      throw new ArticleFormatError("front matter must be a YAML mapping (key: value lines)");
    }
    for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
      if (value == null || !FRONT_MATTER_KEYS.has(key.toLowerCase())) continue;
      const v = frontMatterText(key, value);
      if (key === "title") meta.title = v;
      else applyMetaLine(meta, key, v);
    }
    return body.slice(fm[0].length);
  }
  return body;
}

/** The body's lines without the leading date, metadata lines, bylines and boilerplate (which go to `meta`). */
function keptLines(body: string, plain: boolean, meta: ArticleMeta): string[] {
  // (a plain text has no two spaces in a row)
  const lines = plain ? body.split("\n").map((l) => l.trim()) : body.split("\n").map((l) => l.replace(/ {2,}/g, " ").trim());
  // leading `date YYYY-MM-DD`, possibly followed by text on the same line
  const first = lines.findIndex((l) => l.length > 0);
  if (first >= 0) {
    const m = DATE_LINE.exec(lines[first]);
    if (m) {
      meta.date ||= m[1];
      lines[first] = m[2].trim();
    }
  }
  const kept: string[] = [];
  // a byline is looked for on the first three and the last three lines that are not empty
  let nonEmpty = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]) nonEmpty++;
  for (let i = 0, rank = 0; i < lines.length; i++) {
    const line = lines[i];
    const edge = line.length > 0 && (rank < 3 || rank >= nonEmpty - 3);
    if (line) rank++;
    const m = META_LINE.exec(line);
    if (m && line.length < 200) { applyMetaLine(meta, m[1], m[2].trim()); continue; }
    const by = edge ? BYLINE.exec(line) : null;
    if (by && !meta.author) { meta.author = by[1]; continue; }
    if (line && isBoilerplate(line)) { meta.boilerplate.push(line); continue; }
    kept.push(line);
  }
  return kept;
}

/** A Markdown body's blocks: `#` headings, paragraphs, quotes; the title from front matter if there is no `#` one. */
function markdownBlocks(kept: readonly string[], plain: boolean, meta: ArticleMeta): RawBlock[] {
  const raws: RawBlock[] = [];
  let current: string[] = [];
  let emptyPart = false;
  // in a plain text, inline Markdown changes nothing, and only an empty part (a bare `>`) puts two spaces in a row
  const strip = plain ? (t: string) => t : stripInlineMarkdown;
  const flush = () => {
    if (current.length) raws.push({ kind: "paragraph", text: strip(current.join(" ")), collapse: !plain || emptyPart });
    current = [];
    emptyPart = false;
  };
  for (let i = 0; i <= kept.length; i++) {
    const line = i < kept.length ? kept[i] : ""; // and an empty line at the end
    const c0 = line.charCodeAt(0); // the regexes below need a first character of #, -, *, _ or >
    const h = c0 === 35 ? /^(#{1,6})\s+(.*?)\s*#*$/.exec(line) : null;
    if (h) {
      flush();
      const isTitle = h[1].length === 1 && raws.length === 0;
      if (isTitle) meta.title ||= strip(h[2]);
      raws.push({ kind: isTitle ? "title" : "heading", text: strip(h[2]), collapse: !plain });
    } else if (!line || ((c0 === 45 || c0 === 42 || c0 === 95) && /^(-{3,}|\*{3,}|_{3,})$/.test(line))) flush();
    else if (c0 === 62) {
      const part = line.replace(/^>\s?/, "");
      if (!part) emptyPart = true;
      current.push(part);
    } else current.push(line);
  }
  // (the title from front matter is as its author wrote it)
  if (meta.title && raws[0]?.kind !== "title") raws.unshift({ kind: "title", text: meta.title, collapse: true });
  return raws;
}

/** A plain text body's blocks: a title or lead first, then headings and paragraphs. */
function textBlocks(kept: string[], plain: boolean, meta: ArticleMeta): RawBlock[] {
  const raws: RawBlock[] = [];
  const paragraphs = groupParagraphs(kept);
  paragraphs.forEach((p, i) => {
    if (i === 0) {
      if (looksLikeHeading(p)) {
        meta.title ||= p;
        raws.push({ kind: "title", text: p, collapse: !plain });
      } else {
        // no headline: the opening paragraph is a lead; its first sentence names the article
        meta.title ||= (/^.+?[.!?](?=\s|$)/.exec(p)?.[0] ?? p).slice(0, 160);
        raws.push({ kind: "lead", text: p, collapse: !plain });
      }
      return;
    }
    const nextIsText = i + 1 < paragraphs.length && !looksLikeHeading(paragraphs[i + 1]);
    raws.push({ kind: looksLikeHeading(p) && nextIsText ? "heading" : "paragraph", text: p, collapse: !plain });
  });
  return raws;
}

/** The blocks' texts joined into the article text, and the blocks as spans of it. */
function joinBlocks(meta: ArticleMeta, raws: readonly RawBlock[]): ParsedArticle {
  const blocks: Block[] = [];
  // the blocks joined once (a flat string) rather than concatenated one by one: V8 keeps `+=` results as
  // a tree of pieces, and every stage reading the text by character then goes through that tree
  const parts: string[] = [];
  let length = 0;
  for (const b of raws) {
    const t = (b.collapse ? collapseSpaces(b.text) : b.text).trim();
    if (!t) continue;
    if (length) length += 2; // "\n\n"
    blocks.push({ kind: b.kind, index: blocks.length, start: length, end: length + t.length });
    parts.push(t);
    length += t.length;
  }
  const text = parts.join("\n\n");
  if (!text) throw new ArticleFormatError("no article text (the file is empty or holds only metadata)");
  return { meta, text, blocks };
}
