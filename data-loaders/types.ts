/**
 * The document model. One `Doc` per article; every annotation is a span of
 * character offsets `[start, end)` into `doc.text`, so that
 * `doc.text.slice(span.start, span.end)` is always the span's text.
 */

export interface Span {
  start: number;
  end: number;
}

export type BlockKind = "title" | "lead" | "heading" | "paragraph";

export interface Block extends Span {
  kind: BlockKind;
  index: number;
}

export interface Sentence extends Span {
  index: number;
  /** index into `doc.blocks` */
  block: number;
}

export interface Token extends Span {
  /** index into `doc.sentences` */
  sentence: number;
}

export interface ArticleMeta {
  /** stable id derived from the file name (URL-safe) */
  id: string;
  /** file name relative to the corpus folder */
  file: string;
  title: string;
  outlet: string;
  author: string;
  date: string;
  url: string;
  lang: string;
  /** input encoding detected when the file was read */
  encoding: string;
  /** lines removed as newsletter/teaser boilerplate */
  boilerplate: string[];
  /** stray HTML removed from the text (what and an example), when there was any (`health/html.ts`) */
  htmlRemoved?: string;
}

export interface Doc {
  meta: ArticleMeta;
  /** normalised text: blocks joined by a blank line */
  text: string;
  blocks: Block[];
  sentences: Sentence[];
  tokens: Token[];
}

/** A file that could not be read as an article; reported, never silently dropped. */
export interface CorpusProblem {
  file: string;
  message: string;
}

/** The result of running every stage over a document. */
export interface AnalyzedArticle {
  doc: Doc;
  /** content hash of the article's source and the engine's inputs */
  hash: string;
  /** stage name → that stage's annotations */
  stages: Record<string, unknown>;
}
