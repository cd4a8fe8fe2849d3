import * as aq from "arquero";
import { foldAll, type Row, type TableReduce, type TableSpec } from "../table.ts";
import type { AnalyzedArticle } from "../types.ts";
import { REGISTRY, type Actor, type ActorsResult } from "../stages/actors.ts";
import { sentenceId } from "./sentences.ts";
import { quotesTable } from "./quotes.ts";

const actorsOf = (a: AnalyzedArticle) => a.stages.actors as ActorsResult | undefined;

/** `articleId:m<index>`: mentions in text order per article. */
export const mentionId = (articleId: string, index: number) => `${articleId}:m${index}`;

interface QuoteSpeaker {
  speaker: string | null;
  speakerStart: number;
  speakerEnd: number;
  sentence: number;
}

/**
 * Speakers of the quote stage that no actor mention covers (`warnten andere`,
 * `ein Sprecher sagte`): the quote stage names them `x:<slug>`; they are
 * mentions of form "speaker", so that every speaker is an actor of the tables.
 */
/** The sentence holding an offset (a carried-over speaker may stand sentences before its quote); sentences are in text order. */
function sentenceAt(a: AnalyzedArticle, offset: number, fallback: number): number {
  const ss = a.doc.sentences;
  let lo = 0, hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ss.length && ss[lo].start <= offset ? ss[lo].index : fallback;
}

/**
 * Whether any mention overlaps [start, end): mentions sorted by start, looked
 * up from the first that can reach the span (a scan of every mention per
 * quote was quadratic in a long article).
 */
function overlapsAny(sorted: readonly { start: number; end: number }[], longest: number, start: number, end: number): boolean {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < start - longest) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < sorted.length && sorted[k].start < end; k++) if (start < sorted[k].end) return true;
  return false;
}

function speakerOnlyMentions(a: AnalyzedArticle, mentions: readonly { start: number; end: number }[]) {
  const sorted = [...mentions].sort((x, y) => x.start - y.start);
  const longest = sorted.reduce((n, m) => Math.max(n, m.end - m.start), 0);
  const quotes = ((a.stages.quotes as { quotes?: QuoteSpeaker[] } | undefined)?.quotes ?? []).filter(
    (q) => q.speaker?.startsWith("x:") && q.speakerStart >= 0 && !overlapsAny(sorted, longest, q.speakerStart, q.speakerEnd),
  );
  const seen = new Set<number>();
  return quotes
    .filter((q) => !seen.has(q.speakerStart) && seen.add(q.speakerStart))
    .map((q) => ({ actorId: q.speaker!, form: "speaker", start: q.speakerStart, end: q.speakerEnd, text: a.doc.text.slice(q.speakerStart, q.speakerEnd), sentence: sentenceAt(a, q.speakerStart, q.sentence) }));
}

function mentionRows(articles: AnalyzedArticle[]): Row[] {
  return articles.flatMap((a) => {
    const mentions = actorsOf(a)?.mentions ?? [];
    return [...mentions, ...speakerOnlyMentions(a, mentions)].map((m, i) => ({
      articleId: a.doc.meta.id,
      mentionId: mentionId(a.doc.meta.id, i),
      actorId: m.actorId,
      form: m.form,
      start: m.start,
      end: m.end,
      text: m.text,
      sentenceId: sentenceId(a.doc.meta.id, m.sentence),
    }));
  });
}

export const mentionsTable: TableSpec = {
  name: "mentions",
  key: ["mentionId"],
  columns: {
    articleId: "string", mentionId: "string", actorId: "string", form: "string", start: "integer",
    end: "integer", text: "string", sentenceId: "string"
  },
  description:
    "One row per actor mention: the actor id (registry id or x:<slug> for a discovered name), its form (name, role, pronoun, metonym, adjective, group), character offsets into the article text and the sentence.",
  build: ({ articles }) => mentionRows(articles),
};

/** The role shown for an actor: a discovered actor's own, else the registry's current (open-ended) role. */
function displayRole(a: Actor): string {
  if (a.role) return a.role;
  if (a.kind !== "person") return "";
  const current = a.roles.find((r) => !r.periods.length || r.periods.some((p) => !p.to));
  return (current ?? a.roles[0])?.phrase ?? "";
}

/**
 * Running counts per actor, folded chunk by chunk: a streaming writer keeps
 * one small record per actor instead of every mention row (a grouping over
 * all mention rows, as Arquero would do it, holds them all at once).
 */
const actorsReduce: TableReduce<ActorsState> = {
  init: (): ActorsState => ({ counts: new Map(), discovered: new Map(), speakerNames: new Map() }),
  add(state: ActorsState, articles: AnalyzedArticle[]) {
    for (const a of articles) for (const d of actorsOf(a)?.discovered ?? []) if (!state.discovered.has(d.id)) state.discovered.set(d.id, d);
    for (const r of mentionRows(articles)) {
      const id = String(r.actorId);
      if (r.form === "speaker" && !state.speakerNames.has(id)) state.speakerNames.set(id, String(r.text));
      let c = state.counts.get(id);
      if (!c) state.counts.set(id, (c = { actorId: id, mentions: 0, articles: 0, names: 0, roles: 0, pronouns: 0, metonyms: 0, adjectives: 0, groups: 0, lastArticle: undefined }));
      c.mentions++;
      // an article's mentions come together, so a new article is one not seen last
      if (c.lastArticle !== r.articleId) { c.articles++; c.lastArticle = String(r.articleId); }
      const field = FORM_COUNT[String(r.form)];
      if (field) c[field]++;
    }
  },
  finish(state: ActorsState) {
    // most mentions first, then by id (ids are unique: a total order)
    const counts = [...state.counts.values()].sort((x, y) => y.mentions - x.mentions || (x.actorId < y.actorId ? -1 : x.actorId > y.actorId ? 1 : 0));
    return actorRows(counts, state.discovered, state.speakerNames);
  },
};

export const actorsTable: TableSpec = {
  name: "actors",
  key: ["actorId"],
  columns: {
    actorId: "string", name: "string", nameEn: "string", kind: "string", qid: "string",
    discovered: "boolean", role: "string", mentions: "integer", articles: "integer", names: "integer",
    roles: "integer", pronouns: "integer", metonyms: "integer", adjectives: "integer", groups: "integer"
  },
  description:
    "One row per actor that appears in the corpus: names, kind, Wikidata QID, whether it was discovered in the text, its role, and how often and in how many articles it is mentioned, by form.",
  build: foldAll(actorsReduce),
  reduce: actorsReduce,
};

type FormCount = "names" | "roles" | "pronouns" | "metonyms" | "adjectives" | "groups";
const FORM_COUNT: Record<string, FormCount> = { name: "names", role: "roles", pronoun: "pronouns", metonym: "metonyms", adjective: "adjectives", group: "groups" };
type ActorCounts = { actorId: string; mentions: number; articles: number } & Record<FormCount, number>;
interface ActorsState {
  counts: Map<string, ActorCounts & { lastArticle: string | undefined }>;
  discovered: Map<string, Actor>;
  speakerNames: Map<string, string>;
}

function actorRows(counts: ActorCounts[], discovered: Map<string, Actor>, speakerNames: Map<string, string>): Row[] {
  return counts.map((c) => {
    const id = String(c.actorId);
    const a = REGISTRY.byId.get(id) ?? discovered.get(id);
    const spoken = a ? undefined : speakerNames.get(id);
    return {
      actorId: id,
      name: a?.nameDe ?? spoken ?? id,
      nameEn: a?.nameEn ?? spoken ?? id,
      kind: a?.kind ?? (spoken ? "source" : "person"),
      qid: a?.qid ?? "",
      discovered: !!a?.discovered || !!spoken,
      role: a ? displayRole(a) : "",
      mentions: c.mentions,
      articles: c.articles,
      names: c.names,
      roles: c.roles,
      pronouns: c.pronouns,
      metonyms: c.metonyms,
      adjectives: c.adjectives,
      groups: c.groups,
    };
  });
}

/**
 * "Talked about vs talking": per article, each actor's share of the actor mentions and share of the quoted
 * words (quotes whose speaker resolves to that actor). Quoted words whose
 * speaker is not an actor stay in the denominator.
 */
export const actorProminenceTable: TableSpec = {
  name: "actor_prominence",
  key: ["articleId", "actorId"],
  columns: {
    articleId: "string", actorId: "string", name: "string", nameEn: "string", kind: "string",
    mentions: "integer", mentionShare: "number", quotes: "integer", quotedWords: "integer",
    quotedShare: "number"
  },
  description:
    "Per article: each actor's mentions and share of all actor mentions, next to its quotes, quoted words and share of all quoted words — who is talked about vs who gets to talk.",
  build: (ctx) => {
    const mentions = mentionRows(ctx.articles);
    const known = new Set(mentions.map((m) => String(m.actorId)));
    for (const a of REGISTRY.actors) known.add(a.id);
    const quotes = quotesTable.build(ctx).map((q) => ({ articleId: q.articleId, actorId: known.has(String(q.speaker)) ? String(q.speaker) : "", words: Number(q.words) || 0 }));
    const keys = ["articleId", "actorId"];
    const perArticle = (): Row[] => {
      const m = mentions.length ? aq.from(mentions).groupby(...keys).rollup({ mentions: aq.op.count() }) : null;
      const q = quotes.length ? aq.from(quotes).groupby(...keys).rollup({ quotes: aq.op.count(), quotedWords: aq.op.sum("words") }) : null;
      if (!m && !q) return [];
      let t = m && q ? m.join_full(q, [keys, keys]) : (m ?? q)!;
      for (const c of ["mentions", "quotes", "quotedWords"]) if (!t.columnNames().includes(c)) t = t.derive({ [c]: () => 0 });
      t = t.derive({ mentions: (d: any) => d.mentions || 0, quotes: (d: any) => d.quotes || 0, quotedWords: (d: any) => d.quotedWords || 0 });
      return (t
        .groupby("articleId")
        .derive({
          mentionShare: (d: any) => (aq.op.sum(d.mentions) > 0 ? d.mentions / aq.op.sum(d.mentions) : 0),
          quotedShare: (d: any) => (aq.op.sum(d.quotedWords) > 0 ? d.quotedWords / aq.op.sum(d.quotedWords) : 0),
        })
        .ungroup()
        .filter((d: any) => d.actorId !== "")
        .orderby("articleId", aq.desc("mentions"), "actorId")
        .objects() as Row[]);
    };
    const discovered = new Map<string, Actor>();
    for (const a of ctx.articles) for (const d of actorsOf(a)?.discovered ?? []) if (!discovered.has(d.id)) discovered.set(d.id, d);
    const round = (x: unknown) => Math.round(Number(x) * 10000) / 10000;
    return perArticle().map((r) => {
      const a = REGISTRY.byId.get(String(r.actorId)) ?? discovered.get(String(r.actorId));
      return {
        articleId: r.articleId,
        actorId: r.actorId,
        name: a?.nameDe ?? String(r.actorId),
        nameEn: a?.nameEn ?? String(r.actorId),
        kind: a?.kind ?? "person",
        mentions: r.mentions,
        mentionShare: round(r.mentionShare),
        quotes: r.quotes,
        quotedWords: r.quotedWords,
        quotedShare: round(r.quotedShare),
      };
    });
  },
};
