import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWord, splitSentences, tokenize, tokenTexts } from "../data-loaders/segment.ts";
import type { Block, Sentence, Token } from "../data-loaders/types.ts";
import { ROOT } from "./global-setup.ts";

/**
 * segment.ts reads the words around a full stop by its character class
 * table instead of a Unicode regex per character: sentence splits must stay
 * exactly those of the regex version, kept below as `reference` (segment.ts
 * before the change), on random blocks of letters, digits, dots, quotation
 * marks, abbreviations and surrogates (paired and lone).
 */
const abbreviations = JSON.parse(readFileSync(join(ROOT, "data-loaders/data/abbreviations.json"), "utf8")) as { neverFinal: string[]; mayEndSentence: string[]; ordinalNouns: string[] };
const NEVER_FINAL = new Set(abbreviations.neverFinal);
const MAY_END = new Set(abbreviations.mayEndSentence);
const ORDINAL_NOUNS = new Set(abbreviations.ordinalNouns);

const CLOSERS = "“”\"«»’')]";
const OPENERS = "„“\"»«‚‘'([";
const UPPER = /[\p{Lu}\p{N}]/u;
const TERMINATORS = /[.!?…]+/g;

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n";
}

/** The word (letters, digits, inner dots) that ends right before `pos`. */
function wordBefore(text: string, pos: number, from: number): string {
  let i = pos;
  while (i > from && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, pos).replace(/^\.+/, "");
}

function wordAfter(text: string, pos: number, to: number): string {
  const m = /^[\p{L}\p{N}-]+/u.exec(text.slice(pos, Math.min(to, pos + 40)));
  return m ? m[0] : "";
}

/**
 * Whether a run of terminal punctuation `[p, e)` ends a sentence, given what
 * follows at `next` (first non-space position).
 */
function endsSentence(text: string, p: number, e: number, next: number, blockStart: number, blockEnd: number): boolean {
  const punct = text.slice(p, e);
  const c = text[next];
  if (!UPPER.test(c) && !OPENERS.includes(c) && c !== "–" && c !== "-") return false;
  if (punct !== ".") return true; // ! ? … and "..." end a sentence before a capital
  const word = wordBefore(text, p, blockStart);
  if (!word) return true;
  const following = wordAfter(text, next, blockEnd);
  if (/^\d{1,2}$/.test(word)) {
    // `15. August`, `20. Jahrhundert`, `3. Mal` are ordinals, `seit 2019. Die` is not
    return !(ORDINAL_NOUNS.has(following) || /^\d/.test(following));
  }
  if (/^\p{L}$/u.test(word)) return false; // initials (`Andreas M. Brucker`) and `z. B.`, `u. a.`
  if (/\p{L}\.\p{L}/u.test(word)) return MAY_END.has(word) ? true : false; // `U.S.`, `z.B.`
  if (NEVER_FINAL.has(word)) return false;
  return true;
}

/** Sentence spans within each block; a heading or title is one sentence even without a full stop. */
function reference(text: string, blocks: Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const block of blocks) {
    let start = block.start;
    const push = (end: number) => {
      let s = start;
      while (s < end && isSpace(text[s])) s++;
      let e = end;
      while (e > s && isSpace(text[e - 1])) e--;
      if (e > s) sentences.push({ index: sentences.length, block: block.index, start: s, end: e });
      start = end;
    };
    const slice = text.slice(block.start, block.end);
    TERMINATORS.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = TERMINATORS.exec(slice)); ) {
      const p = block.start + m.index;
      let e = p + m[0].length;
      while (e < block.end && CLOSERS.includes(text[e])) e++;
      if (e >= block.end) break;
      if (isSpace(text[e])) {
        let next = e;
        while (next < block.end && isSpace(text[next])) next++;
        if (next < block.end && endsSentence(text, p, e, next, block.start, block.end)) push(e);
      } else if (m[0] === "." && /\p{Ll}{2}$/u.test(text.slice(p - 2, p)) && /^\p{Lu}\p{Ll}/u.test(text.slice(e, e + 2))) {
        push(e); // a missing space: `behalten.Trumps`
      }
    }
    push(block.end);
  }
  return sentences;
}



describe("splitSentences", () => {
  it("splits as the regex version on 100,000 random blocks with every opening and closing mark, line ends and other digits", () => {
    const alpha = ["a", "b", "B", "Ü", "ß", "1", "2", "٣", "Ⅻ", "½", ".", ".", ".", ". ", " ", " ", "\n", "!", "?", "…", "...", "\ud835\udc00", "\ud800", "\udc00",
      "Dr", "z", "B", "Mio", "St", "U.S", "u", "a", "15", "3", "August", "Jahrhundert", "Mal", "ſ", "„", "“", "”", "\"", "«", "»", "‚", "‘", "’", "'", "(", ")", "[", "]", "–", "-", "Trumps", "behalten"];
    let x = 99;
    const rnd = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
    for (let n = 0; n < 100_000; n++) {
      let s = "";
      const len = 1 + Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) s += alpha[Math.floor(rnd() * alpha.length)];
      const cut = Math.floor(rnd() * s.length);
      // one block or two (the second starting mid-text)
      const blocks: Block[] = rnd() < 0.5 ? [{ kind: "paragraph", index: 0, start: 0, end: s.length }] : [{ kind: "paragraph", index: 0, start: 0, end: cut }, { kind: "paragraph", index: 1, start: cut, end: s.length }];
      const got: Sentence[] = splitSentences(s, blocks), want = reference(s, blocks);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, blocks, got }).toEqual({ s, blocks, got: want });
    }
  });

  it("splits as the regex version on 100,000 random blocks", () => {
    const alpha = ["a", "B", "ä", "Ü", "1", "2", ".", ".", ". ", " ", " ", "!", "?", "…", "\ud835\udc00", "\ud800", "\udc00", "Dr", "z", "B", "Mio", "„", "“", "-", "–", "15", "Jan", "August", "St", "U.S", "ſ"];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 100_000; n++) {
      let s = "";
      const len = 1 + Math.floor(rnd() * 25);
      for (let i = 0; i < len; i++) s += alpha[Math.floor(rnd() * alpha.length)];
      const blocks: Block[] = [{ kind: "paragraph", index: 0, start: 0, end: s.length }];
      const got: Sentence[] = splitSentences(s, blocks), want = reference(s, blocks);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want });
    }
  });
});

/**
 * The tokenizer reads the class table inline instead of running `TOKEN` per
 * sentence: its tokens must stay the regex's matches in each sentence's
 * text, with a full stop joined to the word before it when it is not the
 * sentence's last (`referenceTokens`, the tokenizer's definition).
 */
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*-?|\.{3}|\S/gu;
function referenceTokens(text: string, sentences: Sentence[]): Token[] {
  const tokens: Token[] = [];
  for (const s of sentences) {
    let lastEnd = s.end;
    while (lastEnd > s.start && (CLOSERS.includes(text[lastEnd - 1]) || text[lastEnd - 1] === " ")) lastEnd--;
    const slice = text.slice(s.start, s.end);
    TOKEN.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = TOKEN.exec(slice)); ) {
      const start = s.start + m.index, end = start + m[0].length;
      const prev = tokens[tokens.length - 1];
      if (m[0] === "." && end < lastEnd && prev && prev.sentence === s.index && prev.end === start && /[\p{L}\p{N}]$/u.test(text.slice(prev.start, prev.end))) prev.end = end;
      else tokens.push({ start, end, sentence: s.index });
    }
  }
  return tokens;
}

describe("tokenize", () => {
  const alpha = ["a", "B", "ä", "ß", "Ü", "1", "2", "٣", "½", "²", ".", ".", "...", ",", ":", "-", "-", "'", "’", "&", " ", " ", " ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "!", "?", "…", "„", "“", "\"", ")", "\ud835\udc00", "\ud835\udfce", "\ud800", "\udc00", "\u0301", "\u00ad", "字", "ſ", "Dr", "z", "15", "U.S", "e-Mail"];
  let seed = 23;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const randomText = () => {
    let s = "";
    const len = 1 + Math.floor(rnd() * 30);
    for (let i = 0; i < len; i++) s += alpha[Math.floor(rnd() * alpha.length)];
    return s;
  };

  it("gives the regex's tokens on 100,000 random texts split into sentences", () => {
    for (let n = 0; n < 100_000; n++) {
      const s = randomText();
      const sentences = splitSentences(s, [{ kind: "paragraph", index: 0, start: 0, end: s.length }]);
      const got = tokenize(s, sentences), want = referenceTokens(s, sentences);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want });
    }
  });

  it("gives the regex's tokens where a code unit the class table has not yet met sits in a word, a number or after a mark", () => {
    // each text holds units seen nowhere else in these tests: the tokenizer stops at the first one, classifies the text's units and starts again
    const texts = ["Wort\ua66eWort und mehr.", "12\u0f2a3 oder 4,\u1813 Stück", "Nord-\u10d0\u10d1 \u2f00 — x", "\u0e51\u0e52 \u00a0 \u2fff\u3041"];
    for (const s of texts) {
      const sentences = splitSentences(s, [{ kind: "paragraph", index: 0, start: 0, end: s.length }]);
      expect(tokenize(s, sentences)).toEqual(referenceTokens(s, sentences));
    }
  });

  it("gives the regex's tokens on 100,000 random sentence spans (a match may run past a span's end)", () => {
    for (let n = 0; n < 100_000; n++) {
      const s = randomText();
      const sentences: Sentence[] = [];
      for (let p = 0, k = 0; p < s.length; k++) {
        let e = Math.min(s.length, p + 1 + Math.floor(rnd() * 8));
        // not inside a surrogate pair (a sticky Unicode regex started there steps back to the pair's start: sentences never split one)
        if (e < s.length && /[\ud800-\udbff]/.test(s[e - 1]) && /[\udc00-\udfff]/.test(s[e])) e++;
        sentences.push({ index: k, block: 0, start: p, end: e });
        p = e;
      }
      const got = tokenize(s, sentences), want = referenceTokens(s, sentences);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, sentences, got }).toEqual({ s, sentences, got: want });
    }
  });
});

/**
 * Token texts are interned by a key of the length and the first eight code
 * units (and a hash of the rest): every token's form, lower case and word
 * flag must be those of its own text, for short and long forms, forms that
 * share their first eight units, NUL and surrogate units, and across the
 * table's growth and its restart at the size limit.
 */
describe("tokenTexts", () => {
  const check = (text: string) => {
    const sentences = [{ index: 0, block: 0, start: 0, end: text.length }];
    const tokens = tokenize(text, sentences);
    const t = tokenTexts({ text, tokens, sentences });
    let words = 0;
    // per form, its number: one number per form, all of the document's generation and below its limit
    const idOf = new Map<string, number>(), formOf = new Map<number, string>();
    for (let i = 0; i < tokens.length; i++) {
      const e = t.entries[i], id = t.ids[i];
      if (id !== e.id || e.generation !== t.idGeneration || id < 0 || id >= t.idLimit || (idOf.get(e.form) ?? id) !== id || (formOf.get(id) ?? e.form) !== e.form) {
        expect({ text, i, id, generation: e.generation }).toEqual({ text, i, id: e.id, generation: t.idGeneration, idOf: idOf.get(e.form), formOf: formOf.get(id), limit: t.idLimit });
      }
      idOf.set(e.form, id);
      formOf.set(id, e.form);
    }
    for (let i = 0; i < tokens.length; i++) {
      const form = text.slice(tokens[i].start, tokens[i].end);
      const w = isWord(text, tokens[i]) ? 1 : 0;
      words += w;
      if (t.forms[i] !== form || t.entries[i].form !== form || t.lowers[i] !== form.toLowerCase() || t.entries[i].lower !== t.lowers[i] || t.word[i] !== w || t.entries[i].word !== w) {
        expect({ text, i, form: t.forms[i], lower: t.lowers[i], word: t.word[i] }).toEqual({ text, i, form, lower: form.toLowerCase(), word: w });
      }
    }
    expect(t.words).toBe(words);
  };

  it("gives each token its own text on 20,000 random documents", () => {
    const units = ["a", "b", "A", "Ä", "ß", "İ", "1", "\u0000", "\ud835\udc00", "\ud800", "\udc00", "-", "'", ".", "&", "字", "ſ"];
    let seed = 31;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const words = 1 + Math.floor(rnd() * 12);
      for (let w = 0; w < words; w++) {
        // lengths around 8 (the packed key) and 13 (copied forms), and shared beginnings
        const len = [1, 2, 7, 8, 9, 12, 13, 14, 20][Math.floor(rnd() * 9)];
        let word = rnd() < 0.3 ? "Bundesreg" : "";
        while (word.length < len) word += units[Math.floor(rnd() * units.length)];
        text += word + (rnd() < 0.8 ? " " : ", ");
      }
      check(text);
    }
  });

  it("tells apart forms of the same hash (short, and longer than the packed eight units)", () => {
    // the table's hash, as in segment.ts's `internedAt`: pairs of forms it cannot tell apart by the hash alone
    const hash = (f: string) => {
      const n = f.length;
      const w = [0, 0, 0, 0];
      for (let i = 0; i < Math.min(n, 8); i++) w[i >> 1] |= f.charCodeAt(i) << (i & 1 ? 16 : 0);
      let h = Math.imul(n ^ w[0], 0x9e3779b1);
      h = Math.imul(h ^ w[1], 0x85ebca6b);
      h = Math.imul(h ^ w[2], 0xc2b2ae35);
      h = Math.imul(h ^ w[3], 0x27d4eb2f);
      for (let i = 8; i < n; i++) h = Math.imul(h ^ f.charCodeAt(i), 16777619);
      return h ^ (h >>> 15);
    };
    let x = 77;
    const rnd = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32); // xorshift32: 400,000 distinct draws
    for (const [prefix, len] of [["", 8], ["Bundesre", 20]] as const) {
      const seen = new Map<number, string>();
      let pairs = 0;
      for (let n = 0; n < 400_000 && pairs < 3; n++) {
        let f = prefix;
        while (f.length < len) f += String.fromCharCode(97 + Math.floor(rnd() * 26));
        const h = hash(f), other = seen.get(h);
        if (other !== undefined && other !== f) {
          pairs++;
          check(`${other} ${f} ${other} ${f}`);
          check(`${f} ${other}`);
        }
        seen.set(h, f);
      }
      expect(pairs).toBeGreaterThan(0);
    }
  });

  it("reads long texts, texts in turn, and spans outside the text", () => {
    const long = Array.from({ length: 30_000 }, (_, i) => `Wort${i % 977}`).join(" "); // beyond the first code-unit buffer
    check(long);
    check("Ein kurzer Text danach.");
    check(long.slice(0, 70_000));
    const text = "Ein Wort.";
    const tokens = [{ start: 0, end: 3, sentence: 0 }, { start: 4, end: 12, sentence: 0 }, { start: -2, end: 3, sentence: 0 }, { start: 5, end: 2, sentence: 0 }];
    const t = tokenTexts({ text, tokens, sentences: [{ index: 0, block: 0, start: 0, end: text.length }] });
    expect(t.forms).toEqual(tokens.map((x) => text.slice(x.start, x.end)));
    expect([...t.word]).toEqual(tokens.map((x) => (isWord(text, x) ? 1 : 0)));
  });

  it("stays right while the table grows and restarts (300,000 distinct forms)", () => {
    const parts: string[] = [];
    for (let n = 0; n < 300_000; n++) {
      parts.push(`w${n.toString(36)}${n % 7 === 0 ? "Ärger" : ""}`);
      if (parts.length === 1000) { check(parts.join(" ")); parts.length = 0; }
    }
    check("w0 w1 wa wA Wa w0Ärger");
  });

  it("numbers a document's forms in one generation, also past the size limit, and starts again after it", () => {
    const doc = (text: string) => {
      const sentences = [{ index: 0, block: 0, start: 0, end: text.length }];
      return { text, tokens: tokenize(text, sentences), sentences };
    };
    const before = tokenTexts(doc("vorher ein Wort"));
    // one document of more distinct forms than the table holds
    const big = Array.from({ length: 300_000 }, (_, n) => `g${n.toString(36)}`).join(" ");
    check(big);
    const after = tokenTexts(doc("nachher ein Wort"));
    expect(after.idGeneration).toBeGreaterThan(before.idGeneration);
    expect(Math.max(...after.ids)).toBeLessThan(10);
    check("nachher ein Wort w0");
  });
});
