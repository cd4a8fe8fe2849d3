import * as aq from "arquero";
import type { ToneResult } from "../stages/tone.ts";
import type { Row, TableSpec } from "../table.ts";
import { sentenceId } from "./sentences.ts";

const toneOf = (stages: Record<string, unknown>) => stages.tone as ToneResult | undefined;

export const toneTable: TableSpec = {
  name: "tone",
  key: ["sentenceId"],
  columns: {
    sentenceId: "string", articleId: "string", sentence: "integer", block: "integer",
    blockKind: "string", score: "number", authorialScore: "number", quotedScore: "number",
    words: "integer", authorialWords: "integer", quotedWords: "integer", hits: "integer",
    evidence: "string", text: "string"
  },
  description: "One row per sentence: tone score (sum of lexicon hits after negation and intensifiers), split into the author's own words and quoted speech.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      (toneOf(stages)?.sentences ?? []).map((s) => ({
        sentenceId: sentenceId(doc.meta.id, s.sentence),
        articleId: doc.meta.id,
        sentence: s.sentence,
        block: s.block,
        blockKind: doc.blocks[s.block]?.kind ?? "",
        score: s.score,
        authorialScore: s.authorialScore,
        quotedScore: s.quotedScore,
        words: s.words,
        authorialWords: s.authorialWords,
        quotedWords: s.quotedWords,
        hits: s.hits.length,
        evidence: s.hits.map((h) => `${h.form} ${h.weight > 0 ? "+" : ""}${h.weight}${h.modifiers ? ` (${h.modifiers})` : ""}`).join("; "),
        text: doc.text.slice(doc.sentences[s.sentence].start, doc.sentences[s.sentence].end),
      })),
    ),
};

export const toneHitsTable: TableSpec = {
  name: "tone_hits",
  key: ["hitId"],
  columns: {
    hitId: "string", articleId: "string", sentenceId: "string", start: "integer", end: "integer",
    form: "string", base: "number", weight: "number", source: "string", negated: "boolean",
    factor: "number", modifiers: "string", voice: "string"
  },
  description: "Every lexicon hit behind a tone score: the word's span, its lexicon weight, the negation/intensifier that acted on it, the weight after them, and whether it lies in quoted speech.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      (toneOf(stages)?.sentences ?? []).flatMap((s) =>
        s.hits.map((h, k) => ({
          hitId: `${sentenceId(doc.meta.id, s.sentence)}:t${k}`,
          articleId: doc.meta.id,
          sentenceId: sentenceId(doc.meta.id, s.sentence),
          start: h.start,
          end: h.end,
          form: h.form,
          base: h.base,
          weight: h.weight,
          source: h.source,
          negated: h.negated,
          factor: h.factor,
          modifiers: h.modifiers,
          voice: h.quoted ? "quoted" : "authorial",
        })),
      ),
    ),
};

interface ActorMention { actorId?: string; sentence?: number; start: number; end: number }

/**
 * Tone aggregated per article, per paragraph (block) and per actor (the
 * sentences that mention the actor), always split into authorial and quoted
 * words. `per100` is the summed score per 100 words of that voice.
 */
export const toneSummaryTable: TableSpec = {
  name: "tone_summary",
  key: ["summaryId"],
  columns: {
    summaryId: "string", level: "string", articleId: "string", key: "string", voice: "string",
    sentences: "integer", words: "integer", score: "number", per100: "number"
  },
  description: "Tone per article, per paragraph and per actor (sentences mentioning the actor), separately for the author's words and quoted speech: summed score, words, and score per 100 words.",
  build: ({ articles }) => {
    const parts: Row[] = [];
    const actorSentences: Row[] = [];
    for (const { doc, stages } of articles) {
      for (const s of toneOf(stages)?.sentences ?? []) {
        parts.push({ articleId: doc.meta.id, sentence: s.sentence, block: s.block, voice: "authorial", score: s.authorialScore, words: s.authorialWords });
        parts.push({ articleId: doc.meta.id, sentence: s.sentence, block: s.block, voice: "quoted", score: s.quotedScore, words: s.quotedWords });
      }
      const mentions = (stages.actors as { mentions?: ActorMention[] } | undefined)?.mentions ?? [];
      for (const m of mentions) {
        const sentence = typeof m.sentence === "number" ? m.sentence : doc.sentences.findIndex((s) => s.start <= m.start && m.start < s.end);
        if (m.actorId && sentence >= 0) actorSentences.push({ articleId: doc.meta.id, actorId: m.actorId, sentence });
      }
    }
    if (!parts.length) return [];
    const t = aq.from(parts).filter((d: any) => d.words > 0);
    const roll = {
      sentences: aq.op.count(),
      words: aq.op.sum("words"),
      score: aq.op.sum("score"),
    };
    const finish = (table: any, level: string, key: string): Row[] =>
      (table
        .derive({
          score: (d: any) => aq.op.round(d.score * 10000) / 10000,
          per100: (d: any) => (d.words > 0 ? aq.op.round((1000000 * d.score) / d.words) / 10000 : 0),
        })
        .objects() as Row[]).map((r) => ({
          level, articleId: r.articleId, key: String(r[key] ?? ""), voice: r.voice,
          sentences: r.sentences, words: r.words, score: r.score, per100: r.per100,
        }));
    const article = finish(t.groupby("articleId", "voice").rollup(roll), "article", "articleId");
    const paragraph = finish(t.groupby("articleId", "block", "voice").rollup(roll), "paragraph", "block");
    let actor: Row[] = [];
    if (actorSentences.length) {
      const as = aq.from(actorSentences).dedupe("articleId", "actorId", "sentence");
      // sorted: the join's row order depends on the other articles built with this one (the CLI builds a chunk at a time)
      actor = finish(as.join(t, [["articleId", "sentence"], ["articleId", "sentence"]], [aq.all(), aq.not("articleId", "sentence")]).groupby("articleId", "actorId", "voice").rollup(roll).orderby("articleId", "actorId", "voice"), "actor", "actorId");
    }
    return [...article, ...paragraph, ...actor].map((r) => ({ summaryId: `${r.level}:${r.articleId}:${r.key}:${r.voice}`, ...r }));
  },
};
