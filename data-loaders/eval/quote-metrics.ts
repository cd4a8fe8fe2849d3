/**
 * The evaluation of the German news quotation attribution dataset
 * (Petersen-Frey & Biemann 2024), re-implemented: per document, system and
 * gold quotes are paired one-to-one by token-overlap F1 of the quote spans
 * (Hungarian assignment; +0.01 for equal type, +0.001 for equal medium as
 * tie-breakers); per pair, token-level TP/FP/FN are counted for the quote and
 * each role; precision and recall are macro-averaged over pairs (a pair with
 * an empty denominator is left out); unmatched quotes are paired with an
 * empty counterpart. Messages = quote, Roles = addressee, cue, frame,
 * speaker, Joint = all five.
 */
import { assignMax } from "./hungarian.ts";

export const ROLES = ["addressee", "cue", "frame", "speaker"] as const;
export const TYPES = ["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"] as const;

export interface EvalGroup {
  type: string | null;
  medium: string | null;
  quote: number[];
  roles: Record<string, number[]>;
}

export interface PRF { p: number; r: number; f1: number }

export interface Scores {
  messages: PRF;
  roles: PRF;
  joint: PRF;
  /** per role */
  byRole: Record<string, PRF>;
  /** Messages P/R/F1 over the pairs whose gold (recall) or system (precision) quote has the type */
  byType: Record<string, PRF & { gold: number; system: number }>;
  /** type labels of matched pairs (the reference's "Form" score) */
  form: PRF;
  pairs: number;
}

const norm = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** token-overlap F1 of two sorted id lists */
export function overlapF1(gold: number[], sys: number[]): number {
  let both = 0, g = 0, s = 0;
  while (g < gold.length && s < sys.length) {
    if (gold[g] === sys[s]) both++, g++, s++;
    else if (gold[g] < sys[s]) g++;
    else s++;
  }
  if (both === 0) return 0;
  const p = both / sys.length, r = both / gold.length;
  return (2 * p * r) / (p + r);
}

function counts(gold: number[], sys: number[]): [number, number, number] {
  let tp = 0, g = 0, s = 0;
  while (g < gold.length && s < sys.length) {
    if (gold[g] === sys[s]) tp++, g++, s++;
    else if (gold[g] < sys[s]) g++;
    else s++;
  }
  return [tp, sys.length - tp, gold.length - tp];
}

/** Pair system and gold groups of one document; returns [sysIndex|-1, goldIndex|-1] pairs. */
export function pairGroups(sys: EvalGroup[], gold: EvalGroup[]): [number, number][] {
  const scores = gold.map((g) =>
    sys.map((s) => {
      const o = overlapF1(norm(g.quote), norm(s.quote));
      return o + (o > 0 && g.type === s.type ? 0.01 : 0) + (o > 0 && g.medium === s.medium ? 0.001 : 0);
    }),
  );
  const assigned = sys.length && gold.length ? assignMax(scores) : [];
  const pairs: [number, number][] = assigned.map(([gi, si]) => [si, gi]);
  const usedS = new Set(pairs.map((p) => p[0]));
  const usedG = new Set(pairs.map((p) => p[1]));
  sys.forEach((_, i) => usedS.has(i) || pairs.push([i, -1]));
  gold.forEach((_, i) => usedG.has(i) || pairs.push([-1, i]));
  return pairs;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const prf = (ps: number[], rs: number[]): PRF => {
  const p = mean(ps), r = mean(rs);
  return { p, r, f1: f1(p, r) };
};

/** Score whole corpora: documents as lists of system and gold groups. */
export function evaluate(docs: { sys: EvalGroup[]; gold: EvalGroup[] }[]): Scores {
  const EMPTY: EvalGroup = { type: null, medium: null, quote: [], roles: {} };
  const P: Record<string, number[]> = { quote: [] };
  const R: Record<string, number[]> = { quote: [] };
  for (const r of ROLES) (P[r] = []), (R[r] = []);
  const typeP: Record<string, number[]> = {}, typeR: Record<string, number[]> = {};
  const typeGold: Record<string, number> = {}, typeSys: Record<string, number> = {};
  for (const t of TYPES) (typeP[t] = []), (typeR[t] = []), (typeGold[t] = 0), (typeSys[t] = 0);
  let formTp = 0, formFp = 0, formFn = 0, pairs = 0;
  for (const doc of docs) {
    for (const [si, gi] of pairGroups(doc.sys, doc.gold)) {
      pairs++;
      const s = si >= 0 ? doc.sys[si] : EMPTY;
      const g = gi >= 0 ? doc.gold[gi] : EMPTY;
      const [tp, fp, fn] = counts(norm(g.quote), norm(s.quote));
      if (tp + fp > 0) P.quote.push(tp / (tp + fp));
      if (tp + fn > 0) R.quote.push(tp / (tp + fn));
      if (s.type && tp + fp > 0 && s.type in typeP) typeP[s.type].push(tp / (tp + fp)), typeSys[s.type]++;
      if (g.type && tp + fn > 0 && g.type in typeR) typeR[g.type].push(tp / (tp + fn)), typeGold[g.type]++;
      if (s.type === g.type) formTp++;
      else {
        if (s.type) formFp++;
        if (g.type) formFn++;
      }
      for (const r of ROLES) {
        const [rtp, rfp, rfn] = counts(norm(g.roles[r] ?? []), norm(s.roles[r] ?? []));
        if (rtp + rfp > 0) P[r].push(rtp / (rtp + rfp));
        if (rtp + rfn > 0) R[r].push(rtp / (rtp + rfn));
      }
    }
  }
  const roleP = ROLES.flatMap((r) => P[r]), roleR = ROLES.flatMap((r) => R[r]);
  const byRole: Record<string, PRF> = {};
  for (const r of ROLES) byRole[r] = prf(P[r], R[r]);
  const byType: Scores["byType"] = {};
  for (const t of TYPES) byType[t] = { ...prf(typeP[t], typeR[t]), gold: typeGold[t], system: typeSys[t] };
  const fp_ = formTp + formFp ? formTp / (formTp + formFp) : 0;
  const fr_ = formTp + formFn ? formTp / (formTp + formFn) : 0;
  return {
    messages: prf(P.quote, R.quote),
    roles: prf(roleP, roleR),
    joint: prf([...P.quote, ...roleP], [...R.quote, ...roleR]),
    byRole,
    byType,
    form: { p: fp_, r: fr_, f1: f1(fp_, fr_) },
    pairs,
  };
}
