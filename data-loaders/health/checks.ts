import type { QuotesResult } from "../quotes/types.ts";
import type { Row, TableContext, TableReduce } from "../table.ts";
import type { AnalyzedArticle, Doc } from "../types.ts";
import { duplicateTracker } from "./duplicates.ts";
import { languageFinding } from "./language.ts";
import { unbalancedMarks } from "./marks.ts";
import { metadataFindings } from "./metadata.ts";
import { problemDetail, problemReason } from "./problems.ts";

/**
 * The health of a corpus: every file that was skipped, repaired on the way in
 * or looks suspicious, with its reason. The analysis itself never stops for
 * a bad file; this is where the user learns what happened to each one.
 */

export type HealthStatus = "skipped" | "repaired" | "suspicious";

export interface HealthRow extends Row {
  file: string;
  articleId: string;
  status: HealthStatus;
  reason: string;
  detail: string;
}

/** A paragraph this long is a dump without line breaks, not an article paragraph. */
const LONG_BLOCK = 100_000;

const ENCODING_NOTE: Record<string, string> = {
  "windows-1252": "not valid UTF-8: read as Windows-1252 (guessed; „ “ and € decoded from that code page)",
  "utf-16le": "UTF-16 (little-endian) converted to UTF-8",
  "utf-16be": "UTF-16 (big-endian) converted to UTF-8",
};

function hasBodySentence(doc: Doc): boolean {
  for (const s of doc.sentences) {
    const kind = doc.blocks[s.block]?.kind;
    if ((kind === "paragraph" || kind === "lead") && /\p{L}/u.test(doc.text.slice(s.start, Math.min(s.end, s.start + 200)))) return true;
  }
  return false;
}

/** U+FFFD: bytes a decoder could not read (after a UTF-8 BOM, decoding is lenient) or text damaged before it reached us */
function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) n++;
  return n;
}

function problemRows(problems: TableContext["problems"]): HealthRow[] {
  return problems.map((p) => ({ file: p.file, articleId: "", status: "skipped", reason: problemReason(p.message), detail: problemDetail(p) }));
}

function articleRows(a: AnalyzedArticle, duplicateOf: string | undefined): HealthRow[] {
  const { doc } = a;
  const { meta } = doc;
  const rows: HealthRow[] = [];
  const add = (status: HealthStatus, reason: string, detail: string) => rows.push({ file: meta.file, articleId: meta.id, status, reason, detail });
  if (ENCODING_NOTE[meta.encoding]) add("repaired", "encoding", ENCODING_NOTE[meta.encoding]);
  if (meta.htmlRemoved) add("repaired", "html", meta.htmlRemoved);
  const replaced = countReplacements(doc.text);
  if (replaced) add("repaired", "invalid-bytes", `${replaced.toLocaleString("en")} character${replaced === 1 ? "" : "s"} could not be decoded (or were already damaged) and read as U+FFFD �`);
  if (meta.boilerplate.length) {
    add("repaired", "boilerplate", `${meta.boilerplate.length} line${meta.boilerplate.length === 1 ? "" : "s"} of site furniture removed: ${meta.boilerplate.map((l) => (l.length > 80 ? `${l.slice(0, 79)}…` : l)).join(" | ")}`);
  }
  const marks = unbalancedMarks(doc, () => a.stages.quotes as QuotesResult | undefined);
  if (marks) add("repaired", marks.reason, marks.detail);
  if (duplicateOf) add("suspicious", "duplicate", `same text as article ${duplicateOf}: counted twice in every corpus-wide figure`);
  if (!hasBodySentence(doc)) add("suspicious", "no-sentences", `no sentence outside the title and headings (${doc.blocks.length} block${doc.blocks.length === 1 ? "" : "s"}): nothing to analyse`);
  const long = doc.blocks.find((b) => b.end - b.start > LONG_BLOCK);
  if (long) add("suspicious", "long-paragraph", `one paragraph of ${(long.end - long.start).toLocaleString("en")} characters: a dump without line breaks?`);
  for (const f of metadataFindings(meta)) add("suspicious", f.reason, f.detail);
  const lang = languageFinding(doc.text, meta.lang);
  if (lang) add("suspicious", lang.reason, lang.detail);
  return rows;
}

/**
 * Every health finding of an analysed corpus, folded chunk by chunk: skipped
 * files first (in corpus order), then each article's findings as it comes;
 * for duplicates only a text hash per distinct text is kept (the first
 * article with it is the original), never the articles themselves.
 */
export const corpusHealthReduce: TableReduce<{ originalOf: ReturnType<typeof duplicateTracker>; rows: HealthRow[] }> = {
  init: () => ({ originalOf: duplicateTracker(), rows: [] }),
  add(state, articles) {
    for (const a of articles) for (const r of articleRows(a, state.originalOf(a.doc.meta.id, a.doc.text))) state.rows.push(r);
  },
  finish: (state, { problems }) => [...problemRows(problems), ...state.rows],
};
