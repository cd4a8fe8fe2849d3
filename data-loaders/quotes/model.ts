/**
 * A small learned component: an averaged multiclass perceptron over cheap
 * sentence features that decides, for a sentence the rules left without speech
 * (or gave only a rule-based Reported reading), whether it is Reported speech,
 * free indirect speech or indirect speech the rules missed. Weights are trained
 * by `scripts/train-quote-model.ts` on the train split of the German news
 * quotation attribution dataset and read here from `data/quote-model.json`.
 */
import type ModelFile from "../data/quote-model.json";
import { readJsonData } from "../data-file.ts";
const modelFile = readJsonData<typeof ModelFile>("data/quote-model.json");
import { type Cue, findReported } from "./attribution.ts";
import { hasReportiveModal, konjunktivLevel } from "./konjunktiv.ts";
import { PRONOUNS, STOP_NP } from "./lexicon.ts";
import { formOfTok, type Tok } from "./tokens.ts";

/** the classes, in weight-vector order; 0 = no speech */
export const CLASSES = ["O", "Reported", "FreeIndirect", "Indirect"] as const;
export type ModelClass = (typeof CLASSES)[number];

/** features are hashed into this many buckets (FNV-1a of prefix and value), four class weights each */
export const BUCKETS = 1 << 15;

export interface QuoteModel {
  /** BUCKETS × 4 class weights */
  table: Float32Array;
  /** emit when the best speech class beats "O" by more than this margin */
  threshold: number;
  /** drop a rule-based Reported reading when the margin is below this */
  veto: number;
  /** drop the rules' other (non-direct) readings of a sentence when the margin is below this */
  vetoOther: number;
}

/** FNV-1a seed of a feature prefix (`w:`) */
function seed(p: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 16777619);
  return Math.imul(h ^ 58, 16777619);
}
/** the feature prefixes */
const P = Object.fromEntries(["W", "bias", "blk", "capsBefore", "commas", "cue", "cuec", "cuek", "end", "f0", "f01", "head", "headSuf", "konj1", "konj2", "len", "marks", "next", "nocue", "pos", "prev", "prev_konj", "rep", "reportive", "rule", "rule_v1", "subj", "v1", "v1_f0", "v1n", "v1pos", "vl", "w"].map((n) => [n, seed(n)])) as Record<"W" | "bias" | "blk" | "capsBefore" | "commas" | "cue" | "cuec" | "cuek" | "end" | "f0" | "f01" | "head" | "headSuf" | "konj1" | "konj2" | "len" | "marks" | "next" | "nocue" | "pos" | "prev" | "prev_konj" | "rep" | "reportive" | "rule" | "rule_v1" | "subj" | "v1" | "v1_f0" | "v1n" | "v1pos" | "vl" | "w", number>;

/** What the rules said about a sentence and its neighbours (the model's context). */
export interface SentenceContext {
  /** index of the sentence within its paragraph */
  inBlock: number;
  /** index of the paragraph */
  block: number;
  /** type of the rules' quote in the sentence before / after in the same paragraph ("" when none) */
  prev: string;
  next: string;
  /** the type of the rules' quote in this sentence ("" when none) */
  ruleType: string;
  /** every quotation in the sentence is a name or title (`den Namen „Cassini“`, `„Beast“-Limousine`) */
  namesOnly?: boolean;
  /** the rules' reported-speech verb of the sentence, when they looked for it (saves a pass) */
  reported?: { lemma: string } | null;
}

/** the buckets of the features with a fixed value */
const F_BIAS = featureIndex(P.bias, ""), F_SUBJ = featureIndex(P.subj, "pron"), F_KONJ1 = featureIndex(P.konj1, "");
const F_KONJ2 = featureIndex(P.konj2, ""), F_REPORTIVE = featureIndex(P.reportive, ""), F_NOCUE = featureIndex(P.nocue, "");

const NUM = ["0", "1", "2", "3", "4", "5"];
const lenBucket = (n: number) => (n < 6 ? "xs" : n < 12 ? "s" : n < 20 ? "m" : n < 32 ? "l" : "xl");

/** The features of one sentence, appended to `out` as bucket numbers in a fixed order (linear in its tokens). */
export function emitFeatures(toks: Tok[], cues: readonly Cue[], ctx: SentenceContext, out: number[]): void {
  out.push(F_BIAS);
  let words = 0, marked = 0, commas = 0;
  let firstLower = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.mark >= 0) {
      if (t.word) marked++;
      continue;
    }
    if (t.text === ",") commas++;
    if (!t.word) continue;
    words++;
    // lower-case words (capitalised nouns were tried: no gain in cross-validation)
    if (!t.upper || i === 0) {
      out.push(wordBucket(t));
      if (firstLower < 0 && i > 0 && !t.upper) firstLower = i;
    }
  }
  out.push(featureIndex(P.len, lenBucket(words)));
  if (marked > 0) out.push(featureIndex(P.marks, ctx.namesOnly ? "names" : marked >= words ? "most" : "some"));
  out.push(featureIndex(P.commas, NUM[Math.min(commas, 3)]));
  const last = toks[toks.length - 1];
  if (last && !last.word) out.push(featureIndex(P.end, last.text));
  // the subject: sentence-initial token(s) and the first lower-case word (mostly the finite verb in V2)
  const t0 = toks[0];
  out.push(featureIndex(P.f0, t0.low));
  if (PRONOUNS.has(t0.text)) out.push(F_SUBJ);
  if (toks.length > 1) out.push(index3(P.f01, t0.low, toks[1].low));
  if (firstLower > 0) {
    out.push(featureIndex(P.v1, toks[firstLower].low));
    out.push(featureIndex(P.v1pos, NUM[Math.min(firstLower, 5)]));
    // two capitalised words before the verb: a name (`Hans Müller`, `Die Polizei`)
    let caps = 0;
    for (let i = 0; i < firstLower; i++) if (toks[i].upper && !STOP_NP.has(toks[i].low)) caps++;
    out.push(featureIndex(P.capsBefore, NUM[Math.min(caps, 3)]));
    out.push(index3(P.v1_f0, toks[firstLower].low, t0.upper && !STOP_NP.has(t0.low) ? "N" : t0.low));
    // the verb's frame (`sprach von`, `forderte eine`) and the head of the phrase before it (`Polizei`, `Sprecher`)
    const nx = toks[firstLower + 1];
    if (nx && nx.mark < 0) out.push(index3(P.v1n, toks[firstLower].low, nx.low));
    let h = firstLower - 1;
    while (h >= 0 && !(toks[h].upper && toks[h].word && toks[h].mark < 0)) h--;
    if (h >= 0) {
      out.push(featureIndex(P.head, toks[h].low));
      const hl = toks[h].low;
      out.push(featureIndex(P.headSuf, hl.length > 4 ? hl.slice(-3) : hl));
    }
  }
  // the last word (a participle or separated particle at the clause end: `gefordert`, `an`, `aus`)
  let lw = toks.length - 1;
  while (lw > 0 && (!toks[lw].word || toks[lw].mark >= 0)) lw--;
  if (lw > 0 && !toks[lw].upper) out.push(featureIndex(P.vl, toks[lw].low));
  const kl = konjunktivLevel(toks, 0, toks.length);
  const konj1 = kl === 1;
  if (konj1) out.push(F_KONJ1);
  else if (kl === 2) out.push(F_KONJ2);
  if (hasReportiveModal(toks, 0, toks.length)) out.push(F_REPORTIVE);
  for (const c of cues) {
    out.push(featureIndex(P.cue, c.lemma));
    out.push(featureIndex(P.cuek, c.kind + (c.sa >= 0 ? "+sp" : "") + (c.passive ? "+pass" : "")));
    out.push(featureIndex(P.cuec, c.cls));
  }
  if (cues.length === 0) out.push(F_NOCUE);
  const r = ctx.reported !== undefined ? ctx.reported : findReported(toks);
  if (r) out.push(featureIndex(P.rep, r.lemma));
  out.push(featureIndex(P.rule, ctx.ruleType));
  out.push(featureIndex(P.pos, NUM[Math.min(ctx.inBlock, 3)]));
  out.push(featureIndex(P.blk, NUM[Math.min(ctx.block, 4)]));
  out.push(featureIndex(P.prev, ctx.prev));
  out.push(featureIndex(P.next, ctx.next));
  out.push(index3(P.rule_v1, ctx.ruleType, firstLower > 0 ? toks[firstLower].low : ""));
  out.push(featureIndex(P.prev_konj, ctx.prev + (konj1 ? "1" : "0")));
}

/** The bucket of the word feature of a token, kept on its form's shared facts (the same bucket, hashed once per form). */
function wordBucket(t: Tok): number {
  const f = formOfTok(t);
  if (f === undefined) return featureIndex(P.w, t.low);
  let b = f.wb;
  if (b < 0) f.wb = b = featureIndex(P.w, f.low);
  return b;
}

/** FNV-1a over the characters of `v`, continuing from `h` */
function fnv(h: number, v: string): number {
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619);
  return h;
}

/** The bucket of a feature (FNV-1a over prefix, ':' and value; no string is built). */
export function featureIndex(prefixSeed: number, v: string): number {
  return (fnv(prefixSeed, v) >>> 0) & (BUCKETS - 1);
}

/** The bucket of the feature `a + "_" + b` (hashed piecewise: the same value, no string built). */
function index3(prefixSeed: number, a: string, b: string): number {
  return (fnv(Math.imul(fnv(prefixSeed, a) ^ 95, 16777619), b) >>> 0) & (BUCKETS - 1);
}

/** The bucket of a feature named by its prefix string (tests, diagnostics). */
export const featureBucket = (prefix: string, v: string) => featureIndex(seed(prefix), v);

/** The features of one sentence as bucket numbers (training). */
export function sentenceFeatures(toks: Tok[], cues: readonly Cue[], ctx: SentenceContext): number[] {
  const out: number[] = [];
  emitFeatures(toks, cues, ctx, out);
  return out;
}

/**
 * A weight table packed for scoring: most buckets hold no weight, so `slot` maps a
 * bucket to its row in `dense` (-1 when all four weights are zero). Skipping a zero
 * row adds nothing, so the scores are exactly those of the full table, from a far
 * smaller working set. Built once per table (a table is not changed after its first use).
 */
interface Packed { slot: Int32Array; dense: Float32Array }
const PACKED = new WeakMap<Float32Array, Packed>();
function packed(t: Float32Array): Packed {
  let p = PACKED.get(t);
  if (p) return p;
  const n = t.length >> 2;
  const slot = new Int32Array(n).fill(-1);
  let rows = 0;
  for (let b = 0; b < n; b++) if (t[4 * b] !== 0 || t[4 * b + 1] !== 0 || t[4 * b + 2] !== 0 || t[4 * b + 3] !== 0) slot[b] = rows++;
  const dense = new Float32Array(rows * 4);
  for (let b = 0; b < n; b++) if (slot[b] >= 0) dense.set(t.subarray(4 * b, 4 * b + 4), 4 * slot[b]);
  p = { slot, dense };
  PACKED.set(t, p);
  return p;
}

/** the features of the sentence `decide` scores (reused: no allocation per sentence) */
const FEATS: number[] = [];

/** The best speech class for a sentence and its margin over "O". */
export function decide(model: QuoteModel, toks: Tok[], cues: readonly Cue[], ctx: SentenceContext): { cls: ModelClass; margin: number } {
  const { slot, dense } = packed(model.table);
  FEATS.length = 0;
  emitFeatures(toks, cues, ctx, FEATS);
  // the class scores, summed in feature order
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < FEATS.length; i++) {
    const r = slot[FEATS[i]];
    if (r < 0) continue;
    const k = r << 2;
    (s0 += dense[k]), (s1 += dense[k + 1]), (s2 += dense[k + 2]), (s3 += dense[k + 3]);
  }
  const best = s1 >= s2 && s1 >= s3 ? 1 : s2 >= s3 ? 2 : 3;
  return { cls: CLASSES[best], margin: (best === 1 ? s1 : best === 2 ? s2 : s3) - s0 };
}

/** A weight table from sparse bucket → weights entries. */
export function tableFrom(entries: Iterable<[number | string, ArrayLike<number>]>): Float32Array {
  const t = new Float32Array(BUCKETS * 4);
  for (const [k, w] of entries) for (let c = 0; c < 4; c++) t[+k * 4 + c] = w[c];
  return t;
}

interface ModelFileShape { threshold: number; veto: number; vetoOther?: number; buckets: number; classes: string[]; weights: Record<string, number[]> }
const file = modelFile as unknown as ModelFileShape;
/** whether the committed weights fit this code (else the model stays silent: rules only) */
export const MODEL_OK = file.buckets === BUCKETS;

/** The committed model (trained on the train split only). */
export const QUOTE_MODEL: QuoteModel = {
  threshold: MODEL_OK ? file.threshold : Infinity,
  veto: (modelFile as unknown as ModelFileShape).veto,
  vetoOther: (modelFile as unknown as ModelFileShape).vetoOther ?? -1e9,
  table: tableFrom(MODEL_OK ? Object.entries(file.weights) : []),
};
