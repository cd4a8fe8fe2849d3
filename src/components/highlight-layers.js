import {html} from "htl";
import {blockText} from "./article-text.js";
import {ascending, descending, rollup, schemeObservable10, sum} from "d3";
import {rlabels} from "./report-i18n.js";

/** The highlight layers of the report, in menu order. */
export const LAYERS = ["quotes", "actors", "frames", "tone", "none"];
const OTHER = "#9498a0";
const PALETTE = schemeObservable10.filter((c) => c !== OTHER);

/** "direct" (a full quotation), "partial" (a quoted fragment in the author's sentence) or "indirect" (everything else). */
export function quoteKind(q) {
  return q.type === "Direct" ? (q.partial ? "partial" : "direct") : "indirect";
}
export const QUOTE_KINDS = ["direct", "partial", "indirect"];

const PRONOUN = /^(er|sie|es|ihr|ihm|ihn|der|die|das|dieser|diese|jener|man)$/i;

/** Display names of speakers: the actor table's name when the speaker is an actor id, else the most telling speaker text. */
export function speakerNames(quotes = [], actors = [], lang = "en") {
  const t = rlabels(lang);
  const actorName = new Map((actors ?? []).map((a) => [a.actorId, a.name ?? a.label ?? a.canonical ?? a.actorId]));
  const texts = rollup(quotes ?? [], (v) => v.map((q) => q.speakerText).filter((s) => s && !PRONOUN.test(s)), (q) => q.speaker || "");
  const names = new Map();
  for (const [id, forms] of texts) {
    if (!id) { names.set(id, t("unnamed")); continue; }
    if (actorName.has(id)) { names.set(id, actorName.get(id)); continue; }
    const counts = rollup(forms, (v) => v.length, (s) => s);
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0];
    // an id the actor stage resolved (lower-case, no spaces) but no actor table yet: use the shortest capitalised form
    names.set(id, id === id.toLowerCase() && !/\s/.test(id) && best ? (forms.filter((f) => /^\p{Lu}/u.test(f)).sort((a, b) => a.length - b.length)[0] ?? best) : best ?? id);
  }
  return names;
}

/** Display names of actors (actor table first, else the most frequent name form among the mentions). */
export function actorNames(mentions = [], actors = []) {
  const names = new Map((actors ?? []).map((a) => [a.actorId, a.name ?? a.label ?? a.canonical ?? a.actorId]));
  const forms = rollup((mentions ?? []).filter((m) => m.form === "name" || !m.form), (v) => rollup(v, (w) => w.length, (m) => m.text), (m) => m.actorId);
  for (const [id, counts] of forms) if (!names.has(id)) names.set(id, [...counts].sort((a, b) => b[1] - a[1])[0][0]);
  for (const m of mentions ?? []) if (!names.has(m.actorId)) names.set(m.actorId, m.text);
  return names;
}

/** A stable colour per key: the `n` heaviest keys get palette colours, the rest grey. */
function colorsFor(weights, n = PALETTE.length, fixed) {
  const keys = fixed ?? [...weights].sort((a, b) => descending(a[1], b[1]) || ascending(String(a[0]), String(b[0]))).map(([k]) => k);
  const top = keys.slice(0, n);
  const map = new Map(top.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
  return {top, color: (k) => map.get(k) ?? OTHER, hasOther: keys.length > top.length};
}

const overlap = (a, b) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/**
 * One highlight layer over a set of articles: the character spans to mark in
 * the text, one strip row per sentence, and a legend.
 * `tables`: {sentences, quotes, actors, mentions, tone, tone_hits, frame_cues, frame_definitions} (missing ones null).
 */
export function buildLayer(layer, tables, {lang = "en", articleIds} = {}) {
  const t = rlabels(lang);
  const keep = articleIds ? new Set(articleIds) : null;
  const inScope = (r) => !keep || keep.has(r.articleId);
  const sentences = (tables.sentences ?? []).filter(inScope);
  const bySentenceArticle = (rows) => rollup(rows, (v) => v, (r) => r.articleId);
  const sentencesOf = bySentenceArticle(sentences);
  const spans = new Map(); // articleId → spans
  const info = new Map(); // sentenceId → {value, key, filled, note}
  const legend = [];
  let available = true;
  let describe = (k) => k;
  let color = () => OTHER;
  let yDomain = [0, 1];

  const spread = (rows, each) => {
    // give every sentence the spans that overlap it
    const byArticle = rollup(rows, (v) => v, (r) => r.articleId);
    for (const [articleId, ss] of sentencesOf) {
      const rs = (byArticle.get(articleId) ?? []).slice().sort((a, b) => a.start - b.start);
      for (const s of ss) {
        const hits = rs.filter((r) => r.start < s.end && r.end > s.start);
        if (hits.length) info.set(s.sentenceId, each(hits, s));
      }
    }
  };

  if (layer === "quotes") {
    const quotes = (tables.quotes ?? []).filter(inScope);
    available = tables.quotes != null;
    const names = speakerNames(tables.quotes ?? [], tables.actors, lang);
    const c = colorsFor(rollup(quotes, (v) => sum(v, (q) => q.words ?? 1), (q) => q.speaker || ""), 8);
    color = c.color;
    describe = (k) => names.get(k) ?? k;
    for (const q of quotes) {
      const kind = quoteKind(q);
      const who = names.get(q.speaker || "") ?? q.speaker;
      const list = spans.get(q.articleId) ?? spans.set(q.articleId, []).get(q.articleId);
      list.push({start: q.start, end: q.end, color: color(q.speaker || ""), cls: `fl-q fl-q-${kind}`, title: `${who} · ${t(kind)}${q.cue ? ` · ${q.cueLemma || q.cue}` : ""}`, id: q.quoteId, key: q.speaker || ""});
      if (q.speakerStart >= 0) list.push({start: q.speakerStart, end: q.speakerEnd, color: color(q.speaker || ""), cls: "fl-q-speaker", title: `${t("speaker")}: ${who}`});
    }
    spread(quotes, (hits, s) => {
      const best = hits.map((q) => ({q, o: overlap(q, s) + (quoteKind(q) === "partial" ? 0 : 1000)})).sort((a, b) => b.o - a.o)[0].q;
      const direct = hits.some((q) => quoteKind(q) === "direct");
      return {key: best.speaker || "", value: direct ? 1 : 0.5, filled: true, note: `${describe(best.speaker || "")} · ${t(direct ? "direct" : quoteKind(best))}`};
    });
    legend.push(...c.top.map((k) => ({label: describe(k), color: color(k)})));
    if (c.hasOther) legend.push({label: t("other"), color: OTHER});
    legend.push({label: t("directSpeech"), cls: "fl-q fl-q-direct", color: "currentColor", sample: true}, {label: t("partial"), cls: "fl-q fl-q-partial", color: "currentColor", sample: true}, {label: t("indirectSpeech"), cls: "fl-q fl-q-indirect", color: "currentColor", sample: true});
  } else if (layer === "actors") {
    const mentions = (tables.mentions ?? []).filter(inScope);
    available = tables.mentions != null;
    const names = actorNames(tables.mentions ?? [], tables.actors);
    const c = colorsFor(rollup(mentions, (v) => v.length, (m) => m.actorId), 8);
    color = c.color;
    describe = (k) => names.get(k) ?? k;
    for (const m of mentions) {
      const list = spans.get(m.articleId) ?? spans.set(m.articleId, []).get(m.articleId);
      list.push({start: m.start, end: m.end, color: color(m.actorId), cls: `fl-m fl-m-${m.form ?? "name"}`, title: `${describe(m.actorId)}${m.form ? ` (${m.form})` : ""}`, key: m.actorId});
    }
    spread(mentions, (hits) => {
      const counts = [...rollup(hits, (v) => v.length, (m) => m.actorId)].sort((a, b) => b[1] - a[1]);
      return {key: counts[0][0], value: hits.length, filled: true, note: counts.map(([k, n]) => `${describe(k)} ×${n}`).join(", ")};
    });
    yDomain = [0, Math.max(1, ...[...info.values()].map((d) => d.value))];
    legend.push(...c.top.map((k) => ({label: describe(k), color: color(k)})));
    if (c.hasOther) legend.push({label: t("other"), color: OTHER});
  } else if (layer === "frames") {
    const cues = (tables.frame_cues ?? []).filter(inScope);
    available = tables.frame_cues != null;
    const defs = tables.frame_definitions ?? [];
    const ids = defs.length ? defs.map((d) => d.id) : [...new Set(cues.map((c) => c.frameId))];
    const c = colorsFor(null, PALETTE.length + 1, ids);
    const palette = new Map(ids.map((id, i) => [id, schemeObservable10[i % 10]]));
    color = (k) => palette.get(k) ?? OTHER;
    const label = new Map(defs.map((d) => [d.id, lang === "de" ? d.label_de : d.label_en]));
    describe = (k) => label.get(k) ?? k;
    for (const q of cues) {
      const list = spans.get(q.articleId) ?? spans.set(q.articleId, []).get(q.articleId);
      list.push({start: q.start, end: q.end, color: color(q.frameId), cls: "fl-f", title: `${describe(q.frameId)}: ${q.cue}`, key: q.frameId});
    }
    spread(cues, (hits) => {
      const w = [...rollup(hits, (v) => sum(v, (h) => h.weight ?? 1), (h) => h.frameId)].sort((a, b) => b[1] - a[1]);
      return {key: w[0][0], value: hits.length, filled: true, note: w.map(([k]) => describe(k)).join(", ")};
    });
    yDomain = [0, Math.max(1, ...[...info.values()].map((d) => d.value))];
    const present = new Set(cues.map((q) => q.frameId));
    legend.push(...c.top.filter((k) => present.has(k)).map((k) => ({label: describe(k), color: color(k)})));
  } else if (layer === "tone") {
    const tone = (tables.tone ?? []).filter(inScope);
    available = tables.tone != null;
    const hits = (tables.tone_hits ?? []).filter(inScope);
    const pos = "#3ca951", neg = "#ff725c";
    color = (k) => (k === "positive" ? pos : k === "negative" ? neg : OTHER);
    describe = (k) => t(k);
    for (const h of hits) {
      const list = spans.get(h.articleId) ?? spans.set(h.articleId, []).get(h.articleId);
      const k = h.weight > 0 ? "positive" : h.weight < 0 ? "negative" : "neutral";
      list.push({start: h.start, end: h.end, color: color(k), cls: `fl-t fl-t-${k}`, title: `${h.form} ${h.weight > 0 ? "+" : ""}${h.weight}${h.modifiers ? ` (${h.modifiers})` : ""}`, key: k});
    }
    for (const s of tone) {
      const k = s.score > 0.05 ? "positive" : s.score < -0.05 ? "negative" : "neutral";
      info.set(s.sentenceId, {key: k, value: s.score, filled: (s.authorialWords ?? 1) >= (s.quotedWords ?? 0), note: `${t("score")} ${s.score > 0 ? "+" : ""}${s.score}${s.evidence ? ` — ${s.evidence}` : ""}`});
    }
    const m = Math.max(0.2, ...tone.map((s) => Math.abs(s.score)));
    yDomain = [-m, m];
    legend.push({label: `${t("toneWordPos")} / ${t("positive")}`, color: pos, cls: "fl-t fl-t-positive", sample: true}, {label: `${t("toneWordNeg")} / ${t("negative")}`, color: neg, cls: "fl-t fl-t-negative", sample: true});
  } else {
    for (const s of sentences) info.set(s.sentenceId, {key: s.blockKind, value: s.words, filled: true, note: `${s.words} ${t("words")}`});
    yDomain = [0, Math.max(1, ...sentences.map((s) => s.words))];
    color = () => "#4269d0";
  }
  const strip = (articleId) =>
    (sentencesOf.get(articleId) ?? []).map((s) => {
      const d = info.get(s.sentenceId);
      return {sentenceId: s.sentenceId, index: s.index, value: d?.value ?? 0, key: d?.key ?? null, filled: d?.filled ?? true, fill: d ? color(d.key) : OTHER, title: `${t("sentence")} ${s.index + 1}${d ? ` · ${d.note}` : ""}\n${s.text}`};
    });
  return {layer, available, spans, info, strip, legend, color, describe, yDomain};
}

/** A legend: swatches (and text samples for the underline styles, so colour is not the only channel). */
export function layerLegend(layer) {
  return html`<div class="fl-legend" role="list">${layer.legend.map((d) =>
    d.sample
      ? html`<span class="fl-legend-item" role="listitem"><span class=${d.cls} style=${`--fl-c:${d.color}`}>Abc</span> ${d.label}</span>`
      : html`<span class="fl-legend-item" role="listitem"><span class="fl-swatch" style=${`background:${d.color}`}></span>${d.label}</span>`
  )}</div>`;
}

/**
 * An article's text with one layer's spans marked inside each sentence, by character offsets.
 * Each sentence is a focusable `<span data-sentence>`; overlapping spans nest (innermost span styled on top).
 */
export function annotatedText(sentences, spans = [], {onSelect, sentenceStyle} = {}) {
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const renderSentence = (s) => {
    const inside = sorted.filter((r) => r.start < s.end && r.end > s.start);
    const node = html`<span class="fl-sentence" data-sentence=${s.sentenceId} tabindex="0"></span>`;
    const st = sentenceStyle?.(s);
    if (st) {
      if (st.cls) node.classList.add(...st.cls.split(" "));
      if (st.style) node.setAttribute("style", st.style);
      if (st.title) node.title = st.title;
    }
    // cut points; each piece is wrapped in every span that covers it, outermost first
    const cuts = [...new Set([s.start, s.end, ...inside.flatMap((r) => [Math.max(s.start, r.start), Math.min(s.end, r.end)])])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const text = s.text.slice(a - s.start, b - s.start);
      const cover = inside.filter((r) => r.start <= a && r.end >= b);
      let piece = document.createTextNode(text);
      for (const r of cover.slice().reverse()) {
        const el = document.createElement("mark");
        el.className = `fl-hl ${r.cls}`;
        el.style.setProperty("--fl-c", r.color);
        if (r.title) el.title = r.title;
        if (r.key != null) el.dataset.key = r.key;
        el.append(piece);
        piece = el;
      }
      node.append(piece);
    }
    return node;
  };
  return blockText(sentences, renderSentence, {onSelect});
}
