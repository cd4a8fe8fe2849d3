import type { Doc } from "../types.ts";

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
}

const WORD = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;

/** Tokens grouped by sentence (linear in the number of tokens). */
export function sentenceTokens(doc: Doc): Tok[][] {
  const out: Tok[][] = doc.sentences.map(() => []);
  for (const t of doc.tokens) {
    const text = doc.text.slice(t.start, t.end);
    out[t.sentence].push({
      start: t.start,
      end: t.end,
      text,
      low: text.toLowerCase(),
      word: WORD.test(text),
      upper: UPPER.test(text),
      mark: -1,
    });
  }
  return out;
}

/** clause separators; parentheses are not (`Jung (CDU) kündigte an, …` is one clause) */
export const SEPARATORS = new Set([",", ":", ";", "–", "—"]);
export const FINAL = new Set([".", "!", "?", "…", "...", ":"]);

/** Comma/colon/dash-delimited segments `[a, b)` of token indices, marks never split. */
export function segments(toks: Tok[]): [number, number][] {
  const segs: [number, number][] = [];
  let a = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.mark < 0 && SEPARATORS.has(t.text)) {
      if (i > a) segs.push([a, i]);
      a = i + 1;
    }
  }
  if (a < toks.length) segs.push([a, toks.length]);
  return segs;
}

/** index of the last content token (before the sentence-final punctuation) */
export function contentEnd(toks: Tok[]): number {
  let e = toks.length;
  while (e > 0 && toks[e - 1].mark < 0 && !toks[e - 1].word && toks[e - 1].text !== ")") e--;
  return e;
}
