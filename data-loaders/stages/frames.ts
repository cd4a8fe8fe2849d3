import { FRAME_IDS, frameMatcher, SENTENCE_THRESHOLD } from "../frames/dictionary.ts";
import { isWord } from "../segment.ts";
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
    let words = 0;
    let ti = 0;
    for (const s of doc.sentences) {
      const from = ti;
      while (ti < doc.tokens.length && doc.tokens[ti].sentence === s.index) ti++;
      const toks = doc.tokens.slice(from, ti);
      for (const t of toks) if (isWord(doc.text, t)) words++;
      const weights: Record<string, number> = {};
      for (const h of frameMatcher.match(doc.text, toks)) {
        cues.push({ start: h.start, end: h.end, frameId: h.tag, cue: h.pattern, weight: h.weight, sentence: s.index });
        weights[h.tag] = r4((weights[h.tag] ?? 0) + h.weight);
      }
      sentences.push({ sentence: s.index, block: s.block, weights, frames: FRAME_IDS.filter((f) => (weights[f] ?? 0) >= SENTENCE_THRESHOLD) });
    }
    const blockMap = new Map<number, { block: number; sentences: number; counts: Record<string, number> }>();
    for (const s of sentences) {
      let b = blockMap.get(s.block);
      if (!b) blockMap.set(s.block, (b = { block: s.block, sentences: 0, counts: {} }));
      b.sentences++;
      for (const f of s.frames) b.counts[f] = (b.counts[f] ?? 0) + 1;
    }
    const blocks = [...blockMap.values()].map((b) => ({
      block: b.block,
      sentences: b.sentences,
      shares: Object.fromEntries(Object.entries(b.counts).map(([f, n]) => [f, r4(n / b.sentences)])),
    }));
    const article: FrameScore[] = FRAME_IDS.map((frameId) => {
      const carrying = sentences.filter((s) => s.frames.includes(frameId)).length;
      const fc = cues.filter((c) => c.frameId === frameId);
      const weight = fc.reduce((a, c) => a + c.weight, 0);
      return {
        frameId,
        sentences: carrying,
        share: sentences.length ? r4(carrying / sentences.length) : 0,
        hits: fc.length,
        weight: r4(weight),
        density: words ? r4((1000 * weight) / words) : 0,
      };
    });
    return { words, sentenceCount: sentences.length, cues, sentences, blocks, article };
  },
};
