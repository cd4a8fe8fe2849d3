import { findMarks } from "../quotes/marks.ts";
import type { QuotesResult } from "../quotes/types.ts";
import type { Doc } from "../types.ts";

/**
 * Unbalanced quotation marks: an opening mark with no closing one in its
 * paragraph. The quote stage ends such a quote at the paragraph end and
 * flags it `unclosed` (it never swallows the rest of the article); this
 * counts the marks with the stage's own mark finder, so that unclosed scare
 * quotes are counted too, and reads the flagged quotes from its output.
 */
export function unbalancedMarks(doc: Doc, quotes: () => QuotesResult | undefined): { reason: string; detail: string } | null {
  let unclosed = 0;
  let example = "";
  for (const b of doc.blocks) {
    for (const m of findMarks(doc.text, b.start, b.end)) {
      if (!m.unclosed) continue;
      unclosed++;
      if (!example) {
        const s = doc.text.slice(m.start, Math.min(m.end, m.start + 60));
        example = m.end - m.start > 60 ? `${s}…` : s;
      }
    }
  }
  // a quote flagged unclosed starts at an unclosed mark: without one there is nothing to read from the stage
  if (!unclosed) return null;
  const flagged = quotes()?.quotes.filter((q) => q.flags.includes("unclosed")).length ?? 0;
  const n = Math.max(unclosed, flagged);
  return {
    reason: "unbalanced-quotes",
    detail: `${n} opening quotation mark${n === 1 ? "" : "s"} without a closing one, ended at the paragraph end` +
      `${flagged ? ` (${flagged} of them read as quotes)` : ""}${example ? `: ${example}` : ""}`,
  };
}
