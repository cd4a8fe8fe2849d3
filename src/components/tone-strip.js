import * as Plot from "@observablehq/plot";
import {group, max, range} from "d3";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel, labels} from "./i18n.js";

/** Diverging tone colours (red–blue, safe for red–green colour blindness), and the neutral band of the tone stage. */
export const TONE_NEG = "#d6604d";
export const TONE_POS = "#3b7dd8";
export const TONE_NEUTRAL = "#9498a0";
export const NEUTRAL_BAND = 0.05;
export const toneSign = (x) => (x > NEUTRAL_BAND ? "positive" : x < -NEUTRAL_BAND ? "negative" : "neutral");
export const toneColor = (x) => (x > NEUTRAL_BAND ? TONE_POS : x < -NEUTRAL_BAND ? TONE_NEG : TONE_NEUTRAL);
const signed = (x, digits = 2) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(digits)}`;

/**
 * Tone of every sentence: rows of the `tone` table. One strip per article, one
 * mark per sentence in reading order: a stem from zero to the sentence's score
 * and a triangle pointing up (positive) or down (negative), a small circle when
 * neutral — so the sign is read from the shape as well as the colour. A filled
 * mark is a sentence mostly in the author's own words, a hollow one mostly
 * quoted speech (`voice: "authorial" | "quoted"` plots only that part's score).
 * Marks take focus and carry `data-sentence`; a click or Enter calls
 * `onSelect(sentenceId)`; `selected` (a sentence id) is ringed.
 */
export function toneStrip(rows, {width = 640, lang = "en", articles = [], onSelect, selected = null, voice = "all", articleIds} = {}) {
  const t = labels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const title = t("toneStripTitle");
  const description = t("toneStripDesc");
  const shown = rows.filter((d) => !articleIds || articleIds.includes(d.articleId));
  if (!shown.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const scoreOf = (d) => (voice === "authorial" ? d.authorialScore : voice === "quoted" ? d.quotedScore : d.score);
  const m = Math.max(0.5, max(shown, (d) => Math.abs(scoreOf(d))) ?? 0);
  const maxIndex = Math.max(1, max(shown, (d) => d.sentence + 1) ?? 0);
  const byArticle = group(shown, (d) => d.articleId);
  const narrow = width < 500;
  const strips = [...byArticle].map(([articleId, list], i) => {
    const data = list.map((d) => {
      const s = scoreOf(d);
      const sign = toneSign(s);
      const authorial = (d.authorialWords ?? 0) >= (d.quotedWords ?? 0);
      return {...d, s, sign, authorial, voiceLabel: t(authorial ? "toneMostlyAuthorial" : "toneMostlyQuoted")};
    });
    const tip = (d) => `${t("sentence")} ${d.sentence + 1} · ${t(`tone_${d.sign}`)} ${signed(d.s)} · ${d.voiceLabel}${d.evidence ? `\n${d.evidence}` : ""}\n${d.text.length > 160 ? d.text.slice(0, 159) + "…" : d.text}`;
    const chart = Plot.plot({
      width,
      height: narrow ? 110 : 120,
      marginLeft: 40,
      marginRight: 10,
      marginTop: 12,
      marginBottom: 22,
      x: {domain: [-0.5, maxIndex - 0.5], label: null, ticks: Math.min(narrow ? 5 : 10, maxIndex), tickFormat: (x) => (Number.isInteger(x) ? x + 1 : "")},
      y: {domain: [-m, m], label: null, ticks: [-m, 0, m].map((x) => +x.toFixed(1)), tickFormat: (x) => (x === 0 ? "0" : signed(x, 1))},
      marks: [
        Plot.ruleY([NEUTRAL_BAND, -NEUTRAL_BAND], {stroke: "currentColor", strokeOpacity: 0.15, strokeDasharray: "2,2"}),
        Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.5}),
        Plot.ruleX(data, {x: "sentence", y1: 0, y2: "s", stroke: (d) => toneColor(d.s), strokeWidth: narrow ? 1.5 : 2.5}),
        Plot.dot(data, {
          x: "sentence",
          y: "s",
          symbol: (d) => (d.sign === "neutral" ? "circle" : "triangle"),
          rotate: (d) => (d.sign === "negative" ? 180 : 0),
          r: (d) => (d.sign === "neutral" ? 2.5 : narrow ? 4 : 5),
          fill: (d) => (d.authorial ? toneColor(d.s) : "none"),
          stroke: (d) => toneColor(d.s),
          strokeWidth: 1.5,
          className: "fl-tone-mark",
          title: tip,
        }),
        // a wide, invisible hit area per sentence, so that a mark is easy to hit with a finger
        Plot.rectY(data, {x1: (d) => d.sentence - 0.5, x2: (d) => d.sentence + 0.5, y1: -m, y2: m, fill: "currentColor", fillOpacity: 0, className: "fl-tone-target", title: tip}),
        selected ? Plot.dot(data.filter((d) => d.sentenceId === selected), {x: "sentence", y: "s", r: 10, stroke: "#efb118", strokeWidth: 3, pointerEvents: "none"}) : null,
      ],
    });
    const targets = chart.querySelectorAll("g.fl-tone-target rect");
    for (const rect of targets) {
      const d = data[rect.__data__];
      if (!d) continue;
      rect.dataset.sentence = d.sentenceId;
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("role", "button");
      rect.setAttribute("aria-label", `${t("sentence")} ${d.sentence + 1}: ${t(`tone_${d.sign}`)} ${signed(d.s)}, ${d.voiceLabel}. ${d.text.slice(0, 80)}`);
      rect.style.cursor = "pointer";
      if (d.sentenceId === selected) rect.classList.add("fl-selected");
    }
    for (const dot of chart.querySelectorAll("g.fl-tone-mark path")) {
      const d = data[dot.__data__];
      if (d) dot.dataset.sentenceMark = d.sentenceId;
    }
    return html`<div class="fl-tone-strip" data-article=${articleId}><div style="font: 600 12px var(--sans-serif, system-ui); margin-top: 0.4rem;">${i + 1}. ${articleLabel(byId.get(articleId)) || articleId}</div>${chart}</div>`;
  });
  const key = (sym, text) => html`<span style="display: inline-flex; align-items: center; gap: 0.3rem;">${sym}${text}</span>`;
  const tri = (color, down, filled = true) =>
    html`<svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><path d="M0,-5L4.6,3.5L-4.6,3.5Z" transform=${down ? "rotate(180)" : ""} fill=${filled ? color : "none"} stroke=${color} stroke-width="1.5"/></svg>`;
  const legend = html`<div class="fl-legend" style="display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font: 12px var(--sans-serif, system-ui); margin: 0.3rem 0;">
    ${key(tri(TONE_POS, false), t("tone_positive"))}
    ${key(tri(TONE_NEG, true), t("tone_negative"))}
    ${key(html`<svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><circle r="2.5" fill=${TONE_NEUTRAL}/></svg>`, t("tone_neutral"))}
    ${key(tri("currentColor", false), t("toneMostlyAuthorial"))}
    ${key(tri("currentColor", false, false), t("toneMostlyQuoted"))}
  </div>`;
  const body = html`<div class="fl-tone-strips">${legend}${strips}<div style="font: 11px var(--sans-serif, system-ui); color: var(--theme-foreground-muted, #666); text-align: right;">${t("position")} →</div></div>`;
  if (onSelect) {
    const select = (event) => {
      const id = event.target.closest?.("[data-sentence]")?.dataset.sentence;
      if (id) onSelect(id);
    };
    body.addEventListener("click", select);
    body.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && event.target.closest?.("[data-sentence]")) {
        event.preventDefault();
        select(event);
      }
    });
  }
  return figure(body, {title, description});
}

/**
 * Authorial vs quoted tone: article-level rows of the `tone_summary` table.
 * Per article two bars, the tone per 100 words of the author's own text and of
 * quoted speech, each labelled with its value and word count; the bar's
 * direction and the sign in the label carry the sign (the colour repeats it).
 */
export function toneByVoice(rows, {width = 640, lang = "en", articles = [], articleIds} = {}) {
  const t = labels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const title = t("toneVoiceTitle");
  const description = t("toneVoiceDesc");
  const shown = rows.filter((d) => d.level === "article" && (!articleIds || articleIds.includes(d.articleId)));
  if (!shown.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const ids = [...new Set(shown.map((d) => d.articleId))];
  const panel = new Map(ids.map((id, i) => [id, `${i + 1}. ${articleLabel(byId.get(id)) || id}`]));
  const voices = [t("toneAuthorial"), t("toneQuoted")];
  const data = shown.map((d) => ({...d, panel: panel.get(d.articleId), who: d.voice === "authorial" ? voices[0] : voices[1]}));
  const m = Math.max(1, max(data, (d) => Math.abs(d.per100)) ?? 0);
  const narrow = width < 500;
  const marginLeft = Math.min(130, 14 + 6.6 * Math.max(...voices.map((s) => s.length)));
  const chart = Plot.plot({
    width,
    height: ids.length * 84 + 50,
    marginLeft,
    marginRight: 20,
    marginTop: 18,
    x: {domain: [-m * 1.35, m * 1.35], ticks: range(-Math.floor(m * 1.35), Math.floor(m * 1.35) + 1), label: `← ${t("toneNegativeWord")} · ${t("tonePer100")} · ${t("tonePositiveWord")} →`, labelAnchor: "center", grid: true, tickFormat: (x) => (x === 0 ? "0" : signed(x, 0))},
    y: {domain: voices, label: null},
    fy: {domain: ids.map((id) => panel.get(id)), label: null, axis: null, padding: 0.3},
    marks: [
      Plot.barX(data, {
        x: "per100",
        y: "who",
        fy: "panel",
        fill: (d) => (d.voice === "authorial" ? toneColor(d.per100 * 0.15) : "none"),
        stroke: (d) => toneColor(d.per100 * 0.15),
        strokeWidth: 2,
        inset: 3,
        ...(narrow ? {insetTop: 15, insetBottom: 2} : {}),
        title: (d) => `${d.panel}\n${d.who}: ${signed(d.per100)} ${t("tonePer100")} (${t("toneSum")} ${signed(d.score)}, ${d.words} ${t("words")}, ${d.sentences} ${t("sentences")})`,
      }),
      // the value beside the bar's end, or inside it when the bar is long (so it never runs into the axis labels);
      // on a phone, just the value, above the bar at zero
      ...(narrow
        ? [true, false].map((neg) =>
            Plot.text(data.filter((d) => (d.per100 < 0) === neg), {x: 0, y: "who", fy: "panel", text: (d) => signed(d.per100, 1), textAnchor: neg ? "end" : "start", dx: neg ? -3 : 3, dy: -8, fontSize: 11, fill: "currentColor"})
          )
        : [
            [(d) => d.per100 < 0 && -d.per100 <= 0.55 * m, "end", -5],
            [(d) => d.per100 >= 0 && d.per100 <= 0.55 * m, "start", 5],
            [(d) => d.per100 < 0 && -d.per100 > 0.55 * m, "start", 5],
            [(d) => d.per100 > 0.55 * m, "end", -5],
          ].map(([test, textAnchor, dx], i) =>
            Plot.text(data.filter(test), {x: "per100", y: "who", fy: "panel", text: (d) => `${signed(d.per100, 1)} (${d.words} ${t("words")})`, textAnchor, dx, fontSize: 11, fill: i < 2 ? "currentColor" : (d) => (d.voice === "authorial" ? "white" : "currentColor")})
          )),
      Plot.text(ids.map((id) => ({panel: panel.get(id)})), {fy: "panel", frameAnchor: "top-left", dx: -marginLeft + 2, dy: -14, text: "panel", fontWeight: 600, fontSize: 12, fill: "currentColor", lineWidth: Math.max(8, (width - 30) / 12), textOverflow: "ellipsis"}),
      Plot.ruleX([0], {stroke: "currentColor"}),
    ],
  });
  chart.style.overflow = "visible";
  return figure(chart, {title, description});
}
