// The methods page's data: the corpus size it names, not the article table.
import { loaderAnalysis } from "../../data-loaders/loader.ts";

const analysis = await loaderAnalysis();
process.stdout.write(JSON.stringify({ articles: analysis.articles.length }));
