import { createHash } from "node:crypto";

/**
 * Duplicate articles: the same text once case, punctuation, spacing and
 * markup are set aside (a re-scrape, a copy under another name, the same
 * wire story saved twice). The first in corpus order is the original.
 */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

export function textKey(text: string): string {
  return createHash("sha1").update(text.toLowerCase().replace(NOT_WORD, " ").trim()).digest("hex");
}

/** For each later copy, the id of the first article with the same text. */
export function duplicatesOf(items: { id: string; text: string }[]): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const { id, text } of items) {
    const key = textKey(text);
    const orig = first.get(key);
    if (orig === undefined) first.set(key, id);
    else out.set(id, orig);
  }
  return out;
}
