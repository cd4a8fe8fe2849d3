/**
 * Accuracy of the framelens tone scorer and of @nlpjs/lang-de's own scorer on
 * the hand-labelled sentences in tests/fixtures/tone-sentences.json.
 * Writes src/data/tone-eval.json (read by the Methods page) and prints a summary.
 *
 *   npm run eval:tone [-- --out path.json]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import set from "../tests/fixtures/tone-sentences.json" with { type: "json" };
import { PROJECT_ROOT } from "../data-loaders/pipeline.ts";
import { scoreWithFramelens, scoreWithNlpjs, type Scored } from "../data-loaders/tone/compare.ts";
import { NEUTRAL_BAND, vote } from "../data-loaders/tone/score.ts";

export function evaluateTone() {
  const texts = set.sentences.map((s) => s.text);
  const ours = scoreWithFramelens(texts);
  const nlpjs = scoreWithNlpjs(texts);
  // nlpjs votes neutral only at exactly 0; also score it with our neutral band, to be fair to it
  const nlpjsBand: Scored[] = nlpjs.map((r) => ({ score: r.score, vote: vote(r.score) }));
  const acc = (pred: Scored[]) => Math.round((1000 * pred.filter((p, i) => p.vote === set.sentences[i].label).length) / texts.length) / 1000;
  const byFocus = new Map<string, { n: number; ours: number; nlpjs: number }>();
  set.sentences.forEach((s, i) => {
    const key = s.focus.replace(/ \(.*\)$/, "");
    const f = byFocus.get(key) ?? { n: 0, ours: 0, nlpjs: 0 };
    f.n++;
    f.ours += +(ours[i].vote === s.label);
    f.nlpjs += +(nlpjs[i].vote === s.label);
    byFocus.set(key, f);
  });
  return {
    dataset: "tests/fixtures/tone-sentences.json",
    sentences: texts.length,
    labels: Object.fromEntries(["positive", "negative", "neutral"].map((l) => [l, set.sentences.filter((s) => s.label === l).length])),
    neutralBand: NEUTRAL_BAND,
    accuracy: { framelens: acc(ours), nlpjs: acc(nlpjs), nlpjsWithNeutralBand: acc(nlpjsBand) },
    byFocus: [...byFocus].map(([focus, f]) => ({ focus, sentences: f.n, framelens: f.ours / f.n, nlpjs: f.nlpjs / f.n })),
    errors: set.sentences
      .map((s, i) => ({ text: s.text, label: s.label, framelens: ours[i].vote, framelensScore: ours[i].score, nlpjs: nlpjs[i].vote, nlpjsScore: Math.round(nlpjs[i].score * 10000) / 10000 }))
      .filter((r) => r.framelens !== r.label || r.nlpjs !== r.label),
    note: "Labels were written before either scorer ran; the same engineers wrote the political lexicon, so this is a sanity check, not an independent benchmark.",
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain) {
  const i = process.argv.indexOf("--out");
  const out = i > 0 ? process.argv[i + 1] : join(PROJECT_ROOT, "src", "data", "tone-eval.json");
  const r = evaluateTone();
  writeFileSync(out, JSON.stringify(r, null, 2) + "\n");
  console.log(`tone eval: ${r.sentences} sentences; accuracy framelens ${r.accuracy.framelens}, nlpjs ${r.accuracy.nlpjs} (with neutral band ${r.accuracy.nlpjsWithNeutralBand}) → ${out}`);
}
