import * as Plot from "@observablehq/plot";
import {descending, max, min, sum} from "d3";
import {figure} from "./figure.js";
import {articleLabel} from "./i18n.js";
import {rlabels} from "./report-i18n.js";

const VOICE_COLORS = ["#4269d0", "#97bbf5", "#9498a0"];
const label = (articles) => {
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  return (id) => {
    const l = articleLabel(byId.get(id)) || id;
    return l.length > 32 ? l.slice(0, 30).trimEnd() + " …" : l;
  };
};

/** Voice shares per article (rows of the `voice` table): direct, indirect/reported, authorial — stacked, labelled in the bars. */
export function voiceBars(rows, {articles = [], width = 640, lang = "en"} = {}) {
  const t = rlabels(lang);
  const name = label(articles);
  const keys = [["directShare", t("directSpeech")], ["indirectShare", t("indirectSpeech")], ["authorialShare", t("authorial")]];
  const data = rows.flatMap((v) => keys.map(([k, l], i) => ({article: name(v.articleId), articleId: v.articleId, part: l, order: i, share: v[k] ?? 0})));
  const chart = Plot.plot({
    width,
    height: 40 + 30 * rows.length,
    marginLeft: Math.min(210, 10 + 6.5 * (max(data, (d) => d.article.length) ?? 10)),
    x: {percent: true, label: `${t("share")} (%)`, domain: [0, 100]},
    y: {label: null},
    color: {domain: keys.map(([, l]) => l), range: VOICE_COLORS, legend: true},
    marks: [
      Plot.barX(data, Plot.stackX({x: "share", y: "article", fill: "part", order: "order", inset: 0.5, title: (d) => `${d.article}: ${d.part} ${Math.round(100 * d.share)} %`})),
      Plot.text(data, Plot.stackX({x: "share", y: "article", order: "order", text: (d) => (d.share >= 0.08 ? `${Math.round(100 * d.share)}%` : ""), fill: (d) => (d.order === 0 ? "white" : "black"), fontSize: 11})),
    ],
  });
  return figure(chart, {title: t("voiceTitle"), description: t("voiceDesc")});
}

/** Frame profile per article (rows of the `frames` table): share of sentences with each frame's cues; one symbol per article. */
export function frameBars(rows, {articles = [], width = 640, lang = "en"} = {}) {
  const t = rlabels(lang);
  const name = label(articles);
  const fl = (d) => (lang === "de" ? d.label_de : d.label_en) || d.frameId;
  const data = rows.map((d) => ({...d, article: name(d.articleId), frame: fl(d)}));
  const order = [...new Set(data.map((d) => d.frame))].sort((a, b) => descending(max(data, (d) => (d.frame === a ? d.share : 0)), max(data, (d) => (d.frame === b ? d.share : 0))) || a.localeCompare(b));
  const nArticles = new Set(data.map((d) => d.article)).size;
  const chart = nArticles <= 6
    ? Plot.plot({
        width,
        height: 40 + 24 * order.length,
        marginLeft: 170,
        x: {percent: true, label: `${t("sentences")} (%)`, grid: true},
        y: {domain: order, label: null},
        color: {legend: true, label: t("article")},
        symbol: {legend: false},
        marks: [
          Plot.ruleY(order, {stroke: "currentColor", strokeOpacity: 0.1}),
          Plot.link(order.map((f) => ({f, lo: min(data.filter((d) => d.frame === f), (d) => d.share), hi: max(data.filter((d) => d.frame === f), (d) => d.share)})), {x1: "lo", x2: "hi", y1: "f", y2: "f", stroke: "currentColor", strokeOpacity: 0.4}),
          Plot.dot(data, {x: "share", y: "frame", stroke: "article", fill: "article", symbol: "article", r: 5, title: (d) => `${d.article} — ${d.frame}: ${Math.round(100 * d.share)} % ${t("sentences")} (${d.hits} ${t("cues")})`}),
        ],
      })
    : Plot.plot({
        width,
        height: 60 + 14 * nArticles,
        marginLeft: 160,
        marginBottom: 90,
        x: {domain: order, label: null, tickRotate: -35},
        y: {label: null},
        color: {scheme: "blues", legend: true, percent: true, label: `${t("sentences")} (%)`},
        marks: [Plot.cell(data, {x: "frame", y: "article", fill: "share", inset: 0.5, title: (d) => `${d.article} — ${d.frame}: ${Math.round(100 * d.share)} %`})],
      });
  return figure(chart, {title: t("frameTitle"), description: t("frameDesc")});
}

/** Tone per 100 words, authorial vs quoted, per article (article-level rows of `tone_summary`). */
export function toneBars(rows, {articles = [], width = 640, lang = "en"} = {}) {
  const t = rlabels(lang);
  const name = label(articles);
  const data = rows.filter((d) => d.level === "article" && d.words > 0).map((d) => ({...d, article: name(d.articleId), who: d.voice === "authorial" ? t("authorial") : t("quoted")}));
  const m = Math.max(0.5, ...data.map((d) => Math.abs(d.per100)));
  const chart = Plot.plot({
    width,
    height: 50 + 30 * new Set(data.map((d) => d.article)).size,
    marginLeft: Math.min(210, 10 + 6.5 * (max(data, (d) => d.article.length) ?? 10)),
    x: {domain: [-m, m], label: t("per100"), grid: true},
    y: {label: null},
    color: {domain: [t("authorial"), t("quoted")], range: ["#ff725c", "#9498a0"], legend: true},
    symbol: {domain: [t("authorial"), t("quoted")], range: ["circle", "diamond2"]},
    marks: [
      Plot.ruleX([0]),
      Plot.dot(data.filter((d) => d.voice !== "authorial"), {x: "per100", y: "article", stroke: "who", symbol: "who", r: 6, strokeWidth: 2, title: (d) => `${d.article} — ${d.who}: ${d.per100} (${d.words} ${t("words")}, ${d.sentences} ${t("sentences")})`}),
      Plot.dot(data.filter((d) => d.voice === "authorial"), {x: "per100", y: "article", fill: "who", stroke: "who", symbol: "who", r: 6, strokeWidth: 2, title: (d) => `${d.article} — ${d.who}: ${d.per100} (${d.words} ${t("words")}, ${d.sentences} ${t("sentences")})`}),
      Plot.text(data.filter((d) => d.voice === "authorial"), {x: "per100", y: "article", text: (d) => d.per100.toFixed(1), dy: -12, fontSize: 10, fill: "currentColor"}),
    ],
  });
  return figure(chart, {title: t("toneTitle"), description: t("toneDesc")});
}
