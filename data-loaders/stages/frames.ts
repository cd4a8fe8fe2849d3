import { FRAME_IDS, frameMatcher, SENTENCE_THRESHOLD } from "../frames/dictionary.ts";
import { tokenTexts } from "../segment.ts";
import type { Stage } from "../stage.ts";

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

/**
 * Frames: match every frame's cue dictionary against each sentence, keep
 * every hit as evidence, and score each frame per sentence (summed cue
 * weight; the sentence carries the frame at ≥ threshold), per paragraph and
 * per article (share of sentences carrying it; weighted cues per 1000 words),
 * so that articles of different length compare.
 */
export const framesStage: Stage<FramesResult> = {
  name: "frames",
  run(doc) {
    const cues: FrameCue[] = [];
    const sentences: FramesResult["sentences"] = [];
    const { forms, word, first } = tokenTexts(doc);
    let words = 0;
    for (let k = 0; k < doc.sentences.length; k++) {
      const s = doc.sentences[k];
      const from = first[k], to = first[k + 1];
      for (let i = from; i < to; i++) words += word[i];
      const hits = frameMatcher.matchForms(doc.tokens, forms, from, to);
      if (!hits.length) {
        sentences.push({ sentence: s.index, block: s.block, weights: {}, frames: NO_HIT_FRAMES.slice() });
        continue;
      }
      const weights: Record<string, number> = {};
      for (let j = 0; j < hits.length; j++) {
        const h = hits[j];
        cues.push({ start: h.start, end: h.end, frameId: h.tag, cue: h.pattern, weight: h.weight, sentence: s.index });
        weights[h.tag] = r4((weights[h.tag] ?? 0) + h.weight);
      }
      // FRAME_IDS.filter((f) => (weights[f] ?? 0) >= SENTENCE_THRESHOLD), without a closure per sentence
      const frames: string[] = [];
      for (let f = 0; f < FRAME_IDS.length; f++) if ((weights[FRAME_IDS[f]] ?? 0) >= SENTENCE_THRESHOLD) frames.push(FRAME_IDS[f]);
      sentences.push({ sentence: s.index, block: s.block, weights, frames });
    }
    const blockMap = new Map<number, { block: number; sentences: number; counts: Record<string, number> }>();
    for (const s of sentences) {
      let b = blockMap.get(s.block);
      if (!b) blockMap.set(s.block, (b = { block: s.block, sentences: 0, counts: {} }));
      b.sentences++;
      for (const f of s.frames) b.counts[f] = (b.counts[f] ?? 0) + 1;
    }
    const blocks: FramesResult["blocks"] = [];
    for (const b of blockMap.values()) {
      // Object.fromEntries(Object.entries(b.counts).map(…)): the same keys in the same order
      const shares: Record<string, number> = {};
      const keys = Object.keys(b.counts);
      for (let j = 0; j < keys.length; j++) shares[keys[j]] = r4(b.counts[keys[j]] / b.sentences);
      blocks.push({ block: b.block, sentences: b.sentences, shares });
    }
    // one pass over sentences and cues (not one per frame); weights summed per frame in cue order, as before
    const carrying = new Map<string, number>();
    for (const s of sentences) for (const f of s.frames) carrying.set(f, (carrying.get(f) ?? 0) + 1);
    const hitsOf = new Map<string, { hits: number; weight: number }>();
    for (const c of cues) {
      const h = hitsOf.get(c.frameId);
      if (h) (h.hits++, (h.weight += c.weight));
      else hitsOf.set(c.frameId, { hits: 1, weight: 0 + c.weight });
    }
    const article: FrameScore[] = FRAME_IDS.map((frameId) => {
      const n = carrying.get(frameId) ?? 0;
      const fc = hitsOf.get(frameId);
      const weight = fc ? fc.weight : 0;
      return {
        frameId,
        sentences: n,
        share: sentences.length ? r4(n / sentences.length) : 0,
        hits: fc ? fc.hits : 0,
        weight: r4(weight),
        density: words ? r4((1000 * weight) / words) : 0,
      };
    });
    return { words, sentenceCount: sentences.length, cues, sentences, blocks, article };
  },
};
