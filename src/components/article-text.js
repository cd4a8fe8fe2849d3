import {html} from "htl";

/**
 * An article's text, block by block (title, lead, heading, paragraph), from
 * one article's rows of the `sentences` table; `renderSentence(row)` draws each
 * sentence (a focusable `<span data-sentence>`, marked up as the caller needs).
 * A click, or Enter/Space on a sentence, calls `onSelect(sentenceId)`.
 */
export function blockText(sentences, renderSentence, {onSelect, className = "fl-article-text", style, paragraphStyle} = {}) {
  const blocks = [];
  for (const s of sentences) {
    const last = blocks[blocks.length - 1];
    if (last && last.block === s.block) last.sentences.push(s);
    else blocks.push({block: s.block, kind: s.blockKind, sentences: [s]});
  }
  const node = html`<div class=${className} style=${style}>${blocks.map((b) => {
    const parts = b.sentences.flatMap((s, i) => (i ? [" ", renderSentence(s)] : [renderSentence(s)]));
    return b.kind === "heading" ? html`<h4>${parts}</h4>` : b.kind === "title" ? html`<h3>${parts}</h3>` : html`<p class=${b.kind} style=${paragraphStyle}>${parts}</p>`;
  })}</div>`;
  if (onSelect) {
    const select = (event) => {
      const id = event.target.closest?.("[data-sentence]")?.dataset.sentence;
      if (id) onSelect(id);
    };
    node.addEventListener("click", select);
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        if (event.target.closest?.("[data-sentence]")) event.preventDefault();
        select(event);
      }
    });
  }
  return node;
}

/** Scroll to a sentence and mark it (and the chart marks that share its id) as selected. */
export function highlightSentence(root, id) {
  for (const el of root.querySelectorAll(".fl-selected")) el.classList.remove("fl-selected");
  for (const el of root.querySelectorAll(`[data-sentence="${CSS.escape(id)}"]`)) el.classList.add("fl-selected");
  root.querySelector(`.fl-sentence[data-sentence="${CSS.escape(id)}"]`)?.scrollIntoView({block: "center", behavior: "smooth"});
}
