import { stem } from "../tone/stem.ts";
import { memoSlot, type FormEntry } from "../segment.ts";
import { sortStable } from "../sort-stable.ts";

/**
 * A compiled dictionary of cue patterns (frames, and anything else that
 * matches word patterns against tokens). Patterns:
 *   `Wort`     same Snowball stem as the token (inflections match)
 *   `Präfix*`  token starts with it (compounds: `Investition*`)
 *   `*suffix`  token ends with it (compound heads: `*bomber`)
 *   `a b c`    consecutive word tokens, each matched by the rules above
 * Tokens are lower-cased and folded (ä→a, ö→o, ü→u, ß→ss) for prefix/suffix
 * matching; a hyphenated token (`Ukraine-Konflikt`) is also tried by its head.
 * All lookups are Map probes, so matching is linear in the number of tokens.
 */

type ElemKind = "stem" | "prefix" | "suffix";
interface Elem {
  kind: ElemKind;
  value: string;
}

export interface CueDef<T> {
  pattern: string;
  weight: number;
  tag: T;
}

interface Compiled<T> extends CueDef<T> {
  elems: Elem[];
  /** its place in the cue list the matcher was given */
  index: number;
  /** its tag's number (tags numbered in order of first appearance), for the overlap check */
  tagIndex: number;
}

export interface CueHit<T> {
  start: number;
  end: number;
  /** first and last token index (inclusive) */
  first: number;
  last: number;
  pattern: string;
  weight: number;
  tag: T;
}

export const fold = (s: string) =>
  s.toLowerCase().replace(/[äöüß]/g, (c) => (c === "ä" ? "a" : c === "ö" ? "o" : c === "ü" ? "u" : "ss"));

function parseElem(raw: string): Elem {
  if (raw.endsWith("*")) return { kind: "prefix", value: fold(raw.slice(0, -1)) };
  if (raw.startsWith("*")) return { kind: "suffix", value: fold(raw.slice(1)) };
  return { kind: "stem", value: stem(raw.toLowerCase()) };
}

interface Word {
  folded: string;
  stem: string;
  headFolded: string;
  headStem: string;
}

const wordCache = new Map<string, Word>();
function wordInfo(form: string): Word {
  let w = wordCache.get(form);
  if (w) return w;
  const lower = form.toLowerCase().replace(/\.$/, "");
  const folded = fold(lower);
  const dash = lower.lastIndexOf("-");
  const head = dash > 0 && dash < lower.length - 2 ? lower.slice(dash + 1) : lower;
  w = { folded, stem: stem(lower), headFolded: fold(head), headStem: head === lower ? stem(lower) : stem(head) };
  if (wordCache.size > 200_000) wordCache.clear();
  wordCache.set(form, w);
  return w;
}

function elemMatches(e: Elem, w: Word): boolean {
  switch (e.kind) {
    case "stem": return w.stem === e.value || w.headStem === e.value;
    case "prefix": return w.folded.startsWith(e.value) || w.headFolded.startsWith(e.value);
    case "suffix": return w.folded.endsWith(e.value);
  }
}

/**
 * A sentence's cue hits, as columns that `CueMatcher.matchInto` fills and refills (no object per hit):
 * hit `h` covers the text `[start[h], end[h])` and the tokens `first[h] … last[h]` (inclusive, counted from
 * the `from` of the call), and is cue `cue[h]` of the matcher's list (`CueMatcher.cues`).
 */
export class CueHits {
  n = 0;
  start = new Float64Array(16);
  end = new Float64Array(16);
  first = new Int32Array(16);
  last = new Int32Array(16);
  cue = new Int32Array(16);

  /** room for `n` hits (what was written is dropped) */
  reserve(n: number): void {
    if (n <= this.cue.length) return;
    const size = Math.max(n, this.cue.length * 2);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
    this.first = new Int32Array(size);
    this.last = new Int32Array(size);
    this.cue = new Int32Array(size);
  }
}

export class CueMatcher<T> {
  /** the cues in the order given; a hit's `cue` is its index here */
  readonly cues: readonly CueDef<T>[];
  private byStem = new Map<string, Compiled<T>[]>();
  private byPrefix = new Map<number, Map<string, Compiled<T>[]>>();
  private bySuffix = new Map<number, Map<string, Compiled<T>[]>>();
  /** per tag number: the end of the last hit kept in this call, -1 for none (reset after each call, not cleared: `Map.clear` allocated a new table per sentence) */
  private lastEnd: Float64Array;

  constructor(cues: readonly CueDef<T>[]) {
    const tags = new Map<T, number>();
    const all: Compiled<T>[] = [];
    for (let index = 0; index < cues.length; index++) {
      const c = cues[index];
      const elems = c.pattern.trim().split(/\s+/).map(parseElem);
      let tagIndex = tags.get(c.tag);
      if (tagIndex === undefined) tags.set(c.tag, (tagIndex = tags.size));
      const compiled = { ...c, elems, index, tagIndex };
      all.push(compiled);
      const first = elems[0];
      if (first.kind === "stem") push(this.byStem, first.value, compiled);
      else {
        const idx = first.kind === "prefix" ? this.byPrefix : this.bySuffix;
        let m = idx.get(first.value.length);
        if (!m) idx.set(first.value.length, (m = new Map()));
        push(m, first.value, compiled);
      }
    }
    this.cues = all;
    this.lastEnd = new Float64Array(tags.size).fill(-1);
  }

  private candidates(w: Word, out: Compiled<T>[]): void {
    const add = (l: Compiled<T>[] | undefined) => { if (l) for (const c of l) out.push(c); };
    add(this.byStem.get(w.stem));
    if (w.headStem !== w.stem) add(this.byStem.get(w.headStem));
    for (const [len, m] of this.byPrefix) {
      if (w.folded.length >= len) add(m.get(w.folded.slice(0, len)));
      if (w.headFolded !== w.folded && w.headFolded.length >= len) add(m.get(w.headFolded.slice(0, len)));
    }
    for (const [len, m] of this.bySuffix) if (w.folded.length >= len) add(m.get(w.folded.slice(-len)));
  }

  private formCache = new Map<string, Looked<T>>();
  /** this matcher's slot in `FormEntry.memo` (-1: none left, the Map alone) */
  private slot = memoSlot();
  /** scratch for `matchForms` */
  private hits = new CueHits();

  /** The word's folded forms and the cues that may start at it, cached per form. */
  private lookupForm(form: string) {
    let e = this.formCache.get(form);
    if (e) return e;
    if (!WORDY.test(form)) e = { word: null, cands: [] };
    else {
      const word = wordInfo(form);
      const all: Compiled<T>[] = [];
      this.candidates(word, all);
      e = { word, cands: [...new Set(all)] };
    }
    if (this.formCache.size > 200_000) this.formCache.clear();
    this.formCache.set(form, e);
    return e;
  }

  match(text: string, tokens: readonly { start: number; end: number }[]): CueHit<T>[] {
    return this.matchForms(tokens, tokens.map((t) => text.slice(t.start, t.end)), 0, tokens.length);
  }

  /**
   * All cue hits among `tokens` (word tokens only take part; punctuation
   * breaks a multiword pattern). For one tag, overlapping hits keep the
   * longest (then the earliest), so `international* Recht` is one hit.
   * `matchInto`, as objects.
   */
  matchForms(tokens: readonly { start: number; end: number }[], forms: readonly string[], from: number, to: number, entries?: readonly FormEntry[]): CueHit<T>[] {
    const h = this.hits;
    const n = this.matchInto(tokens, forms, from, to, entries, h);
    const out: CueHit<T>[] = [];
    for (let k = 0; k < n; k++) {
      const c = this.cues[h.cue[k]];
      out.push({ start: h.start[k], end: h.end[k], first: h.first[k], last: h.last[k], pattern: c.pattern, weight: c.weight, tag: c.tag });
    }
    return out;
  }

  /**
   * The hits of `matchForms` over tokens `[from, to)` whose texts are `forms`
   * (indexed like `tokens`; the stage passes the document's shared token
   * texts and their interned entries, so nothing is sliced or copied per
   * sentence), written into `out`; their number. Ordered by start, then
   * longest, then heaviest.
   */
  matchInto(tokens: readonly { start: number; end: number }[], forms: readonly string[], from: number, to: number, entries: readonly FormEntry[] | undefined, out: CueHits): number {
    const looked = LOOK_BUF;
    if (START_BUF.length < to - from) START_BUF = new Int32Array(Math.max(to - from, START_BUF.length * 2));
    // the tokens where some cue may start, found in the pass that looks the forms up (most have none)
    const starts = START_BUF;
    let nStarts = 0;
    const slot = this.slot;
    if (entries !== undefined && slot >= 0) {
      // the document's interned entries (`tokenTexts`): each form's lookup kept on its entry
      for (let i = from; i < to; i++) {
        const e = entries[i];
        let l = e.memo[slot] as Looked<T> | undefined;
        if (l === undefined) e.memo[slot] = l = this.lookupForm(e.form);
        looked[i - from] = l;
        if (l.cands.length !== 0) starts[nStarts++] = i;
      }
    } else {
      for (let i = from; i < to; i++) {
        const l = this.lookupForm(forms[i]);
        looked[i - from] = l;
        if (l.cands.length !== 0) starts[nStarts++] = i;
      }
    }
    const raw = RAW;
    let nRaw = 0;
    for (let s = 0; s < nStarts; s++) {
      const i = starts[s];
      const cands = looked[i - from].cands;
      for (let ci = 0; ci < cands.length; ci++) {
        const c = cands[ci];
        const elems = c.elems;
        let j = i;
        let ok = true;
        for (let k = 1; k < elems.length; k++) {
          j++;
          const wj = j < to ? looked[j - from].word : null;
          if (!wj || !elemMatches(elems[k], wj)) { ok = false; break; }
        }
        if (!ok) continue;
        if (nRaw === raw.first.length) raw.grow();
        raw.start[nRaw] = tokens[i].start;
        raw.end[nRaw] = tokens[j].end;
        raw.first[nRaw] = i - from;
        raw.last[nRaw] = j - from;
        raw.cue[nRaw] = c;
        nRaw++;
      }
    }
    out.reserve(nRaw);
    if (nRaw <= 1) {
      // one hit is kept as it is (nothing to overlap)
      if (nRaw === 1) copyHit(raw, 0, out, 0);
      return (out.n = nRaw);
    }
    // per tag: longest first, drop overlaps
    const order = raw.sortedOrder(nRaw);
    const lastEnd = this.lastEnd;
    let n = 0;
    for (let x = 0; x < nRaw; x++) {
      const h = order[x];
      const t = raw.cue[h].tagIndex;
      if (lastEnd[t] > raw.start[h]) continue;
      lastEnd[t] = raw.end[h];
      copyHit(raw, h, out, n++);
    }
    for (let x = 0; x < nRaw; x++) lastEnd[raw.cue[x].tagIndex] = -1;
    return (out.n = n);
  }
}

/** A sentence's hits before ordering and the overlap check: columns, one matcher call at a time. */
class RawHits {
  start = new Float64Array(16);
  end = new Float64Array(16);
  first = new Int32Array(16);
  last = new Int32Array(16);
  /** the cue of each hit (the entries are the matchers' own, so keeping them pins nothing) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cue: Compiled<any>[] = new Array(16).fill(null);
  private order = new Int32Array(16);

  /** twice the room, keeping what was written */
  grow(): void {
    const size = this.first.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(size); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(size); b.set(a); return b; };
    this.start = f64(this.start);
    this.end = f64(this.end);
    this.first = i32(this.first);
    this.last = i32(this.last);
    for (let k = this.cue.length; k < size; k++) this.cue.push(null!);
  }

  /** `a` before `b`: the earlier start, then the longer span, then the heavier cue (a hit's order in the list breaks ties) */
  private cmp = (a: number, b: number): number =>
    this.start[a] - this.start[b] || (this.end[b] - this.start[b]) - (this.end[a] - this.start[a]) || this.cue[b].weight - this.cue[a].weight;

  /**
   * The first `n` hits' numbers in sorted order (a stable sort, as the hits objects once were sorted with
   * `Array.prototype.sort`; `sortStable`: by insertion for the few hits of a sentence).
   */
  sortedOrder(n: number): Int32Array {
    if (this.order.length < n) this.order = new Int32Array(Math.max(n, this.order.length * 2));
    for (let k = 0; k < n; k++) this.order[k] = k;
    return sortStable(this.order, this.cmp, n);
  }
}

function copyHit(raw: RawHits, h: number, out: CueHits, k: number): void {
  out.start[k] = raw.start[h];
  out.end[k] = raw.end[h];
  out.first[k] = raw.first[h];
  out.last[k] = raw.last[h];
  out.cue[k] = raw.cue[h].index;
}

type Looked<T> = { word: Word | null; cands: Compiled<T>[] };

/** scratch for `matchInto`, one sentence at a time (its entries are the form cache's own, so keeping them pins nothing) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LOOK_BUF: { word: Word | null; cands: Compiled<any>[] }[] = [];
let START_BUF = new Int32Array(64);
const RAW = new RawHits();

const WORDY = /[\p{L}\p{N}]/u;

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
