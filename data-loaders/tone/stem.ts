import langDe from "@nlpjs/lang-de";

/**
 * The German Snowball stemmer shipped with @nlpjs/lang-de (MIT), which also
 * folds umlauts and ß (`Gesprächen` → `gesprach`, `äußerst` → `ausserst`).
 * Its lexicon is keyed by these stems, so we stem with the same function.
 * Results are cached per lower-cased word form: a corpus repeats its words.
 */
const stemmer = new langDe.StemmerDe();
const cache = new Map<string, string>();

export function stem(lowerForm: string): string {
  let s = cache.get(lowerForm);
  if (s === undefined) {
    s = stemmer.stemWord(lowerForm);
    if (cache.size > 200_000) cache.clear();
    cache.set(lowerForm, s);
  }
  return s;
}

/** Lower-case a word form the way the lexicons expect (no other folding). */
export const lower = (form: string) => form.toLowerCase();
