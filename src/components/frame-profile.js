import * as Plot from "@observablehq/plot";
import {schemeObservable10} from "d3";
import {html} from "htl";
import {figure} from "./figure.js";
import {articleLabel, labels} from "./i18n.js";

/** A frame's colour: the frame definitions' order on Observable's ten-colour scheme (the same as the Compare page's frame layer). */
export function frameColors(definitions = [], rows = []) {
  const ids = definitions.length ? definitions.map((d) => d.id) : [...new Set(rows.map((d) => d.frameId))];
  const map = new Map(ids.map((id, i) => [id, schemeObservable10[i % 10]]));
  return (id) => map.get(id) ?? "#9498a0";
}

/** A frame's name in a language (from a `frames` or `frame_definitions` row). */
export const frameName = (d, lang = "en") => (lang === "de" ? d.label_de : d.label_en) || d.frameId || d.id;

const pct = (x) => `${Math.round(100 * x)} %`;

/**
 * Frame profile per article: rows of the `frames` table (one per article and
 * frame). One bar per frame, one panel per article (side by side when there is
 * room, stacked on a phone). `measure`: "share" (share of sentences that carry
 * the frame) or "density" (cue weight per 1000 words). Each bar is labelled
 * with its value; frames are named on the axis, so colour is not needed to read
 * it. Every row of a panel is a focusable target `[data-frame]`: a click or
 * Enter calls `onSelect(frameId, articleId)`; `selected` (a frame id) is drawn
 * outlined, the other frames faded.
 */
export function frameProfile(rows, {width = 640, lang = "en", articles = [], definitions = [], measure = "share", selected = null, onSelect, articleIds} = {}) {
  const t = labels(lang);
  const byId = new Map(articles.map((a) => [a.articleId, a]));
  const color = frameColors(definitions, rows);
  const defOrder = definitions.map((d) => d.id);
  const shown = rows.filter((d) => !articleIds || articleIds.includes(d.articleId));
  const title = t("frameProfileTitle");
  const description = t(measure === "density" ? "frameProfileDescDensity" : "frameProfileDesc");
  if (!shown.length) return figure(html`<p>${t("noData")}</p>`, {title, description});
  const ids = [...new Set(shown.map((d) => d.frameId))].sort((a, b) => (defOrder.indexOf(a) + 1 || 99) - (defOrder.indexOf(b) + 1 || 99));
  const nameOf = new Map(shown.map((d) => [d.frameId, frameName(d, lang)]));
  const groupOf = new Map(shown.map((d) => [d.frameId, d.group]));
  const domain = ids.map((id) => nameOf.get(id));
  const panelOrder = [...new Set(shown.map((d) => d.articleId))];
  const panelName = new Map(panelOrder.map((id, i) => [id, `${i + 1}. ${articleLabel(byId.get(id)) || id}`]));
  const value = (d) => (measure === "density" ? d.density : d.share);
  const data = shown.map((d) => ({...d, frame: nameOf.get(d.frameId), panel: panelName.get(d.articleId), value: value(d)}));
  const max = Math.max(measure === "density" ? 10 : 0.1, ...data.map((d) => d.value));
  const side = width >= 560 && panelOrder.length <= Math.max(1, Math.floor(width / 280));
  // on a phone the frame's name sits above its bar instead of on an axis to the left
  const narrow = width < 500;
  const marginLeft = narrow ? 4 : Math.min(170, 14 + 6.6 * Math.max(...domain.map((s) => s.length)));
  const rowH = narrow ? 34 : 22;
  const fmt = (d) => (measure === "density" ? d.value.toFixed(1) : pct(d.value));
  const tip = (d) =>
    `${d.panel}\n${d.frame} (${t(d.group === "event" ? "frameGroupEvent" : "frameGroupGeneric")})\n${t("frameShare")}: ${pct(d.share)} (${d.sentences}/${d.sentenceCount} ${t("sentences")})\n${t("frameDensity")}: ${d.density.toFixed(1)} (${d.hits} ${t("frameCueHits")})`;
  const faded = (d) => (selected && d.frameId !== selected ? 0.3 : 1);
  const facet = side ? {fx: "panel"} : {fy: "panel"};
  const chart = Plot.plot({
    width,
    height: side ? ids.length * 26 + 70 : panelOrder.length * (ids.length * rowH + 40) + 40,
    marginLeft,
    marginRight: 44,
    marginTop: side ? 30 : 24,
    x: {domain: [0, measure === "density" ? max : 100 * max], label: measure === "density" ? `${t("frameDensity")} →` : `${t("frameShare")} (%) →`, percent: measure !== "density", grid: true, ticks: side && panelOrder.length > 1 ? 3 : 5},
    y: {domain, label: null, axis: narrow ? null : "left", padding: narrow ? 0.06 : 0.1},
    fx: side ? {domain: panelOrder.map((id) => panelName.get(id)), label: null, padding: 0.12, tickFormat: (s) => (s.length > 34 ? s.slice(0, 33) + "…" : s)} : undefined,
    fy: side ? undefined : {domain: panelOrder.map((id) => panelName.get(id)), label: null, axis: null, padding: 30 / (ids.length * rowH + 40)},
    marks: [
      // the row of each frame: a faint track that is also the click target (so a frame with no cue can be selected)
      Plot.barX(data, {...facet, x1: 0, x2: max, y: "frame", fill: "currentColor", fillOpacity: (d) => (d.frameId === selected ? 0.12 : 0.04), className: "fl-frame-track", title: tip}),
      Plot.barX(data, {...facet, x: "value", y: "frame", fill: (d) => color(d.frameId), fillOpacity: faded, stroke: (d) => (d.frameId === selected ? "currentColor" : "none"), strokeWidth: 1.5, inset: 3, ...(narrow ? {insetTop: 17, insetBottom: 3} : {}), className: "fl-frame-bar", pointerEvents: "none"}),
      Plot.text(data, {...facet, x: "value", y: "frame", text: fmt, dx: 4, dy: narrow ? 7 : 0, textAnchor: "start", fill: "currentColor", fontSize: 11, fillOpacity: (d) => Math.max(0.5, faded(d)), pointerEvents: "none"}),
      narrow ? Plot.text(data, {...facet, x: 0, y: "frame", text: "frame", dx: 2, dy: -7, textAnchor: "start", fill: "currentColor", fontSize: 11, pointerEvents: "none"}) : null,
      side ? null : Plot.text(panelOrder.map((id) => ({panel: panelName.get(id)})), {fy: "panel", frameAnchor: "top-left", dx: -marginLeft + 4, dy: -6, lineAnchor: "bottom", text: "panel", fontWeight: 600, fontSize: 12, fill: "currentColor", lineWidth: Math.max(8, (width - 30) / 12), textOverflow: "ellipsis"}),
      Plot.ruleX([0]),
    ],
  });
  chart.style.overflow = "visible";
  for (const rect of chart.querySelectorAll("g.fl-frame-bar rect")) {
    const d = data[rect.__data__];
    if (!d) continue;
    rect.dataset.frame = d.frameId;
    rect.dataset.article = d.articleId;
    rect.style.cursor = "pointer";
  }
  for (const g of chart.querySelectorAll("g.fl-frame-track")) {
    for (const rect of g.querySelectorAll("rect")) {
      const d = data[rect.__data__];
      if (!d) continue;
      rect.dataset.frame = d.frameId;
      rect.dataset.article = d.articleId;
      rect.classList.add("fl-frame-target");
      rect.setAttribute("tabindex", "0");
      rect.setAttribute("role", "button");
      rect.setAttribute("aria-pressed", String(d.frameId === selected));
      rect.setAttribute("aria-label", `${d.frame}, ${d.panel}: ${pct(d.share)} ${t("sentences")}, ${d.density.toFixed(1)} ${t("frameDensityShort")}`);
      rect.style.cursor = "pointer";
    }
  }
  const groups = [...new Set(ids.map((id) => groupOf.get(id)))];
  const note = html`<div style="font: 12px var(--sans-serif, system-ui); color: var(--theme-foreground-muted, #666); margin-top: 0.2rem;">${groups
    .map((g) => `${t(g === "event" ? "frameGroupEvent" : "frameGroupGeneric")}: ${ids.filter((id) => groupOf.get(id) === g).map((id) => nameOf.get(id)).join(", ")}`)
    .join(" · ")}${onSelect ? html`<br>${t("frameClickHint")}` : ""}</div>`;
  const body = html`<div class="fl-frame-profile">${chart}${note}</div>`;
  if (onSelect) {
    const select = (event) => {
      const el = event.target.closest?.("[data-frame]");
      if (el) onSelect(el.dataset.frame, el.dataset.article);
    };
    body.addEventListener("click", select);
    body.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && event.target.closest?.("[data-frame]")) {
        event.preventDefault();
        select(event);
      }
    });
  }
  return figure(body, {title, description});
}
