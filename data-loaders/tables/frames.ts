import { FRAMES } from "../frames/dictionary.ts";
import type { FramesResult } from "../stages/frames.ts";
import type { TableSpec } from "../table.ts";
import { sentenceId } from "./sentences.ts";

const framesOf = (stages: Record<string, unknown>) => stages.frames as FramesResult | undefined;
const FRAME_BY_ID = new Map(FRAMES.map((f) => [f.id, f]));

export const framesTable: TableSpec = {
  name: "frames",
  key: ["id"],
  columns: {
    id: "string", articleId: "string", frameId: "string", group: "string", label_de: "string",
    label_en: "string", share: "number", density: "number", sentences: "integer",
    sentenceCount: "integer", hits: "integer", weight: "number", words: "integer"
  },
  description: "One row per article × frame: share of sentences carrying the frame, weighted cue hits per 1000 words, cue hits.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) => {
      const f = framesOf(stages);
      if (!f) return [];
      return f.article.map((a) => {
        const def = FRAME_BY_ID.get(a.frameId)!;
        return {
          id: `${doc.meta.id}:${a.frameId}`,
          articleId: doc.meta.id,
          frameId: a.frameId,
          group: def.group,
          label_de: def.label_de,
          label_en: def.label_en,
          share: a.share,
          density: a.density,
          sentences: a.sentences,
          sentenceCount: f.sentenceCount,
          hits: a.hits,
          weight: a.weight,
          words: f.words,
        };
      });
    }),
};

export const frameCuesTable: TableSpec = {
  name: "frame_cues",
  key: ["cueId"],
  columns: {
    cueId: "string", articleId: "string", sentenceId: "string", frameId: "string", start: "integer",
    end: "integer", text: "string", cue: "string", weight: "number"
  },
  description: "Every frame cue hit: its span in the article text, the frame, the dictionary pattern that matched, its weight and its sentence.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      (framesOf(stages)?.cues ?? []).map((c, k) => ({
        cueId: `${doc.meta.id}:c${k}`,
        articleId: doc.meta.id,
        sentenceId: sentenceId(doc.meta.id, c.sentence),
        frameId: c.frameId,
        start: c.start,
        end: c.end,
        text: doc.text.slice(c.start, c.end),
        cue: c.cue,
        weight: c.weight,
      })),
    ),
};

export const frameDefinitionsTable: TableSpec = {
  name: "frame_definitions",
  key: ["id"],
  columns: {
    id: "string", group: "string", label_de: "string", label_en: "string", definition: "string",
    source: "string", cueCount: "integer", limits: "string"
  },
  description: "The frame dictionaries: id, labels, definition, source, number of cues and known limits.",
  build: () => FRAMES.map((f) => ({ ...f })),
};

export const frameParagraphsTable: TableSpec = {
  name: "frame_paragraphs",
  key: ["id"],
  columns: {
    id: "string", articleId: "string", block: "integer", blockKind: "string", frameId: "string",
    share: "number", sentences: "integer"
  },
  description: "One row per paragraph × frame that occurs in it: share of the paragraph's sentences carrying the frame.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      (framesOf(stages)?.blocks ?? []).flatMap((b) =>
        Object.entries(b.shares).map(([frameId, share]) => ({
          id: `${doc.meta.id}:b${b.block}:${frameId}`,
          articleId: doc.meta.id,
          block: b.block,
          blockKind: doc.blocks[b.block]?.kind ?? "",
          frameId,
          share,
          sentences: b.sentences,
        })),
      ),
    ),
};
