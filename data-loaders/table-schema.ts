import type { ColumnBase, ColumnType, Row, TableSpec } from "./table.ts";

/** One way a row breaks its table's declared columns. */
export interface SchemaProblem {
  table: string;
  /** index of the row in the table */
  row: number;
  column: string;
  message: string;
}

function fits(base: ColumnBase | "null", v: unknown): boolean {
  switch (base) {
    case "null": return v === null;
    case "string": return typeof v === "string";
    case "boolean": return typeof v === "boolean";
    // NaN and ±Infinity become null in JSON and break sums and charts downstream
    case "number": return typeof v === "number" && Number.isFinite(v);
    case "integer": return typeof v === "number" && Number.isSafeInteger(v);
  }
}

/** The base types a declared column accepts, with "null" when it is nullable. */
export function columnTypes(type: ColumnType): (ColumnBase | "null")[] {
  if (typeof type !== "string") return [...type];
  return type.endsWith("?") ? [type.slice(0, -1) as ColumnBase, "null"] : [type as ColumnBase];
}

/**
 * Check rows against a table's `columns`: every declared column present with
 * a value of its type, no column the declaration lacks. Returns the problems
 * (empty when the rows are valid), at most `limit` of them.
 */
export function validateRows(spec: Pick<TableSpec, "name" | "columns">, rows: readonly Row[], limit = 20): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const columns = Object.entries(spec.columns).map(([name, type]) => [name, columnTypes(type)] as const);
  const declared = new Set(Object.keys(spec.columns));
  for (let i = 0; i < rows.length && problems.length < limit; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      problems.push({ table: spec.name, row: i, column: "", message: `row is not an object: ${JSON.stringify(row)}` });
      continue;
    }
    for (const [name, types] of columns) {
      if (!(name in row)) problems.push({ table: spec.name, row: i, column: name, message: "missing" });
      else if (!types.some((t) => fits(t, row[name]))) {
        problems.push({ table: spec.name, row: i, column: name, message: `${describe(row[name])} is not ${types.join(" | ")}` });
      }
    }
    for (const name of Object.keys(row)) if (!declared.has(name)) problems.push({ table: spec.name, row: i, column: name, message: "not declared in the table's columns" });
  }
  return problems.slice(0, limit);
}

function describe(v: unknown): string {
  if (typeof v === "number") return `number ${v}`;
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (v === undefined) return "undefined";
  return `${v === null ? "null" : typeof v} ${JSON.stringify(v)}`;
}
