import * as aq from "arquero";
import { APPROX_TOLERANCE, PAIR_ALL_UP_TO, TOLERANCE } from "../facts/extract.ts";
import type { FactsResult } from "../stages/facts.ts";
import { foldAll, type Row, type TableReduce, type TableSpec } from "../table.ts";
import { sentenceId } from "./sentences.ts";

const factsOf = (stages: Record<string, unknown>) => (stages.facts as FactsResult | undefined)?.facts ?? [];

export const factsTable: TableSpec = {
  name: "facts",
  key: ["factId"],
  columns: {
    factId: "string", articleId: "string", sentenceId: "string", kind: "string", text: "string",
    start: "integer", end: "integer", value: ["number", "string"], unit: "string", approx: "boolean",
    approxWord: "string", noun: "string", nounStart: "integer", nounEnd: "integer", lemma: "string",
    nounMethod: "string", concept: "string"
  },
  description: "One row per figure: kind (duration, percent, money, date, year, count, number), normalised value and unit, approximation, and the noun it qualifies.",
  build: ({ articles }) =>
    articles.flatMap(({ doc, stages }) =>
      factsOf(stages).map((f, k) => ({
        factId: `${doc.meta.id}:f${k}`,
        articleId: doc.meta.id,
        sentenceId: sentenceId(doc.meta.id, f.sentence),
        kind: f.kind,
        text: f.text,
        start: f.start,
        end: f.end,
        value: f.value,
        unit: f.unit,
        approx: f.approx,
        approxWord: f.approxWord,
        noun: f.noun,
        nounStart: f.nounStart,
        nounEnd: f.nounEnd,
        lemma: f.lemma,
        nounMethod: f.nounMethod,
        concept: f.concept,
      })),
    ),
};

/**
 * Pairs of facts from different articles about the same thing: same kind,
 * same unit and same concept (noun group such as `talks`, or the same noun
 * stem). Numeric values agree within a relative tolerance (wider when either
 * is approximate); dates and years must be equal.
 *
 * Bounded: when at most `pairAllUpTo` articles (data/facts/facts.json) state a
 * figure about one thing, every pair of their figures is compared (`basis`
 * "pair") — unless the group holds more than `pairAllUpTo`² figures (an
 * article repeating one figure thousands of times); when more articles do, or
 * in that case, each figure is compared with the group's median figure
 * (`basis` "median": the middle one by value, then by id), so a corpus of n
 * articles gives O(figures) rows, not O(n²).
 */
/** fact_comparison folded chunk by chunk: only each article's comparable figures are kept (a few fields each), not the articles. */
const factComparisonReduce: TableReduce<Row[]> = {
  init: () => [],
  add(state, articles) {
    for (const f of comparableFacts(factsTable.build({ articles, problems: [] }))) state.push(f);
  },
  finish: (state) => compareFacts(state),
};

export const factComparisonTable: TableSpec = {
  name: "fact_comparison",
  key: ["pairId"],
  columns: {
    pairId: "string", kind: "string", unit: "string", concept: "string", articleA: "string",
    factA: "string", textA: "string", nounA: "string", valueA: ["number", "string"], approxA: "boolean",
    startA: "integer", endA: "integer", articleB: "string", factB: "string", textB: "string",
    nounB: "string", valueB: ["number", "string"], approxB: "boolean", startB: "integer",
    endB: "integer", diff: "number?", relDiff: "number?", agree: "boolean", status: "string",
    basis: "string"
  },
  description: "Pairs of figures from different articles about the same thing (same kind, unit and noun concept), with agree/disagree and the difference; in large groups each figure against the group's median figure.",
  build: foldAll(factComparisonReduce),
  reduce: factComparisonReduce,
};

/** The figures that can be compared across articles, with only the fields the comparison reads. */
function comparableFacts(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const f of rows) {
    if (f.concept === "" || f.kind === "number") continue;
    out.push({ factId: f.factId, articleId: f.articleId, kind: f.kind, unit: f.unit, concept: f.concept, value: f.value, approx: f.approx, text: f.text, noun: f.noun, start: f.start, end: f.end });
  }
  return out;
}

function compareFacts(facts: Row[]): Row[] {
    if (!facts.length) return [];
    const all = aq
      .from(facts)
      .derive({ key: (d: any) => d.kind + "|" + d.unit + "|" + d.concept })
      .select("factId", "articleId", "key", "kind", "unit", "concept", "value", "approx", "text", "noun", "start", "end");
    // the pairs come from a self-join of the group (n² rows before the filter): a group of more than
    // pairAllUpTo² figures (one article repeating a figure thousands of times) is compared with its median
    const sizes = all
      .groupby("key")
      .rollup({ nArticles: aq.op.distinct("articleId"), nFacts: aq.op.count() })
      .derive({ pairwise: aq.escape((d: any) => d.nArticles <= PAIR_ALL_UP_TO && d.nFacts <= PAIR_ALL_UP_TO * PAIR_ALL_UP_TO) })
      .select("key", "nArticles", "pairwise");
    // a figure stated by one article only has nothing to be compared with
    const t = all.join(sizes.filter((d: any) => d.nArticles > 1), "key");
    const cols = [aq.all(), aq.not("key", "kind", "unit", "concept", "nArticles", "pairwise")];
    // small groups: every pair of figures in two different articles
    const small = t.filter((d: any) => d.pairwise);
    const pairs = (small
      .join(small, ["key", "key"], cols as any, { suffix: ["_a", "_b"] })
      .filter((d: any) => d.articleId_a < d.articleId_b)
      .objects() as Row[]).map((p): Row => ({ ...p, basis: "pair" }));
    // large groups: each figure against the median figure of its group
    const large = t.filter((d: any) => !d.pairwise);
    if (large.numRows()) {
      const median = large
        .groupby("key")
        .orderby("value", "factId")
        .derive({ rank: aq.op.row_number(), n: aq.op.count() })
        .filter((d: any) => d.rank === Math.floor((d.n + 1) / 2))
        .select(aq.not("rank", "n", "nArticles", "pairwise"))
        .rename({ factId: "refId", articleId: "refArticle", value: "refValue", approx: "refApprox", text: "refText", noun: "refNoun", start: "refStart", end: "refEnd" })
        .select("key", "refId", "refArticle", "refValue", "refApprox", "refText", "refNoun", "refStart", "refEnd");
      const vsMedian = large
        .join(median, "key")
        .filter((d: any) => d.articleId !== d.refArticle)
        .objects() as Row[];
      for (const d of vsMedian) {
        const ref = { factId: d.refId, articleId: d.refArticle, value: d.refValue, approx: d.refApprox, text: d.refText, noun: d.refNoun, start: d.refStart, end: d.refEnd };
        const own = { factId: d.factId, articleId: d.articleId, value: d.value, approx: d.approx, text: d.text, noun: d.noun, start: d.start, end: d.end };
        const [a, b] = (own.articleId as string) < (ref.articleId as string) ? [own, ref] : [ref, own];
        const p: Row = { kind: d.kind, unit: d.unit, concept: d.concept, basis: "median" };
        for (const [k, v] of Object.entries(a)) p[`${k}_a`] = v;
        for (const [k, v] of Object.entries(b)) p[`${k}_b`] = v;
        pairs.push(p);
      }
    }
    return pairs.map((p) => {
      const a = p.value_a, b = p.value_b;
      let agree: boolean, diff: number | null = null, relDiff: number | null = null;
      if (typeof a === "number" && typeof b === "number") {
        diff = Math.round((b - a) * 1000) / 1000;
        relDiff = Math.max(Math.abs(a), Math.abs(b)) ? Math.round((Math.abs(b - a) / Math.max(Math.abs(a), Math.abs(b))) * 10000) / 10000 : 0;
        agree = relDiff <= (p.approx_a || p.approx_b ? APPROX_TOLERANCE : TOLERANCE);
      } else agree = a === b;
      return {
        pairId: `${p.factId_a}~${p.factId_b}`,
        kind: p.kind, unit: p.unit, concept: p.concept,
        articleA: p.articleId_a, factA: p.factId_a, textA: p.text_a, nounA: p.noun_a, valueA: a, approxA: p.approx_a, startA: p.start_a, endA: p.end_a,
        articleB: p.articleId_b, factB: p.factId_b, textB: p.text_b, nounB: p.noun_b, valueB: b, approxB: p.approx_b, startB: p.start_b, endB: p.end_b,
        diff, relDiff, agree, status: agree ? "agree" : "disagree", basis: p.basis,
      } as Row;
    });
}
