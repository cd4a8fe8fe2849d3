// The tables the report pages (Overview, Compare, Quotes, articles) draw on, in one file.
// A table that the engine does not build yet is null, so a page can say so instead of failing.
import { analyzeCorpus } from "../../data-loaders/pipeline.ts";
import { TABLES } from "../../data-loaders/tables/index.ts";

const WANTED = ["quotes", "actors", "mentions", "actor_prominence", "tone", "tone_hits", "tone_summary", "voice", "frames", "frame_cues", "frame_definitions", "facts", "fact_comparison"];
const analysis = analyzeCorpus();
const tables: Record<string, unknown[] | null> = {};
for (const name of WANTED) {
  const spec = TABLES.find((t) => t.name === name);
  try {
    tables[name] = spec ? spec.build(analysis) : null;
  } catch (error) {
    console.warn(`framelens: table ${name} could not be built: ${error}`);
    tables[name] = null;
  }
}

process.stdout.write(JSON.stringify(tables));
