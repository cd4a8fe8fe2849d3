import * as Plot from "@observablehq/plot";
import {ascending, descending, groups, max, sum} from "d3";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel} from "./i18n.js";
import {rlabels} from "./report-i18n.js";
import {quoteKind, speakerNames} from "./highlight-layers.js";

const KIND_STYLE = {direct: {fillOpacity: 1}, partial: {fillOpacity: 0.6}, indirect: {fillOpacity: 0.22}};
let uid = 0;

/**
 * Quoted words per speaker, one small chart per article: a bar per speaker,
 * stacked direct (solid) → partial (mid) → indirect/reported (light, hatched).
 * Each bar segment carries the sentence of its first quote (`data-sentence`),
 * so a click or Enter can lead to the text (`onSelect(sentenceId, datum)`).
 * `rows`: the quotes table. Options: articles, actors, width, lang, maxSpeakers, onSelect.
 */
export function quotesBySpeaker(rows, {articles = [], actors = [], width = 640, lang = "en", maxSpeakers = 8, maxArticles = 12, onSelect} = {}) {
  const t = rlabels(lang);
  const names = speakerNames(rows, actors, lang);
  const byArticle = new Map(articles.map((a) => [a.articleId, a]));
  const cells = groups(rows, (q) => q.articleId, (q) => q.speaker || "", quoteKind).flatMap(([articleId, speakers]) =>
    speakers.flatMap(([speaker, kinds]) =>
      kinds.map(([kind, qs]) => ({articleId, speaker, name: names.get(speaker) ?? speaker, kind, words: sum(qs, (q) => q.words ?? 0), quotes: qs.length, sentenceId: qs.slice().sort((a, b) => a.start - b.start)[0].sentenceId})),
    ),
  );
  const order = articles.length ? articles.map((a) => a.articleId) : [...new Set(rows.map((q) => q.articleId))];
  const shown = order.filter((id) => cells.some((c) => c.articleId === id)).slice(0, maxArticles);
  const xMax = max(groups(cells, (c) => c.articleId, (c) => c.speaker), ([, s]) => max(s, ([, v]) => sum(v, (c) => c.words))) ?? 1;
  const hatch = `fl-hatch-${++uid}`;
  const charts = shown.map((articleId) => {
    const own = cells.filter((c) => c.articleId === articleId);
    const totals = groups(own, (c) => c.speaker).map(([s, v]) => [s, sum(v, (c) => c.words), sum(v.filter((c) => c.kind === "direct"), (c) => c.words)]);
    totals.sort((a, b) => descending(a[2], b[2]) || descending(a[1], b[1]) || ascending(a[0], b[0]));
    const top = totals.slice(0, maxSpeakers).map(([s]) => s);
    const data = own.filter((c) => top.includes(c.speaker)).sort((a, b) => ["direct", "partial", "indirect"].indexOf(a.kind) - ["direct", "partial", "indirect"].indexOf(b.kind));
    const label = (s) => names.get(s) ?? s;
    const chart = Plot.plot({
      width,
      height: 26 + 22 * top.length,
      marginLeft: Math.min(170, Math.max(80, 7 * Math.max(...top.map((s) => label(s).length)))),
      marginRight: 40,
      x: {domain: [0, xMax], label: t("quotedWords"), grid: true, ticks: Math.max(2, Math.floor(width / 120))},
      y: {domain: top, tickFormat: label, label: null},
      marks: [
        Plot.barX(data, Plot.stackX({
          x: "words", y: "speaker", order: null, fill: "var(--theme-foreground-focus)", fillOpacity: (d) => KIND_STYLE[d.kind].fillOpacity,
          stroke: "var(--theme-foreground-focus)", strokeWidth: 1, inset: 0.5, className: "fl-qbs-bar",
          title: (d) => `${d.name} — ${t(d.kind)}: ${d.words} ${t("words")}, ${d.quotes} ${t("quotes")}`,
        })),
        Plot.barX(data.filter((d) => d.kind === "indirect"), Plot.stackX({x: "words", y: "speaker", order: null, fill: `url(#${hatch})`, inset: 0.5, pointerEvents: "none"})),
        Plot.text(totals.filter(([s]) => top.includes(s)), {x: ([, w]) => w, y: ([s]) => s, text: ([, w, d]) => `${d}/${w}`, dx: 4, textAnchor: "start", fontSize: 10, fill: "currentColor"}),
        Plot.ruleX([0]),
      ],
    });
    // a hatch for indirect speech: colour is not the only channel
    const defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
    defs.innerHTML = `<pattern id="${hatch}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="var(--theme-foreground-focus)" stroke-width="1.2"/></pattern>`;
    chart.prepend(defs);
    for (const rect of chart.querySelectorAll("g.fl-qbs-bar rect")) {
      const d = data[rect.__data__];
      if (!d) continue;
      rect.dataset.sentence = d.sentenceId;
      rect.dataset.speaker = d.speaker;
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("role", "button");
      rect.setAttribute("aria-label", `${d.name}, ${t(d.kind)}: ${d.words} ${t("words")}`);
      rect.style.cursor = "pointer";
    }
    return html`<div class="fl-strip"><div class="fl-strip-label">${articleLabel(byArticle.get(articleId)) || articleId}</div>${chart}</div>`;
  });
  const legend = html`<div class="fl-legend">
    <span class="fl-legend-item"><svg width="14" height="12"><rect width="14" height="12" fill="var(--theme-foreground-focus)"/></svg>${t("directSpeech")}</span>
    <span class="fl-legend-item"><svg width="14" height="12"><rect width="14" height="12" fill="var(--theme-foreground-focus)" fill-opacity="0.6"/></svg>${t("partial")}</span>
    <span class="fl-legend-item"><svg width="14" height="12"><defs><pattern id="${hatch}-l" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="var(--theme-foreground-focus)" stroke-width="1.2"/></pattern></defs><rect width="14" height="12" fill="var(--theme-foreground-focus)" fill-opacity="0.22"/><rect width="14" height="12" fill="url(#${hatch}-l)"/></svg>${t("indirectSpeech")}</span>
    <span class="fl-legend-item">d/w = ${lang === "de" ? "direkt zitierte / alle zitierten Wörter" : "words in direct speech / all quoted words"}</span>
  </div>`;
  const withRows = order.filter((id) => cells.some((c) => c.articleId === id)).length;
  const more = withRows > shown.length ? html`<p class="fl-note">${withRows - shown.length} more ${t("articles")} …</p>` : "";
  const body = html`<div class="fl-strips">${legend}${charts}${more}</div>`;
  if (onSelect) {
    const fire = (event) => {
      const el = event.target.closest?.("[data-sentence]");
      if (el) onSelect(el.dataset.sentence, {speaker: el.dataset.speaker});
    };
    body.addEventListener("click", fire);
    body.addEventListener("keydown", (event) => (event.key === "Enter" || event.key === " ") && event.target.dataset?.sentence && (event.preventDefault(), fire(event)));
  }
  return figure(body, {title: t("quoteWordsTitle"), description: t("quoteWordsDesc")});
}

/** Quotes per speech-verb class (cueClass), one bar group per article. */
export function quotesByCueClass(rows, {articles = [], width = 640, lang = "en"} = {}) {
  const t = rlabels(lang);
  const byArticle = new Map(articles.map((a) => [a.articleId, a]));
  const data = groups(rows, (q) => q.articleId, (q) => q.cueClass || "").flatMap(([articleId, cs]) =>
    cs.map(([cueClass, qs]) => ({article: articleLabel(byArticle.get(articleId)) || articleId, cueClass: cueClass || t("none"), quotes: qs.length, verbs: [...new Set(qs.map((q) => q.cueLemma || q.cue).filter(Boolean))].slice(0, 6).join(", ")})),
  );
  const classes = groups(data, (d) => d.cueClass).sort((a, b) => descending(sum(a[1], (d) => d.quotes), sum(b[1], (d) => d.quotes))).map(([c]) => c);
  const chart = Plot.plot({
    width,
    height: 40 + 24 * classes.length * Math.min(4, new Set(data.map((d) => d.article)).size),
    marginLeft: 110,
    // headroom right of the longest bar for its verb list
    x: {label: t("quotes"), grid: true, domain: [0, Math.max(1, max(data, (d) => d.quotes) ?? 0) * 1.4], nice: true},
    y: {domain: classes, label: null},
    // the facets are told apart by the colour legend; their tick labels fell outside the plot (a clipped dot at the right edge)
    fy: {label: null, axis: null},
    color: {legend: true, label: t("article")},
    marks: [
      Plot.barX(data, {x: "quotes", y: "cueClass", fill: "article", fy: "article", title: (d) => `${d.article}: ${d.cueClass}, ${d.quotes} ${t("quotes")} (${d.verbs})`}),
      // the verb list fits the headroom right of the longest bar (about 28 % of the plot), else ends in "…"
      Plot.text(data, {x: "quotes", y: "cueClass", fy: "article", text: (d) => d.verbs, dx: 4, textAnchor: "start", fontSize: 10, fill: "currentColor", lineWidth: Math.max(4, ((width - 120) * 0.28) / 10), textOverflow: "ellipsis"}),
      Plot.ruleX([0]),
    ],
    facet: {data, y: "article", marginRight: 0},
    marginRight: 10,
  });
  return figure(chart, {title: t("cueClassTitle"), description: t("cueClassDesc")});
}
