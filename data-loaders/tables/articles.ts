import { isWord } from "../segment.ts";
import type { TableSpec } from "../table.ts";

export const articlesTable: TableSpec = {
  name: "articles",
  key: ["articleId"],
  columns: {
    articleId: "string", file: "string", title: "string", outlet: "string", author: "string",
    date: "string", url: "string", lang: "string", encoding: "string", chars: "integer",
    words: "integer", sentences: "integer", paragraphs: "integer", headings: "integer",
    boilerplate: "string"
  },
  description: "One row per article: metadata and size.",
  build: ({ articles }) =>
    articles.map(({ doc }) => ({
      articleId: doc.meta.id,
      file: doc.meta.file,
      title: doc.meta.title,
      outlet: doc.meta.outlet,
      author: doc.meta.author,
      date: doc.meta.date,
      url: doc.meta.url,
      lang: doc.meta.lang,
      encoding: doc.meta.encoding,
      chars: doc.text.length,
      words: doc.tokens.reduce((n, t) => n + (isWord(doc.text, t) ? 1 : 0), 0),
      sentences: doc.sentences.length,
      paragraphs: doc.blocks.filter((b) => b.kind === "paragraph" || b.kind === "lead").length,
      headings: doc.blocks.filter((b) => b.kind === "heading").length,
      boilerplate: doc.meta.boilerplate.join(" | "),
    })),
};
