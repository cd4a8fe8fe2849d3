import { tokenTexts } from "../segment.ts";
import { StoredFormatError, type Stage } from "../stage.ts";
import { scoreForms, type ToneHit } from "../tone/score.ts";
import { AUTHORIAL, tokenVoices } from "../tone/voices.ts";

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
  run(doc, prior) {
    const voices = tokenVoices(doc, prior);
    const { forms, word, first, entries } = tokenTexts(doc);
    const tokens = doc.tokens;
    const sentences: SentenceTone[] = [];
    for (let si = 0; si < doc.sentences.length; si++) {
      const s = doc.sentences[si];
      const from = first[si], ti = first[si + 1];
      let words = 0, quotedWords = 0;
      for (let k = from; k < ti; k++) {
        if (!word[k]) continue;
        words++;
        if (voices[k] !== AUTHORIAL) quotedWords++;
      }
      // hits carry `quoted` from the token voices (the voice of the hit's own token)
      const { score, hits } = scoreForms(tokens, forms, from, ti, voices, entries);
      let a = 0, q = 0;
      for (const h of hits) {
        if (h.quoted) q += h.weight;
        else a += h.weight;
      }
      sentences.push({
        sentence: s.index,
        block: s.block,
        score,
        authorialScore: r4(a),
        quotedScore: r4(q),
        words,
        authorialWords: words - quotedWords,
        quotedWords,
        hits,
      });
    }
    return { quotesAvailable: prior.quotes !== undefined, sentences };
  },
  toStored: toneToStored,
  fromStored: toneFromStored,
};

/**
 * The stored form of a tone result: two flat arrays instead of an object per
 * sentence and per hit (a third of the JSON, and `JSON.stringify`/`parse`
 * meet a fraction of the keys). `s`: per sentence `sentence, block, score,
 * authorialScore, quotedScore, words, authorialWords, quotedWords, hit count`;
 * `h`: per hit `start, end, form, base, weight, source, negated (0/1),
 * factor, modifiers, quoted (0/1)`. `f` is the format.
 */
interface StoredTone { f: 1; q: boolean; s: (number)[]; h: (number | string)[] }
const S_FIELDS = 9, H_FIELDS = 10;

function toneToStored(r: ToneResult): StoredTone {
  const s: number[] = [];
  const h: (number | string)[] = [];
  for (let i = 0; i < r.sentences.length; i++) {
    const x = r.sentences[i];
    const hits = x.hits;
    s.push(x.sentence, x.block, x.score, x.authorialScore, x.quotedScore, x.words, x.authorialWords, x.quotedWords, hits.length);
    for (let j = 0; j < hits.length; j++) {
      const t = hits[j];
      h.push(t.start, t.end, t.form, t.base, t.weight, t.source, t.negated ? 1 : 0, t.factor, t.modifiers, t.quoted ? 1 : 0);
    }
  }
  return { f: 1, q: r.quotesAvailable, s, h };
}

function toneFromStored(v: unknown): ToneResult {
  const st = v as StoredTone;
  if (!st || st.f !== 1 || !Array.isArray(st.s) || !Array.isArray(st.h)) throw new StoredFormatError("tone");
  const s = st.s, h = st.h;
  const sentences: SentenceTone[] = new Array(s.length / S_FIELDS);
  let k = 0;
  for (let i = 0, n = 0; i < s.length; i += S_FIELDS, n++) {
    const count = s[i + 8];
    const hits: SentenceTone["hits"] = new Array(count);
    for (let j = 0; j < count; j++, k += H_FIELDS) {
      hits[j] = {
        start: h[k] as number,
        end: h[k + 1] as number,
        form: h[k + 2] as string,
        base: h[k + 3] as number,
        weight: h[k + 4] as number,
        source: h[k + 5] as ToneHit["source"],
        negated: h[k + 6] === 1,
        factor: h[k + 7] as number,
        modifiers: h[k + 8] as string,
        quoted: h[k + 9] === 1,
      };
    }
    sentences[n] = {
      sentence: s[i],
      block: s[i + 1],
      score: s[i + 2],
      authorialScore: s[i + 3],
      quotedScore: s[i + 4],
      words: s[i + 5],
      authorialWords: s[i + 6],
      quotedWords: s[i + 7],
      hits,
    };
  }
  return { quotesAvailable: st.q, sentences };
}
