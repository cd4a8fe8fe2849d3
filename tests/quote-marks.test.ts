import { describe, expect, it } from "vitest";
import { findMarks } from "../data-loaders/quotes/marks.ts";

/**
 * quotes/marks.ts visits only quotation-mark characters (found by one regex
 * scan per text): it must pair marks exactly as the plain version did.
 * `reference` below is that version (marks.ts before the change), kept here
 * as the oracle for random strings of marks, spaces, letters and dashes.
 */
const CLOSE_FOR: Record<string, string> = { "„": "“”", "»": "«", "«": "»", '"': '"', "“": "”", "‚": "‘’", "›": "‹" };
const WORDCH = /[\p{L}\p{N}]/u;

function isOpenerAtRef(text: string, i: number, from: number): boolean {
  const c = text[i];
  if (c === "„" || c === "‚") return true;
  const prev = i > from ? text[i - 1] : " ";
  const next = text[i + 1] ?? " ";
  // an ambiguous mark opens at a word start: after space/bracket/dash, before a non-space
  if (/[\s(\[–—\-/]/.test(prev) || i === from) return next !== " " && next !== undefined;
  return false;
}

/** All quotation spans within `[from, to)` (one paragraph), sorted by start. */
function reference(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let i = from;
  while (i < to) {
    // fast path: every opening mark is `"` or above U+00AA (« » „ “)
    const code = text.charCodeAt(i);
    if (code !== 0x22 && code < 0xab) {
      i++;
      continue;
    }
    const c = text[i];
    if (!(c in CLOSE_FOR) || c === "‚" || c === "›" || !isOpenerAtRef(text, i, from)) {
      i++;
      continue;
    }
    // « opens only when no » has been seen before it in the paragraph (Swiss style «…»)
    const closers = CLOSE_FOR[c];
    let j = i + 1;
    let close = -1;
    let restart = -1;
    while (j < to) {
      const d = text[j];
      if (closers.includes(d) && !(d === c && isOpenerAtRef(text, j, from) && c !== '"')) {
        // a straight " that opens a word is still a closer when it follows a word or punctuation
        close = j;
        break;
      }
      if (d === c && c !== '"' && isOpenerAtRef(text, j, from)) {
        restart = j; // the same opening mark again: the first one was never closed
        break;
      }
      if (c === '"' && d === '"') {
        close = j;
        break;
      }
      j++;
    }
    if (close >= 0) {
      out.push({ start: i, end: close + 1, innerStart: i + 1, innerEnd: close, open: c, unclosed: false, depth: 0 });
      nestedRef(text, i + 1, close, out);
      i = close + 1;
    } else {
      let end = restart >= 0 ? restart : to;
      while (end > i + 1 && /\s/.test(text[end - 1])) end--;
      out.push({ start: i, end, innerStart: i + 1, innerEnd: end, open: c, unclosed: true, depth: 0 });
      i = restart >= 0 ? restart : to;
    }
  }
  return out;
}

function nestedRef(text: string, from: number, to: number, out: Span[]): void {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c !== "‚" && c !== "›") continue;
    const closers = CLOSE_FOR[c];
    for (let j = i + 1; j < to; j++) {
      if (closers.includes(text[j]) && !WORDCH.test(text[j + 1] ?? " ")) {
        out.push({ start: i, end: j + 1, innerStart: i + 1, innerEnd: j, open: c, unclosed: false, depth: 1 });
        i = j;
        break;
      }
    }
  }
}

type Span = { start: number; end: number; innerStart: number; innerEnd: number; open: string; unclosed: boolean; depth: number };

describe("findMarks", () => {
  it("pairs marks as the reference does on 100,000 random paragraphs", () => {
    const alphabet = ["„", "“", "”", "»", "«", '"', "‚", "‘", "’", "›", "‹", " ", " ", "a", "ä", "B", "(", "-", "–", "/", "\n", ".", "'", "1"];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 100_000; n++) {
      const len = 1 + Math.floor(rnd() * 30);
      let s = "";
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const from = Math.floor(rnd() * 3), to = Math.max(from, s.length - Math.floor(rnd() * 3));
      // two ranges of the same text in turn, as the quote stage asks paragraph by paragraph (findMarks keeps the text's mark offsets)
      const mid = from + Math.floor(rnd() * (to - from + 1));
      for (const [a, b] of [[from, mid], [mid, to], [from, to]]) {
        const got = findMarks(s, a, b), want = reference(s, a, b);
        if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, a, b, got }).toEqual({ s, a, b, got: want });
      }
    }
  });
});
