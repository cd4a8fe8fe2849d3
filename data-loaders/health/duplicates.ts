import { createHash } from "node:crypto";

/**
 * Duplicate articles: the same text once case, punctuation, spacing and
 * markup are set aside (a re-scrape, a copy under another name, the same
 * wire story saved twice). The first in corpus order is the original.
 */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
// Latin letters and digits without Unicode property lookups: several times faster on German and English text
const NOT_LATIN_WORD = /[^a-z0-9\u00c0-\u024f]+/g;

export function textKey(text: string): string {
  const lower = text.toLowerCase();
  let key = lower.replace(NOT_LATIN_WORD, " ");
  // mostly another script (Cyrillic, Greek …): the Latin key would drop its words and call different texts the same
  if (key.length < lower.length / 2) key = lower.replace(NOT_WORD, " ");
  return createHash("sha1").update(key.trim()).digest("hex");
}

/** A running duplicate check: for each article in corpus order, the id of the first one with the same text, if any. */
export function duplicateTracker(): (id: string, text: string) => string | undefined {
  const first = new Map<string, string>();
  return (id, text) => {
    const key = textKey(text);
    const orig = first.get(key);
    if (orig === undefined) first.set(key, id);
    return orig;
  };
}

/** For each later copy, the id of the first article with the same text. */
export function duplicatesOf(items: { id: string; text: string }[]): Map<string, string> {
  const originalOf = duplicateTracker();
  const out = new Map<string, string>();
  for (const { id, text } of items) {
    const orig = originalOf(id, text);
    if (orig !== undefined) out.set(id, orig);
  }
  return out;
}
