import { isWord } from "../segment.ts";
import type { TableSpec } from "../table.ts";

/** `articleId:s<index>`, the id every sentence-level row refers to. */
export const sentenceId = (articleId: string, index: number) => `${articleId}:s${index}`;

export const sentencesTable: TableSpec = {
  name: "sentences",
  key: ["sentenceId"],
  columns: {
    sentenceId: "string", articleId: "string", index: "integer", block: "integer", blockKind: "string",
    start: "integer", end: "integer", words: "integer", text: "string"
  },
  description: "One row per sentence, with its block (title, lead, heading, paragraph) and character offsets into the article text.",
  build: ({ articles }) =>
    articles.flatMap(({ doc }) => {
      const words = new Array(doc.sentences.length).fill(0);
      for (const t of doc.tokens) if (isWord(doc.text, t)) words[t.sentence]++;
      return doc.sentences.map((s) => ({
        sentenceId: sentenceId(doc.meta.id, s.index),
        articleId: doc.meta.id,
        index: s.index,
        block: s.block,
        blockKind: doc.blocks[s.block].kind,
        start: s.start,
        end: s.end,
        words: words[s.index],
        text: doc.text.slice(s.start, s.end),
      }));
    }),
};
