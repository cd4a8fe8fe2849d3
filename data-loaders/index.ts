/** The engine's public interface: what the CLI, the loaders and the tests import. */
export { analyzeCorpus, analyzeDoc, analyzeSource, DEFAULT_CORPUS, PROJECT_ROOT } from "./pipeline.ts";
export { buildDoc } from "./doc.ts";
export { parseArticle } from "./parse.ts";
export { readCorpusFiles } from "./corpus.ts";
export { TABLES, tableByName } from "./tables/index.ts";
export type * from "./types.ts";
export type { Row, TableSpec } from "./table.ts";
