import type { AnalyzedArticle, CorpusProblem } from "./types.ts";

export type Row = Record<string, string | number | boolean | null>;

export interface TableContext {
  articles: AnalyzedArticle[];
  problems: CorpusProblem[];
}

/** A table: one flat JSON array of rows built from the analysed corpus. */
export interface TableSpec {
  name: string;
  description: string;
  /** columns that together identify a row (checked unique by the table tests) */
  key: string[];
  build(ctx: TableContext): Row[];
}
