import { tokenTexts } from "../segment.ts";
import { StoredFormatError, type Stage } from "../stage.ts";
import type { Doc } from "../types.ts";
import type { LexSource } from "../tone/lexicon.ts";
import { hitWeight, SPAN, scoreSpan, type ToneHit } from "../tone/score.ts";
import { AUTHORIAL, tokenVoices } from "../tone/voices.ts";
import { grown } from "../typed-arrays.ts";

export interface SentenceTone {
  /** index into doc.sentences */
  sentence: number;
  block: number;
  /** sum of all hit weights */
  score: number;
  /** sum of the weights of hits in the author's own words */
  authorialScore: number;
  /** sum of the weights of hits inside quoted (direct or indirect) speech */
  quotedScore: number;
  words: number;
  authorialWords: number;
  quotedWords: number;
  hits: (ToneHit & { quoted: boolean })[];
}

export interface ToneResult {
  /** whether quote spans were available to split authorial from quoted text */
  quotesAvailable: boolean;
  sentences: SentenceTone[];
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Tone: sentence polarity from SentiWS (via @nlpjs/lang-de) plus the
 * political-commentary lexicon, with clause-scoped negation and shifters.
 * Each sentence is split into its authorial and quoted parts by the quote
 * spans of the `quotes` stage (absent → all authorial). Negation and shifters
 * are resolved over the whole sentence first, then each hit is assigned to
 * the part it lies in.
 */
export const toneStage: Stage<ToneResult> = {
  name: "tone",
  // one implementation: the stored form is built directly (what a job stores and sends), the result read from it
  run: (doc, prior) => toneFromStored(toneStored(doc, prior)),
  runStored: (doc, prior) => toneStored(doc, prior),
  toStored: toneToStored,
  fromStored: toneFromStored,
};

/**
 * The stored form of a tone result, as columns that are packed by copying
 * each once (`scale/packed.ts`):
 * `s`: per sentence its index − the previous sentence's, its block − the
 *   previous sentence's, words, authorialWords, quotedWords and number of hits
 *   (the first sentence's differences from 0; a Uint8Array when every value
 *   fits a byte, as nearly always, else an Int32Array);
 * `o`: per hit its start and end;
 * `g`: per hit its flags: source (`SOURCES`, bits 0–1), negated, quoted, and
 *   whether its factor and its modifiers are stored (they are only when not
 *   1 and not "": most hits have neither);
 * `b`: per hit its base weight, then its factor if stored;
 * `t`: per hit its form, then its modifiers if stored.
 * Weights and scores are not stored: they follow from base, negation and
 * factor (`hitWeight`) and are summed on reading in the order `run` sums them,
 * which gives the same numbers. `f` is the format; `q` quotesAvailable.
 */
interface StoredTone { f: 2; q: boolean; s: Uint8Array | Int32Array; o: Int32Array; g: Uint8Array; b: Float64Array; t: string[] }
const S_FIELDS = 6;
const SOURCES: readonly LexSource[] = ["sentiws", "political", "override"];
/** a source's number in `SOURCES` (-1 for none of them) */
const sourceCode = (s: LexSource) => (s === "sentiws" ? 0 : s === "political" ? 1 : s === "override" ? 2 : -1);
const NEGATED = 4, QUOTED = 8, HAS_FACTOR = 16, HAS_MODIFIERS = 32;

/** An integer a column holds exactly (JSON's value of it too; -0 is written as 0 either way). */
function int32(v: number): number {
  if ((v | 0) !== v) throw new Error(`tone: ${v} where an integer was expected`);
  return v;
}

/**
 * The columns of a stored form as they are filled, kept from call to call
 * and grown as needed (`finish` copies out what one result filled).
 */
class ToneColumns {
  s = new Int32Array(1024);
  o = new Int32Array(1024);
  g = new Uint8Array(512);
  b = new Float64Array(512);
  t: string[] = [];
  ns = 0;
  nh = 0;
  nb = 0;
  index = 0;
  block = 0;

  start(): this {
    this.ns = this.nh = this.nb = this.index = this.block = 0;
    this.t = [];
    return this;
  }

  sentence(index: number, block: number, words: number, authorialWords: number, quotedWords: number, hits: number): void {
    if (this.ns + S_FIELDS > this.s.length) this.s = grown(this.s, this.ns + S_FIELDS);
    const s = this.s;
    let k = this.ns;
    s[k++] = int32(int32(index) - this.index);
    s[k++] = int32(int32(block) - this.block);
    s[k++] = int32(words);
    s[k++] = int32(authorialWords);
    s[k++] = int32(quotedWords);
    s[k++] = hits;
    this.ns = k;
    this.index = index;
    this.block = block;
  }

  /** a hit as the scorer gives it (`toneToStored` checks one from elsewhere first) */
  hit(start: number, end: number, form: string, base: number, source: number, negated: boolean | number, factor: number, modifiers: string, quoted: boolean): void {
    const h = this.nh;
    if (h >= this.g.length) {
      this.g = grown(this.g, h + 1);
      this.o = grown(this.o, 2 * h + 2);
    }
    if (this.nb + 2 > this.b.length) this.b = grown(this.b, this.nb + 2);
    this.o[2 * h] = start;
    this.o[2 * h + 1] = end;
    this.b[this.nb++] = base;
    this.t.push(form);
    let flags = source | (negated ? NEGATED : 0) | (quoted ? QUOTED : 0);
    if (factor !== 1) {
      flags |= HAS_FACTOR;
      this.b[this.nb++] = factor;
    }
    if (modifiers !== "") {
      flags |= HAS_MODIFIERS;
      this.t.push(modifiers);
    }
    this.g[h] = flags;
    this.nh = h + 1;
  }

  finish(quotesAvailable: boolean): StoredTone {
    const s = this.s.subarray(0, this.ns);
    let narrow = true;
    for (let i = 0; i < s.length; i++) if (s[i] >>> 0 > 255) { narrow = false; break; }
    return {
      f: 2,
      q: quotesAvailable,
      s: narrow ? new Uint8Array(s) : s.slice(),
      o: this.o.slice(0, 2 * this.nh),
      g: this.g.slice(0, this.nh),
      b: this.b.slice(0, this.nb),
      t: this.t,
    };
  }
}
const COLUMNS = new ToneColumns();

/** A document's tone, in the stored form: each sentence's word counts and the scorer's hits (`scoreSpan`), no objects made. */
function toneStored(doc: Doc, prior: Readonly<Record<string, unknown>>): StoredTone {
  const voices = tokenVoices(doc, prior);
  const { forms, word, first, entries } = tokenTexts(doc);
  const tokens = doc.tokens;
  const out = COLUMNS.start();
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si];
    const from = first[si], to = first[si + 1];
    let words = 0, quotedWords = 0;
    for (let k = from; k < to; k++) {
      if (!word[k]) continue;
      words++;
      if (voices[k] !== AUTHORIAL) quotedWords++;
    }
    const n = scoreSpan(forms, from, to, entries);
    out.sentence(s.index, s.block, words, words - quotedWords, quotedWords, n);
    for (let j = 0; j < n; j++) {
      const k = SPAN.token[j], e = SPAN.entry[j], t = tokens[k];
      // a hit is quoted when its own token is (the token voices)
      out.hit(t.start, t.end, forms[k], e.weight, sourceCode(e.source), SPAN.negated[j], SPAN.factor[j], SPAN.modifiers[j], voices[k] !== AUTHORIAL);
    }
  }
  return out.finish(prior.quotes !== undefined);
}

/** The stored form of a result; throws for a result whose weights or scores are not the scorer's (they are not stored). */
function toneToStored(r: ToneResult): StoredTone {
  const out = COLUMNS.start();
  for (const x of r.sentences) {
    out.sentence(x.sentence, x.block, x.words, x.authorialWords, x.quotedWords, x.hits.length);
    let score = 0, a = 0, q = 0;
    for (const h of x.hits) {
      const w = hitWeight(h.base, h.negated, h.factor);
      if (h.weight !== w) throw new Error(`tone: the weight of "${h.form}" is not its base, negation and factor's`);
      score += w;
      if (h.quoted) q += w;
      else a += w;
      const source = sourceCode(h.source);
      // a float column keeps -0, NaN and ±Infinity, which JSON would not: the scorer's base weights and factors are never one of them
      if (source < 0 || !Number.isFinite(h.base) || !Number.isFinite(h.factor) || Object.is(h.base, -0) || Object.is(h.factor, -0) || typeof h.form !== "string" || typeof h.modifiers !== "string") {
        throw new Error(`tone: a hit unlike the scorer's ("${h.form}")`);
      }
      out.hit(int32(h.start), int32(h.end), h.form, h.base, source, h.negated, h.factor, h.modifiers, h.quoted);
    }
    if (x.score !== r4(score) || x.authorialScore !== r4(a) || x.quotedScore !== r4(q)) throw new Error(`tone: the scores of sentence ${x.sentence} are not the sums of its hits`);
  }
  return out.finish(r.quotesAvailable);
}

const isIntColumn = (c: unknown): c is Uint8Array | Int32Array => c instanceof Uint8Array || c instanceof Int32Array;

function toneFromStored(v: unknown): ToneResult {
  const st = v as StoredTone;
  if (!st || st.f !== 2 || typeof st.q !== "boolean" || !isIntColumn(st.s) || !(st.o instanceof Int32Array) || !(st.g instanceof Uint8Array)
    || !(st.b instanceof Float64Array) || !Array.isArray(st.t) || st.s.length % S_FIELDS !== 0 || st.o.length !== 2 * st.g.length) throw new StoredFormatError("tone");
  const { s, o, g, b, t } = st;
  const sentences: SentenceTone[] = new Array(s.length / S_FIELDS);
  let h = 0, bi = 0, ti = 0, index = 0, block = 0;
  for (let i = 0, n = 0; i < s.length; i += S_FIELDS, n++) {
    index += s[i];
    block += s[i + 1];
    const count = s[i + 5];
    if (h + count > g.length) throw new StoredFormatError("tone");
    const hits: SentenceTone["hits"] = count === 0 ? [] : new Array(count);
    let score = 0, a = 0, q = 0;
    for (let j = 0; j < count; j++, h++) {
      const flags = g[h];
      if ((flags & 3) === 3) throw new StoredFormatError("tone");
      const base = b[bi++];
      const factor = flags & HAS_FACTOR ? b[bi++] : 1;
      const negated = (flags & NEGATED) !== 0, quoted = (flags & QUOTED) !== 0;
      const weight = hitWeight(base, negated, factor);
      score += weight;
      if (quoted) q += weight;
      else a += weight;
      hits[j] = {
        start: o[2 * h],
        end: o[2 * h + 1],
        form: t[ti++],
        base,
        // (+ 0: -0 as 0, as the stored numbers were before, through JSON)
        weight: weight + 0,
        source: SOURCES[flags & 3],
        negated,
        factor,
        modifiers: flags & HAS_MODIFIERS ? t[ti++] : "",
        quoted,
      };
    }
    sentences[n] = {
      sentence: index,
      block,
      score: r4(score) + 0,
      authorialScore: r4(a) + 0,
      quotedScore: r4(q) + 0,
      words: s[i + 2],
      authorialWords: s[i + 3],
      quotedWords: s[i + 4],
      hits,
    };
  }
  if (h !== g.length || bi !== b.length || ti !== t.length) throw new StoredFormatError("tone");
  return { quotesAvailable: st.q, sentences };
}
