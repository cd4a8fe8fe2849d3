/**
 * Quotation marks: pairs every opening mark in a paragraph with its closing
 * mark. Styles: „…“ (also „…”), »…«, «…», "…", “…”, and the single ‚…‘ /
 * ›…‹ nested inside a double pair. An opening mark with no closing one ends
 * at the paragraph end (or right before the next opening mark of the same
 * style) and is flagged `unclosed`; it never swallows the rest of the article.
 */

export interface MarkSpan {
  /** offset of the opening mark */
  start: number;
  /** offset after the closing mark (or the paragraph end when unclosed) */
  end: number;
  innerStart: number;
  innerEnd: number;
  open: string;
  unclosed: boolean;
  /** depth 0 for a top-level pair, 1 for a single-mark pair nested in it */
  depth: number;
}

const CLOSE_FOR: Record<string, string> = { "„": "“”", "»": "«", "«": "»", '"': '"', "“": "”", "‚": "‘’", "›": "‹" };
const WORDCH = /[\p{L}\p{N}]/u;

function isOpenerAt(text: string, i: number, from: number): boolean {
  const c = text[i];
  if (c === "„" || c === "‚") return true;
  const prev = i > from ? text[i - 1] : " ";
  const next = text[i + 1] ?? " ";
  // an ambiguous mark opens at a word start: after space/bracket/dash, before a non-space
  if (/[\s(\[–—\-/]/.test(prev) || i === from) return next !== " " && next !== undefined;
  return false;
}

/** All quotation spans within `[from, to)` (one paragraph), sorted by start. */
export function findMarks(text: string, from: number, to: number): MarkSpan[] {
  const out: MarkSpan[] = [];
  let i = from;
  while (i < to) {
    // fast path: the only marks that open here are " « » „ “ (‚ and › only nest, see `nested`)
    const code = text.charCodeAt(i);
    if (code !== 0x22 && code !== 0xab && code !== 0xbb && code !== 0x201e && code !== 0x201c) {
      i++;
      continue;
    }
    const c = text[i];
    if (!(c in CLOSE_FOR) || c === "‚" || c === "›" || !isOpenerAt(text, i, from)) {
      i++;
      continue;
    }
    // « opens only when no » has been seen before it in the paragraph (Swiss style «…»)
    const closers = CLOSE_FOR[c];
    let j = i + 1;
    let close = -1;
    let restart = -1;
    // only this opening mark and its closers can stop the scan: other characters are skipped by code
    const cl0 = closers.charCodeAt(0), cl1 = closers.length > 1 ? closers.charCodeAt(1) : -1;
    while (j < to) {
      const dc = text.charCodeAt(j);
      if (dc !== code && dc !== cl0 && dc !== cl1) {
        j++;
        continue;
      }
      const d = text[j];
      if (closers.includes(d) && !(d === c && isOpenerAt(text, j, from) && c !== '"')) {
        // a straight " that opens a word is still a closer when it follows a word or punctuation
        close = j;
        break;
      }
      if (d === c && c !== '"' && isOpenerAt(text, j, from)) {
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
      nested(text, i + 1, close, out);
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

function nested(text: string, from: number, to: number, out: MarkSpan[]): void {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x201a && code !== 0x203a) continue; // ‚ ›
    const c = text[i];
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
