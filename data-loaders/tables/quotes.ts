import type { QuotesResult } from "../quotes/types.ts";
import type { TableSpec } from "../table.ts";
import { sentenceId } from "./sentences.ts";

const WORD = /[\p{L}\p{N}]/u;
const words = (text: string) => text.split(/\s+/).reduce((n, w) => n + (WORD.test(w) ? 1 : 0), 0);

export const quotesTable: TableSpec = {
  name: "quotes",
  key: ["quoteId"],
  columns: {
    articleId: "string", quoteId: "string", type: "string", partial: "boolean", start: "integer",
    end: "integer", text: "string", speaker: "string?", speakerText: "string", speakerStart: "integer",
    speakerEnd: "integer", cue: "string", cueLemma: "string", cueClass: "string", cueStart: "integer",
    cueEnd: "integer", sentenceId: "string", flags: "string", words: "integer"
  },
  description:
    "One row per quote (Direct, Indirect, FreeIndirect, IndirectFreeIndirect, Reported; partial as a flag on Direct) with speaker, cue (speech verb or source phrase) and its class, and character offsets into the article text. Scare quotes are not listed.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) => {
      const result = stages.quotes as QuotesResult | undefined;
      if (!result) return [];
      return result.quotes.map((q) => {
        const text = doc.text.slice(q.start, q.end);
        return {
          articleId: doc.meta.id,
          quoteId: q.id,
          type: q.type,
          partial: q.partial,
          start: q.start,
          end: q.end,
          text,
          speaker: q.speaker,
          speakerText: q.speakerText,
          speakerStart: q.speakerStart,
          speakerEnd: q.speakerEnd,
          cue: q.cue,
          cueLemma: q.cueLemma,
          cueClass: q.cueClass,
          cueStart: q.cueStart,
          cueEnd: q.cueEnd,
          sentenceId: sentenceId(doc.meta.id, q.sentence),
          flags: q.flags.join(" "),
          words: words(text),
        };
      });
    }),
};
