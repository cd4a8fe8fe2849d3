import type { AnalyzedArticle, CorpusProblem } from "./types.ts";

export type Row = Record<string, string | number | boolean | null>;

export interface TableContext {
  articles: AnalyzedArticle[];
  problems: CorpusProblem[];
}

/** A cell's type: "integer" is a whole number; every number is finite (no NaN or Infinity). */
export type ColumnBase = "string" | "number" | "integer" | "boolean";

/**
 * A column's declared type: a base type, the same with `?` when the value may
 * be null, or a list of the types a value may take (`["number", "string"]` for
 * a fact's value, which is a number or an ISO date; `"null"` in the list
 * allows null).
 */
export type ColumnType = ColumnBase | `${ColumnBase}?` | readonly (ColumnBase | "null")[];

/** A table: one flat JSON array of rows built from the analysed corpus. */
export interface TableSpec {
  name: string;
  description: string;
  /** columns that together identify a row (checked unique by the table tests) */
  key: string[];
  /**
   * Every column a row has, with its type (checked by `validateRows` in
   * `table-schema.ts`): a consumer (site, CSV/Parquet writer, DuckDB) can rely
   * on it, and a row with an undeclared or mistyped column is a bug.
   */
  columns: Record<string, ColumnType>;
  build(ctx: TableContext): Row[];
}
