// The tables the report pages (Overview, Compare, Quotes, articles) draw on, in one file.
// A table that the engine does not build yet is null, so a page can say so instead of failing.
import { analyzeCorpus } from "../../data-loaders/pipeline.ts";
import { TABLES } from "../../data-loaders/tables/index.ts";

const WANTED = ["quotes", "actors", "mentions", "tone", "tone_summary", "voice", "frames", "frame_cues", "frame_definitions", "facts", "fact_comparison"];
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

// Bridge until the quotes table is registered: the quote stage's own spans, in the table's columns.
type Q = { id: string; type: string; partial: boolean; start: number; end: number; speaker: string | null; speakerText: string; speakerStart: number; speakerEnd: number; cue: string; cueClass: string; cueStart: number; cueEnd: number; sentence: number };
if (!tables.quotes && analysis.articles.some((a) => a.stages.quotes)) {
  tables.quotes = analysis.articles.flatMap(({ doc, stages }) =>
    ((stages.quotes as { quotes?: Q[] } | undefined)?.quotes ?? []).map((q) => {
      const text = doc.text.slice(q.start, q.end);
      return {
        articleId: doc.meta.id, quoteId: q.id, type: q.type, partial: q.partial, start: q.start, end: q.end, text,
        speaker: q.speaker ?? "", speakerText: q.speakerText, speakerStart: q.speakerStart, speakerEnd: q.speakerEnd,
        cue: q.cue, cueClass: q.cueClass, cueStart: q.cueStart, cueEnd: q.cueEnd,
        sentenceId: `${doc.meta.id}:s${q.sentence}`, words: (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? []).length,
      };
    }),
  );
}
process.stdout.write(JSON.stringify(tables));
