import {html} from "htl";

/**
 * A note above a report page when it shows fewer articles than the corpus holds
 * (see data-loaders/scale/page-data.ts); empty otherwise, so a small corpus reads as before.
 */
export function scopeNote(corpus) {
  if (!corpus || corpus.shown >= corpus.articles) return html`<span hidden></span>`; // html`` is null, which display() would print
  return html`<p class="fl-note" id="fl-scope">This page shows the first ${corpus.shown.toLocaleString("en")} of ${corpus.articles.toLocaleString("en")} articles, so that it stays light. The <a href="./">overview</a> draws the whole corpus outlet by outlet; every table of every article: <code>npm run analyze -- corpus --out tables/</code>.</p>`;
}

/** The first `n` rows of a searchable table, and a note when rows were left out (nothing when all are shown). */
export function capRows(rows, n = 2000) {
  return rows.length > n ? rows.slice(0, n) : rows;
}

export function capNote(rows, n = 2000, {corpus} = {}) {
  if (rows.length <= n && (!corpus || corpus.shown >= corpus.articles)) return html`<span hidden></span>`;
  const left = rows.length > n ? `The table lists the first ${n.toLocaleString("en")} of ${rows.length.toLocaleString("en")} rows; the downloads below hold them all. ` : "";
  const whole = corpus && corpus.shown < corpus.articles ? html`The downloads cover the ${corpus.shown.toLocaleString("en")} articles shown; for all ${corpus.articles.toLocaleString("en")} run <code>npm run analyze</code>.` : "";
  return html`<p class="fl-note">${left}${whole}</p>`;
}
