import { withMemos } from "../array-memo.ts";
import type { Doc } from "../types.ts";
import { memoSlot, tokenTexts } from "../segment.ts";
import {
  AUX, GENITIVE_DET, IMPERSONAL, isKonjunktiv1, isKonjunktiv2, isNachNoun, NAME_PREP, NP_DET, PRONOUNS, REPORTED_FORMS, REPORTIVE_MODALS, SOURCE_ADVERBS, SOURCE_POST, SOURCE_PREP, STOP_NP, TRIGGERS, VERB_FORMS,
} from "./lexicon.ts";

/** A token of one sentence, with the facts the quote rules ask about it. */
export interface Tok {
  start: number;
  end: number;
  text: string;
  low: string;
  word: boolean;
  upper: boolean;
  /** index of the top-level quotation span it lies in (marks included), -1 outside */
  mark: number;
  /** a lower-case word that is a Konjunktiv I form (bit 1) or a Konjunktiv II substitute (bit 2) */
  kj: number;
  /** lexicon memberships and other facts of the form: the `B_` flags below */
  bits: number;
}

/**
 * Facts of a form (`Tok.bits`), a `const enum` so that the bundle tests them against literals: exported `const`s
 * were module variables, loaded and type-checked at every test in the hot scans.
 */
export const enum B {
  /** `low` can start a cue (`TRIGGERS`) */
  CUE = 1,
  /** `low` is a reportive modal (`soll`) */
  RMOD = 2,
  /** `text` is a clause separator (`SEPARATORS`) */
  SEP = 4,
  /** `low` is a form of a reported-speech verb (`REPORTED_FORMS`) */
  REP = 8,
  // The flags below answer, once per form, the lexicon look-ups the speaker and cue rules make token by token
  // (a flag test instead of a Set probe that hashes a fresh lower-case string and compares its characters).
  /** `low` is a determiner (`NP_DET`) */
  DET = 16,
  /** `low` is a word that stops a noun phrase (`STOP_NP`) */
  STOP = 32,
  /** outside quotation marks the token can be part of a speaker noun phrase (`npFormFact`) */
  NP = 64,
  /** the token can head a noun phrase: capitalised, a speaker pronoun or a lower-case compound (`ai-Bericht`) */
  HEAD = 128,
  /** `text` is a speaker pronoun (`PRONOUNS`) */
  PRON = 256,
  /** `low` is a finite or participle form of a speech verb (`VERB_FORMS`) */
  VERB = 512,
  /** `low` is an auxiliary (`AUX`) */
  AUX = 1024,
  /** `low` attaches a place or institution to a name (`NAME_PREP`: `von`, `in`, …) */
  NAMEPREP = 2048,
  /** `low` can open a genitive attribute (`GENITIVE_DET`) */
  GENDET = 4096,
  /** `low` starts an impersonal phrase (`hieß es`) */
  IMP = 8192,
  /** `low` is a source preposition (`SOURCE_PREP`: `laut`) */
  SPREP = 16384,
  /** `low` is a source postposition (`SOURCE_POST`: `zufolge`) */
  SPOST = 32768,
  /** `low` is a source adverb (`SOURCE_ADVERBS`: `demnach`) */
  SADV = 65536,
  /** `text` is a noun that makes `nach` a source (`isNachNoun`: `Angaben`, `Pressemitteilung`) */
  NACH = 131072,
  /** `text` ends a clause before it (`,` `:` `;` `–`; `clauseStart`, `firstPerson`) */
  CLAUSE = 262144,
  /** `text` is a full stop (with B.CLAUSE, what ends a clause after a cue: `clauseEnd`) */
  FULLSTOP = 524288,
}

const IMPERSONAL_FIRST = new Set(IMPERSONAL.map((seq) => seq[0]));
/** a compound noun with a lower-case first part (`ai-Bericht`, `dpa-Meldung`, `taz-Interview`) */
const LOWER_COMPOUND = /^\p{Ll}[\p{L}\d]*-\p{Lu}/u;
export const isLowerCompound = (text: string) => text.includes("-") && LOWER_COMPOUND.test(text);

/** What `npToken` (`attribution.ts`) decides of a token outside quotation marks: its form alone. */
function npFormFact(text: string, low: string, word: boolean, upper: boolean): boolean {
  if (!word) return text === "-" || text === ".";
  if (upper) return !STOP_NP.has(low);
  if (NP_DET.has(low)) return true;
  if (STOP_NP.has(low) || VERB_FORMS.has(low) || AUX.has(low)) return false;
  if (low === "von" || low === "vom" || low === "zu") return false;
  // lower-case adjectives and participles inside a noun phrase (`der russische Präsident`)
  return /(?:e|en|er|es|em)$/.test(low) || /^\d/.test(low) || /^[a-zäöü]+-/.test(low);
}

/** The `B_` flags of a form. */
function formBits(text: string, low: string, word: boolean, upper: boolean): number {
  const f = (b: boolean, bit: number) => (b ? bit : 0);
  return (
    f(TRIGGERS.has(low), B.CUE) | f(REPORTIVE_MODALS.has(low), B.RMOD) | f(SEPARATORS.has(text), B.SEP) | f(REPORTED_FORMS.has(low), B.REP) |
    f(NP_DET.has(low), B.DET) | f(STOP_NP.has(low), B.STOP) | f(npFormFact(text, low, word, upper), B.NP) |
    f(upper || PRONOUNS.has(text) || isLowerCompound(text), B.HEAD) | f(PRONOUNS.has(text), B.PRON) | f(VERB_FORMS.has(low), B.VERB) |
    f(AUX.has(low), B.AUX) | f(NAME_PREP.has(low), B.NAMEPREP) | f(GENITIVE_DET.has(low), B.GENDET) | f(IMPERSONAL_FIRST.has(low), B.IMP) |
    f(SOURCE_PREP.has(low), B.SPREP) | f(SOURCE_POST.has(low), B.SPOST) | f(SOURCE_ADVERBS.has(low), B.SADV) | f(isNachNoun(text), B.NACH) |
    f(text === "," || text === ":" || text === ";" || text === "–", B.CLAUSE) | f(text === ".", B.FULLSTOP)
  );
}

const WORD = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;

/** a letter or digit anywhere (ASCII by char code, the rest by the Unicode class) */
function hasWordChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    if (c >= 128 && WORD.test(c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i])) return true;
  }
  return false;
}

function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(text);
}

/** What a token's surface form alone decides (shared by every token of that form). */
export interface Form {
  text: string;
  low: string;
  word: boolean;
  upper: boolean;
  kj: number;
  bits: number;
  /** the quote model's bucket of the word feature of `low` (`model.ts`), -1 until first asked */
  wb: number;
}

/** The facts of one surface form (pure: the same form always gives the same facts). */
function makeForm(form: string): Form {
  const low = form.toLowerCase();
  const word = hasWordChar(form);
  const upper = startsUpper(form);
  const bits = formBits(form, low, word, upper);
  return { text: form, low, word, upper, kj: word && !upper ? (isKonjunktiv1(low) ? 1 : 0) | (isKonjunktiv2(low) ? 2 : 0) : 0, bits, wb: -1 };
}

/**
 * surface form → its facts, keyed by the document's shared token texts
 * (`tokenTexts`, sliced once per document for every stage): a Map probe on a
 * string whose hash is already known (and usually the very string held as
 * the key: `tokenTexts` interns its forms), instead of hashing the
 * characters again. Those forms are copies, never slices of the document, so
 * the table pins no document text.
 */
const BY_FORM = new Map<string, Form>();
const MAX_FORMS = 1 << 18;

function formOf(form: string): Form {
  let f = BY_FORM.get(form);
  if (f === undefined) {
    f = makeForm(form);
    if (BY_FORM.size >= MAX_FORMS) BY_FORM.clear();
    BY_FORM.set(form, f);
  }
  return f;
}

/** this module's slot in `FormEntry.memo` */
const QUOTE_SLOT = memoSlot();

/**
 * Token objects for `sentenceTokens(doc, true)` to fill again: a document's tokens live only while its quotes
 * are read (`extractQuotes` returns none of them), and made anew for each document they were ~40 % of the
 * stage's allocation, copied again by every scavenge that ran while the document was read. At most
 * `POOL_MAX` are kept (a longer document makes the rest anew).
 */
const POOL: SentTok[] = [];
const POOL_MAX = 1 << 16;

/**
 * Tokens grouped by sentence (linear in the number of tokens). `reuse`: the token objects of the last call
 * that reused them are filled again, so that call's tokens must no longer be in use (`extractQuotes`, which
 * reads one document to its end before it returns, and keeps no token).
 */
export function sentenceTokens(doc: Doc, reuse = false): Tok[][] {
  const nS = doc.sentences.length;
  const tokens = doc.tokens;
  const n = tokens.length;
  const { forms, entries, first } = tokenTexts(doc);
  // reused objects are filled in token order; when the tokens come sentence by sentence (as the segmenter makes
  // them), each sentence's array is then a slice of the pool: made at its size, not grown push by push
  const pooled = reuse && n <= POOL_MAX;
  const out: Tok[][] = new Array(nS);
  if (!pooled) for (let k = 0; k < nS; k++) out[k] = withMemos([]);
  // (module values copied to locals: read in the loop, they would be loaded from the module context at each use)
  const slot = QUOTE_SLOT;
  const pool = POOL;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    let f: Form;
    if (slot >= 0) {
      // kept on the form's interned entry: a property load instead of a Map probe
      const e = entries[i];
      f = e.memo[slot] as Form;
      if (f === undefined) e.memo[slot] = f = formOf(e.form);
    } else f = formOf(forms[i]);
    if (!pooled) out[t.sentence].push(new SentTok(t.start, t.end, f));
    else if (i < pool.length) {
      const tok = pool[i];
      tok.start = t.start;
      tok.end = t.end;
      tok.mark = -1;
      tok.f = f;
      tok.bits = f.bits;
    } else pool.push(new SentTok(t.start, t.end, f));
  }
  if (pooled) {
    // `tokenTexts` found each sentence's run of tokens already (by `Sentence.index`, which is the position in
    // `doc.sentences` of every Doc the segmenter makes: checked, as reading the tokens again would cost more)
    const inOrder = first[nS] === n && indexedByPosition(doc.sentences);
    // (each with its memo holder from the start: every sentence's array one hidden class, `array-memo.ts`)
    if (inOrder) for (let k = 0; k < nS; k++) out[k] = withMemos(pool.slice(first[k], first[k + 1]));
    else {
      // tokens out of sentence order: each sentence's tokens gathered one by one
      for (let k = 0; k < nS; k++) out[k] = withMemos([]);
      for (let i = 0; i < n; i++) out[tokens[i].sentence].push(pool[i]);
    }
  }
  return out;
}

function indexedByPosition(sentences: readonly { index: number }[]): boolean {
  for (let k = 0; k < sentences.length; k++) if (sentences[k].index !== k) return false;
  return true;
}

/** The shared facts of a token's form, when it has them (every token `sentenceTokens` makes). */
export function formOfTok(t: Tok): Form | undefined {
  return t instanceof SentTok ? t.f : undefined;
}

/**
 * A `Tok` as five fields — offsets, `mark`, the shared facts of its form and a copy of the form's `bits` —
 * with the form's other facts read through getters (inlined where hot). `bits` is copied because every scan
 * of a sentence tests it first: a field of the (pooled) token, not a load of the form's object per test.
 */
class SentTok implements Tok {
  start: number;
  end: number;
  mark: number;
  f: Form;
  bits: number;
  constructor(start: number, end: number, f: Form) {
    this.start = start;
    this.end = end;
    this.mark = -1;
    this.f = f;
    this.bits = f.bits;
  }
  get text(): string { return this.f.text; }
  get low(): string { return this.f.low; }
  get word(): boolean { return this.f.word; }
  get upper(): boolean { return this.f.upper; }
  get kj(): number { return this.f.kj; }
}

/** clause separators; parentheses are not (`Jung (CDU) kündigte an, …` is one clause) */
export const SEPARATORS = new Set([",", ":", ";", "–", "—"]);
export const FINAL = new Set([".", "!", "?", "…", "...", ":"]);

/** Comma/colon/dash-delimited segments `[a, b)` of token indices, marks never split. */
export function segments(toks: Tok[]): [number, number][] {
  let n = 0;
  let a = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.mark < 0 && (t.bits & B.SEP) !== 0) {
      if (i > a) SEGS[n++] = [a, i];
      a = i + 1;
    }
  }
  if (a < toks.length) SEGS[n++] = [a, toks.length];
  const segs = SEGS.slice(0, n);
  if (SEGS.length > 4096) SEGS.length = 0; // (not kept at the size of a hostile sentence)
  return segs;
}
/** the segments in hand, copied out at their number (a list grown by pushes was most of what `segments` allocated) */
const SEGS: [number, number][] = [];

/** index of the last content token (before the sentence-final punctuation) */
export function contentEnd(toks: Tok[]): number {
  let e = toks.length;
  while (e > 0 && toks[e - 1].mark < 0 && !toks[e - 1].word && toks[e - 1].text !== ")") e--;
  return e;
}
