import { loaderAnalysis } from "../loader.ts";
import type { Row } from "../table.ts";
import { tableRowsOrNull } from "../tables/index.ts";

/**
 * How many articles a report page (Quotes, Actors, Tone, Framing, Facts)
 * shows: the first SHOWN_ARTICLES of the corpus, in corpus order. Up to this
 * size a page shows the whole corpus, exactly as before; beyond it the page
 * says how many it shows, and the full tables come from `npm run analyze`.
 */
export const SHOWN_ARTICLES = 12;

/** A searchable table on a page lists at most this many rows (the page says so and offers the rest as a download or via `npm run analyze`). */
export const TABLE_ROWS = 2000;

export interface PageData {
  corpus: { articles: number; shown: number; tableRows: number };
  tables: Record<string, Row[] | null>;
}

/**
 * The data of one report page, bounded whatever the corpus size: each table
 * in `names` built over the articles the page shows (the first
 * `SHOWN_ARTICLES`), so a page of a corpus of ten thousand articles sends the
 * rows of twelve, not the corpus-wide tables. `articles` is always included.
 */
export async function pageData(names: string[], shown = SHOWN_ARTICLES): Promise<PageData> {
  const analysis = await loaderAnalysis();
  const subset = analysis.articles.slice(0, shown);
  const ctx = { articles: subset, problems: analysis.problems };
  const tables: Record<string, Row[] | null> = {};
  for (const name of ["articles", ...names.filter((n) => n !== "articles")]) tables[name] = tableRowsOrNull(name, ctx);
  return { corpus: { articles: analysis.articles.length, shown: subset.length, tableRows: TABLE_ROWS }, tables };
}

/** The body of a page's summary loader: print `pageData(names)` as JSON. */
export async function printPageData(names: string[]): Promise<void> {
  process.stdout.write(JSON.stringify(await pageData(names)));
}
