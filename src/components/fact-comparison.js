import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel, labels} from "./i18n.js";

export const FACT_KINDS = ["duration", "percent", "money", "count", "number", "date", "year"];
const KIND_COLORS = ["#4269d0", "#efb118", "#3ca951", "#a463f2", "#ff8ab7", "#9498a0", "#6cc5b0"];
const DISAGREE = "#d6604d";
const AGREE = "#4269d0";

const unitLabel = (unit, t) => (unit === "min" ? t("factUnitMin") : unit);
/** A label, or `fallback` when i18n.js has none for the key (concepts come from an editable data file). */
const tr = (t, key, fallback) => {
  const v = t(key);
  return v === key ? fallback : v;
};
export const conceptLabel = (concept, lang = "en") => (concept ? tr(labels(lang), `factConcept_${concept}`, concept.replace(/_/g, " ")) : "");
const formatValue = (v, unit, t) => (typeof v === "number" ? `${v.toLocaleString("en").replace(/,/g, " ")} ${unitLabel(unit, t)}` : String(v));

/**
 * Figures on which the articles agree or disagree: rows of the
 * `fact_comparison` table (one per pair of facts about the same thing in two
 * articles). One small panel per pair, disagreements first: a dot per article
 * on a scale from zero (so the size of the gap is honest), a line between them,
 * each dot labelled with the article's number and its own wording, and a
 * verdict in words ("disagree: 15 min apart, 8 %"), so nothing rests on colour.
 * Each panel carries `data-pair` and `data-status`; a click or Enter calls
 * `onSelect(pairId)`.
 */
export function factComparison(rows, {width = 640, lang = "en", articles = [], top = 12, onSelect, articleIds} = {}) {
  const t = labels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const order = articles.map((a) => a.articleId);
  const title = t("factComparisonTitle");
  const description = t("factComparisonDesc");
  const shown = rows
    .filter((d) => !articleIds || (articleIds.includes(d.articleA) && articleIds.includes(d.articleB)))
    .slice()
    .sort((a, b) => (a.status === "disagree" ? 0 : 1) - (b.status === "disagree" ? 0 : 1) || (b.relDiff ?? 0) - (a.relDiff ?? 0));
  if (!shown.length) return figure(html`<p>${t("factNoPairs")}</p>`, {title, description});
  const name = (id) => {
    const i = order.indexOf(id);
    return `${i >= 0 ? `${i + 1}. ` : ""}${articleLabel(byId.get(id)) || id}`;
  };
  const narrow = width < 500;
  const panels = shown.slice(0, top).map((p) => {
    const disagree = p.status === "disagree";
    const numeric = typeof p.valueA === "number" && typeof p.valueB === "number";
    const c = disagree ? DISAGREE : AGREE;
    const verdict = disagree
      ? `${t("factDisagree")}${numeric ? `: ${formatValue(Math.abs(p.diff ?? p.valueB - p.valueA), p.unit, t)} ${t("factApart")} (${Math.round(100 * (p.relDiff ?? 0))} %)` : ""}`
      : t("factAgree");
    const heading = html`<div style="font: 600 13px var(--sans-serif, system-ui); display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap;">
      <span>${p.concept ? conceptLabel(p.concept, lang) : p.nounA} · ${tr(t, `factKind_${p.kind}`, p.kind)}</span>
      <span style=${`color: ${c}; border: 1.5px solid ${c}; border-radius: 3px; padding: 0 0.3rem; font-size: 11px;`}>${disagree ? "≠" : "="} ${verdict}</span>
    </div>`;
    let chart;
    if (numeric) {
      const data = [
        {article: name(p.articleA), value: p.valueA, text: p.textA, noun: p.nounA, approx: p.approxA},
        {article: name(p.articleB), value: p.valueB, text: p.textB, noun: p.nounB, approx: p.approxB},
      ];
      const hi = Math.max(p.valueA, p.valueB) * 1.08;
      chart = Plot.plot({
        width,
        height: 120,
        marginLeft: 12,
        marginRight: 16,
        marginTop: 8,
        x: {domain: [0, hi], label: `${unitLabel(p.unit, t)} →`, ticks: narrow ? 4 : 8},
        y: {domain: data.map((d) => d.article), axis: null},
        marks: [
          Plot.ruleX([0]),
          Plot.link([p], {x1: "valueA", x2: "valueB", y1: () => data[0].article, y2: () => data[1].article, stroke: c, strokeDasharray: disagree ? "4,3" : null, strokeWidth: 1.5}),
          Plot.dot(data, {x: "value", y: "article", r: 6, fill: c, symbol: (d, i) => (i ? "square" : "circle"), title: (d) => `${d.article}\n${formatValue(d.value, p.unit, t)}${d.approx ? ` (${t("factApprox")})` : ""}: „${d.text}“ (${d.noun})`}),
          ...[true, false].map((right) =>
            Plot.text(data.filter((d) => (d.value > hi * 0.55) === right), {
              x: "value",
              y: "article",
              text: (d) => `${d.approx ? "≈ " : ""}${formatValue(d.value, p.unit, t)}${narrow ? "" : ` „${d.text}“ ${d.noun ? `(${d.noun})` : ""}`}`,
              dy: -13,
              textAnchor: right ? "end" : "start",
              dx: right ? 8 : -8,
              fontSize: 11,
              fill: "currentColor",
              lineWidth: narrow ? 26 : 60,
            })
          ),
          Plot.text(data, {x: 0, y: "article", text: "article", dy: 12, textAnchor: "start", fontSize: 10, fill: "currentColor", fillOpacity: 0.7}),
        ],
      });
      chart.style.overflow = "visible";
    } else {
      chart = html`<ul style="margin: 0.2rem 0 0.4rem; font-size: 13px;">
        <li>${name(p.articleA)}: <b>${p.valueA}</b> „${p.textA}“</li>
        <li>${name(p.articleB)}: <b>${p.valueB}</b> „${p.textB}“</li>
      </ul>`;
    }
    const node = html`<div class="fl-fact-pair" data-pair=${p.pairId} data-status=${p.status} tabindex=${onSelect ? "0" : null} style=${`border-left: 3px ${disagree ? "solid" : "dotted"} ${c}; padding: 0.2rem 0 0.2rem 0.6rem; margin: 0.6rem 0;${onSelect ? " cursor: pointer;" : ""}`}>${heading}${chart}</div>`;
    return node;
  });
  const more = shown.length > top ? html`<p style="font-size: 12px;">${t("factMorePairs").replace("{n}", shown.length - top)}</p>` : "";
  const body = html`<div class="fl-fact-comparison">${panels}${more}</div>`;
  if (onSelect) {
    const select = (event) => {
      const id = event.target.closest?.("[data-pair]")?.dataset.pair;
      if (id) onSelect(id);
    };
    body.addEventListener("click", select);
    body.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && event.target.closest?.("[data-pair]")) {
        event.preventDefault();
        select(event);
      }
    });
  }
  return figure(body, {title, description});
}

/**
 * Figures per article: rows of the `facts` table. One stacked bar per article,
 * the number of figures of each kind, every segment labelled with its kind
 * and count.
 */
export function factsByArticle(rows, {width = 640, lang = "en", articles = [], articleIds} = {}) {
  const t = labels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const title = t("factsByArticleTitle");
  const description = t("factsByArticleDesc");
  const ids = (articles.length ? articles.map((a) => a.articleId) : [...new Set(rows.map((d) => d.articleId))]).filter((id) => !articleIds || articleIds.includes(id));
  if (!ids.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const panel = new Map(ids.map((id, i) => [id, `${i + 1}. ${articleLabel(byId.get(id)) || id}`]));
  const kinds = [...FACT_KINDS, ...new Set(rows.map((d) => d.kind).filter((k) => !FACT_KINDS.includes(k)))];
  const kindLabel = (k) => tr(t, `factKind_${k}`, k);
  const present = kinds.filter((k) => rows.some((d) => d.kind === k && (!articleIds || articleIds.includes(d.articleId))));
  const counts = [];
  for (const id of ids) for (const k of kinds) {
    const n = rows.filter((d) => d.articleId === id && d.kind === k).length;
    if (n) counts.push({article: panel.get(id), kind: kindLabel(k), n, texts: rows.filter((d) => d.articleId === id && d.kind === k).map((d) => d.text)});
  }
  const maxN = Math.max(1, ...ids.map((id) => rows.filter((d) => d.articleId === id).length));
  const chart = Plot.plot({
    width,
    height: ids.length * 64 + 50,
    marginLeft: 8,
    marginRight: 14,
    marginTop: 26,
    x: {domain: [0, maxN], label: `${t("factCount")} →`, ticks: Math.min(maxN, 8), tickFormat: "d"},
    fy: {domain: ids.map((id) => panel.get(id)), label: null, axis: null, padding: 0.5},
    color: {domain: present.map(kindLabel), range: present.map((k) => KIND_COLORS[FACT_KINDS.indexOf(k)] ?? "#9498a0"), legend: true},
    marks: [
      Plot.barX(counts, Plot.stackX({x: "n", fy: "article", fill: "kind", order: present.map(kindLabel), inset: 0.5, title: (d) => `${d.article}\n${d.kind}: ${d.n}\n${d.texts.join(" · ")}`})),
      Plot.text(counts, Plot.stackX({x: "n", fy: "article", z: "kind", order: present.map(kindLabel), text: (d) => ((d.n / maxN) * width > 90 ? `${d.kind} ${d.n}` : String(d.n)), fill: "black", fontSize: 11})),
      Plot.text(ids.map((id) => ({article: panel.get(id)})), {fy: "article", frameAnchor: "top-left", dy: -9, text: "article", fontWeight: 600, fontSize: 12, fill: "currentColor", lineWidth: Math.max(8, (width - 30) / 12), textOverflow: "ellipsis", lineAnchor: "bottom"}),
      Plot.ruleX([0]),
    ],
  });
  chart.style.overflow = "visible";
  return figure(chart, {title, description});
}
