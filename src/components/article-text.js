import {html} from "htl";

/**
 * An article's text, block by block, each sentence a `<span data-sentence>`
 * that charts can scroll to and highlight. `sentences` are one article's
 * rows of the `sentences` table.
 */
export function articleText(sentences, {onSelect} = {}) {
  const blocks = [];
  for (const s of sentences) {
    const last = blocks[blocks.length - 1];
    if (last && last.block === s.block) last.sentences.push(s);
    else blocks.push({block: s.block, kind: s.blockKind, sentences: [s]});
  }
  const sentenceSpan = (s) => {
    const span = html`<span class="fl-sentence" data-sentence=${s.sentenceId} tabindex="0">${s.text}</span>`;
    return span;
  };
  const node = html`<div class="fl-article-text">${blocks.map((b) => {
    const spans = b.sentences.flatMap((s, i) => (i ? [" ", sentenceSpan(s)] : [sentenceSpan(s)]));
    return b.kind === "heading" ? html`<h4>${spans}</h4>` : b.kind === "title" ? html`<h3>${spans}</h3>` : html`<p class=${b.kind}>${spans}</p>`;
  })}</div>`;
  if (onSelect) {
    const select = (event) => {
      const id = event.target.closest?.("[data-sentence]")?.dataset.sentence;
      if (id) onSelect(id);
    };
    node.addEventListener("click", select);
    node.addEventListener("keydown", (event) => event.key === "Enter" && select(event));
  }
  return node;
}

/** Scroll to a sentence and mark it (and the chart marks that share its id) as selected. */
export function highlightSentence(root, id) {
  for (const el of root.querySelectorAll(".fl-selected")) el.classList.remove("fl-selected");
  for (const el of root.querySelectorAll(`[data-sentence="${CSS.escape(id)}"]`)) el.classList.add("fl-selected");
  root.querySelector(`.fl-sentence[data-sentence="${CSS.escape(id)}"]`)?.scrollIntoView({block: "center", behavior: "smooth"});
}
