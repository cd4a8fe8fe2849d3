import type EntitiesFile from "../data/html-entities.json";
import { readJsonData } from "../data-file.ts";

/**
 * Stray HTML in scraped article text: tags are removed (their text kept),
 * the content of elements that are never article text (script, style …) is
 * dropped, block tags become paragraph breaks, and entities are decoded —
 * after the tags, so that `&lt;b&gt;` stays the literal text `<b>` its author
 * wrote. What was removed is reported, never silent (the corpus_health table).
 */

const ENTITIES = new Map(Object.entries(readJsonData<typeof EntitiesFile>("data/html-entities.json").entities));

const ANY_MARKUP = /[<&]/;
// elements whose content is code or furniture, not text
const DROP_ELEMENT = /<(script|style|noscript|template|iframe|object|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const DECLARATION = /<[!?][a-zA-Z?][^<>]*>/g;
const BLOCK_TAG = /<\/?(?:p|div|br|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|section|article|aside|header|footer|nav|main|figure|figcaption|blockquote|pre|hr|form)\b[^<>]*>/gi;
// a tag name right after `<` (no space), then attributes up to `>`: `a < b` and `<https://…>` are not tags
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>/g;
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

export interface HtmlRepair {
  /** tags, comments and declarations removed */
  tags: number;
  /** entities decoded */
  entities: number;
  /** characters of script/style/… content dropped with their element */
  dropped: number;
  /** the first few removed tags, shortened, as they were written */
  samples: string[];
}

const SAMPLE_MAX = 3;
const SAMPLE_CHARS = 80;

function decodeEntity(m: string, name: string): string | null {
  if (name[0] === "#") {
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // a reference to nothing (or to a surrogate half) is left as written
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return ENTITIES.get(name) ?? null;
}

/** `text` without stray HTML; `repair` is null when there was none. Linear in the text. */
export function stripHtml(text: string): { text: string; repair: HtmlRepair | null } {
  if (!ANY_MARKUP.test(text)) return { text, repair: null };
  const repair: HtmlRepair = { tags: 0, entities: 0, dropped: 0, samples: [] };
  const note = (m: string) => {
    repair.tags++;
    if (repair.samples.length < SAMPLE_MAX) {
      const s = m.length > SAMPLE_CHARS ? `${m.slice(0, SAMPLE_CHARS - 1)}…` : m;
      if (!repair.samples.includes(s)) repair.samples.push(s);
    }
  };
  let out = text;
  if (out.includes("<")) {
    out = out
      .replace(DROP_ELEMENT, (m) => {
        note(m);
        repair.dropped += m.length;
        return " ";
      })
      .replace(COMMENT, (m) => (note(m), " "))
      .replace(DECLARATION, (m) => (note(m), " "))
      .replace(BLOCK_TAG, (m) => (note(m), "\n\n"))
      .replace(TAG, (m) => (note(m), ""));
  }
  if (out.includes("&")) {
    out = out.replace(ENTITY, (m, name: string) => {
      const d = decodeEntity(m, name);
      if (d === null) return m;
      repair.entities++;
      return d;
    });
  }
  return repair.tags || repair.entities ? { text: out, repair } : { text, repair: null };
}

/** One line for a health row: what was removed, with an example. */
export function describeHtmlRepair(r: HtmlRepair): string {
  const parts: string[] = [];
  if (r.tags) parts.push(`${r.tags} HTML tag${r.tags === 1 ? "" : "s"} removed${r.dropped ? ` (with ${r.dropped} characters of script/style content)` : ""}`);
  if (r.entities) parts.push(`${r.entities} entit${r.entities === 1 ? "y" : "ies"} decoded`);
  return `${parts.join(", ")}${r.samples.length ? `; e.g. ${r.samples.join(" ")}` : ""}`;
}
