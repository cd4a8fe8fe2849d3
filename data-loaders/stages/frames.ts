import { FRAME_IDS, frameMatcher, SENTENCE_THRESHOLD } from "../frames/dictionary.ts";
import { CueHits } from "../frames/match.ts";
import { tokenTexts } from "../segment.ts";
import { StoredFormatError, type Stage } from "../stage.ts";
import type { Doc } from "../types.ts";
import { grown } from "../typed-arrays.ts";

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

/**
 * Rounded to 4 decimals. `+ 0` turns -0 into 0, as the JSON round trip of the stored form did when these
 * figures were stored rather than computed on reading (the dictionary's weights are finite numbers, so -0
 * is the only value JSON would change).
 */
const r4 = (x: number) => Math.round(x * 10000) / 10000 + 0;
/** frame id → its index in FRAME_IDS (the first, should an id repeat) */
const FRAME_INDEX = new Map<string, number>();
FRAME_IDS.forEach((id, i) => { if (!FRAME_INDEX.has(id)) FRAME_INDEX.set(id, i); });
/** per frame position f: `FRAME_INDEX.get(FRAME_IDS[f])` (f itself unless an id repeats) */
const FIRST_INDEX = Int32Array.from(FRAME_IDS, (id) => FRAME_INDEX.get(id)!);
/** the frames a sentence without cue hits carries (none, unless the threshold is 0 or below), as FRAME_INDEX */
const NO_HIT_FRAMES = Int32Array.from(FRAME_IDS.filter(() => 0 >= SENTENCE_THRESHOLD), (id) => FRAME_INDEX.get(id)!);

/** per cue of `frameMatcher.cues`: its frame (FRAME_INDEX; every cue's tag is a frame id, dictionary.ts), pattern and weight (-0 as 0, see r4) */
const CUE_FRAME = Int32Array.from(frameMatcher.cues, (c) => FRAME_INDEX.get(c.tag)!);
const CUE_PATTERN = frameMatcher.cues.map((c) => c.pattern);
const CUE_WEIGHT = Float64Array.from(frameMatcher.cues, (c) => c.weight + 0);
/** a cue by what a result shows of it (frame, pattern, weight) → the first cue with those: what the stored form names */
const cueKey = (frameId: string, pattern: string, weight: number) => `${frameId}\0${pattern}\0${weight}`;
const CUE_BY_KEY = new Map<string, number>();
for (let i = 0; i < CUE_PATTERN.length; i++) {
  const key = cueKey(FRAME_IDS[CUE_FRAME[i]], CUE_PATTERN[i], CUE_WEIGHT[i]);
  if (!CUE_BY_KEY.has(key)) CUE_BY_KEY.set(key, i);
}
/** per cue: the cue the stored form names for it (itself, unless an earlier cue shows the same) */
const CUE_STORED = Int32Array.from(CUE_PATTERN, (_, i) => CUE_BY_KEY.get(cueKey(FRAME_IDS[CUE_FRAME[i]], CUE_PATTERN[i], CUE_WEIGHT[i]))!);

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
 * The stored form of a frames result: only what the matching found — each
 * cue hit and each sentence's place — since every score follows from the
 * hits and the dictionary, and is computed on reading (`framesFromStored`).
 * Fewer and smaller numbers to store and send than the scores themselves.
 * `w`: the article's words;
 * `c`: per cue hit `start − the previous hit's start, end − start, cue` (the
 *   cue's index in `frameMatcher.cues`; text offsets are integers, so the
 *   differences are exact);
 * `s`: per sentence, its number of hits (the hits of `c` in order);
 * `r`: the sentences' indices and blocks, as runs `index, block, count` of
 *   sentences in one block with consecutive indices (`index + q` is checked
 *   to give each index exactly).
 * `f` is the format.
 */
interface StoredFrames { f: 2; w: number; c: number[]; s: number[]; r: number[] }

/** scratch for `framesStored`, one sentence at a time */
const HITS = new CueHits();

/** Frames of one document, in the stored form: every sentence's cue hits, and the sentences' places. */
function framesStored(doc: Doc): StoredFrames {
  const c: number[] = [];
  const s: number[] = [];
  const r: number[] = [];
  const { forms, word, first, entries } = tokenTexts(doc);
  const hits = HITS;
  let words = 0;
  let prevStart = 0;
  let run = -1;
  for (let k = 0; k < doc.sentences.length; k++) {
    const sen = doc.sentences[k];
    const from = first[k], to = first[k + 1];
    for (let i = from; i < to; i++) words += word[i];
    const n = frameMatcher.matchInto(doc.tokens, forms, from, to, entries, hits);
    s.push(n);
    for (let j = 0; j < n; j++) {
      const start = hits.start[j];
      c.push(start - prevStart, hits.end[j] - start, CUE_STORED[hits.cue[j]]);
      prevStart = start;
    }
    run = pushRun(r, run, sen.index, sen.block);
  }
  return { f: 2, w: words, c, s, r };
}

/** Adds a sentence (`index`, `block`) to the runs of `r`, whose last run starts at `run` (-1: none yet); where the last run now starts. */
function pushRun(r: number[], run: number, index: number, block: number): number {
  // extended only when the reading side's `index₀ + count` gives this very index (a finite one: packing turns
  // ±Infinity and NaN into null)
  if (run >= 0 && r[run + 1] === block && r[run] + r[run + 2] === index && Number.isFinite(index)) {
    r[run + 2]++;
    return run;
  }
  r.push(index, block, 1);
  return r.length - 3;
}

function framesToStored(x: FramesResult): StoredFrames {
  const c: number[] = [];
  const s: number[] = [];
  const r: number[] = [];
  let prevStart = 0;
  let ci = 0;
  let run = -1;
  for (let k = 0; k < x.sentences.length; k++) {
    const sen = x.sentences[k];
    let n = 0;
    for (; ci < x.cues.length && x.cues[ci].sentence === sen.sentence; ci++, n++) {
      const h = x.cues[ci];
      const cue = CUE_BY_KEY.get(cueKey(h.frameId, h.cue, h.weight + 0));
      if (cue === undefined) throw new Error(`frames: cue "${h.cue}" (${h.frameId}, ${h.weight}) is not in the dictionary`);
      c.push(h.start - prevStart, h.end - h.start, cue);
      prevStart = h.start;
    }
    s.push(n);
    run = pushRun(r, run, sen.sentence, sen.block);
  }
  if (ci !== x.cues.length) throw new Error("frames: a cue outside the sentences, or out of their order");
  return { f: 2, w: x.words, c, s, r };
}

/**
 * The result from the stored form: the cues as objects, and the scores
 * computed from them — per sentence the summed weight per frame (in the
 * order the frames first hit) and the frames at or above the threshold (in
 * dictionary order), per block the share of its sentences carrying each
 * frame (in the order the frames were first carried in it), per article the
 * frames' sentences, shares, hits, summed weights (in cue order) and density.
 */
function framesFromStored(v: unknown): FramesResult {
  const st = v as StoredFrames;
  if (!st || st.f !== 2 || typeof st.w !== "number" || !Array.isArray(st.c) || !Array.isArray(st.s) || !Array.isArray(st.r)) throw new StoredFormatError("frames");
  const { w: words, c, s: hitsPer, r: runs } = st;
  const F = FRAME_IDS.length;
  // per frame index (FRAME_INDEX), typed and kept from call to call: keyed access to objects with ever-changing
  // keys is the slowest kind V8 has, and a typed array made per call costs more than clearing one of ten
  const { acc, hitIn, carrying, hitCount, hitWeight, order, carried } = SCRATCH;
  hitIn.fill(0);
  carrying.fill(0);
  hitCount.fill(0);
  hitWeight.fill(0);
  // per block (in order of first appearance, looked up once per run of sentences): its sentences, how many of
  // them carry each frame (`counts`, F per block), and the frames in the order first carried
  const blockSlot = new Map<number, number>();
  const blockOf: number[] = [];
  const blockSentences: number[] = [];
  const blockOrder: number[][] = [];
  const cues: FrameCue[] = [];
  const sentences: FramesResult["sentences"] = [];
  let counts = SCRATCH.counts;
  let ci = 0;
  let start = 0;
  let k = 0;
  for (let ri = 0; ri < runs.length; ri += 3) {
    const index0 = runs[ri], block = runs[ri + 1], count = runs[ri + 2];
    let b = blockSlot.get(block);
    if (b === undefined) {
      blockSlot.set(block, (b = blockOf.length));
      blockOf.push(block);
      blockSentences.push(0);
      blockOrder.push([]);
      if (counts.length < (b + 1) * F) SCRATCH.counts = counts = grown(counts, (b + 1) * F);
      counts.fill(0, b * F, (b + 1) * F);
    }
    const bOrder = blockOrder[b], bAt = b * F;
    blockSentences[b] += count;
    for (let q = 0; q < count; q++, k++) {
      const sentence = q === 0 ? index0 : index0 + q;
      const n = hitsPer[k];
      const weights: Record<string, number> = {};
      const frames: string[] = [];
      let nCarried = 0;
      if (n === 0) {
        for (let j = 0; j < NO_HIT_FRAMES.length; j++) {
          const fi = NO_HIT_FRAMES[j];
          frames.push(FRAME_IDS[fi]);
          carried[nCarried++] = fi;
          carrying[fi]++;
        }
      } else {
        let nOrder = 0;
        for (let j = 0; j < n; j++, ci += 3) {
          start += c[ci];
          const cue = c[ci + 2], fi = CUE_FRAME[cue], weight = CUE_WEIGHT[cue];
          cues.push({ start, end: start + c[ci + 1], frameId: FRAME_IDS[fi], cue: CUE_PATTERN[cue], weight, sentence });
          if (hitIn[fi] !== k + 1) { hitIn[fi] = k + 1; order[nOrder++] = fi; acc[fi] = 0; }
          // as `weights[frame] = r4((weights[frame] ?? 0) + weight)`, hit by hit
          acc[fi] = r4(acc[fi] + weight);
          hitCount[fi]++;
          hitWeight[fi] += weight;
        }
        for (let j = 0; j < nOrder; j++) weights[FRAME_IDS[order[j]]] = acc[order[j]];
        // FRAME_IDS.filter((f) => (weights[f] ?? 0) >= SENTENCE_THRESHOLD)
        for (let f = 0; f < F; f++) {
          const fi = FIRST_INDEX[f];
          if ((hitIn[fi] === k + 1 ? acc[fi] : 0) >= SENTENCE_THRESHOLD) { frames.push(FRAME_IDS[fi]); carried[nCarried++] = fi; carrying[fi]++; }
        }
      }
      sentences.push({ sentence, block, weights, frames });
      for (let j = 0; j < nCarried; j++) if (counts[bAt + carried[j]]++ === 0) bOrder.push(carried[j]);
    }
  }
  if (k !== hitsPer.length || ci !== c.length) throw new StoredFormatError("frames");
  // per block: the share of its sentences carrying each frame, keys in the order the frames first appear in it
  const blocks: FramesResult["blocks"] = [];
  for (let b = 0; b < blockOf.length; b++) {
    const shares: Record<string, number> = {};
    const bOrder = blockOrder[b];
    for (let j = 0; j < bOrder.length; j++) shares[FRAME_IDS[bOrder[j]]] = r4(counts[b * F + bOrder[j]] / blockSentences[b]);
    blocks.push({ block: blockOf[b], sentences: blockSentences[b], shares });
  }
  // weights summed per frame in cue order (0 + w1 + w2 …)
  const nS = hitsPer.length;
  const article: FrameScore[] = [];
  for (let f = 0; f < F; f++) {
    const fi = FIRST_INDEX[f];
    const n = carrying[fi];
    const weight = hitCount[fi] ? hitWeight[fi] : 0;
    article.push({ frameId: FRAME_IDS[f], sentences: n, share: nS ? r4(n / nS) : 0, hits: hitCount[fi], weight: r4(weight), density: words ? r4((1000 * weight) / words) : 0 });
  }
  return { words, sentenceCount: nS, cues, sentences, blocks, article };
}

/** scratch for `framesFromStored` (one call at a time; `carried` holds at most one entry per frame position) */
const SCRATCH = (() => {
  const F = FRAME_IDS.length;
  return {
    acc: new Float64Array(F),
    /** the sentence (its number + 1) in which a frame last hit: whether `acc` holds this sentence's sum */
    hitIn: new Int32Array(F),
    carrying: new Int32Array(F),
    hitCount: new Int32Array(F),
    hitWeight: new Float64Array(F),
    order: new Int32Array(F),
    carried: new Int32Array(F),
    counts: new Int32Array(16 * F),
  };
})();

