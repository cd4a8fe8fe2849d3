import { FRAME_IDS, frameMatcher, SENTENCE_THRESHOLD } from "../frames/dictionary.ts";
import { tokenTexts } from "../segment.ts";
import { StoredFormatError, type Stage } from "../stage.ts";
import type { Doc } from "../types.ts";

export interface FrameCue {
  start: number;
  end: number;
  frameId: string;
  /** the dictionary pattern that matched */
  cue: string;
  weight: number;
  /** index into doc.sentences */
  sentence: number;
}

export interface FrameScore {
  frameId: string;
  /** sentences whose cue weights for the frame reach the threshold */
  sentences: number;
  /** share of the article's sentences that carry the frame */
  share: number;
  hits: number;
  weight: number;
  /** weighted cue hits per 1000 words */
  density: number;
}

export interface FramesResult {
  words: number;
  sentenceCount: number;
  cues: FrameCue[];
  /** per sentence: frame id → summed cue weight (only frames with hits) */
  sentences: { sentence: number; block: number; weights: Record<string, number>; frames: string[] }[];
  /** per paragraph (block): frame id → share of its sentences carrying it */
  blocks: { block: number; sentences: number; shares: Record<string, number> }[];
  article: FrameScore[];
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;
/** the frames a sentence without cue hits carries (none, unless the threshold is 0 or below) */
const NO_HIT_FRAMES = FRAME_IDS.filter(() => 0 >= SENTENCE_THRESHOLD);
/** frame id → its index in FRAME_IDS (the first, should an id repeat) */
const FRAME_INDEX = new Map<string, number>();
FRAME_IDS.forEach((id, i) => { if (!FRAME_INDEX.has(id)) FRAME_INDEX.set(id, i); });

/**
 * Frames: match every frame's cue dictionary against each sentence, keep
 * every hit as evidence, and score each frame per sentence (summed cue
 * weight; the sentence carries the frame at ≥ threshold), per paragraph and
 * per article (share of sentences carrying it; weighted cues per 1000 words),
 * so that articles of different length compare.
 */
export const framesStage: Stage<FramesResult> = {
  name: "frames",
  // one implementation: the stored form is built directly (what a job stores and sends), the result read from it
  run: (doc) => framesFromStored(framesStored(doc)),
  runStored: (doc) => framesStored(doc),
  toStored: framesToStored,
  fromStored: framesFromStored,
};

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
  const { forms, word, first, entries } = tokenTexts(doc);
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
    const hits = frameMatcher.matchForms(doc.tokens, forms, from, to, entries);
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

function framesToStored(r: FramesResult): StoredFrames {
  const c: (number | string)[] = [];
  for (let i = 0; i < r.cues.length; i++) {
    const x = r.cues[i];
    c.push(x.start, x.end, frameRef(x.frameId), x.cue, x.weight, x.sentence);
  }
  const s: (number | string)[] = [];
  for (let i = 0; i < r.sentences.length; i++) {
    const x = r.sentences[i];
    s.push(x.sentence, x.block);
    pushWeights(s, x.weights);
    s.push(x.frames.length);
    for (let j = 0; j < x.frames.length; j++) s.push(frameRef(x.frames[j]));
  }
  const b: (number | string)[] = [];
  for (let i = 0; i < r.blocks.length; i++) {
    const x = r.blocks[i];
    b.push(x.block, x.sentences);
    pushWeights(b, x.shares);
  }
  const a: (number | string)[] = [];
  for (let i = 0; i < r.article.length; i++) {
    const x = r.article[i];
    a.push(frameRef(x.frameId), x.sentences, x.share, x.hits, x.weight, x.density);
  }
  return { f: 1, w: r.words, n: r.sentenceCount, c, s, b, a };
}

function framesFromStored(v: unknown): FramesResult {
  const st = v as StoredFrames;
  if (!st || st.f !== 1 || !Array.isArray(st.c) || !Array.isArray(st.s) || !Array.isArray(st.b) || !Array.isArray(st.a)) throw new StoredFormatError("frames");
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
