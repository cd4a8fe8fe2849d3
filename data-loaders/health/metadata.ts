import type { ArticleMeta } from "../types.ts";

/**
 * Metadata that carries markup, script or spreadsheet formulas (a scraped
 * title with a `<script>`, a `javascript:` URL, an author cell starting with
 * `=`). The report shows every field as text, never as code, and neutralises
 * formulas in CSV downloads; this finding tells the user the field is dirty.
 */

// the id too: a JSONL/CSV row brings its own
const FIELDS = ["id", "title", "author", "outlet", "date"] as const;
// a tag (`<script`, `</b`, `<img …`), or an event-handler attribute
const MARKUP = /<\/?[a-zA-Z!][^<>]*>?|\bon[a-z]+\s*=/i;
const FORMULA = /^[=+\-@\t\r]/;
const HTTP = /^https?:\/\//i;

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

export function metadataFindings(meta: ArticleMeta): { reason: string; detail: string }[] {
  const out: { reason: string; detail: string }[] = [];
  const markup = FIELDS.filter((f) => MARKUP.test(meta[f]));
  if (markup.length) out.push({ reason: "markup-in-metadata", detail: `HTML/script in ${markup.join(", ")} (shown as text, never run): ${short(meta[markup[0]])}` });
  const formula = FIELDS.filter((f) => FORMULA.test(meta[f]) && !/^-?\d/.test(meta[f]));
  if (formula.length) out.push({ reason: "formula-in-metadata", detail: `${formula.join(", ")} start${formula.length === 1 ? "s" : ""} like a spreadsheet formula (neutralised in CSV downloads with a leading '): ${short(meta[formula[0]])}` });
  if (meta.url && !HTTP.test(meta.url.trim())) out.push({ reason: "unsafe-url", detail: `url is not an http(s) address (shown as text, never as a link): ${short(meta.url)}` });
  return out;
}
