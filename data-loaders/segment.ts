import type { Block, Sentence, Token } from "./types.ts";
import type AbbreviationsFile from "./data/abbreviations.json";
import { readJsonData } from "./data-file.ts";
import { keepOn, keptOn, memoKey } from "./array-memo.ts";
const abbreviations = readJsonData<typeof AbbreviationsFile>("data/abbreviations.json");

const NEVER_FINAL = new Set(abbreviations.neverFinal);
const MAY_END = new Set(abbreviations.mayEndSentence);
const ORDINAL_NOUNS = new Set(abbreviations.ordinalNouns);

/**
 * A code unit's class in `CLASS_UNIT` (see there), a `const enum` so that the loops compare with literal
 * numbers: V8 (Node 20) loads a module-level `const` from its context, and checks it, at every use in a loop.
 */
const enum Unit { Unknown = 0, Number = 1, Letter = 2, Other = 3, Surrogate = 4, Space = 5 }

const CLOSERS = "“”\"«»’')]";
const OPENERS = "„“\"»«‚‘'([";
const UPPER = /[\p{Lu}\p{N}]/u;
const TERMINATORS = /[.!?…]+/g;

/** a space or a line end (the only white space between a block's sentences) */
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10;
}

/** `CLOSERS.includes(ch)` for the code unit `c` */
function isCloser(c: number): boolean {
  return c === 0x201c || c === 0x201d || c === 34 || c === 0xab || c === 0xbb || c === 0x2019 || c === 39 || c === 41 || c === 93;
}

/** `[.!?…]` */
function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/**
 * per BMP code unit: 0 not yet known, 1 it can start a sentence (`[\p{Lu}\p{N}]` in a Unicode regex tried on
 * that unit alone, an opening mark of `OPENERS`, a dash or hyphen), 2 not
 */
const STARTS_UNIT = new Uint8Array(65536);
function startsClass(c: number): number {
  const ch = String.fromCharCode(c);
  return (STARTS_UNIT[c] = UPPER.test(ch) || OPENERS.includes(ch) || ch === "–" || ch === "-" ? 1 : 2);
}

/**
 * The start of the word (letters, digits, inner dots; leading dots left
 * out) that ends right before `pos`, read by the class table: a code unit
 * matches `/[\p{L}\p{N}.]/u` alone when it is a letter, a digit or a dot (a
 * lone surrogate half matches neither class, so the word holds none).
 */
function wordStart(text: string, pos: number, from: number): number {
  let i = pos;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    let k = CLASS_UNIT[c];
    if (k === 0) k = unitClass(c);
    if (k !== Unit.Number && k !== Unit.Letter && c !== 46) break;
    i--;
  }
  while (i < pos && text.charCodeAt(i) === 46) i++;
  return i;
}

function wordAfter(text: string, pos: number, to: number): string {
  // /^[\p{L}\p{N}-]+/u over the next 40 code units, by the class table; a surrogate leaves it to the regex
  const limit = Math.min(to, pos + 40);
  let i = pos;
  for (; i < limit; i++) {
    const k = classOf(text, i);
    if (k === Unit.Number || k === Unit.Letter || text.charCodeAt(i) === 45) continue;
    if (k === Unit.Surrogate) return wordAfterByRegex(text, pos, limit);
    break;
  }
  return text.slice(pos, i);
}

function wordAfterByRegex(text: string, pos: number, limit: number): string {
  const m = /^[\p{L}\p{N}-]+/u.exec(text.slice(pos, limit));
  return m ? m[0] : "";
}

/**
 * Whether a run of terminal punctuation `[p, e)` ends a sentence, given what
 * follows at `next` (first non-space position). The word before it is
 * `[ws, p)`: its tests (`/^\d{1,2}$/`, `/^\p{L}$/u`, `/\p{L}\.\p{L}/u`) are
 * read by code unit (the word holds letters, digits and dots only, no
 * surrogate), and it is sliced only for the abbreviation lists.
 */
function endsSentence(text: string, p: number, e: number, next: number, blockStart: number, blockEnd: number): boolean {
  const c = text.charCodeAt(next); // NaN past the end: no class, no sentence start
  let k = STARTS_UNIT[c];
  if (k === 0) k = startsClass(c);
  if (k !== 1) return false;
  if (e - p !== 1 || text.charCodeAt(p) !== 46) return true; // ! ? … and "..." end a sentence before a capital
  const ws = wordStart(text, p, blockStart);
  const n = p - ws;
  if (n === 0) return true;
  if (n <= 2 && isAsciiDigit(text.charCodeAt(ws)) && (n === 1 || isAsciiDigit(text.charCodeAt(ws + 1)))) {
    // `15. August`, `20. Jahrhundert`, `3. Mal` are ordinals, `seit 2019. Die` is not
    const following = wordAfter(text, next, blockEnd);
    return !(ORDINAL_NOUNS.has(following) || /^\d/.test(following));
  }
  if (n === 1 && classOf(text, ws) === Unit.Letter) return false; // initials (`Andreas M. Brucker`) and `z. B.`, `u. a.`
  for (let j = ws; j + 2 < p; j++) {
    // `U.S.`, `z.B.`
    if (text.charCodeAt(j + 1) === 46 && classOf(text, j) === Unit.Letter && classOf(text, j + 2) === Unit.Letter) return MAY_END.has(text.slice(ws, p));
  }
  if (NEVER_FINAL.has(text.slice(ws, p))) return false;
  return true;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Sentence spans within each block; a heading or title is one sentence even
 * without a full stop. Runs of terminal punctuation are found by `TERMINATORS`
 * (`test`, no match array: a run's start is found by stepping back from its end).
 */
export function splitSentences(text: string, blocks: Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const block of blocks) {
    let start = block.start;
    const bStart = block.start, bEnd = block.end;
    const slice = text.slice(bStart, bEnd);
    TERMINATORS.lastIndex = 0;
    for (let from = 0; TERMINATORS.test(slice); ) {
      const me = TERMINATORS.lastIndex;
      let ms = me - 1;
      while (ms > from && isTerminator(slice.charCodeAt(ms - 1))) ms--;
      from = me;
      const p = bStart + ms;
      let e = bStart + me;
      while (e < bEnd && isCloser(text.charCodeAt(e))) e++;
      if (e >= bEnd) break;
      if (isSpaceCode(text.charCodeAt(e))) {
        let next = e;
        while (next < bEnd && isSpaceCode(text.charCodeAt(next))) next++;
        if (next < bEnd && endsSentence(text, p, e, next, bStart, bEnd)) start = pushSentence(text, sentences, block.index, start, e);
      } else if (me - ms === 1 && text.charCodeAt(p) === 46 && /\p{Ll}{2}$/u.test(text.slice(p - 2, p)) && /^\p{Lu}\p{Ll}/u.test(text.slice(e, e + 2))) {
        start = pushSentence(text, sentences, block.index, start, e); // a missing space: `behalten.Trumps`
      }
    }
    pushSentence(text, sentences, block.index, start, bEnd);
  }
  return sentences;
}

/** The sentence `[start, end)` without its surrounding spaces, if any is left; returns `end` (the next sentence's start). */
function pushSentence(text: string, sentences: Sentence[], block: number, start: number, end: number): number {
  let s = start;
  while (s < end && isSpaceCode(text.charCodeAt(s))) s++;
  let e = end;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) sentences.push({ index: sentences.length, block, start: s, end: e });
  return end;
}

const TOKEN = /\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*-?|\.{3}|\S/gu;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the code unit `c` is a letter or digit (`CLASS_UNIT`); -1 for a surrogate (decide on the whole string). */
function wordUnit(c: number): number {
  let k = CLASS_UNIT[c];
  if (k === 0) k = unitClass(c);
  return k === Unit.Surrogate ? -1 : k === Unit.Number || k === Unit.Letter ? 1 : 0;
}

/** the same pattern, sticky: tried at one position, no match array needed */
const TOKEN_AT = new RegExp(TOKEN.source, "uy");

/**
 * per BMP code unit: 0 not yet known, 1 `\p{N}`, 2 `\p{L}`, 3 neither (nor white space), 4 surrogate (decided
 * by the regex), 5 white space (`\s` in a Unicode regex; never a letter or digit). Filled on first sight of a
 * code unit (`unitClass`), so that the loops below read it inline: `k = CLASS_UNIT[c]; if (k === 0) k = unitClass(c)`.
 */
const CLASS_UNIT = new Uint8Array(65536);
const IS_NUMBER = /\p{N}/u;
const IS_LETTER = /\p{L}/u;
const IS_SPACE = /\s/u;
function unitClass(c: number): number {
  const ch = String.fromCharCode(c);
  return (CLASS_UNIT[c] = c >= 0xd800 && c <= 0xdfff ? Unit.Surrogate : IS_NUMBER.test(ch) ? Unit.Number : IS_LETTER.test(ch) ? Unit.Letter : IS_SPACE.test(ch) ? Unit.Space : Unit.Other);
}
for (let c = 0; c < 256; c++) unitClass(c);
unitClass(0xffff); // `tokensIn`'s stand-in for a position past the text's end

/** The class of the code unit at `i` (3 past the end: neither). */
function classOf(text: string, i: number): number {
  if (i >= text.length) return 3;
  const c = text.charCodeAt(i);
  const k = CLASS_UNIT[c];
  return k !== 0 ? k : unitClass(c);
}

/**
 * A text's UTF-16 code units in a typed array (one native copy, into a buffer
 * reused from text to text): the scanning loops read them by index, without
 * `charCodeAt`'s check of the string's representation at every character.
 * Valid for indexes below the text's length only.
 */
let unitsBuffer = new ArrayBuffer(1 << 16);
let units = new Uint16Array(unitsBuffer);
let unitBytes = Buffer.from(unitsBuffer);
let unitsText: string | undefined;
function codeUnits(text: string): Uint16Array {
  if (unitsText === text) return units;
  if (units.length < text.length) {
    let size = units.length;
    while (size < text.length) size *= 2;
    unitsBuffer = new ArrayBuffer(2 * size);
    units = new Uint16Array(unitsBuffer);
    unitBytes = Buffer.from(unitsBuffer);
  }
  unitBytes.write(text, 0, "utf16le");
  unitsText = text;
  return units;
}

/** one token `{start, end, sentence}` */
function token(start: number, end: number, sentence: number): Token {
  return { start, end, sentence };
}

/**
 * Word and punctuation tokens per sentence. A full stop that does not end its
 * sentence belongs to the word before it (`Dr.`, `15.`, `z.`, `B.`).
 * Tokens are the matches of `TOKEN` in the sentence's own text; they are
 * found in place, by hand: the same alternatives in the same order, read
 * from the class table inline (one load per code unit, no call), without
 * running the Unicode regex per token. A token that meets a surrogate is
 * matched by the sticky regex at its start, and a sentence where a match
 * would run past its end is tokenised from its copy.
 */
export function tokenize(text: string, sentences: Sentence[]): Token[] {
  const u = codeUnits(text);
  const tokens = tokensIn(text, u, sentences);
  if (tokens !== null) return tokens;
  for (let i = 0; i < text.length; i++) if (CLASS_UNIT[u[i]] === Unit.Unknown) unitClass(u[i]);
  return tokensIn(text, u, sentences)!;
}

/**
 * `tokenize`, or null when the text holds a code unit not yet in the class table: then the caller classifies
 * the text's units and asks again (the first few texts only). With no call to fill the table in its loops, V8
 * keeps their loads and checks lighter (a sixth of this function's instructions).
 */
function tokensIn(text: string, u: Uint16Array, sentences: Sentence[]): Token[] | null {
  const tokens: Token[] = [];
  const len = text.length;
  const cls = CLASS_UNIT;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const sEnd = s.end, sIdx = s.index;
    let lastEnd = sEnd;
    for (let c: number; lastEnd > s.start && (isCloser((c = text.charCodeAt(lastEnd - 1))) || c === 32); ) lastEnd--;
    const mark = tokens.length;
    let prev: Token | undefined = mark > 0 ? tokens[mark - 1] : undefined;
    let inPlace = true;
    for (let p = s.start; p < sEnd; ) {
      // past the text's end (a sentence made by hand): U+FFFF, of no class, one code unit (as `\S`)
      const c0 = p < len ? u[p] : 0xffff;
      let k = cls[c0];
      if (k === Unit.Unknown) return null;
      if (k === Unit.Space) { p++; continue; }
      let e = p + 1;
      if (k === Unit.Number) {
        // \p{N}+(?:[.,:]\p{N}+)*
        for (;;) {
          while (e < len) {
            k = cls[u[e]];
            if (k !== Unit.Number) break;
            e++;
          }
          if (e >= len) break;
          if (k === Unit.Unknown) return null;
          if (k === Unit.Surrogate) { e = -1; break; }
          const sep = u[e];
          if ((sep !== 46 && sep !== 44 && sep !== 58) || e + 1 >= len) break; // . , :
          k = cls[u[e + 1]];
          if (k === Unit.Unknown) return null;
          if (k === Unit.Surrogate) { e = -1; break; }
          if (k !== Unit.Number) break;
          e += 2;
        }
      } else if (k === Unit.Letter) {
        // [\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*-?
        for (;;) {
          while (e < len) {
            k = cls[u[e]];
            if (k !== Unit.Letter && k !== Unit.Number) break;
            e++;
          }
          if (e >= len) break;
          if (k === Unit.Unknown) return null;
          if (k === Unit.Surrogate) { e = -1; break; }
          const sep = u[e];
          if (sep !== 45 && sep !== 39 && sep !== 0x2019 && sep !== 38) break; // - ' ’ &
          if (e + 1 >= len) { if (sep === 45) e++; break; }
          k = cls[u[e + 1]];
          if (k === Unit.Unknown) return null;
          if (k === Unit.Surrogate) { e = -1; break; }
          if (k !== Unit.Letter && k !== Unit.Number) { if (sep === 45) e++; break; }
          e += 2;
        }
      } else if (k === Unit.Surrogate) e = -1;
      // \.{3}|\S (one code unit)
      else if (c0 === 46 && p + 2 < len && u[p + 1] === 46 && u[p + 2] === 46) e = p + 3;
      if (e < 0) {
        TOKEN_AT.lastIndex = p;
        TOKEN_AT.test(text); // always matches: `\S` takes any non-space
        e = TOKEN_AT.lastIndex;
      }
      if (e > sEnd) { inPlace = false; break; }
      // a full stop right after a word (not the sentence's last) joins it
      if (e - p === 1 && c0 === 46 && e < lastEnd && prev !== undefined && prev.sentence === sIdx && prev.end === p && endsInWordChar(text, prev.start, prev.end)) prev.end = e;
      else tokens.push((prev = token(p, e, sIdx)));
      p = e;
    }
    if (inPlace) continue;
    tokens.length = mark;
    const slice = text.slice(s.start, s.end);
    TOKEN.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = TOKEN.exec(slice)); ) {
      const start = s.start + m.index;
      pushToken(text, tokens, s, start, start + m[0].length, lastEnd);
    }
  }
  return tokens;
}

function pushToken(text: string, tokens: Token[], s: Sentence, start: number, end: number, lastEnd: number): void {
  const prev = tokens[tokens.length - 1];
  if (
    end - start === 1 && text.charCodeAt(start) === 46 &&
    end < lastEnd &&
    prev && prev.sentence === s.index && prev.end === start &&
    endsInWordChar(text, prev.start, prev.end)
  ) {
    prev.end = end;
    return;
  }
  tokens.push(token(start, end, s.index));
}

function endsInWordChar(text: string, start: number, end: number): boolean {
  const k = wordUnit(text.charCodeAt(end - 1));
  return k >= 0 ? k === 1 : /[\p{L}\p{N}]$/u.test(text.slice(start, end));
}

/** Whether a token is a word (holds a letter or digit) rather than punctuation. */
export function isWord(text: string, t: { start: number; end: number }): boolean {
  for (let i = t.start; i < t.end; i++) {
    const k = wordUnit(text.charCodeAt(i));
    if (k === 1) return true;
    if (k < 0) return WORD_CHAR.test(text.slice(t.start, t.end));
  }
  return false;
}

/** Each token's text, sliced once per document and shared by every stage that reads it. */
export interface TokenTexts {
  /** the token's text, `text.slice(start, end)` */
  forms: string[];
  /** `forms[i].toLowerCase()` */
  lowers: string[];
  /** 1 where the token is a word (`isWord`), else 0 */
  word: Uint8Array;
  /** number of word tokens */
  words: number;
  /** per sentence k, its tokens are `[first[k], first[k + 1])` (tokens are in sentence order) */
  first: Int32Array;
  /** per token, the interned entry of its text (`entries[i].form === forms[i]`), where stages keep what they know of the form */
  entries: FormEntry[];
  /** per token, its form's number (`entries[i].id`): an index into a stage's own per-form tables */
  ids: Int32Array;
  /** the numbering `ids` belong to (`FormEntry.generation`) */
  idGeneration: number;
  /** every id in `ids` is below this */
  idLimit: number;
}

/**
 * One distinct token text, shared by every token of that text in every
 * document. `memo[slot]` is free for a stage to keep what the form alone
 * decides (its lexicon facts): a property load per token instead of a Map
 * probe. Take a slot with `memoSlot()` once, at module load.
 */
export interface FormEntry {
  readonly form: string;
  readonly lower: string;
  /** 1 when the form is a word (`isWord`) */
  readonly word: number;
  readonly memo: unknown[];
  /**
   * The form's number, 0, 1, 2, … in the order forms are first met: a stage
   * may keep dense tables indexed by it (a typed array of flags, an array of
   * facts), one load per token where a memo slot is three. Numbering starts
   * again with the intern table (at its size limit), and `generation` counts
   * those starts: a table filled under one generation is void under another.
   */
  readonly id: number;
  readonly generation: number;
}

const MEMO_SLOTS = 8;
let memoSlots = 0;
/** A slot in every `FormEntry.memo`, or -1 when all are taken (the caller then keeps its own Map). */
export function memoSlot(): number {
  return memoSlots < MEMO_SLOTS ? memoSlots++ : -1;
}

/** `f.toLowerCase()`, without the call when `f` is ASCII with no capital (most tokens): then it is `f` itself */
function lowerCase(f: string): string {
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return f.toLowerCase();
  }
  return f;
}

/**
 * Token texts interned across documents: an open-addressing table keyed by
 * the characters in the document text, so that a known form costs no slice,
 * no lower-casing and no character test, and every stage's Map probe meets a
 * string whose hash V8 has already computed (and usually the very string the
 * Map holds as its key). Forms are copies, never slices, so the table pins no
 * document text; it starts afresh when it has reached its size limit (at the
 * next document's start: it may pass the limit within one document).
 *
 * Each slot's key sits in `keys` (typed, beside the other slots' keys): the
 * hash, the length and the first eight UTF-16 code units packed two to an
 * int. A form of at most eight code units (nine tokens in ten) is found by
 * comparing those six ints, without touching the entry or its string; a
 * longer one compares the rest of its text too. The table starts small
 * (2^11 slots, 48 kB of keys) and doubles as forms come: in a whole run the
 * keys of a table sized for 2^14 forms from the start, mostly empty, missed
 * the cache (internedAt 3.3 % of the run's CPU; 2.3 % starting small).
 */
const MIN_SLOTS = 1 << 11, MAX_SLOTS = 1 << 19;
/** ints per slot in `keys`: hash, length, four words of two code units */
const KEY = 6;
let slots: (FormEntry | undefined)[] = new Array(MIN_SLOTS);
let keys = new Int32Array(MIN_SLOTS * KEY);
let used = 0;
/** ids handed out in this generation of the table (`FormEntry.id`) */
let idCount = 0;
let generation = 0;

/** The entry of `text.slice(start, end)`, `u` being the text's code units (`codeUnits`) and `0 <= start <= end <= text.length`. */
function internedAt(text: string, u: Uint16Array, start: number, end: number): FormEntry {
  const n = end - start;
  // the first eight code units, two to a word (a missing unit is 0: the length tells a NUL from none)
  let w0 = 0, w1 = 0, w2 = 0, w3 = 0;
  const lim = n < 8 ? end : start + 8;
  let i = start;
  if (i < lim) { w0 = u[i++]; if (i < lim) w0 |= u[i++] << 16; }
  if (i < lim) { w1 = u[i++]; if (i < lim) w1 |= u[i++] << 16; }
  if (i < lim) { w2 = u[i++]; if (i < lim) w2 |= u[i++] << 16; }
  if (i < lim) { w3 = u[i++]; if (i < lim) w3 |= u[i++] << 16; }
  let h = Math.imul(n ^ w0, 0x9e3779b1);
  h = Math.imul(h ^ w1, 0x85ebca6b);
  h = Math.imul(h ^ w2, 0xc2b2ae35);
  h = Math.imul(h ^ w3, 0x27d4eb2f);
  for (; i < end; i++) h = Math.imul(h ^ u[i], 16777619);
  h ^= h >>> 15;
  // the table as locals: V8 (Node 20) loads a module-level binding from its context, and checks it, at every use
  const table = slots, tableKeys = keys;
  const mask = table.length - 1;
  let k = h & mask;
  for (let e = table[k]; e !== undefined; e = table[k]) {
    const o = k * KEY;
    if (tableKeys[o] === h && tableKeys[o + 1] === n && tableKeys[o + 2] === w0 && tableKeys[o + 3] === w1 && tableKeys[o + 4] === w2 && tableKeys[o + 5] === w3 && (n <= 8 || text.startsWith(e.form, start))) return e;
    k = (k + 1) & mask;
  }
  const sliced = text.slice(start, end);
  // V8 keeps a slice of 13 or more characters as a view of the whole text: copy it
  const form: string = n < 13 ? sliced : JSON.parse(JSON.stringify(sliced));
  if (2 * (used + 1) > slots.length) {
    // grow, re-inserting every form (the size limit is kept between documents: `startAfresh`)
    const oldSlots = slots, oldKeys = keys;
    slots = new Array(oldSlots.length * 2);
    keys = new Int32Array(oldSlots.length * 2 * KEY);
    used = 0;
    for (let j = 0; j < oldSlots.length; j++) {
      const e = oldSlots[j];
      if (e !== undefined) intern(e, oldKeys, j * KEY);
    }
  }
  const entry = newEntry(form, isWord(text, { start, end }));
  const key = NEW_KEY;
  key[0] = h; key[1] = n; key[2] = w0; key[3] = w1; key[4] = w2; key[5] = w3;
  intern(entry, key, 0);
  return entry;
}
const NEW_KEY = new Int32Array(KEY);

/**
 * Empty the table and start numbering forms again. Only between documents, so
 * that all of a document's ids are of one generation.
 */
function startAfresh(): void {
  slots = new Array(MIN_SLOTS);
  keys = new Int32Array(MIN_SLOTS * KEY);
  used = 0;
  idCount = 0;
  generation++;
}

/** Put `e`, whose key is at `from[at …]`, in its slot. */
function intern(e: FormEntry, from: Int32Array, at: number): void {
  const h = from[at];
  const mask = slots.length - 1;
  let k = h & mask;
  while (slots[k] !== undefined) k = (k + 1) & mask;
  slots[k] = e;
  const o = k * KEY;
  for (let j = 0; j < KEY; j++) keys[o + j] = from[at + j];
  used++;
}

function newEntry(form: string, word: boolean): FormEntry {
  return { form, lower: lowerCase(form), word: word ? 1 : 0, memo: new Array(MEMO_SLOTS).fill(undefined), id: idCount++, generation };
}

/** an entry, not interned (though numbered like one), for a span that is not within the text (no tokenizer makes one) */
function outside(text: string, t: Token): FormEntry {
  return newEntry(text.slice(t.start, t.end), isWord(text, t));
}

interface CachedTexts { text: string; nSentences: number; t: TokenTexts }
/** the token texts, kept on the token array (`array-memo.ts`: not in a WeakMap, which kept them through scavenges) */
const TEXTS_KEY = memoKey();

/**
 * The token texts of a document, computed on first use and cached for as
 * long as its token array lives: the stages read the same strings instead of
 * each slicing and lower-casing every token again (and a Map probe on a
 * string already hashed is cheaper than on a fresh slice).
 */
export function tokenTexts(doc: { text: string; tokens: readonly Token[]; sentences: readonly Sentence[] }): TokenTexts {
  const { text, tokens, sentences } = doc;
  const hit = keptOn<CachedTexts>(tokens, TEXTS_KEY);
  if (hit && hit.text === text && hit.nSentences === sentences.length && hit.t.forms.length === tokens.length) return hit.t;
  const n = tokens.length;
  if (used >= MAX_SLOTS / 2) startAfresh();
  const forms = new Array<string>(n);
  const lowers = new Array<string>(n);
  const entries = new Array<FormEntry>(n);
  // ids, sentence starts and word flags in one buffer: one backing store to allocate (and for the GC to track), not three
  const nFirst = sentences.length + 1;
  const store = new ArrayBuffer(4 * (n + nFirst) + n);
  const ids = new Int32Array(store, 0, n);
  const first = new Int32Array(store, 4 * n, nFirst);
  const word = new Uint8Array(store, 4 * (n + nFirst), n);
  let words = 0;
  const len = text.length;
  const u = codeUnits(text);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const f = t.start >= 0 && t.start <= t.end && t.end <= len ? internedAt(text, u, t.start, t.end) : outside(text, t);
    entries[i] = f;
    ids[i] = f.id;
    forms[i] = f.form;
    lowers[i] = f.lower;
    if (f.word === 1) { word[i] = 1; words++; }
  }
  let ti = 0;
  for (let k = 0; k < sentences.length; k++) {
    first[k] = ti;
    const idx = sentences[k].index;
    while (ti < n && tokens[ti].sentence === idx) ti++;
  }
  first[sentences.length] = ti;
  const t: TokenTexts = { forms, lowers, word, words, first, entries, ids, idGeneration: generation, idLimit: idCount };
  keepOn(tokens, TEXTS_KEY, { text, nSentences: sentences.length, t });
  return t;
}
