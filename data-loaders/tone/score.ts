import {
  CLAUSE_BREAKS, EVALUATIVE_MIN, lookup, NEGATED_NEGATIVE_FACTOR, NEGATED_POSITIVE_FACTOR, NEGATIONS, NP_NEGATIONS,
  SHIFTER_WINDOW, SHIFTERS, type LexEntry, type LexSource,
} from "./lexicon.ts";
import { memoSlot, type FormEntry } from "../segment.ts";

export interface ToneHit {
  start: number;
  end: number;
  /** the word as it appears in the text */
  form: string;
  /** lexicon weight before modifiers */
  base: number;
  /** weight after negation and intensifiers */
  weight: number;
  source: LexSource;
  /** true when a negation in the same clause flipped it */
  negated: boolean;
  /** product of intensifier/diminisher factors applied */
  factor: number;
  /** the negation or shifter words that acted on it, space-separated */
  modifiers: string;
}

export interface ToneScore {
  score: number;
  hits: ToneHit[];
}

interface Tok {
  start: number;
  end: number;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

interface FormInfo {
  lower: string;
  /** starts with a capital: a noun (or sentence start) */
  upper: boolean;
  isBreak: boolean;
  kind: 0 | 1 | 2 | 3;
  entry: ReturnType<typeof lookup>;
}

/** Per word form, everything the scorer needs: one Map probe per token. */
const FORM_CACHE = new Map<string, FormInfo>();
function formInfo(form: string): FormInfo {
  let info = FORM_CACHE.get(form);
  if (info) return info;
  const lower = form.toLowerCase().replace(/\.$/, "");
  const isBreak = CLAUSE_BREAKS.has(lower) || !WORDLIKE.test(lower);
  let kind: FormInfo["kind"] = 0;
  let entry: FormInfo["entry"] = null;
  if (!isBreak) {
    if (NEGATIONS.has(lower)) kind = 2;
    else if (SHIFTERS.has(lower)) kind = 3;
    else {
      const e = lookup(lower);
      if (e && e.weight !== 0) { kind = 1; entry = e; }
    }
  }
  info = { lower, upper: UPPER_START.test(form), isBreak, kind, entry };
  if (FORM_CACHE.size > 200_000) FORM_CACHE.clear();
  FORM_CACHE.set(form, info);
  return info;
}
const UPPER_START = /\p{Lu}/u;

/** this module's slot in `FormEntry.memo` */
const TONE_SLOT = memoSlot();
/** `formInfo(e.form)`, kept on the entry */
function entryInfo(e: FormEntry): FormInfo {
  let info = e.memo[TONE_SLOT] as FormInfo | undefined;
  if (info === undefined) e.memo[TONE_SLOT] = info = formInfo(e.form);
  return info;
}

/**
 * Score a run of tokens (one sentence, or any text) against the lexicons.
 *
 * - A negation (`nicht`, `nie`, …) flips every sentiment word that follows
 *   it in the same clause; when none follows, the nearest one before it in
 *   that clause (`Das gefällt mir nicht`). A noun-phrase negation (`ohne`,
 *   `kein`, `nichts`) reaches only to the next capitalised word, its noun
 *   (`ohne konkrete Ergebnisse`). A clause ends at punctuation
 *   and at clause-opening conjunctions (`aber`, `dass`, `während`, …), so a
 *   negation never reaches into the next clause — unlike @nlpjs, whose scorer
 *   flips everything after the first negation.
 * - A shifter (`sehr`, `äußerst`, `etwas`, `kaum`) multiplies the next
 *   sentiment word within a few tokens of the same clause.
 * - Negated positives become negative (×−0.8); negated negatives turn only
 *   mildly positive (×−0.4): `nicht schlecht` is not praise.
 *
 * Linear in the number of tokens.
 */
/**
 * Resolve negation scope and shifters over a run of classified tokens.
 * `mods`, when given, collects the modifier words that acted on each token.
 */
let CLAUSE_BUF = new Int32Array(256);
let NOTED_BUF = new Int32Array(256);
const NO_INDEX: number[] = [];
/** Modifier words listed per hit; beyond this (only in degenerate text, `nicht gut` thousands of times) the list ends in `…`. */
const MAX_NOTED = 8;

function resolve(infos: readonly FormInfo[], negated: Uint8Array, factor: Float64Array, mods?: string[]): void {
  const n = infos.length;
  if (CLAUSE_BUF.length < n) CLAUSE_BUF = new Int32Array(n * 2);
  const clause = CLAUSE_BUF;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (infos[i].isBreak) c++;
    clause[i] = c;
  }
  if (mods && NOTED_BUF.length < n) NOTED_BUF = new Int32Array(n * 2);
  const noted = NOTED_BUF;
  if (mods) noted.fill(0, 0, n);
  // shifters first (their factors multiply in token order, as before): each acts on the next sentiment word within its window
  const shifted: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (infos[i].kind !== 3) continue;
    for (let j = i + 1; j < n && j <= i + SHIFTER_WINDOW && clause[j] === clause[i]; j++) {
      if (infos[j].kind === 1) {
        factor[j] *= SHIFTERS.get(infos[i].lower)!;
        if (mods) (shifted[j] ??= []).push(i);
        break;
      }
      if (infos[j].kind === 2) break;
    }
  }
  // negations in one pass, counted rather than each scanning the rest of its clause (a clause of
  // thousands of `nicht` was quadratic in time and in the length of the modifier lists)
  let open: number[] = []; // plain negations so far in this clause: each flips every later sentiment word in it
  let np: number[] = []; // noun-phrase negations whose noun (the next capitalised word) has not come yet
  let lastHit = -1; // the clause's last sentiment word so far
  for (let j = 0; j < n; j++) {
    if (j > 0 && clause[j] !== clause[j - 1]) {
      closeClause(infos, negated, mods, noted, open, lastHit);
      open = [];
      np = [];
      lastHit = -1;
    }
    const info = infos[j];
    if (info.kind === 1) {
      if ((open.length + np.length) & 1) negated[j] ^= 1;
      if (mods) {
        // merge the three lists (each in token order) so that the words read in text order
        const sh = shifted[j] ?? NO_INDEX;
        let a = 0, b = 0, d = 0;
        while (a < open.length || b < np.length || d < sh.length) {
          const x = a < open.length ? open[a] : Infinity, y = b < np.length ? np[b] : Infinity, z = d < sh.length ? sh[d] : Infinity;
          const i = x < y ? (x < z ? (a++, x) : (d++, z)) : y < z ? (b++, y) : (d++, z);
          if (!note(infos, mods, noted, j, i)) break;
        }
      }
      lastHit = j;
    }
    if (info.upper) np = []; // the noun ends a noun-phrase negation's reach (after acting on it, if it is a sentiment word)
    if (info.kind === 2) (NP_NEGATIONS.has(info.lower) ? np : open).push(j);
  }
  closeClause(infos, negated, mods, noted, open, lastHit);
}

// `note` and `closeClause` are module functions, not closures in `resolve`: a closure is created per
// call (per sentence), and under tsx each one is also named by a `__name` call (Object.defineProperty)

/** Add token i's word to hit j's modifiers (in token order, at most MAX_NOTED of them); false when no more are taken. */
function note(infos: readonly FormInfo[], mods: string[] | undefined, noted: Int32Array, j: number, i: number): boolean {
  if (!mods) return false;
  if (noted[j] > MAX_NOTED) return false;
  mods[j] += (mods[j] ? " " : "") + (++noted[j] > MAX_NOTED ? "…" : infos[i].lower);
  return true;
}

/** At a clause's end: plain negations after its last sentiment word flip that word instead (`Das gefällt mir nicht`). */
function closeClause(infos: readonly FormInfo[], negated: Uint8Array, mods: string[] | undefined, noted: Int32Array, open: number[], lastHit: number): void {
  if (lastHit < 0) return;
  let k = open.length;
  while (k > 0 && open[k - 1] > lastHit) k--;
  if ((open.length - k) & 1) negated[lastHit] ^= 1;
  for (let q = k; q < open.length && note(infos, mods, noted, lastHit, open[q]); q++);
}

/** A hit's weight: its lexicon weight times its shifters' factor, flipped and damped when negated, to 4 decimals. */
export function hitWeight(base: number, negated: boolean | number, factor: number): number {
  let w = base * factor;
  if (negated) w *= base > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR;
  return Math.round(w * 10000) / 10000;
}

export function scoreTokens(text: string, tokens: readonly Tok[]): ToneScore {
  return scoreForms(tokens, tokens.map((t) => text.slice(t.start, t.end)), 0, tokens.length);
}

/**
 * The hits `scoreSpan` found, as columns (valid until its next call): per hit
 * its token (an index into the forms), lexicon entry, negation (0/1),
 * shifter factor, modifier words and weight; `score` is their sum to 4
 * decimals. Columns rather than hit objects, so that the tone stage writes
 * its stored form from them without making an object per hit.
 */
export const SPAN = {
  hits: 0,
  score: 0,
  token: new Int32Array(64),
  entry: [] as LexEntry[],
  negated: new Uint8Array(64),
  factor: new Float64Array(64),
  modifiers: [] as string[],
  weight: new Float64Array(64),
};

/**
 * Score tokens `[from, to)` whose texts are `forms` (e.g. the document's
 * shared token texts) into `SPAN`; the number of hits. With the document's
 * interned `entries` (`tokenTexts`), each form's facts are kept on its entry.
 */
export function scoreSpan(forms: readonly string[], from: number, to: number, entries?: readonly FormEntry[]): number {
  const n = to - from;
  const infos = SCORE_INFOS;
  infos.length = n;
  let sentiment = false, modifiers = false;
  const memo = entries !== undefined && TONE_SLOT >= 0;
  for (let i = 0; i < n; i++) {
    const info = memo ? entryInfo(entries[from + i]) : formInfo(forms[from + i]);
    infos[i] = info;
    if (info.kind === 1) sentiment = true;
    else if (info.kind !== 0) modifiers = true;
  }
  SPAN.hits = 0;
  SPAN.score = 0;
  // no sentiment word: no hit (most sentences of news text have few)
  if (!sentiment) return 0;
  if (SPAN.token.length < n) {
    SPAN.token = new Int32Array(n * 2);
    SPAN.negated = new Uint8Array(n * 2);
    SPAN.factor = new Float64Array(n * 2);
    SPAN.weight = new Float64Array(n * 2);
  }
  const { token, entry, weight, modifiers: hitMods } = SPAN;
  let score = 0, h = 0;
  if (!modifiers) {
    // no negation or shifter, nothing to resolve: every hit keeps its lexicon weight (most sentences)
    for (let i = 0; i < n; i++) {
      const e = infos[i].entry;
      if (infos[i].kind !== 1 || !e) continue;
      const w = hitWeight(e.weight, 0, 1);
      score += w;
      token[h] = from + i;
      entry[h] = e;
      SPAN.negated[h] = 0;
      SPAN.factor[h] = 1;
      hitMods[h] = "";
      weight[h] = w;
      h++;
    }
  } else {
    if (SCORE_NEG.length < n) { SCORE_NEG = new Uint8Array(n * 2); SCORE_FAC = new Float64Array(n * 2); }
    const negated = SCORE_NEG, factor = SCORE_FAC;
    negated.fill(0, 0, n);
    factor.fill(1, 0, n);
    const mods = SCORE_MODS;
    mods.length = n;
    mods.fill("", 0, n);
    resolve(infos, negated, factor, mods);
    for (let i = 0; i < n; i++) {
      const e = infos[i].entry;
      if (infos[i].kind !== 1 || !e) continue;
      const w = hitWeight(e.weight, negated[i], factor[i]);
      score += w;
      token[h] = from + i;
      entry[h] = e;
      SPAN.negated[h] = negated[i];
      SPAN.factor[h] = factor[i];
      hitMods[h] = mods[i];
      weight[h] = w;
      h++;
    }
  }
  SPAN.hits = h;
  SPAN.score = Math.round(score * 10000) / 10000;
  return h;
}

/**
 * `scoreTokens` over tokens `[from, to)` whose texts are `forms` (indexed like
 * `tokens`), as hit objects (`scoreSpan`).
 */
export function scoreForms(tokens: readonly Tok[], forms: readonly string[], from: number, to: number, entries?: readonly FormEntry[]): ToneScore {
  const n = scoreSpan(forms, from, to, entries);
  const hits: ToneHit[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const k = SPAN.token[j], e = SPAN.entry[j];
    const t = tokens[k];
    hits[j] = {
      start: t.start,
      end: t.end,
      form: forms[k],
      base: e.weight,
      weight: SPAN.weight[j],
      source: e.source,
      negated: SPAN.negated[j] === 1,
      factor: SPAN.factor[j],
      modifiers: SPAN.modifiers[j],
    };
  }
  return { score: SPAN.score, hits };
}
const SCORE_INFOS: FormInfo[] = [];
const SCORE_MODS: string[] = [];
let SCORE_NEG = new Uint8Array(256);
let SCORE_FAC = new Float64Array(256);

/**
 * A fast tokenizer for plain texts: runs of anything but space and
 * punctuation, and single punctuation marks (no Unicode property classes,
 * which make a regex several times slower). Differs from the engine's
 * tokenizer only on numbers and abbreviations, which carry no tone.
 */
const FAST_TOKEN = /[^\s.,;:!?„“”"«»‚‘’'()[\]{}–—…/]+|[.,;:!?„“”"«»‚‘’'()[\]{}–—…/]/g;

/**
 * The score of a plain text, without evidence: the same lexicon, negation and
 * shifter rules as `scoreTokens`, for scoring many short texts fast
 * (evaluation, benchmark, API use).
 */
export function scoreText(text: string): number {
  const infos = INFO_BUF;
  infos.length = 0;
  let modifiers = false;
  FAST_TOKEN.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = FAST_TOKEN.exec(text)); ) {
    const info = formInfo(m[0]);
    if (info.kind > 1) modifiers = true;
    infos.push(info);
  }
  const n = infos.length;
  let score = 0;
  if (!modifiers) {
    // no negation or shifter: the plain sum (the common case)
    for (let i = 0; i < n; i++) {
      const e = infos[i].entry;
      if (e) score += hitWeight(e.weight, 0, 1);
    }
    return Math.round(score * 10000) / 10000;
  }
  if (NEG_BUF.length < n) { NEG_BUF = new Uint8Array(n * 2); FAC_BUF = new Float64Array(n * 2); }
  const negated = NEG_BUF, factor = FAC_BUF;
  negated.fill(0, 0, n);
  factor.fill(1, 0, n);
  resolve(infos, negated, factor);
  for (let i = 0; i < n; i++) {
    const e = infos[i].entry;
    if (infos[i].kind === 1 && e) score += hitWeight(e.weight, negated[i], factor[i]);
  }
  return Math.round(score * 10000) / 10000;
}
const INFO_BUF: FormInfo[] = [];
let NEG_BUF = new Uint8Array(256);
let FAC_BUF = new Float64Array(256);

/** A hit counts as evaluative when its lexicon weight is at least this strong. */
export const isEvaluative = (h: ToneHit) => h.source === "political" ? h.base !== 0 : Math.abs(h.base) >= EVALUATIVE_MIN;

/** The band within which a score counts as neutral. */
export const NEUTRAL_BAND = 0.05;

export function vote(score: number, band = NEUTRAL_BAND): "positive" | "negative" | "neutral" {
  return score > band ? "positive" : score < -band ? "negative" : "neutral";
}
