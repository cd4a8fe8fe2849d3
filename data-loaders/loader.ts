import { analyzeCorpus, DEFAULT_CORPUS } from "./pipeline.ts";
import { tableByName } from "./tables/index.ts";

/**
 * The body of a thin Framework data loader: analyse the corpus (from the
 * shared cache when unchanged) and print one table as JSON on stdout.
 * Problems go to stderr, where Framework's preview shows them.
 */
export function printTable(name: string, corpus = DEFAULT_CORPUS): void {
  const table = tableByName(name);
  const analysis = analyzeCorpus(corpus);
  for (const p of analysis.problems) console.warn(`framelens: ${p.file}: ${p.message}`);
  process.stdout.write(JSON.stringify(table.build(analysis)));
}
