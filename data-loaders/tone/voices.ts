import { keepOn, keptOn, memoKey } from "../array-memo.ts";
import type { Doc } from "../types.ts";

/** Whose voice a stretch of text is in. */
export const AUTHORIAL = 0;
export const DIRECT = 1;
export const INDIRECT = 2;
export type VoiceCode = typeof AUTHORIAL | typeof DIRECT | typeof INDIRECT;
export const VOICE_NAMES = ["authorial", "direct", "indirect"] as const;

interface QuoteLike {
  type?: string;
  partial?: boolean;
  start: number;
  end: number;
}

/**
 * The quote spans from the quotes stage, if it ran (`prior.quotes.quotes`).
 * Without it every word counts as the author's own: the stage degrades, it
 * does not fail.
 */
export function quoteSpans(prior: Readonly<Record<string, unknown>>): QuoteLike[] {
  const q = prior.quotes as { quotes?: QuoteLike[] } | undefined;
  const list = q?.quotes;
  if (!Array.isArray(list)) return [];
  return list.filter((x) => Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start);
}

/** Direct speech (including partial quotes) vs indirect/free indirect/reported speech. */
export function voiceOfType(type: string | undefined): VoiceCode {
  const t = (type ?? "direct").toLowerCase();
  return t === "direct" || t === "partial" ? DIRECT : INDIRECT;
}

/**
 * The voice of every token: inside a direct quote span → direct, inside an
 * indirect one → indirect (a direct span wins over an indirect one that holds
 * it), otherwise authorial. A token belongs to a span when its midpoint does.
 * One sweep over tokens and sorted spans: O(tokens + spans log spans).
 */
export function tokenVoices(doc: Doc, prior: Readonly<Record<string, unknown>>): Uint8Array {
  // the tone and voice stages both ask, with the same quote result: compute it once per document
  const quotes = prior.quotes;
  const hit = keptOn<CachedVoices>(doc.tokens, VOICES_KEY);
  if (hit && hit.quotes === quotes && hit.text === doc.text && hit.voices.length === doc.tokens.length) return hit.voices;
  const voices = computeVoices(doc, prior);
  // on the token array (`array-memo.ts`: a WeakMap kept each document's voices, quotes and tokens through scavenges)
  keepOn(doc.tokens, VOICES_KEY, { quotes, text: doc.text, voices });
  return voices;
}

interface CachedVoices { quotes: unknown; text: string; voices: Uint8Array }
const VOICES_KEY = memoKey();

let PAINT = new Uint8Array(1 << 14);

function computeVoices(doc: Doc, prior: Readonly<Record<string, unknown>>): Uint8Array {
  const out = new Uint8Array(doc.tokens.length);
  const spans = quoteSpans(prior);
  if (!spans.length) return out;
  // paint a per-character voice map only over the quoted stretches (in a scratch buffer kept across
  // documents: a new typed array of the text's length per document cost more than the painting)
  // (a text longer than 1 MB gets a buffer of its own, not kept)
  const len = doc.text.length;
  if (PAINT.length < len && len <= 1 << 20) PAINT = new Uint8Array(Math.max(len, 2 * PAINT.length));
  const paint = PAINT.length >= len ? PAINT : new Uint8Array(len);
  paint.fill(0, 0, len);
  for (const s of spans) {
    const v = voiceOfType(s.type);
    const end = Math.min(s.end, doc.text.length);
    for (let i = Math.max(0, s.start); i < end; i++) if (paint[i] !== DIRECT) paint[i] = v;
  }
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i];
    out[i] = paint[(t.start + t.end - 1) >> 1];
  }
  return out;
}
