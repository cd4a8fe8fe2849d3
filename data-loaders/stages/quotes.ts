import { extractQuotes, type Mention } from "../quotes/extract.ts";
import type { QuotesResult } from "../quotes/types.ts";
import type { Stage } from "../stage.ts";

export type { Quote, QuotesResult, QuoteType } from "../quotes/types.ts";

/** Actor mentions from the actor stage, if it ran (read defensively). */
function actorMentions(prior: Readonly<Record<string, unknown>>): Mention[] | null {
  const actors = prior.actors as { mentions?: unknown } | undefined;
  if (!actors || !Array.isArray(actors.mentions)) return null;
  // a plain loop rather than filter(callback): one call fewer per mention, and usually every mention is kept
  const all = actors.mentions as unknown[];
  const out: Mention[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = all[i] as Mention;
    if (!!m && typeof m === "object" && typeof m.start === "number" && typeof m.end === "number" && typeof m.actorId === "string" && m.actorId !== "") out.push(m);
  }
  return out;
}

/**
 * Quotes: direct (with partial and scare quotes), indirect, free indirect and
 * reported speech, each with speaker, cue and type. Speakers are resolved to
 * canonical actor ids through the actor stage's mentions when it ran before.
 */
export const quotesStage: Stage<QuotesResult> = {
  name: "quotes",
  run: (doc, prior) => extractQuotes(doc, actorMentions(prior)),
};
