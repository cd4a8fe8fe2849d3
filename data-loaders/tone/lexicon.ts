import senticon from "@nlpjs/lang-de/src/sentiment/senticon_de.json" with { type: "json" };
import type PoliticalFile from "../data/tone/political.json";
import type ModifiersFile from "../data/tone/modifiers.json";
import type HedgesFile from "../data/tone/hedges.json";
import { readJsonData } from "../data-file.ts";
const political = readJsonData<typeof PoliticalFile>("data/tone/political.json");
const modifiers = readJsonData<typeof ModifiersFile>("data/tone/modifiers.json");
const hedges = readJsonData<typeof HedgesFile>("data/tone/hedges.json");
import { stem } from "./stem.ts";

/**
 * The tone lexicons, compiled once at module load into Maps:
 * - SentiWS polarity weights as shipped (stemmed) in @nlpjs/lang-de
 *   (`src/sentiment/senticon_de.json`; package MIT, lexicon derived from
 *   SentiWS, Remus, Quasthoff & Heyer 2010, CC BY-NC-SA 3.0),
 * - framelens' evaluative vocabulary of political commentary and its
 *   overrides of topic words (`data/tone/political.json`),
 * - negations, intensifiers/diminishers and clause breaks (`data/tone/modifiers.json`),
 * - hedges (`data/tone/hedges.json`).
 */

export type LexSource = "sentiws" | "political" | "override";

export interface LexEntry {
  weight: number;
  source: LexSource;
}

const SENTIWS = new Map<string, number>(Object.entries(senticon as Record<string, number>));
const POLITICAL_BY_STEM = new Map<string, number>();
const POLITICAL_BY_FORM = new Map<string, number>();
const OVERRIDE_BY_STEM = new Map<string, number>();
for (const e of political.entries) {
  const form = e.term.toLowerCase();
  POLITICAL_BY_FORM.set(form, e.weight);
  POLITICAL_BY_STEM.set(stem(form), e.weight);
}
for (const e of political.overrides) OVERRIDE_BY_STEM.set(stem(e.term.toLowerCase()), e.weight);

export const NEGATIONS: ReadonlySet<string> = new Set(modifiers.negations);
/** negations whose scope is their noun phrase (up to the next capitalised word) */
export const NP_NEGATIONS: ReadonlySet<string> = new Set(modifiers.npNegations);
const NEVER: ReadonlySet<string> = new Set(modifiers.neverSentiment);
export const SHIFTERS: ReadonlyMap<string, number> = new Map(modifiers.shifters.map((s) => [s.term, s.factor]));
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(modifiers.clauseBreaks);
export const HEDGES: ReadonlySet<string> = new Set(hedges.hedges);
export const NEGATED_POSITIVE_FACTOR = modifiers.negatedPositiveFactor;
export const NEGATED_NEGATIVE_FACTOR = modifiers.negatedNegativeFactor;
export const SHIFTER_WINDOW = modifiers.window;

const lookupCache = new Map<string, LexEntry | null>();

function lookupOne(lowerForm: string): LexEntry | null {
  const pf = POLITICAL_BY_FORM.get(lowerForm);
  if (pf !== undefined) return { weight: pf, source: "political" };
  const s = stem(lowerForm);
  const ps = POLITICAL_BY_STEM.get(s);
  if (ps !== undefined) return { weight: ps, source: "political" };
  const o = OVERRIDE_BY_STEM.get(s);
  if (o !== undefined) return { weight: o, source: "override" };
  const w = SENTIWS.get(s);
  if (w !== undefined) return { weight: w, source: "sentiws" };
  return null;
}

/**
 * The polarity of a lower-cased word form, or null. Hyphenated compounds
 * (`Ukraine-Krieg`) fall back to their head, the last part. Cached per form.
 */
export function lookup(lowerForm: string): LexEntry | null {
  let hit = lookupCache.get(lowerForm);
  if (hit !== undefined) return hit;
  hit = NEVER.has(lowerForm) ? null : lookupOne(lowerForm);
  if (hit === null && lowerForm.includes("-")) {
    const head = lowerForm.slice(lowerForm.lastIndexOf("-") + 1);
    if (head.length > 2) hit = lookupOne(head);
  }
  if (lookupCache.size > 200_000) lookupCache.clear();
  lookupCache.set(lowerForm, hit);
  return hit;
}

/** Whether a weight counts as evaluative (SentiWS's many ±0.004 entries are near-neutral). */
export const EVALUATIVE_MIN = 0.15;

export const LEXICON_INFO = {
  sentiws: {
    file: "@nlpjs/lang-de/src/sentiment/senticon_de.json",
    entries: SENTIWS.size,
    source: "SentiWS (Remus, Quasthoff & Heyer 2010, Universität Leipzig), stemmed as shipped in @nlpjs/lang-de 4.x",
    licence: "SentiWS: CC BY-NC-SA 3.0; @nlpjs/lang-de: MIT",
  },
  political: { file: "data-loaders/data/tone/political.json", entries: political.entries.length, overrides: political.overrides.length, source: political.source, licence: political.licence },
};
