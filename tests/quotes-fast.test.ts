/**
 * The quote stage's fast paths against the plain code they replace, on varied inputs:
 * - the per-form flags (`tokens.ts`, `B_…`) against the lexicon look-ups they stand for: every token of varied
 *   texts (lexicon words in several spellings, random words, punctuation) gets the flags the Sets and
 *   predicates give for its surface form;
 * - `wordCount` (`direct.ts`) against `split(/\s+/)` and a regex test per piece.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AUX, GENITIVE_DET, IMPERSONAL, isNachNoun, NAME_PREP, NP_DET, PRONOUNS, REPORTED_FORMS, REPORTIVE_MODALS, SOURCE_ADVERBS, SOURCE_POST, SOURCE_PREP, STOP_NP, TRIGGERS, VERB_FORMS,
} from "../data-loaders/quotes/lexicon.ts";
import {
  B, SEPARATORS, sentenceTokens, type Tok,
} from "../data-loaders/quotes/tokens.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import { wordCount } from "../data-loaders/quotes/direct.ts";

/** `npToken` as it was written before the flags (for a token outside quotation marks) */
function npTokenPlain(t: Tok): boolean {
  if (!t.word) return t.text === "-" || t.text === ".";
  if (t.upper) return !STOP_NP.has(t.low);
  if (NP_DET.has(t.low)) return true;
  if (STOP_NP.has(t.low) || VERB_FORMS.has(t.low) || AUX.has(t.low)) return false;
  if (t.low === "von" || t.low === "vom" || t.low === "zu") return false;
  return /(?:e|en|er|es|em)$/.test(t.low) || /^\d/.test(t.low) || /^[a-zäöü]+-/.test(t.low);
}
const LOWER_COMPOUND = /^\p{Ll}[\p{L}\d]*-\p{Lu}/u;
const firstWords = new Set(IMPERSONAL.map((seq) => seq[0]));

function expectedBits(t: Tok): number {
  const f = (b: boolean, bit: number) => (b ? bit : 0);
  const { text, low } = t;
  return (
    f(TRIGGERS.has(low), B.CUE) | f(REPORTIVE_MODALS.has(low), B.RMOD) | f(SEPARATORS.has(text), B.SEP) | f(REPORTED_FORMS.has(low), B.REP) |
    f(NP_DET.has(low), B.DET) | f(STOP_NP.has(low), B.STOP) | f(npTokenPlain(t), B.NP) |
    f(t.upper || PRONOUNS.has(text) || (text.includes("-") && LOWER_COMPOUND.test(text)), B.HEAD) | f(PRONOUNS.has(text), B.PRON) |
    f(VERB_FORMS.has(low), B.VERB) | f(AUX.has(low), B.AUX) | f(NAME_PREP.has(low), B.NAMEPREP) | f(GENITIVE_DET.has(low), B.GENDET) |
    f(firstWords.has(low), B.IMP) | f(SOURCE_PREP.has(low), B.SPREP) | f(SOURCE_POST.has(low), B.SPOST) | f(SOURCE_ADVERBS.has(low), B.SADV) | f(isNachNoun(text), B.NACH) |
    f([",", ":", ";", "–"].includes(text), B.CLAUSE) | f(text === ".", B.FULLSTOP)
  );
}

/** a deterministic random source (so a failure repeats) */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function checkText(text: string): number {
  let n = 0;
  for (const toks of sentenceTokens(docFromText(text, "t"))) {
    for (const t of toks) {
      if (t.bits !== expectedBits(t)) expect({ form: t.text, bits: t.bits.toString(2) }).toEqual({ form: t.text, bits: expectedBits(t).toString(2) });
      n++;
    }
  }
  return n;
}

describe("quote token flags", () => {
  it("match the lexicon look-ups for every lexicon word in several spellings", () => {
    const words = new Set<string>();
    for (const set of [AUX, GENITIVE_DET, NAME_PREP, NP_DET, PRONOUNS, REPORTIVE_MODALS, SOURCE_ADVERBS, SOURCE_POST, SOURCE_PREP, STOP_NP, TRIGGERS]) for (const w of set) words.add(w);
    for (const w of VERB_FORMS.keys()) words.add(w);
    for (const w of REPORTED_FORMS.keys()) words.add(w);
    const spelled: string[] = [];
    for (const w of words) {
      for (const part of w.split(/\s+/)) {
        spelled.push(part, part.toUpperCase(), part[0].toUpperCase() + part.slice(1), `${part}-Bericht`, `${part}-artig`);
      }
    }
    // one long text per few hundred words, so that sentences stay of a usual length
    let n = 0;
    for (let k = 0; k < spelled.length; k += 200) n += checkText(spelled.slice(k, k + 200).map((w, i) => (i % 12 === 11 ? `${w}, ` : `${w} `)).join("") + ".");
    expect(n).toBeGreaterThan(words.size);
  });

  it("match them on random words, numbers and punctuation", () => {
    const r = rng(8);
    const alphabet = ["a", "e", "n", "r", "s", "t", "ä", "ß", "A", "D", "Ü", "-", "1", "9", "é", "İ", "Ω"];
    const punct = [",", ".", ":", ";", "–", "—", "(", ")", "!", "?", "…", "-", "/", "%"];
    let n = 0;
    for (let doc = 0; doc < 200; doc++) {
      const parts: string[] = [];
      for (let w = 0; w < 80; w++) {
        if (r() < 0.2) parts.push(punct[Math.floor(r() * punct.length)]);
        else {
          let s = "";
          const len = 1 + Math.floor(r() * 9);
          for (let c = 0; c < len; c++) s += alphabet[Math.floor(r() * alphabet.length)];
          parts.push(s);
        }
      }
      n += checkText(parts.join(" ") + ".");
    }
    expect(n).toBeGreaterThan(10_000);
  });

  it("match them on the seed articles", () => {
    const dir = new URL("../corpus/", import.meta.url);
    let n = 0;
    for (const f of readdirSync(dir)) if (f.endsWith(".txt")) n += checkText(readFileSync(new URL(f, dir), "utf8"));
    expect(n).toBeGreaterThan(100);
  });
});

describe("reused token objects", () => {
  const plain = (sents: Tok[][]) => sents.map((toks) => toks.map((t) => [t.start, t.end, t.text, t.mark, t.bits, t.kj].join("|")));
  it("give each document the tokens fresh ones give (documents short and long, one after another)", () => {
    const dir = new URL("../corpus/", import.meta.url);
    const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(new URL(f, dir), "utf8"));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of [...texts, texts[0].slice(0, 200), ...texts.reverse(), texts.join("\n\n")]) {
      const doc = docFromText(text, "t");
      const reused = sentenceTokens(doc, true);
      expect(plain(reused)).toEqual(plain(sentenceTokens(doc)));
    }
  });
  it("gather tokens that are out of sentence order", () => {
    const doc = docFromText("Er sagte, es regne. Sie widersprach: „Nein.“ Dann ging er.", "t");
    const shuffled = { ...doc, tokens: [...doc.tokens].reverse() };
    expect(doc.sentences.length).toBe(3);
    expect(plain(sentenceTokens(shuffled, true))).toEqual(plain(sentenceTokens(shuffled)));
    expect(plain(sentenceTokens(shuffled, true))).not.toEqual(plain(sentenceTokens(doc, true)));
  });
  it("gather tokens whose sentences are listed out of order (each sentence's run found, but not at its position)", () => {
    const doc = docFromText("Er sagte, es regne. Sie widersprach: „Nein.“ Dann ging er.", "t");
    const [s0, s1, s2] = doc.sentences;
    const of = (s: number) => doc.tokens.filter((t) => t.sentence === s);
    const swapped = { ...doc, sentences: [s1, s0, s2], tokens: [...of(1), ...of(0), ...of(2)] };
    expect(plain(sentenceTokens(swapped, true))).toEqual(plain(sentenceTokens(swapped)));
    expect(plain(sentenceTokens(swapped, true))[0]).toEqual(plain(sentenceTokens(doc, true))[0]);
  });
});

describe("wordCount", () => {
  const WORDCH = /[\p{L}\p{N}]/u;
  const plain = (text: string) => text.split(/\s+/).filter((w) => WORDCH.test(w)).length;

  it("counts what split and a regex per piece count, on random texts", () => {
    const r = rng(11);
    // every kind of white space, ASCII and other letters and digits, punctuation, marks, paired and lone surrogates
    const units = [
      " ", " ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u1680", "\u2000", "\u2005", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u180e",
      "a", "Z", "0", "9", "ä", "ß", "é", "Ω", "ж", "中", "٣", "²", "½", "-", ".", ",", "„", "“", "…", "'", "(", "\u0301", "\u00ad",
      "\ud835\udc00", "\ud83d\ude00", "\ud800", "\udc00", "\ud801\udc37",
    ];
    for (let k = 0; k < 100_000; k++) {
      let s = "";
      const len = Math.floor(r() * 16);
      for (let c = 0; c < len; c++) s += units[Math.floor(r() * units.length)];
      if (wordCount(s) !== plain(s)) expect({ s, n: wordCount(s) }).toEqual({ s, n: plain(s) });
    }
  });

  it("counts every code unit alone and after a letter as the plain version does", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `a${ch}b`, `${ch}b c`, ` ${ch} `]) if (wordCount(s) !== plain(s)) expect({ c, n: wordCount(s) }).toEqual({ c, n: plain(s) });
    }
  });
});
