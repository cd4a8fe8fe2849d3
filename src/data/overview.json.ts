// The overview page's data, small whatever the corpus size: the findings (written here from the
// full tables, with the same code the pages use), corpus totals, the rows of the four small
// multiples and the first rows of the article list. Up to GROUP_UP_TO articles the charts show
// one row per article; beyond that, one row per outlet (the largest GROUP_UP_TO outlets), so a
// corpus of ten thousand articles sends kilobytes, not the per-article tables.
import * as aq from "arquero";
import { loaderAnalysis } from "../../data-loaders/loader.ts";
import { TABLES, tableRowsOrNull } from "../../data-loaders/tables/index.ts";
import type { Row } from "../../data-loaders/table.ts";
// @ts-expect-error: a plain-JavaScript page component (no type declarations)
import { findings } from "../components/findings.js";

const GROUP_UP_TO = 12;
const LIST_ROWS = 500;
const TOP_ACTORS = 20;
const FINDING_ARTICLES = 6; // findings() speaks of the first six articles by name when there are more

const analysis = await loaderAnalysis();
const spec = (name: string) => TABLES.find((t) => t.name === name);
const build = (name: string, articles = analysis.articles): Row[] | null => tableRowsOrNull(name, { articles, problems: analysis.problems });

const articles = build("articles") ?? [];
const voice = build("voice");
const frames = build("frames");
const toneSummary = build("tone_summary")?.filter((d) => d.level === "article") ?? null;
const prominence = build("actor_prominence")?.filter((d) => d.articleId !== "*") ?? null;
const actors = build("actors");
const factComparison = build("fact_comparison");

// the per-article tables findings() reads, one article at a time, keeping only what it looks at:
// quotes of the articles it names, the first cue per article and frame, and the actor of each mention
const named = new Set(articles.slice(0, articles.length > FINDING_ARTICLES ? FINDING_ARTICLES : articles.length).map((a) => a.articleId));
let quotes: Row[] | null = [], frameCues: Row[] | null = [], mentions: { actorId: unknown }[] | null = [];
for (const a of analysis.articles) {
  const one = [a];
  if (quotes && named.has(a.doc.meta.id)) quotes = spec("quotes") ? [...quotes, ...(build("quotes", one) ?? [])] : null;
  if (frameCues) {
    const seen = new Set<unknown>();
    const rows = build("frame_cues", one);
    if (!rows) frameCues = null;
    else for (const c of rows) if (!seen.has(c.frameId)) (seen.add(c.frameId), frameCues.push(c));
  }
  if (mentions) {
    const rows = build("mentions", one);
    if (!rows) mentions = null;
    else for (const m of rows) mentions.push({ actorId: m.actorId });
  }
}
if (!spec("quotes")) quotes = null;

const found = findings({
  articles, voice, quotes, actors, frames, frame_cues: frameCues, tone_summary: toneSummary, mentions, fact_comparison: factComparison,
} as never) as { id: string; text: string; articleId?: string; sentenceId?: string }[];

// ---------------------------------------------------------------- the small multiples
const byOutlet = articles.length > GROUP_UP_TO;
let groups: Row[] = articles;
let groupOf = (articleId: unknown) => articleId as string;
if (byOutlet) {
  const outletName = (o: unknown) => (o ? String(o) : "(no outlet)");
  const counts = aq.from(articles).derive({ outlet: aq.escape((d: Row) => outletName(d.outlet)) }).groupby("outlet").rollup({ n: aq.op.count(), words: aq.op.sum("words") }).orderby(aq.desc("n"), "outlet");
  const top = (counts.objects() as Row[]).slice(0, GROUP_UP_TO);
  const rest = (counts.objects() as Row[]).slice(GROUP_UP_TO);
  const keep = new Set(top.map((o) => o.outlet));
  const outletById = new Map(articles.map((a) => [a.articleId, outletName(a.outlet)]));
  groupOf = (id) => {
    const o = outletById.get(id as string) ?? "";
    return keep.has(o) ? `outlet:${o}` : "outlet:*";
  };
  groups = top.map((o) => ({ articleId: `outlet:${o.outlet}`, title: `${o.outlet} (${o.n} articles)`, outlet: o.outlet as string, words: o.words }));
  if (rest.length) groups.push({ articleId: "outlet:*", title: `${rest.length} other outlets (${rest.reduce((n, o) => n + (o.n as number), 0)} articles)`, outlet: "", words: rest.reduce((n, o) => n + (o.words as number), 0) });
}
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const grouped = (rows: Row[] | null) => (rows ? aq.from(rows).derive({ _g: aq.escape((d: Row) => groupOf(d.articleId)) }) : null);

const voiceRows = !byOutlet || !voice ? voice : (grouped(voice)!
  .groupby("_g")
  .rollup({ words: aq.op.sum("words"), directWords: aq.op.sum("directWords"), indirectWords: aq.op.sum("indirectWords"), authorialWords: aq.op.sum("authorialWords"), quotesAvailable: aq.op.min("quotesAvailable") })
  .objects() as Row[]).map((d) => {
    const w = (d.words as number) || 1;
    return { articleId: d._g, quotesAvailable: Boolean(d.quotesAvailable), words: d.words, directWords: d.directWords, indirectWords: d.indirectWords, authorialWords: d.authorialWords,
      directShare: r4((d.directWords as number) / w), indirectShare: r4((d.indirectWords as number) / w), attributedShare: r4(((d.directWords as number) + (d.indirectWords as number)) / w), authorialShare: r4((d.authorialWords as number) / w) };
  });

const frameRows = !byOutlet || !frames ? frames : (grouped(frames)!
  .groupby("_g", "frameId")
  .rollup({ label_de: aq.op.any("label_de"), label_en: aq.op.any("label_en"), frameGroup: aq.op.any("group"), sentences: aq.op.sum("sentences"), sentenceCount: aq.op.sum("sentenceCount"), hits: aq.op.sum("hits"), weight: aq.op.sum("weight"), words: aq.op.sum("words") })
  .objects() as Row[]).map((d) => ({
    id: `${d._g}:${d.frameId}`, articleId: d._g, frameId: d.frameId, group: d.frameGroup, label_de: d.label_de, label_en: d.label_en,
    share: (d.sentenceCount as number) ? r4((d.sentences as number) / (d.sentenceCount as number)) : 0,
    density: (d.words as number) ? r4((1000 * (d.weight as number)) / (d.words as number)) : 0,
    sentences: d.sentences, sentenceCount: d.sentenceCount, hits: d.hits, weight: r4(d.weight as number), words: d.words,
  }));

const toneRows = !byOutlet || !toneSummary ? toneSummary : (grouped(toneSummary)!
  .groupby("_g", "voice")
  .rollup({ sentences: aq.op.sum("sentences"), words: aq.op.sum("words"), score: aq.op.sum("score") })
  .objects() as Row[]).map((d) => ({
    summaryId: `${d._g}:${d.voice}`, level: "article", articleId: d._g, key: d._g, voice: d.voice, sentences: d.sentences, words: d.words,
    score: r4(d.score as number), per100: (d.words as number) ? r4((100 * (d.score as number)) / (d.words as number)) : 0,
  }));

const prominenceRows = !byOutlet || !prominence ? prominence : (() => {
  const t = grouped(prominence)!
    .groupby("_g", "actorId")
    .rollup({ name: aq.op.any("name"), nameEn: aq.op.any("nameEn"), kind: aq.op.any("kind"), mentions: aq.op.sum("mentions"), quotes: aq.op.sum("quotes"), quotedWords: aq.op.sum("quotedWords") })
    .groupby("_g")
    .derive({ allMentions: aq.op.sum("mentions"), allQuoted: aq.op.sum("quotedWords") });
  // the most mentioned actors of each group (the chart shows the top few)
  return (t.params({ top: TOP_ACTORS }).orderby("_g", aq.desc("mentions"), "actorId").groupby("_g").filter((d: unknown, $: { top: number }) => aq.op.row_number() <= $.top).objects() as Row[]).map((d) => ({
    articleId: d._g, actorId: d.actorId, name: d.name, nameEn: d.nameEn, kind: d.kind, mentions: d.mentions,
    mentionShare: (d.allMentions as number) ? r4((d.mentions as number) / (d.allMentions as number)) : 0,
    quotes: d.quotes, quotedWords: d.quotedWords,
    quotedShare: (d.allQuoted as number) ? r4((d.quotedWords as number) / (d.allQuoted as number)) : 0,
  }));
})();

const sum = (k: string) => articles.reduce((n, a) => n + ((a[k] as number) ?? 0), 0);
const listColumns = ["articleId", "title", "outlet", "author", "date", "words", "sentences", "paragraphs"];
process.stdout.write(JSON.stringify({
  corpus: { articles: articles.length, words: sum("words"), sentences: sum("sentences"), outlets: new Set(articles.map((a) => a.outlet)).size },
  findings: found,
  groupedBy: byOutlet ? "outlet" : "article",
  groups,
  voice: voiceRows,
  frames: frameRows,
  tone_summary: toneRows,
  actor_prominence: prominenceRows,
  articleList: articles.slice(0, LIST_ROWS).map((a) => Object.fromEntries(listColumns.map((k) => [k, a[k]]))),
}));
