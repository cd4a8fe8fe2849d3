import { HEDGES } from "../tone/lexicon.ts";
import { isEvaluative, type ToneHit } from "../tone/score.ts";
import { memoSlot, tokenTexts } from "../segment.ts";
import type { Stage } from "../stage.ts";
import { AUTHORIAL, DIRECT, INDIRECT, tokenVoices, VOICE_NAMES } from "../tone/voices.ts";

export interface Hedge {
  start: number;
  end: number;
  form: string;
  sentence: number;
  voice: (typeof VOICE_NAMES)[number];
}

export interface VoiceResult {
  quotesAvailable: boolean;
  words: number;
  directWords: number;
  indirectWords: number;
  authorialWords: number;
  directShare: number;
  indirectShare: number;
  /** direct + indirect */
  attributedShare: number;
  authorialShare: number;
  /** evaluative tone hits in the author's own words */
  evaluativeWords: number;
  /** evaluative words per 100 authorial words */
  evaluativeDensity: number;
  hedges: Hedge[];
  authorialHedges: number;
  /** authorial hedges per 100 authorial words */
  hedgeDensity: number;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Voice: whose words an article is made of. Word tokens inside direct-quote
 * spans count as direct speech, inside indirect/free indirect/reported spans
 * as indirect speech, the rest as the author's voice (speech verbs and
 * speaker names included). Evaluative density counts the tone stage's
 * evaluative hits (political lexicon, or SentiWS |weight| ≥ 0.15) in
 * authorial words; hedges come from `data/tone/hedges.json`.
 */
/** this module's slot in `FormEntry.memo`: whether the form is a hedge */
const HEDGE_SLOT = memoSlot();
function isHedge(memo: unknown[], lower: string): boolean {
  if (HEDGE_SLOT < 0) return HEDGES.has(lower);
  let h = memo[HEDGE_SLOT] as boolean | undefined;
  if (h === undefined) memo[HEDGE_SLOT] = h = HEDGES.has(lower);
  return h;
}

export const voiceStage: Stage<VoiceResult> = {
  name: "voice",
  run(doc, prior) {
    const voices = tokenVoices(doc, prior);
    const counts = [0, 0, 0];
    const hedges: Hedge[] = [];
    const { forms, lowers, word, entries } = tokenTexts(doc);
    for (let i = 0; i < doc.tokens.length; i++) {
      if (!word[i]) continue;
      counts[voices[i]]++;
      if (isHedge(entries[i].memo, lowers[i])) {
        const t = doc.tokens[i];
        hedges.push({ start: t.start, end: t.end, form: forms[i], sentence: t.sentence, voice: VOICE_NAMES[voices[i]] });
      }
    }
    const tone = prior.tone as { sentences?: { hits: (ToneHit & { quoted: boolean })[] }[] } | undefined;
    let evaluativeWords = 0;
    for (const s of tone?.sentences ?? []) for (const h of s.hits) if (!h.quoted && isEvaluative(h)) evaluativeWords++;
    const words = counts[0] + counts[1] + counts[2];
    const authorialWords = counts[AUTHORIAL];
    const authorialHedges = hedges.filter((h) => h.voice === "authorial").length;
    return {
      quotesAvailable: prior.quotes !== undefined,
      words,
      directWords: counts[DIRECT],
      indirectWords: counts[INDIRECT],
      authorialWords,
      directShare: words ? r4(counts[DIRECT] / words) : 0,
      indirectShare: words ? r4(counts[INDIRECT] / words) : 0,
      attributedShare: words ? r4((counts[DIRECT] + counts[INDIRECT]) / words) : 0,
      authorialShare: words ? r4(authorialWords / words) : 0,
      evaluativeWords,
      evaluativeDensity: authorialWords ? r4((100 * evaluativeWords) / authorialWords) : 0,
      hedges,
      authorialHedges,
      hedgeDensity: authorialWords ? r4((100 * authorialHedges) / authorialWords) : 0,
    };
  },
};
