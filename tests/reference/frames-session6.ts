/**
 * The frames stage as it was after session 6 (`frames/match.ts` and `stages/frames.ts` at 7fee650, before the
 * hits-as-columns matcher and the stored form of hits only): the reference that tests/frames.test.ts compares
 * the stage with. The matcher without the per-entry memo (its Map path, the same lookups). Not used by the engine.
 */
import frames from "../../data-loaders/data/frames/frames.json" with { type: "json" };
import { stem } from "../../data-loaders/tone/stem.ts";
import { fold } from "../../data-loaders/frames/match.ts";
import { tokenTexts } from "../../data-loaders/segment.ts";
import type { Doc } from "../../data-loaders/types.ts";
import type { FrameCue, FrameScore, FramesResult } from "../../data-loaders/stages/frames.ts";

type ElemKind = "stem" | "prefix" | "suffix";
interface Elem {
  kind: ElemKind;
  value: string;
}

interface CueDef<T> {
  pattern: string;
  weight: number;
  tag: T;
}

interface Compiled<T> extends CueDef<T> {
  elems: Elem[];
}

interface CueHit<T> {
  start: number;
  end: number;
  /** first and last token index (inclusive) */
  first: number;
  last: number;
  pattern: string;
  weight: number;
  tag: T;
}

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

export class ReferenceMatcher<T> {
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
  matchForms(tokens: readonly { start: number; end: number }[], forms: readonly string[], from: number, to: number): CueHit<T>[] {
    let raw: CueHit<T>[] | undefined;
    const looked = LOOK_BUF;
    for (let i = from; i < to; i++) looked[i - from] = this.lookupForm(forms[i]);
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


// ---- stages/frames.ts at 7fee650 (the dictionary as dictionary.ts compiles it)

const FRAME_IDS = frames.frames.map((f) => f.id);
const SENTENCE_THRESHOLD: number = frames.sentenceThreshold;
const frameMatcher = new ReferenceMatcher<string>(
  frames.frames.flatMap((f) =>
    (f.cues as (string | [string, number])[]).map((c) =>
      typeof c === "string" ? { pattern: c, weight: 1, tag: f.id } : { pattern: c[0], weight: c[1], tag: f.id },
    ),
  ),
);

/** The frames of a document as the session-6 stage made them: its stored form, packed or not, read back. */
export function referenceFrames(doc: Doc, roundTrip: (stored: unknown) => unknown = (x) => x): FramesResult {
  return framesFromStored(roundTrip(framesStored(doc)));
}

/** The session-6 stored form of a document's frames. */
export const referenceStored = (doc: Doc): unknown => framesStored(doc);

const r4 = (x: number) => Math.round(x * 10000) / 10000;
/** the frames a sentence without cue hits carries (none, unless the threshold is 0 or below) */
const NO_HIT_FRAMES = FRAME_IDS.filter(() => 0 >= SENTENCE_THRESHOLD);
/** frame id → its index in FRAME_IDS (the first, should an id repeat) */
const FRAME_INDEX = new Map<string, number>();
FRAME_IDS.forEach((id, i) => { if (!FRAME_INDEX.has(id)) FRAME_INDEX.set(id, i); });

/**
 * Whether every frame id keeps its insertion order as an object key (not an
 * array index like "12", not "__proto__"): then a record's (frame, value)
 * pairs are written in the order the frames came, as the object would list
 * them. Otherwise each record is built as an object first and listed.
 */
const PLAIN_IDS = FRAME_IDS.every((id) => id !== "__proto__" && !/^(?:0|[1-9]\d*)$/.test(id));

/** Append the (frame, value) pairs of a record with keys `FRAME_IDS[fi[j]]` and values `v(fi[j])`, in object-key order. */
function pushRecord(out: (number | string)[], fis: readonly number[], value: (fi: number) => number): void {
  if (!PLAIN_IDS) {
    const o: Record<string, number> = {};
    for (let j = 0; j < fis.length; j++) o[FRAME_IDS[fis[j]]] = value(fis[j]);
    pushWeights(out, o);
    return;
  }
  out.push(fis.length);
  for (let j = 0; j < fis.length; j++) out.push(fis[j], value(fis[j]));
}

/**
 * Frames of one document, in the stored form (`framesToStored` documents the
 * layout): match every frame's cue dictionary against each sentence, keep
 * every hit as evidence, score each frame per sentence (summed cue weight;
 * the sentence carries the frame at ≥ threshold), per paragraph and per
 * article.
 */
function framesStored(doc: Doc): StoredFrames {
  const c: (number | string)[] = [];
  const st: (number | string)[] = [];
  const { forms, word, first } = tokenTexts(doc);
  const F = FRAME_IDS.length;
  // per frame index (FRAME_INDEX): the sentence's summed weight, and which frames it has so far in hit order.
  // Typed arrays rather than reading and writing `weights[tag]`: keyed access with ever-changing keys on
  // objects of ever-changing shape is the slowest kind V8 has, and it ran ~15 times per sentence.
  const acc = new Float64Array(F);
  const order: number[] = [];
  const carrying = new Int32Array(F);
  const hitCount = new Int32Array(F);
  const hitWeight = new Float64Array(F);
  const accOf = (fi: number) => acc[fi];
  // per block (in order of first appearance): its sentences and how many carry each frame, frames in first-carried order
  const blockMap = new Map<number, { block: number; sentences: number; counts: Int32Array; order: number[] }>();
  const carried: number[] = [];
  let words = 0;
  for (let k = 0; k < doc.sentences.length; k++) {
    const s = doc.sentences[k];
    const from = first[k], to = first[k + 1];
    for (let i = from; i < to; i++) words += word[i];
    const hits = frameMatcher.matchForms(doc.tokens, forms, from, to);
    carried.length = 0;
    st.push(s.index, s.block);
    if (!hits.length) {
      st.push(0, NO_HIT_FRAMES.length);
      for (let f = 0; f < NO_HIT_FRAMES.length; f++) {
        const fi = FRAME_INDEX.get(NO_HIT_FRAMES[f])!;
        st.push(fi);
        carried.push(fi);
        carrying[fi]++;
      }
    } else {
      order.length = 0;
      for (let j = 0; j < hits.length; j++) {
        const h = hits[j];
        c.push(h.start, h.end, frameRef(h.tag), h.pattern, h.weight, s.index);
        const f = FRAME_INDEX.get(h.tag)!; // every cue's tag is a frame id (dictionary.ts)
        if (!order.includes(f)) { order.push(f); acc[f] = 0; }
        acc[f] = r4(acc[f] + h.weight);
        hitCount[f]++;
        hitWeight[f] += h.weight;
      }
      // the weights in the order their frames first hit, as `weights[tag] = r4((weights[tag] ?? 0) + weight)` built them
      pushRecord(st, order, accOf);
      // FRAME_IDS.filter((f) => (weights[f] ?? 0) >= SENTENCE_THRESHOLD)
      const at = st.length;
      st.push(0);
      for (let f = 0; f < F; f++) {
        const fi = FRAME_INDEX.get(FRAME_IDS[f])!;
        if ((order.includes(fi) ? acc[fi] : 0) >= SENTENCE_THRESHOLD) { st.push(fi); carried.push(fi); carrying[fi]++; }
      }
      st[at] = st.length - at - 1;
    }
    let b = blockMap.get(s.block);
    if (!b) blockMap.set(s.block, (b = { block: s.block, sentences: 0, counts: new Int32Array(F), order: [] }));
    b.sentences++;
    for (let j = 0; j < carried.length; j++) if (b.counts[carried[j]]++ === 0) b.order.push(carried[j]);
  }
  // per block: how many of its sentences carry each frame, keys in the order the frames first appear in it
  const bl: (number | string)[] = [];
  for (const b of blockMap.values()) {
    bl.push(b.block, b.sentences);
    pushRecord(bl, b.order, (fi) => r4(b.counts[fi] / b.sentences));
  }
  // weights summed per frame in cue order (0 + w1 + w2 …)
  const nS = doc.sentences.length;
  const a: (number | string)[] = [];
  for (let f = 0; f < F; f++) {
    const frameId = FRAME_IDS[f];
    const fi = FRAME_INDEX.get(frameId)!;
    const n = carrying[fi];
    const weight = hitCount[fi] ? hitWeight[fi] : 0;
    a.push(frameRef(frameId), n, nS ? r4(n / nS) : 0, hitCount[fi], r4(weight), words ? r4((1000 * weight) / words) : 0);
  }
  return { f: 1, w: words, n: nS, c, s: st, b: bl, a };
}

/**
 * The stored form of a frames result: flat arrays instead of an object per
 * cue, sentence, block and frame, frame ids as their index in FRAME_IDS (an
 * id not in it, which the dictionary does not allow, as itself). Records
 * (`weights`, `shares`) as (frame, value) pairs in their key order, so they
 * come back with the same order. `f` is the format.
 * `c`: per cue `start, end, frame, cue, weight, sentence`;
 * `s`: per sentence `sentence, block, n, n × (frame, weight), m, m × frame`;
 * `b`: per block `block, sentences, n, n × (frame, share)`;
 * `a`: per frame `frame, sentences, share, hits, weight, density`.
 */
interface StoredFrames { f: 1; w: number; n: number; c: (number | string)[]; s: (number | string)[]; b: (number | string)[]; a: (number | string)[] }
const frameRef = (id: string): number | string => FRAME_INDEX.get(id) ?? id;
/** a frame → number map as `n, frame, value, …` (n first, counted while pushing) */
function pushWeights(out: (number | string)[], m: Record<string, number>): void {
  const at = out.length;
  out.push(0);
  let n = 0;
  for (const id in m) { out.push(frameRef(id), m[id]); n++; }
  out[at] = n;
}
const frameOf = (x: number | string): string => (typeof x === "number" ? FRAME_IDS[x] : x);
/** reads what `pushWeights` wrote at `i` into `into`; the index after it */
function readWeights(arr: (number | string)[], i: number, into: Record<string, number>): number {
  const n = arr[i++] as number;
  for (let j = 0; j < n; j++, i += 2) into[frameOf(arr[i])] = arr[i + 1] as number;
  return i;
}

function framesFromStored(v: unknown): FramesResult {
  const st = v as StoredFrames;
  if (!st || st.f !== 1 || !Array.isArray(st.c) || !Array.isArray(st.s) || !Array.isArray(st.b) || !Array.isArray(st.a)) throw new Error("frames");
  const c = st.c, s = st.s, b = st.b, a = st.a;
  const cues: FrameCue[] = [];
  for (let i = 0; i < c.length; i += 6) {
    cues.push({ start: c[i] as number, end: c[i + 1] as number, frameId: frameOf(c[i + 2]), cue: c[i + 3] as string, weight: c[i + 4] as number, sentence: c[i + 5] as number });
  }
  const sentences: FramesResult["sentences"] = [];
  for (let i = 0; i < s.length; ) {
    const sentence = s[i] as number, block = s[i + 1] as number;
    const weights: Record<string, number> = {};
    i = readWeights(s, i + 2, weights);
    const m = s[i++] as number;
    const frames: string[] = new Array(m);
    for (let j = 0; j < m; j++) frames[j] = frameOf(s[i++]);
    sentences.push({ sentence, block, weights, frames });
  }
  const blocks: FramesResult["blocks"] = [];
  for (let i = 0; i < b.length; ) {
    const block = b[i] as number, count = b[i + 1] as number;
    const shares: Record<string, number> = {};
    i = readWeights(b, i + 2, shares);
    blocks.push({ block, sentences: count, shares });
  }
  const article: FrameScore[] = [];
  for (let i = 0; i < a.length; i += 6) {
    article.push({ frameId: frameOf(a[i]), sentences: a[i + 1] as number, share: a[i + 2] as number, hits: a[i + 3] as number, weight: a[i + 4] as number, density: a[i + 5] as number });
  }
  return { words: st.w, sentenceCount: st.n, cues, sentences, blocks, article };
}
