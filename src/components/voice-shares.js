import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel, labels} from "./i18n.js";

export const VOICES = ["direct", "indirect", "authorial"];
const VOICE_COLORS = ["#4269d0", "#97bbf5", "#efb118"];

const pct = (x) => `${Math.round(100 * x)} %`;
const nameOf = (articles) => {
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  return (id) => articleLabel(byId.get(id)) || id;
};

/**
 * Whose voice is the text in: rows of the `voice` table (one per article).
 * One stacked bar per article, the share of its words in direct speech, in
 * indirect/reported speech, and in the author's own voice. Every segment wide
 * enough carries its name and share, so the colour is not needed to read it.
 */
export function voiceShares(rows, {width = 640, lang = "en", articles = [], articleIds} = {}) {
  const t = labels(lang);
  const name = nameOf(articles);
  const title = t("voiceSharesTitle");
  const description = t("voiceSharesDesc");
  const shown = rows.filter((d) => !articleIds || articleIds.includes(d.articleId));
  if (!shown.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const voiceLabel = (v) => t(`voice_${v}`);
  const order = shown.map((d, i) => `${i + 1}. ${name(d.articleId)}`);
  const data = shown.flatMap((d, i) =>
    VOICES.map((v) => ({articleId: d.articleId, article: order[i], voice: voiceLabel(v), key: v, share: d[`${v}Share`] ?? 0, words: d[`${v}Words`] ?? 0, total: d.words}))
  );
  const narrow = width < 500;
  const chart = Plot.plot({
    width,
    height: shown.length * 64 + 50,
    marginLeft: 8,
    marginRight: 14,
    marginTop: 26,
    x: {domain: [0, 100], percent: true, label: `${t("voiceShareOfWords")} (%) →`, ticks: narrow ? 4 : 10},
    fy: {domain: order, label: null, axis: null, padding: 0.5},
    color: {domain: VOICES.map(voiceLabel), range: VOICE_COLORS, legend: true},
    marks: [
      Plot.barX(data, Plot.stackX({x: "share", fy: "article", fill: "voice", order: VOICES.map(voiceLabel), inset: 0.5, title: (d) => `${d.article}\n${d.voice}: ${pct(d.share)} (${d.words} / ${d.total} ${t("words")})`})),
      Plot.text(
        data,
        Plot.stackX({
          x: "share",
          fy: "article",
          z: "voice",
          order: VOICES.map(voiceLabel),
          text: (d) => (d.share * width >= (narrow ? 70 : 110) ? `${d.voice} ${pct(d.share)}` : d.share * width >= 34 ? pct(d.share) : ""),
          fill: (d) => (d.key === "direct" ? "white" : "black"),
          fontSize: 11,
        })
      ),
      Plot.text(order.map((a) => ({article: a})), {fy: "article", frameAnchor: "top-left", dy: -9, text: "article", fontWeight: 600, fontSize: 12, fill: "currentColor", lineWidth: Math.max(8, (width - 30) / 12), textOverflow: "ellipsis", lineAnchor: "bottom"}),
    ],
  });
  chart.style.overflow = "visible";
  return figure(chart, {title, description});
}

/**
 * Evaluation and hedging in the author's own words: rows of the `voice`
 * table. Per article, evaluative words and hedges per 100 authorial words,
 * as two labelled bars.
 */
export function voiceDensity(rows, {width = 640, lang = "en", articles = [], articleIds} = {}) {
  const t = labels(lang);
  const name = nameOf(articles);
  const title = t("voiceDensityTitle");
  const description = t("voiceDensityDesc");
  const shown = rows.filter((d) => !articleIds || articleIds.includes(d.articleId));
  if (!shown.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const order = shown.map((d, i) => `${i + 1}. ${name(d.articleId)}`);
  const measures = [t("evaluativeDensity"), t("hedgeDensity")];
  const data = shown.flatMap((d, i) => [
    {article: order[i], measure: measures[0], value: d.evaluativeDensity, n: d.evaluativeWords, words: d.hedgeWords, authorial: d.authorialWords},
    {article: order[i], measure: measures[1], value: d.hedgeDensity, n: d.authorialHedges, words: d.hedgeWords, authorial: d.authorialWords},
  ]);
  const marginLeft = Math.min(150, 14 + 6.6 * Math.max(...measures.map((s) => s.length)));
  const chart = Plot.plot({
    width,
    height: shown.length * 74 + 40,
    marginLeft,
    marginRight: 70,
    marginTop: 18,
    x: {label: `${t("per100AuthorialWords")} →`, grid: true, nice: true},
    y: {domain: measures, label: null},
    fy: {domain: order, label: null, axis: null, padding: 0.3},
    color: {domain: measures, range: ["#ff725c", "#9498a0"]},
    marks: [
      Plot.barX(data, {x: "value", y: "measure", fy: "article", fill: "measure", inset: 2, title: (d) => `${d.article}\n${d.measure}: ${d.value.toFixed(2)} (${d.n} / ${d.authorial} ${t("words")})${d.measure === measures[1] && d.words ? `\n${d.words}` : ""}`}),
      Plot.text(data, {x: "value", y: "measure", fy: "article", text: (d) => `${d.value.toFixed(1)} (${d.n})`, dx: 4, textAnchor: "start", fontSize: 11, fill: "currentColor"}),
      Plot.text(order.map((a) => ({article: a})), {fy: "article", frameAnchor: "top-left", dx: -marginLeft + 2, dy: -14, text: "article", fontWeight: 600, fontSize: 12, fill: "currentColor", lineWidth: Math.max(8, (width - 30) / 12), textOverflow: "ellipsis"}),
      Plot.ruleX([0]),
    ],
  });
  chart.style.overflow = "visible";
  return figure(chart, {title, description});
}
