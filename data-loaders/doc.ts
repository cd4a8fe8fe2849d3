import { parseArticle } from "./parse.ts";
import { splitSentences, tokenize } from "./segment.ts";
import type { Doc } from "./types.ts";

/** Parse and segment one article's decoded text into a `Doc`. */
export function buildDoc(file: string, raw: string, encoding = "utf-8"): Doc {
  const { meta, text, blocks } = parseArticle(file, raw, encoding);
  const sentences = splitSentences(text, blocks);
  const tokens = tokenize(text, sentences);
  return { meta, text, blocks, sentences, tokens };
}
