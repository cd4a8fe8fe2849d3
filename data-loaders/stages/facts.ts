import { extractFacts, type Fact } from "../facts/extract.ts";
import type { Stage } from "../stage.ts";

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
};
