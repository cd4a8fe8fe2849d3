import { splitSentences, tokenize } from "./segment.ts";
import type { Block, Doc } from "./types.ts";

/**
 * A `Doc` whose text is exactly `text` (no normalisation, no metadata
 * parsing): every non-empty line is a paragraph block. Used where offsets must
 * match an external file character for character (e.g. the quotation
 * dataset's `originalText`).
 */
export function docFromText(text: string, id = "text"): Doc {
  const blocks: Block[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) blocks.push({ kind: "paragraph", index: blocks.length, start: s, end: e });
    pos = nl + 1;
  }
  const sentences = splitSentences(text, blocks);
  const tokens = tokenize(text, sentences);
  return {
    meta: { id, file: id, title: "", outlet: "", author: "", date: "", url: "", lang: "de", encoding: "utf-8", boilerplate: [] },
    text,
    blocks,
    sentences,
    tokens,
  };
}
