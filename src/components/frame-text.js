import {html} from "htl";
import {blockText} from "./article-text.js";

/**
 * Evidence in the text: an article's sentences (rows of the `sentences`
 * table, one article) with `marks` highlighted by their character offsets
 * `[start, end)` into the article text — frame cues, tone words, figures.
 * Each mark: {start, end, color, title, key, style: "fill" | "underline" | "wavy"}.
 * Each sentence is a focusable `<span class="fl-sentence" data-sentence>`;
 * each mark a `<mark class="fl-evidence" data-key>` styled inline (so the text
 * renders the same outside Framework), with an underline as well as a tint, so
 * that colour is not the only channel. Overlapping marks: the first one wins.
 */
export function evidenceText(sentences, marks = [], {onSelect, maxHeight = "60vh", only} = {}) {
  const sorted = marks.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const keep = only ? new Set(only) : null;
  const sentence = (s) => {
    const node = html`<span class="fl-sentence" data-sentence=${s.sentenceId} tabindex="0"></span>`;
    let at = s.start;
    for (const m of sorted) {
      if (m.end <= s.start || m.start >= s.end || m.start < at) continue;
      if (m.start > at) node.append(s.text.slice(at - s.start, m.start - s.start));
      const end = Math.min(m.end, s.end);
      node.append(markNode(s.text.slice(m.start - s.start, end - s.start), m));
      at = end;
    }
    if (at < s.end) node.append(s.text.slice(at - s.start));
    return node;
  };
  const shown = keep ? sentences.filter((s) => keep.has(s.sentenceId)) : sentences;
  return blockText(shown, sentence, {
    onSelect,
    className: "fl-article-text fl-evidence-text",
    style: `font-family: var(--serif, Georgia, serif); line-height: 1.6; max-height: ${maxHeight}; overflow-y: auto; padding-right: 0.5rem;`,
    paragraphStyle: "max-width: none;",
  });
}

/** One highlighted piece of evidence. */
export function markNode(text, m) {
  const el = document.createElement("mark");
  el.className = "fl-evidence";
  if (m.key != null) el.dataset.key = m.key;
  if (m.title) el.title = m.title;
  const c = m.color ?? "#efb118";
  const line = m.style === "wavy" ? "wavy" : m.style === "dotted" ? "dotted" : "solid";
  el.setAttribute(
    "style",
    `background: color-mix(in srgb, ${c} ${m.style === "underline" || m.style === "wavy" ? 10 : 24}%, transparent); color: inherit; padding: 0 1px; border-radius: 2px; text-decoration: underline ${line} ${c}; text-decoration-thickness: 2px; text-underline-offset: 0.22em;${m.bold ? " font-weight: 600;" : ""}`
  );
  el.textContent = text;
  return el;
}

/** The sentences of one article from the `sentences` table, in reading order. */
export function sentencesOf(sentences, articleId) {
  return sentences.filter((s) => s.articleId === articleId).sort((a, b) => a.index - b.index);
}
