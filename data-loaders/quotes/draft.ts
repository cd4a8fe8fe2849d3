/**
 * The quote extractor's working records (a speaker, a draft quote), what its
 * rules ask of the document being read, and the small per-sentence helpers the
 * rules in `extract.ts`, `direct.ts` and `finish.ts` share.
 */
import type { Doc, Span } from "../types.ts";
import { keepOn, keptOn, memoKey } from "../array-memo.ts";
import type { Cue } from "./attribution.ts";
import type { Tok } from "./tokens.ts";
import type { QuoteType } from "./types.ts";

export interface Speaker { text: string; start: number; end: number; canonical: string | null; block: number; sentence: number }

export interface Draft {
  type: QuoteType;
  partial: boolean;
  start: number;
  end: number;
  speaker: Speaker | null;
  cue: Cue | null;
  toks: Tok[];
  sentence: number;
  frame: Span | null;
  flags: string[];
}

/**
 * The document being read, as the rules outside `extract.ts` see it: its text and sentences' tokens, the most
 * recent attributed speaker, speaker resolution (which records the last named speaker, so calls must come in
 * text order) and the sentences' cues (looked up once each).
 */
export interface Reading {
  readonly text: string;
  readonly doc: Doc;
  readonly sents: Tok[][];
  readonly last: Speaker | null;
  makeSpeaker(toks: Tok[], a: number, b: number, block: number, sentence: number): Speaker;
  cuesOf(s: number): Cue[];
}

export const WORDCH = /[\p{L}\p{N}]/u;

export function frameSpan(toks: Tok[], a: number, b: number): Span | null {
  b = Math.min(b, toks.length);
  while (b > a && toks[b - 1].mark < 0 && /^[.!?…]+$/.test(toks[b - 1].text)) b--;
  if (b <= a) return null;
  return { start: toks[a].start, end: toks[b - 1].end };
}

/** A sentence's cues other than adverbs, in token order, and its first verb and first verb-or-source cue (null when cues are not in token order). */
export interface CueIndex { plain: Cue[]; firstVerbAt: number; firstSpeech: Cue | undefined }
const CUE_INDEX = memoKey();
export function cueIndex(cues: Cue[]): CueIndex | null {
  let x = keptOn<CueIndex | null>(cues, CUE_INDEX);
  if (x !== undefined) return x;
  x = { plain: [], firstVerbAt: Infinity, firstSpeech: undefined };
  for (let k = 0; k < cues.length; k++) {
    const c = cues[k];
    if (k > 0 && c.i < cues[k - 1].i) { x = null; break; }
    if (c.kind !== "adverb") x.plain.push(c);
    if (c.kind === "verb" && c.i < x.firstVerbAt) x.firstVerbAt = c.i;
    if (!x.firstSpeech && (c.kind === "verb" || c.kind === "source")) x.firstSpeech = c;
  }
  return keepOn(cues, CUE_INDEX, x);
}

/** Position in `plain` (sorted by token index) of the first cue with token index > i. */
export function cueAfter(plain: Cue[], i: number): number {
  let lo = 0, hi = plain.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (plain[mid].i > i) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
