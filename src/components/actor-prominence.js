import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel} from "./i18n.js";
import {alabels} from "./actor-i18n.js";

export const FORMS = ["name", "role", "pronoun", "metonym", "adjective", "group"];
const FORM_COLORS = ["#4269d0", "#efb118", "#9498a0", "#6cc5b0", "#ff8ab7", "#a463f2"];
const MEASURE_COLORS = ["#4269d0", "#ff725c"];

const facetLabel = (articleId, byId, t) => (articleId === "*" ? t("allArticles") : articleLabel(byId.get(articleId)) || articleId);
const actorName = (d, lang) => (lang === "en" ? d.nameEn || d.name : d.name) || d.actorId;

/**
 * Talked about vs talking: rows of the `actor_prominence` table (one per
 * article and actor, articleId "*" for the whole corpus). One panel per
 * article; per actor a dot for its share of mentions and one for its share of
 * quoted words, joined by a line. The `top` actors by mentions are shown.
 */
export function actorProminence(rows, {width = 640, lang = "en", articles = [], top = 8, articleIds} = {}) {
  const t = alabels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const shown = rows.filter((d) => !articleIds || articleIds.includes(d.articleId));
  const totals = new Map();
  for (const d of shown) totals.set(d.actorId, (totals.get(d.actorId) ?? 0) + d.mentions + d.quotedWords / 10);
  const keep = new Set([...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([id]) => id));
  const data = shown.filter((d) => keep.has(d.actorId)).map((d) => ({...d, label: actorName(d, lang), panel: facetLabel(d.articleId, byId, t)}));
  if (!data.length) return figure(html`<p>${t("noRows")}</p>`, {title: t("prominenceTitle"), description: t("prominenceDesc")});
  const order = [...keep].map((id) => data.find((d) => d.actorId === id)?.label).filter(Boolean);
  const panels = [...new Set(data.map((d) => d.panel))];
  const dots = data.flatMap((d) => [
    {...d, measure: t("talkedAbout"), share: d.mentionShare, detail: `${d.mentions} ${t("mentionCount").toLowerCase()}`},
    {...d, measure: t("talking"), share: d.quotedShare, detail: `${d.quotedWords} ${t("words")}`},
  ]);
  const chart = Plot.plot({
    width,
    height: panels.length * (order.length * 22 + 24) + 50,
    marginLeft: Math.min(180, 12 + 7 * Math.max(...order.map((s) => s.length))),
    marginRight: width < 500 ? 10 : 120,
    x: {percent: true, label: `${t("share")} (%) →`, grid: true, nice: true},
    y: {domain: order, label: null},
    fy: {domain: panels, label: null},
    color: {domain: [t("talkedAbout"), t("talking")], range: MEASURE_COLORS, legend: true},
    marks: [
      Plot.link(data, {x1: "mentionShare", x2: "quotedShare", y1: "label", y2: "label", fy: "panel", stroke: "#999", strokeWidth: 1.5}),
      Plot.dot(dots, {x: "share", y: "label", fy: "panel", fill: "measure", r: 5, title: (d) => `${d.label} — ${d.panel}\n${d.measure}: ${(100 * d.share).toFixed(1)} % (${d.detail})`}),
    ],
  });
  return figure(chart, {title: t("prominenceTitle"), description: t("prominenceDesc")});
}

/**
 * Mentions per actor and article: rows of the `mentions` table (plus the
 * `actors` table for names). Stacked bars per actor, coloured by naming form,
 * one panel per article.
 */
export function actorMentions(rows, {width = 640, lang = "en", articles = [], actors = [], top = 10} = {}) {
  const t = alabels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const info = new Map(actors.map((a) => [a.actorId, a]));
  const counts = new Map();
  for (const d of rows) counts.set(d.actorId, (counts.get(d.actorId) ?? 0) + 1);
  const keep = [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([id]) => id);
  const name = (id) => (info.get(id) ? actorName(info.get(id), lang) : id);
  const data = rows.filter((d) => keep.includes(d.actorId)).map((d) => ({...d, label: name(d.actorId), panel: facetLabel(d.articleId, byId, t), formLabel: t(`form_${d.form}`)}));
  if (!data.length) return figure(html`<p>${t("noRows")}</p>`, {title: t("mentionsTitle"), description: t("mentionsDesc")});
  const panels = [...new Set(data.map((d) => d.panel))];
  const chart = Plot.plot({
    width,
    height: panels.length * (keep.length * 20 + 24) + 50,
    marginLeft: Math.min(180, 12 + 7 * Math.max(...keep.map((id) => name(id).length))),
    x: {label: `${t("mentionCount")} →`, grid: true},
    y: {domain: keep.map(name), label: null},
    fy: {domain: panels, label: null},
    color: {domain: FORMS.map((f) => t(`form_${f}`)), range: FORM_COLORS, legend: true},
    marks: [
      Plot.barX(data, Plot.groupY({x: "count"}, {y: "label", fy: "panel", fill: "formLabel", order: FORMS.map((f) => t(`form_${f}`)), title: (d) => `${d.label}: ${d.formLabel}`, inset: 0.5})),
      Plot.ruleX([0]),
    ],
  });
  return figure(chart, {title: t("mentionsTitle"), description: t("mentionsDesc")});
}

/** The wording of a mention without its name: `US-Präsident Donald Trump` → `US-Präsident`, `den russischen Präsidenten` → as is. */
export function wordingOf(m, actor) {
  let text = m.text.replace(/\s+/g, " ");
  if (m.form === "name" && actor) {
    const names = [actor.name, actor.nameEn, ...(actor.name ?? "").split(" ").slice(-1)].filter(Boolean).sort((a, b) => b.length - a.length);
    for (const n of names) {
      const i = text.indexOf(n);
      if (i > 0) return text.slice(0, i).trim() + " …";
      if (i === 0) return null; // a bare name
    }
    return null;
  }
  return text;
}

/**
 * How one actor is named, per outlet: rows of the `mentions` table for one
 * actor; one bar per wording (titles before a name, roles, metonyms,
 * adjectives, groups), one panel per article. Bare names and pronouns are
 * left out.
 */
export function namingForms(rows, {width = 640, lang = "en", articles = [], actor} = {}) {
  const t = alabels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const data = rows
    .filter((d) => d.form !== "pronoun")
    .map((d) => ({...d, wording: wordingOf(d, actor), panel: facetLabel(d.articleId, byId, t), formLabel: t(`form_${d.form}`)}))
    .filter((d) => d.wording);
  const title = `${t("namingTitle")}${actor ? `: ${actorName(actor, lang)}` : ""}`;
  if (!data.length) return figure(html`<p>${t("noRows")}</p>`, {title, description: t("namingDesc")});
  const wordings = [...new Set(data.map((d) => d.wording))];
  const panels = [...new Set(data.map((d) => d.panel))];
  const chart = Plot.plot({
    width,
    height: panels.length * (wordings.length * 20 + 24) + 50,
    marginLeft: Math.min(220, 12 + 7 * Math.max(...wordings.map((s) => s.length))),
    x: {label: `${t("mentionCount")} →`, grid: true, tickFormat: "d"},
    y: {domain: wordings, label: null},
    fy: {domain: panels, label: null},
    color: {domain: FORMS.map((f) => t(`form_${f}`)), range: FORM_COLORS, legend: true},
    marks: [
      Plot.barX(data, Plot.groupY({x: "count"}, {y: "wording", fy: "panel", fill: "formLabel", title: (d) => `${d.wording} (${d.formLabel})`, inset: 0.5})),
      Plot.ruleX([0]),
    ],
  });
  return figure(chart, {title, description: t("namingDesc")});
}
