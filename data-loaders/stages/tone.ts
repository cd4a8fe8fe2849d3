import { tokenTexts } from "../segment.ts";
import type { Stage } from "../stage.ts";
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
};
