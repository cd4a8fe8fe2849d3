import { HEDGES } from "../tone/lexicon.ts";
import { isEvaluative, type ToneHit } from "../tone/score.ts";
import { memoSlot, tokenTexts } from "../segment.ts";
import { hasKeys, StoredFormatError, type Stage } from "../stage.ts";
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
  toStored: voiceToStored,
  fromStored: voiceFromStored,
};

/** A voice result's keys after `quotesAvailable` and before `hedges` (all numbers), and after `hedges`, in `run`'s order. */
const COUNT_KEYS = ["words", "directWords", "indirectWords", "authorialWords", "directShare", "indirectShare", "attributedShare", "authorialShare", "evaluativeWords", "evaluativeDensity"] as const;
const HEDGE_COUNT_KEYS = ["authorialHedges", "hedgeDensity"] as const;
const RESULT_KEYS = ["quotesAvailable", ...COUNT_KEYS, "hedges", ...HEDGE_COUNT_KEYS];
const HEDGE_KEYS = ["start", "end", "form", "sentence", "voice"];

/**
 * The stored form of a voice result: `q` quotesAvailable, `n` the twelve
 * counts and shares (in the order of `COUNT_KEYS`, `HEDGE_COUNT_KEYS`), `h`
 * per hedge `start, end, form, sentence` and its voice's number in
 * `VOICE_NAMES` — flat arrays, not an object with a key per value. A result
 * of another shape (other keys or order, other types) is stored as it is,
 * `r`. `f` is the format.
 */
type StoredVoice = { f: 1; q: boolean; n: number[]; h: (number | string)[] } | { f: 1; r: VoiceResult };

function voiceToStored(x: VoiceResult): StoredVoice {
  const counts = COUNT_KEYS.map((k) => x[k]).concat(HEDGE_COUNT_KEYS.map((k) => x[k]));
  const h: (number | string)[] = [];
  let plain = hasKeys(x, RESULT_KEYS) && typeof x.quotesAvailable === "boolean" && counts.every((c) => typeof c === "number") && Array.isArray(x.hedges);
  for (let i = 0; plain && i < x.hedges.length; i++) {
    const e = x.hedges[i];
    const voice = VOICE_NAMES.indexOf(e.voice);
    plain = voice >= 0 && hasKeys(e, HEDGE_KEYS) && typeof e.start === "number" && typeof e.end === "number" && typeof e.form === "string" && typeof e.sentence === "number";
    h.push(e.start, e.end, e.form, e.sentence, voice);
  }
  return plain ? { f: 1, q: x.quotesAvailable, n: counts, h } : { f: 1, r: x };
}

function voiceFromStored(v: unknown): VoiceResult {
  const st = v as { f?: unknown; q?: unknown; n?: unknown; h?: unknown; r?: unknown };
  if (!st || st.f !== 1) throw new StoredFormatError("voice");
  if (st.r !== undefined) return st.r as VoiceResult;
  const n = st.n as number[], h = st.h as (number | string)[];
  if (typeof st.q !== "boolean" || !Array.isArray(n) || n.length !== 12 || !Array.isArray(h) || h.length % 5 !== 0) throw new StoredFormatError("voice");
  const hedges: Hedge[] = new Array(h.length / 5);
  for (let i = 0, k = 0; i < h.length; i += 5, k++) {
    const voice = VOICE_NAMES[h[i + 4] as number];
    if (voice === undefined) throw new StoredFormatError("voice");
    hedges[k] = { start: h[i] as number, end: h[i + 1] as number, form: h[i + 2] as string, sentence: h[i + 3] as number, voice };
  }
  return {
    quotesAvailable: st.q,
    words: n[0],
    directWords: n[1],
    indirectWords: n[2],
    authorialWords: n[3],
    directShare: n[4],
    indirectShare: n[5],
    attributedShare: n[6],
    authorialShare: n[7],
    evaluativeWords: n[8],
    evaluativeDensity: n[9],
    hedges,
    authorialHedges: n[10],
    hedgeDensity: n[11],
  };
}

