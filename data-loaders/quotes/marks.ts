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

/** every character that can open or close a quotation (the keys and values of CLOSE_FOR) */
const MARK_CHAR = /["\u00AB\u00BB\u201E\u201C\u201D\u201A\u2018\u2019\u203A\u2039]/g;

/**
 * The offsets of every quotation-mark character of `text`, found by one regex
 * scan per text (irregexp skips the other characters several times faster
 * than a loop reading each one) and kept for the next call on the same text:
 * the quote stage asks paragraph by paragraph.
 */
let lastText: string | null = null;
let lastMarks = new Int32Array(64);
let lastCount = 0;
function markPositions(text: string): number {
  if (text === lastText) return lastCount;
  let n = 0;
  MARK_CHAR.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = MARK_CHAR.exec(text)); ) {
    if (n === lastMarks.length) {
      const grown = new Int32Array(n * 2);
      grown.set(lastMarks);
      lastMarks = grown;
    }
    lastMarks[n++] = m.index;
  }
  lastText = text;
  lastCount = n;
  return n;
}

/** index of the first mark offset ≥ `pos` */
function firstMarkAt(pos: number, n: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lastMarks[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * All quotation spans within `[from, to)` (one paragraph), sorted by start.
 * Only quotation-mark characters can open, close or restart a span, so the
 * scans visit those alone (`markPositions`), in the order a character-by-
 * character scan would meet them.
 */
export function findMarks(text: string, from: number, to: number): MarkSpan[] {
  const out: MarkSpan[] = [];
  const n = markPositions(text);
  const marks = lastMarks;
  let q = firstMarkAt(from, n);
  let i = from;
  for (;;) {
    while (q < n && marks[q] < i) q++;
    if (q >= n || marks[q] >= to) break;
    i = marks[q];
    // the only marks that open here are " « » „ “ (‚ and › only nest, see `nested`)
    const code = text.charCodeAt(i);
    if (code !== 0x22 && code !== 0xab && code !== 0xbb && code !== 0x201e && code !== 0x201c) {
      i++;
      continue;
    }
    const c = text[i];
    if (!isOpenerAt(text, i, from)) {
      i++;
      continue;
    }
    // « opens only when no » has been seen before it in the paragraph (Swiss style «…»)
    const closers = CLOSE_FOR[c];
    let close = -1;
    let restart = -1;
    // only this opening mark and its closers can stop the scan
    const cl0 = closers.charCodeAt(0), cl1 = closers.length > 1 ? closers.charCodeAt(1) : -1;
    for (let r = q + 1; r < n && marks[r] < to; r++) {
      const j = marks[r];
      const dc = text.charCodeAt(j);
      if (dc !== code && dc !== cl0 && dc !== cl1) continue;
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
    }
    if (close >= 0) {
      out.push({ start: i, end: close + 1, innerStart: i + 1, innerEnd: close, open: c, unclosed: false, depth: 0 });
      nested(text, i + 1, close, out, q + 1, n);
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

/** Single-mark pairs ‚…‘ and ›…‹ within `[from, to)`; `q` indexes the first mark offset ≥ `from` (of `n`). */
function nested(text: string, from: number, to: number, out: MarkSpan[], q: number, n: number): void {
  const marks = lastMarks;
  for (let r = q; r < n && marks[r] < to; r++) {
    const i = marks[r];
    const code = text.charCodeAt(i);
    if (code !== 0x201a && code !== 0x203a) continue; // ‚ ›
    const c = text[i];
    const closers = CLOSE_FOR[c];
    for (let t = r + 1; t < n && marks[t] < to; t++) {
      const j = marks[t];
      if (closers.includes(text[j]) && !WORDCH.test(text[j + 1] ?? " ")) {
        out.push({ start: i, end: j + 1, innerStart: i + 1, innerEnd: j, open: c, unclosed: false, depth: 1 });
        r = t;
        break;
      }
    }
  }
}
