// The Compare page's article picker: the first rows of the article list, the columns a label needs.
// The chosen articles' text and rows come from their own files (data/articles/<id>.json), fetched
// by the page, so the page never loads the corpus-wide tables.
import { loaderAnalysis } from "../../data-loaders/loader.ts";
import { TABLE_ROWS } from "../../data-loaders/scale/page-data.ts";
import { tableByName } from "../../data-loaders/tables/index.ts";

const analysis = await loaderAnalysis();
const articles = tableByName("articles").build(analysis);
const columns = ["articleId", "title", "outlet", "author", "date", "words", "sentences"];
process.stdout.write(JSON.stringify({
  corpus: { articles: articles.length, listed: Math.min(articles.length, TABLE_ROWS) },
  articles: articles.slice(0, TABLE_ROWS).map((a) => Object.fromEntries(columns.map((k) => [k, a[k]]))),
}));
