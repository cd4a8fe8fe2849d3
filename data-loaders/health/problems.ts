import type { CorpusProblem } from "../types.ts";

/**
 * A skipped file's reason as a short code, from the message the reader gave
 * it (`corpus-stream.ts`, `pipeline.ts`). The message itself stays the
 * detail; an unknown message is still listed, as "unreadable".
 */
const REASONS: [RegExp, string][] = [
  [/empty file|only whitespace|empty or missing "text"|no article text/i, "empty"],
  [/not a text file|binary/i, "not-text"],
  [/not an article file/i, "not-article-file"],
  [/not valid JSON|fields, header has|not an object/i, "bad-row"],
  [/front matter/i, "bad-front-matter"],
];

export function problemReason(message: string): string {
  for (const [re, reason] of REASONS) if (re.test(message)) return reason;
  return "unreadable";
}

export const problemDetail = (p: CorpusProblem) => p.message.replace(/^skipped:\s*/, "");
