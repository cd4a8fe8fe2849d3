import {html} from "htl";
import {ascending, descending, rollup, sum} from "d3";
import {articleLabel} from "./i18n.js";
import {quoteKind, speakerNames} from "./highlight-layers.js";

const pct = (x) => `${Math.round(100 * x)} %`;
const list = (items, and = "and") => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`);

/**
 * The overview's findings, as sentences generated from the tables (nothing
 * about any particular corpus is written here). Each finding is
 * {id, text, articleId?, sentenceId?} — a sentence id lets the page link the
 * finding to the words behind it. `t`: {articles, voice, quotes, actors, frames, frame_cues, tone_summary, mentions}.
 */
export function findings(t, {lang = "en"} = {}) {
  const out = [];
  const articles = t.articles ?? [];
  const name = (id) => `“${articleLabel(articles.find((a) => a.articleId === id)) || id}”`;
  const many = articles.length > 6;
  const voice = (t.voice ?? []).filter((v) => v.quotesAvailable !== false);
  if (voice.length) {
    const byDirect = voice.slice().sort((a, b) => descending(a.directShare, b.directShare));
    const top = byDirect[0];
    const author = voice.slice().sort((a, b) => descending(a.authorialShare, b.authorialShare))[0];
    if (voice.length > 1) {
      out.push({id: "voice-direct", articleId: top.articleId, text: `${name(top.articleId)} gives most room to direct speech: ${pct(top.directShare)} of its ${top.words} words stand in quotation marks${many ? "" : `, against ${list(byDirect.slice(1).map((v) => `${pct(v.directShare)} in ${name(v.articleId)}`))}`}.`});
      if (author.articleId !== top.articleId || voice.length === 1)
        out.push({id: "voice-author", articleId: author.articleId, text: `${name(author.articleId)} is mostly the author's own voice: ${pct(author.authorialShare)} of its words are neither quoted nor paraphrased.`});
      else out.push({id: "voice-author", articleId: author.articleId, text: `${name(author.articleId)} is also the article with the most attributed text; the author's own words make up ${pct(author.authorialShare)}.`});
    } else out.push({id: "voice-one", articleId: top.articleId, text: `${name(top.articleId)}: ${pct(top.directShare)} direct speech, ${pct(top.indirectShare)} indirect or reported speech, ${pct(top.authorialShare)} the author's own words.`});
  }
  const quotes = t.quotes ?? [];
  if (quotes.length) {
    const names = speakerNames(quotes, t.actors, lang);
    const perArticle = rollup(quotes.filter((q) => q.speaker), (v) => rollup(v, (w) => ({direct: sum(w.filter((q) => quoteKind(q) === "direct"), (q) => q.words ?? 0), indirect: sum(w.filter((q) => quoteKind(q) !== "direct"), (q) => q.words ?? 0), first: w.filter((q) => quoteKind(q) === "direct")[0]?.sentenceId ?? w[0].sentenceId}), (q) => q.speaker), (q) => q.articleId);
    for (const a of articles.slice(0, many ? 6 : articles.length)) {
      const sp = [...(perArticle.get(a.articleId) ?? [])].sort((x, y) => descending(x[1].direct, y[1].direct) || descending(x[1].indirect, y[1].indirect));
      if (!sp.length) {
        out.push({id: `speakers-${a.articleId}`, articleId: a.articleId, text: `${name(a.articleId)} quotes no named speaker.`});
        continue;
      }
      const direct = sp.filter(([, d]) => d.direct > 0).slice(0, 3);
      const text = direct.length
        ? `${name(a.articleId)} lets ${list(direct.map(([k, d]) => `${names.get(k)} speak ${d.direct} words in their own (direct) words`))}` +
          (sp.length > direct.length ? `; ${list(sp.filter(([, d]) => d.direct === 0).slice(0, 3).map(([k, d]) => `${names.get(k)} (${d.indirect})`))} only in paraphrase` : "") + "."
        : `${name(a.articleId)} quotes nobody directly in full sentences: ${list(sp.slice(0, 3).map(([k, d]) => `${names.get(k)} ${d.indirect} words`))} reach the reader only paraphrased or in fragments.`;
      out.push({id: `speakers-${a.articleId}`, articleId: a.articleId, sentenceId: (direct[0] ?? sp[0])[1].first, text});
    }
  }
  const frames = t.frames ?? [];
  if (frames.length) {
    const label = (f) => (lang === "de" ? f.label_de : f.label_en) || f.frameId;
    for (const a of articles.slice(0, many ? 6 : articles.length)) {
      const own = frames.filter((f) => f.articleId === a.articleId && f.share > 0).sort((x, y) => descending(x.share, y.share) || ascending(x.frameId, y.frameId));
      if (own.length) out.push({id: `frames-${a.articleId}`, articleId: a.articleId, text: `In ${name(a.articleId)} the dominant frames are ${list(own.slice(0, 2).map((f) => `${label(f)} (${pct(f.share)} of sentences)`))}.`});
    }
    if (articles.length > 1) {
      // for each article, the frames it leans on more than the others do (share ratio, smoothed)
      for (const a of articles.slice(0, many ? 6 : articles.length)) {
        const own = frames.filter((f) => f.articleId === a.articleId);
        const lean = own.map((f) => {
          const others = frames.filter((g) => g.frameId === f.frameId && g.articleId !== a.articleId);
          const rest = others.length ? sum(others, (g) => g.share) / others.length : 0;
          return {f, rest, ratio: (f.share + 0.05) / (rest + 0.05)};
        }).filter((d) => d.f.share >= 0.1 && d.ratio >= 1.5).sort((x, y) => descending(x.ratio, y.ratio)).slice(0, 3);
        if (lean.length) {
          const cue = (t.frame_cues ?? []).find((c) => c.articleId === a.articleId && c.frameId === lean[0].f.frameId);
          out.push({id: `frames-lean-${a.articleId}`, articleId: a.articleId, sentenceId: cue?.sentenceId, text: `Compared with the other${articles.length > 2 ? "s" : " article"}, ${name(a.articleId)} leans on ${list(lean.map((d) => `${label(d.f)} (${pct(d.f.share)} of its sentences, against ${pct(d.rest)})`))}.`});
        }
      }
      // the frame on which the articles differ most
      const spread = [...rollup(frames, (v) => {
        const s = v.slice().sort((x, y) => descending(x.share, y.share));
        return {gap: s[0].share - s[s.length - 1].share, hi: s[0], lo: s[s.length - 1]};
      }, (f) => f.frameId)].sort((x, y) => descending(x[1].gap, y[1].gap))[0];
      if (spread && spread[1].gap > 0) {
        const {hi, lo} = spread[1];
        const cue = (t.frame_cues ?? []).find((c) => c.articleId === hi.articleId && c.frameId === hi.frameId);
        out.push({id: "frames-gap", articleId: hi.articleId, sentenceId: cue?.sentenceId, text: `The articles differ most on ${label(hi)}: ${pct(hi.share)} of the sentences in ${name(hi.articleId)} carry its cues, ${pct(lo.share)} in ${name(lo.articleId)}.`});
      }
    }
  }
  const tone = (t.tone_summary ?? []).filter((d) => d.level === "article" && d.voice === "authorial" && d.words > 0);
  if (tone.length > 1) {
    const s = tone.slice().sort((a, b) => ascending(a.per100, b.per100));
    out.push({id: "tone", articleId: s[0].articleId, text: `The author's own sentences are most negative in ${name(s[0].articleId)} (${s[0].per100.toFixed(1)} per 100 words) and most positive in ${name(s[s.length - 1].articleId)} (${s[s.length - 1].per100.toFixed(1)}).`});
  }
  const mentions = t.mentions ?? [];
  if (mentions.length && t.actors) {
    const names = new Map(t.actors.map((a) => [a.actorId, (lang === "en" ? a.nameEn || a.name : a.name) || a.actorId]));
    const top = [...rollup(mentions, (v) => v.length, (m) => m.actorId)].sort((a, b) => descending(a[1], b[1])).slice(0, 3);
    out.push({id: "actors", text: `Most talked about: ${list(top.map(([id, n]) => `${names.get(id) ?? id} (${n} mentions)`))}.`});
  }
  const facts = (t.fact_comparison ?? []).filter((f) => f.status === "disagree");
  for (const f of facts.slice(0, 3))
    out.push({id: `fact-${f.pairId}`, articleId: f.articleA, text: `The articles disagree on a number: ${name(f.articleA)} says “${f.textA}” ${f.nounA ?? ""}, ${name(f.articleB)} “${f.textB}” ${f.nounB ?? ""}.`.replace(/ +,/g, ",")});
  return out;
}

/** The findings as a list; each links to the Compare page or the sentence behind it. */
export function findingsList(items) {
  return html`<ul class="fl-findings">${items.map((f) => html`<li data-finding=${f.id}>${f.text}${f.sentenceId ? html` <a href=${`./articles/${f.sentenceId.slice(0, f.sentenceId.lastIndexOf(":s"))}#${encodeURIComponent(f.sentenceId)}`} title="the sentence behind this">→ see it</a>` : ""}</li>`)}</ul>`;
}
