import type { TableSpec } from "../table.ts";
import { articlesTable } from "./articles.ts";
import { problemsTable } from "./problems.ts";
import { sentencesTable } from "./sentences.ts";

/** Every table the CLI writes and the site's loaders print, by name. */
export const TABLES: TableSpec[] = [articlesTable, sentencesTable, problemsTable];

export function tableByName(name: string): TableSpec {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown table "${name}" (known: ${TABLES.map((t) => t.name).join(", ")})`);
  return table;
}
