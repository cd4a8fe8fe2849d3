import type { Row, TableContext, TableSpec } from "../table.ts";
import { articlesTable } from "./articles.ts";
import { problemsTable } from "./problems.ts";
import { sentencesTable } from "./sentences.ts";
import { quotesTable } from "./quotes.ts";
import { actorsTable, mentionsTable, actorProminenceTable } from "./actors.ts";

import { toneTable, toneHitsTable, toneSummaryTable } from "./tone.ts";
import { voiceTable, hedgesTable } from "./voice.ts";
import { framesTable, frameCuesTable, frameDefinitionsTable, frameParagraphsTable } from "./frames.ts";
import { factsTable, factComparisonTable } from "./facts.ts";
import { corpusHealthTable } from "./corpus-health.ts";
/** Every table the CLI writes and the site's loaders print, by name. */
export const TABLES: TableSpec[] = [articlesTable, sentencesTable, problemsTable, quotesTable, actorsTable, mentionsTable, actorProminenceTable, toneTable, toneHitsTable, toneSummaryTable, voiceTable, hedgesTable, framesTable, frameCuesTable, frameDefinitionsTable, frameParagraphsTable, factsTable, factComparisonTable, corpusHealthTable];

export function tableByName(name: string): TableSpec {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown table "${name}" (known: ${TABLES.map((t) => t.name).join(", ")})`);
  return table;
}

/**
 * A table's rows for a page, or null when the engine has no such table or it
 * fails (warned on stderr): one broken table leaves the rest of the page.
 */
export function tableRowsOrNull(name: string, ctx: TableContext): Row[] | null {
  const spec = TABLES.find((t) => t.name === name);
  if (!spec) return null;
  try {
    return spec.build(ctx);
  } catch (error) {
    console.warn(`framelens: table ${name} could not be built: ${error}`);
    return null;
  }
}
