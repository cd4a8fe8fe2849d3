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

/** Give the marks of `g.fl-slot` their sentence ids, focus and labels; arrow keys move between them. */
function linkMarks(chart, rows, onSelect) {
  const rects = [...chart.querySelectorAll("g.fl-slot rect")];
  for (const rect of rects) {
    const datum = rows[rect.__data__];
    if (!datum) continue;
    rect.dataset.sentence = datum.sentenceId;
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("role", "button");
    rect.setAttribute("aria-label", datum.title.replace(/\n/, ": ").slice(0, 160));
    rect.style.cursor = "pointer";
  }
  chart.addEventListener("keydown", (event) => {
    const i = rects.indexOf(event.target);
    if (i < 0) return;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      rects[Math.max(0, Math.min(rects.length - 1, i + (event.key === "ArrowRight" ? 1 : -1)))].focus();
    } else if ((event.key === "Enter" || event.key === " ") && onSelect) {
      event.preventDefault();
      onSelect(event.target.dataset.sentence);
    }
  });
  if (onSelect) chart.addEventListener("click", (event) => event.target?.dataset?.sentence && onSelect(event.target.dataset.sentence));
  return chart;
}

/**
 * A compact strip for one article and one highlight layer: one slot per
 * sentence (click/Enter → `onSelect(sentenceId)`), with a bar whose height is
 * the layer's value and whose colour is the layer's key. Rows from
 * `buildLayer(...).strip(articleId)` ({sentenceId, index, value, fill, filled, title}).
 */
export function layerStrip(rows, {width = 640, height = 64, lang = "en", yDomain = [0, 1], yLabel = null, onSelect, title, description} = {}) {
  const n = Math.max(1, rows.length);
  const signed = yDomain[0] < 0;
  const chart = Plot.plot({
    width: Math.max(120, width),
    height,
    marginLeft: 8,
    marginRight: 8,
    marginTop: 4,
    marginBottom: 16,
    x: {domain: [0, n], label: null, ticks: Math.min(8, n), tickFormat: (d) => (Number.isInteger(d) ? d + 1 : "")},
    y: {domain: yDomain, axis: null, label: yLabel},
    color: {type: "identity"},
    marks: [
      Plot.rectY(rows, {x1: "index", x2: (d) => d.index + 1, y1: yDomain[0], y2: yDomain[1], fill: "currentColor", fillOpacity: 0.05, inset: 0.5, className: "fl-slot", title: "title"}),
      Plot.rectY(rows, {
        x1: "index", x2: (d) => d.index + 1, y1: 0, y2: "value", inset: 0.5,
        fill: (d) => (d.filled ? d.fill : "none"), stroke: (d) => (d.filled ? "none" : d.fill), strokeWidth: 1.5, pointerEvents: "none",
      }),
      Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: signed ? 0.5 : 0.2}),
    ],
  });
  const t = labels(lang);
  chart.classList.add("fl-layer-strip");
  linkMarks(chart, rows, onSelect);
  return title ? figure(chart, {title, description: description ?? t("sentenceStripDesc")}) : chart;
}
