import type { Doc } from "./types.ts";

/**
 * A pipeline stage: a pure function from a document (and the results of the
 * stages that ran before it, keyed by stage name) to its annotations. Spans in
 * the result are `[start, end)` offsets into `doc.text`.
 */
export interface Stage<T = unknown> {
  name: string;
  run(doc: Doc, prior: Readonly<Record<string, unknown>>): T;
}
