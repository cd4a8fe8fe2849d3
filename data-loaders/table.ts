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
  /**
   * Optional, for a table built over the whole corpus: the same rows as
   * `build`, folded chunk by chunk (`add` gets the articles in corpus order, a
   * chunk at a time; `finish` gets the problems), so that a streaming writer
   * (scale/table-writer.ts) need not hold every article until the end. Such a
   * table's `build` is `foldAll(reduce)`, so that the two cannot drift apart.
   */
  reduce?: TableReduce<any>;
}

/** A corpus-wide table built incrementally: see `TableSpec.reduce`. */
export interface TableReduce<S> {
  init(): S;
  add(state: S, articles: AnalyzedArticle[]): void;
  finish(state: S, ctx: { problems: CorpusProblem[] }): Row[];
}

/** `build` for a table that has a `reduce`: every article folded as one chunk (one implementation, not two). */
export function foldAll<S>(reduce: TableReduce<S>): (ctx: TableContext) => Row[] {
  return (ctx) => {
    const state = reduce.init();
    reduce.add(state, ctx.articles);
    return reduce.finish(state, { problems: ctx.problems });
  };
}

/** A table's rows through its `reduce` (one chunk of `chunkSize` articles at a time), or `build` when it has none. */
export function reduceRows(spec: TableSpec, ctx: TableContext, chunkSize = 100): Row[] {
  if (!spec.reduce) return spec.build(ctx);
  const state = spec.reduce.init();
  for (let i = 0; i < ctx.articles.length; i += chunkSize) spec.reduce.add(state, ctx.articles.slice(i, i + chunkSize));
  return spec.reduce.finish(state, { problems: ctx.problems });
}
