// The tone page's data, bounded whatever the corpus size: its tables over the articles it shows
// (data-loaders/scale/page-data.ts: the first 12), never the corpus-wide tables.
import { printPageData } from "../../data-loaders/scale/page-data.ts";

await printPageData(["tone", "tone_hits", "tone_summary", "voice", "hedges", "sentences"]);
