import { corpusHealthReduce } from "../health/checks.ts";
import { foldAll, type TableSpec } from "../table.ts";

// built once over the whole corpus (duplicates compare articles; skipped files come with the problems), see scale/table-writer.ts
export const corpusHealthTable: TableSpec & { scope: "corpus" } = {
  name: "corpus_health",
  scope: "corpus",
  key: ["file", "reason"],
  columns: { file: "string", articleId: "string", status: "string", reason: "string", detail: "string" },
  description:
    "One row per file (or JSONL/CSV row) and finding: skipped (not read, with why), repaired (encoding guessed, stray HTML removed, boilerplate removed, quotation marks left open) or suspicious (duplicate text, no sentences, not German/English, one huge paragraph). articleId is empty for a skipped file.",
  build: foldAll(corpusHealthReduce),
  reduce: corpusHealthReduce,
};
