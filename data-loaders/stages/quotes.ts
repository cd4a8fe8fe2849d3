import { extractQuotes, type Mention } from "../quotes/extract.ts";
import type { Quote, QuotesResult } from "../quotes/types.ts";
import { rowsFromStored, rowsToStored, StoredFormatError, type Stage } from "../stage.ts";

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
  // stored as keys + flat values (`stage.ts` rowsToStored): whatever fields a quote has, they come back as they were
  // (a result with other keys than these two is stored as it is)
  toStored: (r) => {
    const keys = Object.keys(r);
    if (keys.length !== 2 || keys[0] !== "quotes" || keys[1] !== "scare") return { f: 0, r };
    return { f: 1, q: rowsToStored(r.quotes), s: rowsToStored(r.scare) };
  },
  fromStored: (v) => {
    const st = v as { f?: unknown; q?: unknown; s?: unknown; r?: unknown };
    if (st && st.f === 0 && st.r && typeof st.r === "object") return st.r as QuotesResult;
    if (!st || st.f !== 1) throw new StoredFormatError("quotes");
    return { quotes: rowsFromStored<Quote>(st.q, "quotes"), scare: rowsFromStored<QuotesResult["scare"][number]>(st.s, "quotes") };
  },
};
