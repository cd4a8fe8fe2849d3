import * as Plot from "@observablehq/plot";
import {group, max} from "d3";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel, labels} from "./i18n.js";

export const BLOCK_COLORS = {domain: ["title", "lead", "heading", "paragraph"], range: ["#6f42c1", "#efb118", "#9498a0", "#4269d0"]};

/**
 * Small multiples, one strip per article: one bar per sentence in reading
 * order, its height the sentence's length, its colour the part of the
 * article. Every bar carries `data-sentence` and takes focus, so that a click
 * or Enter can lead to the sentence in the text (`onSelect(sentenceId)`).
 */
export function sentenceStrip(sentences, {articles = [], width = 640, lang = "en", onSelect} = {}) {
  const t = labels(lang);
  const byArticle = group(sentences, (d) => d.articleId);
  const maxIndex = Math.max(1, max(sentences, (d) => d.index + 1) ?? 0);
  const maxWords = Math.max(1, max(sentences, (d) => d.words) ?? 0);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const strips = [...byArticle].map(([articleId, rows]) => {
    const chart = Plot.plot({
      width,
      height: 90,
      marginLeft: 36,
      marginTop: 8,
      x: {domain: [0, maxIndex], label: null, ticks: Math.min(10, maxIndex)},
      y: {domain: [0, maxWords], label: t("words"), ticks: 2},
      color: {...BLOCK_COLORS, tickFormat: (k) => t(k)},
      marks: [
        Plot.rectY(rows, {x1: "index", x2: (d) => d.index + 1, y: "words", fill: "blockKind", inset: 0.5, title: (d) => `${t("sentence")} ${d.index + 1} (${t(d.blockKind)}): ${d.text}`}),
        Plot.ruleY([0]),
      ],
    });
    for (const rect of chart.querySelectorAll("rect")) {
      const datum = rows[rect.__data__];
      if (datum === undefined || typeof rect.__data__ !== "number") continue;
      rect.dataset.sentence = datum.sentenceId;
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("aria-label", `${t("sentence")} ${datum.index + 1}: ${datum.text.slice(0, 80)}`);
      rect.style.cursor = "pointer";
    }
    return html`<div class="fl-strip"><div class="fl-strip-label">${articleLabel(byId.get(articleId)) || articleId}</div>${chart}</div>`;
  });
  const legend = Plot.legend({color: {...BLOCK_COLORS, tickFormat: (k) => t(k)}, label: t("blockKind")});
  const body = html`<div class="fl-strips">${legend}${strips}<div class="fl-strip-axis">${t("position")} →</div></div>`;
  if (onSelect) {
    const select = (event) => {
      const id = event.target?.dataset?.sentence;
      if (id) onSelect(id);
    };
    body.addEventListener("click", select);
    body.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && event.target?.dataset?.sentence) {
        event.preventDefault();
        select(event);
      }
    });
  }
  return figure(body, {title: t("sentenceStripTitle"), description: t("sentenceStripDesc")});
}
