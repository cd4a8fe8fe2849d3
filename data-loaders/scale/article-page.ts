import { readFileSync } from "node:fs";
import { join } from "node:path";
import { articleFiles } from "../corpus.ts";
import { corpusEntries } from "../corpus-stream.ts";
import { decodeArticleBytes } from "../decode.ts";
import { analyzeCorpus, analyzeSource, DEFAULT_CORPUS } from "../pipeline.ts";
import type { Row } from "../table.ts";
import { tableRowsOrNull } from "../tables/index.ts";
import type { AnalyzedArticle } from "../types.ts";

/** The tables an article page reads; each holds that article's rows only. */
export const ARTICLE_PAGE_TABLES = ["articles", "sentences", "quotes", "actors", "mentions", "tone", "tone_hits", "voice", "frames", "frame_cues", "frame_definitions"];

/**
 * One article of the corpus, analysed alone: the article file whose id is
 * `id` (ids as `articleIds` gives them: file slug, `-2` for a second file
 * with the same slug) is read and analysed by itself, so the page of one
 * article costs one article's work however large the corpus. Articles from
 * JSONL/CSV rows are found by analysing the corpus (from its cache).
 */
export function findArticle(id: string, corpus = DEFAULT_CORPUS): AnalyzedArticle | undefined {
  const found = articleFiles(corpus).find((f) => f.id === id);
  if (found) {
    const { text, encoding } = decodeArticleBytes(readFileSync(join(corpusEntries(corpus).root, found.file)));
    const article = analyzeSource({ file: found.file, text, encoding });
    article.doc.meta.id = id;
    return article;
  }
  return analyzeCorpus(corpus).articles.find((a) => a.doc.meta.id === id);
}

/** Every table of `ARTICLE_PAGE_TABLES` built over the one article (null when a table is missing or fails). */
export function articlePageData(id: string, corpus = DEFAULT_CORPUS): Record<string, Row[] | null> {
  const article = findArticle(id, corpus);
  if (!article) throw new Error(`no article with id ${id} in ${corpus}`);
  const ctx = { articles: [article], problems: [] };
  const out: Record<string, Row[] | null> = {};
  for (const name of ARTICLE_PAGE_TABLES) out[name] = tableRowsOrNull(name, ctx);
  return out;
}
