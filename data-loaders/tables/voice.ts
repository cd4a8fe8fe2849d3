import type { VoiceResult } from "../stages/voice.ts";
import type { TableSpec } from "../table.ts";
import { sentenceId } from "./sentences.ts";

const voiceOf = (stages: Record<string, unknown>) => stages.voice as VoiceResult | undefined;

export const voiceTable: TableSpec = {
  name: "voice",
  key: ["articleId"],
  columns: {
    articleId: "string", quotesAvailable: "boolean", words: "integer", directWords: "integer",
    indirectWords: "integer", authorialWords: "integer", directShare: "number", indirectShare: "number",
    attributedShare: "number", authorialShare: "number", evaluativeWords: "integer",
    evaluativeDensity: "number", authorialHedges: "integer", hedgeDensity: "number",
    hedgeWords: "string"
  },
  description: "One row per article: words and shares in direct speech, indirect/reported speech and the author's own voice; evaluative words per 100 authorial words; hedges.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) => {
      const v = voiceOf(stages);
      if (!v) return [];
      const { hedges, ...rest } = v;
      return [{ articleId: doc.meta.id, ...rest, hedgeWords: hedges.filter((h) => h.voice === "authorial").map((h) => h.form).join(", ") }];
    }),
};

export const hedgesTable: TableSpec = {
  name: "hedges",
  key: ["hedgeId"],
  columns: {
    hedgeId: "string", articleId: "string", sentenceId: "string", start: "integer", end: "integer",
    form: "string", voice: "string"
  },
  description: "Every hedge (könnte, wohl, offenbar, vermeintlich, …) with its span, sentence and voice.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      (voiceOf(stages)?.hedges ?? []).map((h, k) => ({
        hedgeId: `${doc.meta.id}:h${k}`,
        articleId: doc.meta.id,
        sentenceId: sentenceId(doc.meta.id, h.sentence),
        start: h.start,
        end: h.end,
        form: h.form,
        voice: h.voice,
      })),
    ),
};
