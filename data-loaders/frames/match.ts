import { stem } from "../tone/stem.ts";
import { memoSlot, type FormEntry } from "../segment.ts";

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

export class CueMatcher<T> {
  private byStem = new Map<string, Compiled<T>[]>();
  private byPrefix = new Map<number, Map<string, Compiled<T>[]>>();
  private bySuffix = new Map<number, Map<string, Compiled<T>[]>>();

  constructor(cues: readonly CueDef<T>[]) {
    for (const c of cues) {
      const elems = c.pattern.trim().split(/\s+/).map(parseElem);
      const compiled = { ...c, elems };
      const first = elems[0];
      if (first.kind === "stem") push(this.byStem, first.value, compiled);
      else {
        const idx = first.kind === "prefix" ? this.byPrefix : this.bySuffix;
        let m = idx.get(first.value.length);
        if (!m) idx.set(first.value.length, (m = new Map()));
        push(m, first.value, compiled);
      }
    }
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

  /**
   * All cue hits among `tokens` (word tokens only take part; punctuation
   * breaks a multiword pattern). For one tag, overlapping hits keep the
   * longest (then the earliest), so `international* Recht` is one hit.
   */
  private formCache = new Map<string, Looked<T>>();
  /** this matcher's slot in `FormEntry.memo` (-1: none left, the Map alone) */
  private slot = memoSlot();
  /** scratch for `matchForms`: per tag, the end of its last hit kept (cleared per call; a Map per sentence was garbage) */
  private lastEnd = new Map<T, number>();

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
   * `match` over tokens `[from, to)` whose texts are `forms` (indexed like
   * `tokens`): the stage passes the document's shared token texts, so nothing
   * is sliced or copied per sentence.
   */
  matchForms(tokens: readonly { start: number; end: number }[], forms: readonly string[], from: number, to: number, entries?: readonly FormEntry[]): CueHit<T>[] {
    let raw: CueHit<T>[] | undefined;
    const looked = LOOK_BUF;
    const slot = this.slot;
    if (entries !== undefined && slot >= 0) {
      // the document's interned entries (`tokenTexts`): each form's lookup kept on its entry
      for (let i = from; i < to; i++) {
        const e = entries[i];
        let l = e.memo[slot] as Looked<T> | undefined;
        if (l === undefined) e.memo[slot] = l = this.lookupForm(e.form);
        looked[i - from] = l;
      }
    } else for (let i = from; i < to; i++) looked[i - from] = this.lookupForm(forms[i]);
    for (let i = from; i < to; i++) {
      const cands = looked[i - from].cands;
      if (!cands.length) continue;
      for (const c of cands) {
        let j = i;
        let ok = true;
        for (let k = 1; k < c.elems.length; k++) {
          j++;
          const wj = j < to ? looked[j - from].word : null;
          if (!wj || !elemMatches(c.elems[k], wj)) { ok = false; break; }
        }
        if (ok) (raw ??= []).push({ start: tokens[i].start, end: tokens[j].end, first: i - from, last: j - from, pattern: c.pattern, weight: c.weight, tag: c.tag });
      }
    }
    if (!raw) return [];
    if (raw.length === 1) return raw;
    // per tag: longest first, drop overlaps
    sortSmall(raw, byStartLongest);
    const lastEnd = this.lastEnd;
    lastEnd.clear();
    const out: CueHit<T>[] = [];
    for (const h of raw) {
      if ((lastEnd.get(h.tag) ?? -1) > h.start) continue;
      lastEnd.set(h.tag, h.end);
      out.push(h);
    }
    return out;
  }
}

const byStartLongest = (a: CueHit<unknown>, b: CueHit<unknown>) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || b.weight - a.weight;

/**
 * `list.sort(cmp)`, by insertion for the few hits of a sentence: V8's sort allocates its work arrays on every
 * call (a fifth of the frames stage's garbage). Both are stable, so the order is the same.
 */
function sortSmall<V>(list: V[], cmp: (a: V, b: V) => number): void {
  if (list.length > 32) {
    list.sort(cmp);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    while (j >= 0 && cmp(list[j], x) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = x;
  }
}

type Looked<T> = { word: Word | null; cands: Compiled<T>[] };

/** scratch for `matchForms`, one sentence at a time (its entries are the form cache's own, so keeping them pins nothing) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LOOK_BUF: { word: Word | null; cands: Compiled<any>[] }[] = [];

const WORDY = /[\p{L}\p{N}]/u;

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
