import type StopwordsFile from "../data/stopwords.json";
import { readJsonData } from "../data-file.ts";

/**
 * Which language an article is written in, from the share of its words that
 * are common function words of each language (`data/stopwords.json`). Crude,
 * but function words make up a third to a half of running text in every one
 * of these languages, so a few hundred words decide it clearly.
 */

const DATA = readJsonData<typeof StopwordsFile>("data/stopwords.json");
const LISTS = Object.entries(DATA.languages).map(([lang, words]) => [lang, new Set(words)] as const);
// one lookup per word: the indices (into LISTS) of the languages the word is a stopword of
const STOPWORD = new Map<string, number[]>();
LISTS.forEach(([, set], i) => set.forEach((w) => STOPWORD.set(w, [...(STOPWORD.get(w) ?? []), i])));
export const LANGUAGE_NAMES: Record<string, string> = DATA.names;

const WORD = /[\p{L}]+/gu;
/** enough to decide; a 5 MB dump is not read to its end */
const MAX_WORDS = 3000;
/** below this many words the shares say little */
export const MIN_WORDS = 12;

export interface LanguageGuess {
  /** best language code, or "" when too short to tell */
  lang: string;
  /** share of words that are stopwords of `lang` (0–1) */
  share: number;
  /** the shares of every language */
  shares: Record<string, number>;
  words: number;
}

export function guessLanguage(text: string): LanguageGuess {
  const counts = new Array<number>(LISTS.length).fill(0);
  let words = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m && words < MAX_WORDS; m = WORD.exec(text)) {
    words++;
    const langs = STOPWORD.get(m[0].toLowerCase());
    if (langs) for (const i of langs) counts[i]++;
  }
  const shares = Object.fromEntries(LISTS.map(([l], i) => [l, words ? counts[i] / words : 0]));
  if (words < MIN_WORDS) return { lang: "", share: 0, shares, words };
  let lang = "";
  let share = 0;
  for (const [l] of LISTS) if (shares[l] > share) [lang, share] = [l, shares[l]];
  return { lang, share, shares, words };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** A reason to flag the article, or null when it reads as German (or as the English it declares). */
export function languageFinding(text: string, declared: string): { reason: string; detail: string } | null {
  const g = guessLanguage(text);
  if (!g.lang) return null;
  if (g.share < 0.08) {
    return { reason: "language", detail: `few function words of any language (${pct(g.share)} ${LANGUAGE_NAMES[g.lang] ?? g.lang}): a list, code or garbled text?` };
  }
  if (g.lang === "de") return null;
  const name = LANGUAGE_NAMES[g.lang] ?? g.lang;
  const de = g.shares.de ?? 0;
  if (g.lang === "en") {
    if (declared.toLowerCase().startsWith("en")) return null;
    return { reason: "language", detail: `reads as English (${pct(g.share)} English vs ${pct(de)} German function words): the lexicons are German, so quotes, tone and frames are barely measured` };
  }
  return { reason: "language", detail: `not German or English: reads as ${name} (${pct(g.share)} ${name} vs ${pct(de)} German function words)` };
}
