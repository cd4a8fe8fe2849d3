import { extractFacts, type Fact } from "../facts/extract.ts";
import { rowsToStored, StoredFormatError, type Stage } from "../stage.ts";

export interface FactsResult {
  facts: Fact[];
}

/**
 * Facts: numbers, durations, dates, percentages, money and counts with their
 * unit, normalised value and the noun they qualify. Actor mentions (if the
 * actors stage ran) are skipped when looking for that noun.
 */
export const factsStage: Stage<FactsResult> = {
  name: "facts",
  run(doc, prior) {
    const actors = prior.actors as { mentions?: { start: number; end: number }[] } | undefined;
    const spans = Array.isArray(actors?.mentions) ? actors!.mentions! : [];
    return { facts: extractFacts(doc, spans) };
  },
  toStored: factsToStored,
  fromStored: factsFromStored,
};

/** A fact's keys, in the order `extractFacts` gives them. */
const FACT_KEYS = ["start", "end", "text", "kind", "value", "unit", "approx", "approxWord", "noun", "nounStart", "nounEnd", "lemma", "nounMethod", "concept", "sentence"] as const;
const N = FACT_KEYS.length;

/**
 * The stored form of a facts result: `v`, every fact's values in the order of
 * `FACT_KEYS`, one flat array (packed value by value, without a key per
 * value, and read back into objects of one shape). Facts of another shape
 * (other keys or another order, an `undefined` value) are stored as they
 * are, `r`. `f` is the format.
 */
type StoredFacts = { f: 1; v: unknown[] } | { f: 1; r: Fact[] };

function factsToStored(x: FactsResult): StoredFacts {
  const rows = rowsToStored(x.facts);
  if ("k" in rows && (rows.v.length === 0 || (rows.k.length === N && rows.k.every((k, i) => k === FACT_KEYS[i])))) return { f: 1, v: rows.v };
  return { f: 1, r: x.facts };
}

function factsFromStored(stored: unknown): FactsResult {
  const st = stored as { f?: unknown; v?: unknown; r?: unknown };
  if (!st || st.f !== 1) throw new StoredFormatError("facts");
  if (Array.isArray(st.r)) return { facts: st.r as Fact[] };
  const v = st.v as Fact[keyof Fact][];
  if (!Array.isArray(v) || v.length % N !== 0) throw new StoredFormatError("facts");
  const facts: Fact[] = new Array(v.length / N);
  for (let i = 0, n = 0; i < v.length; i += N, n++) {
    facts[n] = {
      start: v[i],
      end: v[i + 1],
      text: v[i + 2],
      kind: v[i + 3],
      value: v[i + 4],
      unit: v[i + 5],
      approx: v[i + 6],
      approxWord: v[i + 7],
      noun: v[i + 8],
      nounStart: v[i + 9],
      nounEnd: v[i + 10],
      lemma: v[i + 11],
      nounMethod: v[i + 12],
      concept: v[i + 13],
      sentence: v[i + 14],
    } as Fact;
  }
  return { facts };
}
