/**
 * npx tsx scripts/train-quote-model.ts [<train-dir>] [--out data-loaders/data/quote-model.json]
 *
 * Trains the quote stage's sentence model (an averaged multiclass perceptron,
 * `data-loaders/quotes/model.ts`) on the TRAIN split of the German news
 * quotation attribution dataset (Petersen-Frey & Biemann 2024; default
 * ../shared/corpora/wikinews-quotes/train). Hyperparameters (epochs, margin
 * threshold, feature count cut-off) are chosen by 5-fold cross-validation on
 * train with the dataset's own metric (out-of-fold Messages and Joint F1);
 * the dev split is never read. Writes a compact weights file with its source
 * and licence.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type EvalGroup, evaluate, ROLES } from "../data-loaders/eval/quote-metrics.ts";
import { extractQuotes } from "../data-loaders/quotes/extract.ts";
import { BUCKETS, CLASSES, featureBucket, type QuoteModel, tableFrom } from "../data-loaders/quotes/model.ts";
import { PROJECT_ROOT } from "../data-loaders/pipeline.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import type { Doc } from "../data-loaders/types.ts";
import { quoteToGroup } from "./eval-quotes.ts";

interface GoldToken { id: number; charBegin: number; charEnd: number; text: string }
interface GoldRole { tokenIds: number[] }
interface GoldAnnotation { type: string; medium: string; quote: GoldRole; [role: string]: unknown }
interface GoldDoc { originalText: string; tokens: GoldToken[]; annotations: GoldAnnotation[] }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string" } } });
const trainDir = resolve(positionals[0] ?? join(PROJECT_ROOT, "..", "shared", "corpora", "wikinews-quotes", "train"));
const outFile = resolve(values.out ?? join(PROJECT_ROOT, "data-loaders", "data", "quote-model.json"));

interface Example { feats: number[]; y: number; text?: string }
interface DocData { doc: Doc; tokens: GoldToken[]; gold: EvalGroup[]; examples: Example[] }

const LABEL: Record<string, number> = { Reported: 1, FreeIndirect: 2, Indirect: 3, IndirectFreeIndirect: 3 };

function tokensIn(tokens: GoldToken[], a: number, b: number): number[] {
  const out: number[] = [];
  for (const t of tokens) if (t.charBegin < b && t.charEnd > a) out.push(t.id);
  return out;
}

// ---- load, run the rules, label the sentences the model is asked about
const files = readdirSync(trainDir).filter((f) => f.endsWith(".json")).sort();
const data: DocData[] = [];
for (const f of files) {
  const g = JSON.parse(readFileSync(join(trainDir, f), "utf8")) as GoldDoc;
  const tokens = [...g.tokens].sort((a, b) => a.charBegin - b.charBegin);
  const doc = docFromText(g.originalText, f);
  const gold: EvalGroup[] = g.annotations.map((a) => ({
    type: a.type, medium: a.medium, quote: a.quote.tokenIds,
    roles: Object.fromEntries(ROLES.map((r) => [r, ((a[r] as GoldRole | undefined)?.tokenIds ?? []) as number[]])),
  }));
  const asked: { s: number; feats: number[]; rule: string }[] = [];
  const { quotes } = extractQuotes(doc, null, { model: null, collect: (s, feats, rule) => asked.push({ s, feats, rule }) });
  // token ids covered by the rules' quotes in other sentences (a gold quote already found there is no label here)
  const ruleIds = new Map<number, number>();
  for (const q of quotes) for (const id of tokensIn(tokens, q.start, q.end)) ruleIds.set(id, q.sentence);
  const examples: Example[] = [];
  for (const { s, feats, rule } of asked) {
    const sent = doc.sentences[s];
    const ids = new Set(tokensIn(tokens, sent.start, sent.end));
    let y = 0, best = 0;
    for (const a of gold) {
      if (a.type === "Direct") continue;
      let ov = 0;
      for (const id of a.quote) if (ids.has(id)) ov++;
      if (ov <= best) continue;
      if (rule === "" || rule === "Reported") {
        if (ov / Math.max(1, ids.size) < 0.5) continue;
        if (a.quote.some((id) => ruleIds.has(id) && ruleIds.get(id) !== s)) continue;
      }
      best = ov;
      y = LABEL[a.type as string] ?? 0;
    }
    examples.push({ feats, y, text: doc.text.slice(sent.start, sent.end) });
  }
  data.push({ doc, tokens, gold, examples });
}
const all = data.flatMap((d) => d.examples);
const dist = [0, 0, 0, 0];
for (const e of all) dist[e.y]++;
console.log(`${files.length} documents, ${all.length} sentences asked; labels ${CLASSES.map((c, i) => `${c} ${dist[i]}`).join(", ")}`);

// ---- averaged multiclass perceptron
function rng(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function train(examples: Example[], epochs: number, minCount: number): Map<number, Float64Array> {
  const count = new Map<number, number>();
  for (const e of examples) for (const f of new Set(e.feats)) count.set(f, (count.get(f) ?? 0) + 1);
  const w = new Map<number, Float64Array>(), acc = new Map<number, Float64Array>(), stamp = new Map<number, Float64Array>();
  const vec = (m: Map<number, Float64Array>, f: number) => {
    let v = m.get(f);
    if (!v) m.set(f, (v = new Float64Array(4)));
    return v;
  };
  let c = 1;
  const order = examples.map((_, i) => i);
  const r = rng(7);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const e = examples[i];
      const feats = e.feats.filter((f) => (count.get(f) ?? 0) >= minCount);
      const s = [0, 0, 0, 0];
      for (const f of feats) {
        const v = w.get(f);
        if (v) for (let k = 0; k < 4; k++) s[k] += v[k];
      }
      let p = 0;
      for (let k = 1; k < 4; k++) if (s[k] > s[p]) p = k;
      if (p !== e.y) {
        for (const f of feats) {
          const v = vec(w, f), a = vec(acc, f), st = vec(stamp, f);
          // lazy averaging: acc += w * (c - stamp) before changing w
          for (const k of [e.y, p]) {
            a[k] += v[k] * (c - st[k]);
            st[k] = c;
          }
          v[e.y] += 1;
          v[p] -= 1;
        }
      }
      c++;
    }
  }
  const avg = new Map<number, Float64Array>();
  for (const [f, v] of w) {
    const a = acc.get(f)!, st = stamp.get(f)!;
    const out = new Float64Array(4);
    let nz = false;
    for (let k = 0; k < 4; k++) {
      out[k] = (a[k] + v[k] * (c - st[k])) / c;
      if (Math.abs(out[k]) > 1e-4) nz = true;
    }
    if (nz) avg.set(f, out);
  }
  return avg;
}

/** Multinomial logistic regression by SGD with L2 (weights as log-odds; the margin is s[best] - s[O]). */
function trainLR(examples: Example[], epochs: number, minCount: number, l2 = +(process.env.L2 ?? 1e-3), rate = 0.2): Map<number, Float64Array> {
  const count = new Map<number, number>();
  for (const e of examples) for (const f of new Set(e.feats)) count.set(f, (count.get(f) ?? 0) + 1);
  const w = new Map<number, Float64Array>();
  const order = examples.map((_, i) => i);
  const r = rng(7);
  const n = examples.length;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const eta = rate / (1 + ep);
    for (const i of order) {
      const e = examples[i];
      const vs: Float64Array[] = [];
      for (const f of e.feats) {
        if ((count.get(f) ?? 0) < minCount) continue;
        let v = w.get(f);
        if (!v) w.set(f, (v = new Float64Array(4)));
        vs.push(v);
      }
      const s = [0, 0, 0, 0];
      for (const v of vs) for (let k = 0; k < 4; k++) s[k] += v[k];
      const mx = Math.max(...s);
      const ex = s.map((x) => Math.exp(x - mx));
      const z = ex.reduce((a, b) => a + b, 0);
      for (let k = 0; k < 4; k++) {
        const g = ex[k] / z - (k === e.y ? 1 : 0);
        for (const v of vs) v[k] -= eta * (g + l2 * v[k]);
      }
    }
  }
  return w;
}
const LEARNER = process.env.LEARNER ?? "lr";
const PRUNE = +(process.env.PRUNE ?? 0.08);
/** train, then leave out features whose weights are all near zero (a compact file) */
function fit(ex: Example[], epochs: number, minCount: number): Map<number, Float64Array> {
  const w = LEARNER === "lr" ? trainLR(ex, epochs, minCount) : train(ex, epochs, minCount);
  for (const [f, v] of w) if (Math.max(...[...v].map(Math.abs)) < PRUNE) w.delete(f);
  return w;
}

function score(docs: DocData[], model: QuoteModel | null) {
  return evaluate(docs.map((d) => ({ sys: extractQuotes(d.doc, null, { model }).quotes.map((q) => quoteToGroup(q, d.tokens)), gold: d.gold })));
}

// ---- diagnostic: out-of-fold margins (best speech class minus O) against the labels
if (process.env.DIAG) {
  const ep = +(process.env.EPOCHS ?? 10), mc = +(process.env.MINC ?? 2);
  const rows: { m: number; y: number; p: number; rule: boolean; text?: string }[] = [];
  for (let k = 0; k < 5; k++) {
    const w = fit(data.filter((_, i) => i % 5 !== k).flatMap((d) => d.examples), ep, mc);
    data.forEach((d, i) => {
      if (i % 5 !== k) return;
      for (const e of d.examples) {
        const s = [0, 0, 0, 0];
        for (const f of e.feats) { const v = w.get(f); if (v) for (let c = 0; c < 4; c++) s[c] += v[c]; }
        let b = 1;
        for (let c = 2; c < 4; c++) if (s[c] > s[b]) b = c;
        rows.push({ m: s[b] - s[0], y: e.y, p: b, rule: e.feats.includes(featureBucket("rule", "Reported")), text: e.text });
      }
    });
  }
  rows.sort((a, b) => b.m - a.m);
  let tp = 0, tpc = 0, n = 0;
  const pos = rows.filter((r) => r.y > 0).length;
  for (const r of rows) {
    n++;
    if (r.y > 0) tp++;
    if (r.y === r.p) tpc++;
    if (n % 50 === 0 || n === 25) console.log(`top ${n}: margin ${r.m.toFixed(3)} precision ${(tp / n).toFixed(3)} (class right ${(tpc / n).toFixed(3)}) recall ${(tp / pos).toFixed(3)}`);
    if (n > 700) break;
  }
  if (process.env.SHOW) for (const r of rows.slice(0, +process.env.SHOW)) console.log(`${r.y} ${r.p} ${r.rule ? 'R' : ' '} ${r.m.toFixed(1)} ${r.text}`);
  const ruleRows = rows.filter((r) => r.rule);
  console.log(`rule Reported sentences ${ruleRows.length}, labelled speech ${ruleRows.filter((r) => r.y > 0).length}`);
  process.exit(0);
}

// ---- 5-fold cross-validation on train
const FOLDS = 5;
const fold = (i: number) => i % FOLDS;
const base = score(data, null);
console.log(`rules only (train):  Messages F1 ${base.messages.f1.toFixed(4)}  Joint F1 ${base.joint.f1.toFixed(4)}`);
const grid: { epochs: number; minCount: number; threshold: number; veto: number; vetoOther: number; m: number; j: number }[] = [];
const THRESHOLDS = (process.env.THRESHOLDS ?? "0,0.5,1,1.5,2,3,1e9").split(",").map(Number);
const VETOS = (process.env.VETOS ?? "-1e9").split(",").map(Number);
const VETOS_OTHER = (process.env.VETOS_OTHER ?? "-1e9,-3,-2,-1").split(",").map(Number);
for (const epochs of (process.env.EPOCHS_GRID ?? "5,10").split(",").map(Number)) {
  for (const minCount of (process.env.MINC_GRID ?? "2").split(",").map(Number)) {
    const models: Map<number, Float64Array>[] = [];
    for (let k = 0; k < FOLDS; k++) models.push(fit(data.filter((_, i) => fold(i) !== k).flatMap((d) => d.examples), epochs, minCount));
    const tables = models.map((m) => tableFrom(m));
    for (const threshold of THRESHOLDS) for (const veto of VETOS) for (const vetoOther of VETOS_OTHER) {
      const docs: { sys: EvalGroup[]; gold: EvalGroup[] }[] = [];
      data.forEach((d, i) => {
        const model: QuoteModel = { table: tables[fold(i)], threshold, veto, vetoOther };
        docs.push({ sys: extractQuotes(d.doc, null, { model }).quotes.map((q) => quoteToGroup(q, d.tokens)), gold: d.gold });
      });
      const s = evaluate(docs);
      grid.push({ epochs, minCount, threshold, veto, vetoOther, m: s.messages.f1, j: s.joint.f1 });
      console.log(`cv epochs ${epochs} min ${minCount} threshold ${threshold} veto ${veto} vetoOther ${vetoOther}: Messages F1 ${s.messages.f1.toFixed(4)}  Joint F1 ${s.joint.f1.toFixed(4)}  Reported F1 ${s.byType.Reported.f1.toFixed(3)}`);
    }
  }
}
// the choice: best Messages F1 among settings that keep Joint at least at the rules-only level
const ok = grid.filter((g) => g.j >= base.joint.f1 - 0.002);
const pool = ok.length ? ok : grid;
const score_ = (g: (typeof grid)[number]) => g.m + 0.5 * g.j;
const top = Math.max(...pool.map(score_));
// among settings within 0.001 of the best (cross-validation noise), the most conservative: the highest threshold, then fewer epochs
const best = pool.filter((g) => score_(g) >= top - 0.001).sort((a, b) => b.threshold - a.threshold || a.epochs - b.epochs)[0];
console.log(`chosen: epochs ${best.epochs}, min count ${best.minCount}, threshold ${best.threshold}, veto ${best.veto}, vetoOther ${best.vetoOther} (cv Messages ${best.m.toFixed(4)}, Joint ${best.j.toFixed(4)})`);

// ---- final model on all of train
const weights = fit(all, best.epochs, best.minCount);
const round = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;
const out: Record<string, number[]> = {};
for (const [f, v] of [...weights].sort((a, b) => a[0] - b[0])) {
  const r = [...v].map(round);
  if (r.some((x) => x !== 0)) out[f] = r;
}
const file = {
  source:
    "Trained by scripts/train-quote-model.ts on the train split (700 documents) of the German news quotation attribution dataset " +
    "(Petersen-Frey & Biemann, LREC-COLING 2024; Wikinews articles), hyperparameters by 5-fold cross-validation on train; the dev split was not used.",
  licence: "CC BY-NC-SA 4.0 (a derived work of the dataset, which is CC BY-NC-SA 4.0)",
  model: `${LEARNER === "lr" ? "multinomial logistic regression (SGD, L2)" : "averaged multiclass perceptron"} over sentence features (data-loaders/quotes/model.ts)`,
  cv: { learner: LEARNER, epochs: best.epochs, minCount: best.minCount, threshold: best.threshold, veto: best.veto, messagesF1: round4(best.m), jointF1: round4(best.j), rulesOnlyMessagesF1: round4(base.messages.f1), rulesOnlyJointF1: round4(base.joint.f1) },
  threshold: best.threshold,
  veto: best.veto,
  vetoOther: best.vetoOther,
  buckets: BUCKETS,
  features: "feature strings hashed into `buckets` buckets (FNV-1a of prefix:value, see featureIndex); weights per bucket, one per class",
  classes: [...CLASSES],
  weights: out,
};
writeFileSync(outFile, JSON.stringify(file) + "\n");
console.log(`wrote ${outFile}: ${Object.keys(out).length} features`);
