import type FactsFile from "../data/facts/facts.json";
import { readJsonData } from "../data-file.ts";
const spec = readJsonData<typeof FactsFile>("data/facts/facts.json");
import { stem } from "../tone/stem.ts";
import type { Doc, Token } from "../types.ts";
import { memoSlot, tokenTexts, type FormEntry } from "../segment.ts";

/**
 * Facts: figures in the text with their kind, unit, normalised value and the
 * noun they qualify. Token-based, one pass per sentence; all vocabulary comes
 * from `data/facts/facts.json` and is compiled into Maps here.
 */

export type FactKind = "duration" | "percent" | "money" | "date" | "year" | "count" | "number";

export interface Fact {
  start: number;
  end: number;
  text: string;
  kind: FactKind;
  /** normalised value: minutes for durations, percent points, currency units, ISO date, year, count */
  value: number | string;
  unit: string;
  /** hedged by `etwa`, `rund`, `knapp`, … */
  approx: boolean;
  approxWord: string;
  /** the noun the figure qualifies, as in the text; "" when none was found */
  noun: string;
  nounStart: number;
  nounEnd: number;
  /** the noun in base form (nominative; `Gesprächen` → `Gespräche`) */
  lemma: string;
  /** how the noun was found: adjective (`dreistündigen Gesprächen`), following (`zwei Stunden Verhandlung`), subject (first noun of the sentence) */
  nounMethod: "adjective" | "following" | "subject" | "";
  /** concept group of the noun (`talks`), or the noun's stem */
  concept: string;
  sentence: number;
}

const NUMBER_WORDS = new Map<string, number>(Object.entries(spec.numberWords));
const WEAK = new Set(spec.weakNumberWords);
const DUR_UNITS = new Map<string, number>(Object.entries(spec.durationUnits));
const MONTHS = new Map<string, number>(Object.entries(spec.months));
const APPROX = new Set(spec.approximators);
const PERCENT = new Set(spec.percentUnits);
const SCALES = new Map<string, number>(Object.entries(spec.scales));
const CURRENCIES = new Map<string, string>(Object.entries(spec.currencies));
const DETERMINERS = new Set(spec.determiners);
const CONCEPT_BY_STEM = new Map<string, string>();
for (const [concept, nouns] of Object.entries(spec.concepts)) for (const n of nouns) CONCEPT_BY_STEM.set(stem(n.toLowerCase()), concept);

const numWordAlt = Object.keys(spec.numberWords).filter((w) => !WEAK.has(w)).sort((a, b) => b.length - a.length).join("|");
const adjAlt = Object.keys(spec.durationAdjectives).join("|");
/** `dreistündigen`, `12-minütigen`, `eineinhalbstündige` */
const DURATION_ADJ = new RegExp(`^(\\d+(?:,\\d+)?-?|${numWordAlt})(${adjAlt})(?:e|en|em|er|es)?$`, "u");
/** the tail of `90-minütigen` when the tokenizer splits it as `90` `-` `minütigen` */
const DURATION_ADJ_TAIL = new RegExp(`^(${adjAlt})(?:e|en|em|er|es)?$`, "u");
const DUR_ADJ_FACTOR = new Map<string, number>(Object.entries(spec.durationAdjectives));
const DIGITS = /^\d{1,3}(?:\.\d{3})+$|^\d+(?:,\d+)?$/;
const ORDINAL = /^(\d{1,2})\.$/;
const YEAR = /^(1[89]\d\d|20\d\d)$/;
const UPPER = /^\p{Lu}/u;
const WORD = /[\p{L}\p{N}]/u;

/** this module's slot in `FormEntry.memo`: whether the form may start a figure */
const FIGURE_SLOT = memoSlot();
const gateCache = new Map<string, boolean>();
/**
 * Whether a token may start a figure: it starts with a digit, is a number
 * word, or an adjectival duration (`dreistündigen`). Every figure pattern
 * below starts so, and a token that does not is passed over with no other
 * test. Kept on the form's entry (a Map when no memo slot was left).
 */
function mayStartFigure(e: FormEntry): boolean {
  let v = FIGURE_SLOT >= 0 ? (e.memo[FIGURE_SLOT] as boolean | undefined) : gateCache.get(e.lower);
  if (v !== undefined) return v;
  const lw = e.lower;
  const c = lw.charCodeAt(0);
  // (what `parseNumber` and `DURATION_ADJ` below accept; `ORDINAL` starts with a digit)
  v = (c >= 48 && c <= 57) || NUMBER_WORDS.has(lw) || DURATION_ADJ.test(lw);
  if (FIGURE_SLOT >= 0) e.memo[FIGURE_SLOT] = v;
  else {
    if (gateCache.size > 50000) gateCache.clear();
    gateCache.set(lw, v);
  }
  return v;
}

export function parseNumber(form: string, lower = form.toLowerCase()): number | undefined {
  if (DIGITS.test(form)) return Number(form.replace(/\./g, "").replace(",", "."));
  return NUMBER_WORDS.get(lower);
}

/** Nominative plural for a dative plural after an `-en` adjective: `Gesprächen` → `Gespräche`. */
function lemmaOf(noun: string, prevForm: string | undefined): string {
  if (!prevForm || !/en$/.test(prevForm) || noun.length < 6) return noun;
  if (!/[^aeiou]en$/.test(noun) || /(ungen|heiten|keiten|ionen|innen)$/.test(noun)) return noun;
  return noun.slice(0, -1); // dative plural after an `-en` adjective: Gesprächen → Gespräche
}

export function conceptOf(lemma: string): string {
  if (!lemma) return "";
  const lower = lemma.toLowerCase();
  const s = stem(lower);
  const c = CONCEPT_BY_STEM.get(s);
  if (c) return c;
  const dash = lower.lastIndexOf("-");
  if (dash > 0) {
    const h = CONCEPT_BY_STEM.get(stem(lower.slice(dash + 1)));
    if (h) return h;
  }
  return s;
}

interface Ctx {
  text: string;
  toks: Token[];
  forms: readonly string[];
  lowers: readonly string[];
  /** the tokens actor mentions cover (names are not the nouns figures qualify) */
  actors: ActorSweep;
  /** subjectNoun's scan so far in the sentence starting at `subjFirst`: tokens before `subjScanned` looked at, `subjAt` the noun found (-1 none yet) */
  subjFirst: number;
  subjScanned: number;
  subjAt: number;
}

function isNoun(c: Ctx, k: number, sentenceFirst: number): boolean {
  const f = c.forms[k];
  if (!f || !UPPER.test(f) || !WORD.test(f)) return false;
  if (c.actors.covers(k)) return false;
  if (DETERMINERS.has(c.lowers[k])) return false;
  if (k === sentenceFirst && DETERMINERS.has(c.lowers[k])) return false;
  if (MONTHS.has(c.lowers[k]) || DUR_UNITS.has(c.lowers[k]) || PERCENT.has(c.lowers[k])) return false;
  return true;
}

function approxBefore(c: Ctx, i: number, first: number): string {
  const parts: string[] = [];
  for (let k = i - 1; k >= first && k >= i - 2; k--) {
    if (APPROX.has(c.lowers[k])) parts.unshift(c.forms[k]);
    else break;
  }
  return parts.join(" ");
}

/** The first noun of the sentence before `before` (its subject, as a rule in news German). */
function subjectNoun(c: Ctx, first: number, before: number): number {
  // resumed where the last call in this sentence stopped: a sentence of thousands of figures and no noun was quadratic
  if (c.subjFirst !== first) { c.subjFirst = first; c.subjScanned = first; c.subjAt = -1; }
  for (let k = c.subjScanned; c.subjAt < 0 && k < before; k++) {
    if (isNoun(c, k, first)) c.subjAt = k;
    c.subjScanned = k + 1;
  }
  return c.subjAt >= 0 && c.subjAt < before ? c.subjAt : -1;
}

/**
 * Which tokens an actor mention covers: a sweep over the tokens and the spans
 * in order of start, each token held against the first span that does not end
 * before it. Swept only as far as a token is asked about (only the nouns
 * near a figure are), so that most of an article's tokens are never looked
 * at; the marks are kept for tokens asked about again.
 */
class ActorSweep {
  private spans: readonly { start: number; end: number }[];
  /** the span the sweep holds tokens against */
  private j = 0;
  /** tokens before this one are swept */
  private next = 0;
  /** no token from this one on is covered (the spans ran out before it) */
  private uncoveredFrom: number;
  /** per swept token, 1 if covered */
  private marked: Uint8Array;

  constructor(private toks: readonly Token[], spans: readonly { start: number; end: number }[]) {
    let inOrder = true;
    for (let j = 1; j < spans.length && inOrder; j++) inOrder = spans[j - 1].start <= spans[j].start;
    // (the mentions come in text order: no copy to sort, as a rule)
    this.spans = inOrder ? spans : [...spans].sort((a, b) => a.start - b.start);
    // (a small integer from the start, as every value it takes: a field that changes representation deoptimises its readers)
    this.uncoveredFrom = toks.length;
    if (MARKED.length < toks.length) MARKED = new Uint8Array(Math.max(toks.length, 2 * MARKED.length));
    this.marked = MARKED;
  }

  covers(k: number): boolean {
    if (k >= this.next) this.sweepTo(k);
    return k < this.uncoveredFrom && this.marked[k] === 1;
  }

  private sweepTo(k: number): void {
    const { toks, spans, marked } = this;
    let j = this.j;
    for (let i = this.next; i <= k; i++) {
      const t = toks[i];
      while (j < spans.length && spans[j].end <= t.start) j++;
      if (j === spans.length) {
        // past the last span no token is covered
        this.uncoveredFrom = i;
        this.next = toks.length;
        return;
      }
      const span = spans[j];
      marked[i] = span.start < t.end && span.end > t.start ? 1 : 0;
    }
    this.j = j;
    this.next = k + 1;
  }
}
/** scratch for `ActorSweep` (one document at a time) */
let MARKED = new Uint8Array(1024);

export function extractFacts(doc: Doc, actorSpans: { start: number; end: number }[] = []): Fact[] {
  const facts: Fact[] = [];
  const text = doc.text;
  const toks = doc.tokens;
  // the document's shared token texts (sliced once for every stage)
  const { forms, lowers, entries, first: sentenceFirst } = tokenTexts(doc);
  // a sentence's tokens are a run of one `sentence` value: the shared sentence ranges when they hold every token
  // (each of their tokens then has its range's value, and the next range's first token another), else found token by token
  const byRanges = sentenceFirst[sentenceFirst.length - 1] === toks.length;
  let sentenceAt = 0;
  const c: Ctx = { text, toks, forms, lowers, actors: new ActorSweep(toks, actorSpans), subjFirst: -1, subjScanned: 0, subjAt: -1 };
  let first = 0;
  let last = -1;
  // the figure's first token is `i`; the fact belongs to `i`'s sentence
  const push = (i: number, endTok: number, kind: FactKind, value: number | string, unit: string, nounTok: number, nounMethod: Fact["nounMethod"]) => {
    const approxWord = approxBefore(c, i, first);
    const s = approxWord ? toks[i - approxWord.split(" ").length].start : toks[i].start;
    const noun = nounTok >= 0 ? forms[nounTok].replace(/\.$/, "") : "";
    const lemma = nounTok >= 0 ? lemmaOf(noun, nounTok > 0 ? forms[nounTok - 1] : undefined) : "";
    facts.push({
      start: s, end: toks[endTok].end, text: text.slice(s, toks[endTok].end), kind, value, unit,
      approx: approxWord !== "", approxWord,
      noun, nounStart: nounTok >= 0 ? toks[nounTok].start : -1, nounEnd: nounTok >= 0 ? toks[nounTok].start + noun.length : -1,
      lemma, nounMethod, concept: conceptOf(lemma), sentence: toks[i].sentence,
    });
  };
  for (let i = 0; i < toks.length; i++) {
    // a figure ends in its sentence (at `last` at most), so that the loop comes to every sentence's first token
    if (i > last) {
      first = last = i;
      if (byRanges) {
        while (sentenceFirst[sentenceAt + 1] <= i) sentenceAt++;
        last = sentenceFirst[sentenceAt + 1] - 1;
      } else {
        const sentence = toks[i].sentence;
        while (last + 1 < toks.length && toks[last + 1].sentence === sentence) last++;
      }
    }
    // cheap gate: every figure starts with a digit, a number word or an adjectival duration
    if (!mayStartFigure(entries[i])) continue;
    const lw = lowers[i];
    // adjectival duration: `dreistündigen Gesprächen`, `zwölfminütigen Auftritt`
    const adj = DURATION_ADJ.exec(lw);
    if (adj) {
      const n = parseNumber(adj[1].replace(/-$/, ""));
      if (n !== undefined) {
        const minutes = round(n * DUR_ADJ_FACTOR.get(adj[2])!);
        const nounTok = i + 1 <= last && isNoun(c, i + 1, first) ? i + 1 : -1;
        push(i, i, "duration", minutes, "min", nounTok, nounTok >= 0 ? "adjective" : "");
        continue;
      }
    }
    // `15. August 2025`, `am 15. August`
    const ord = ORDINAL.exec(forms[i]);
    if (ord && i + 1 <= last && MONTHS.has(lowers[i + 1])) {
      const day = Number(ord[1]), month = MONTHS.get(lowers[i + 1])!;
      let end = i + 1;
      let iso = `--${pad(month)}-${pad(day)}`;
      if (i + 2 <= last && YEAR.test(forms[i + 2])) {
        iso = `${forms[i + 2]}-${pad(month)}-${pad(day)}`;
        end = i + 2;
      }
      push(i, end, "date", iso, "date", -1, ""); // what a date qualifies is rarely a nearby noun
      i = end;
      continue;
    }
    const n = parseNumber(forms[i], lw);
    if (n === undefined) continue;
    // `90-minütigen Telefonat`, split by the tokenizer
    if (i + 2 <= last && forms[i + 1] === "-" && toks[i + 1].start === toks[i].end && toks[i + 2].start === toks[i + 1].end) {
      const tail = DURATION_ADJ_TAIL.exec(lowers[i + 2]);
      if (tail) {
        const nounTok = i + 3 <= last && isNoun(c, i + 3, first) ? i + 3 : -1;
        push(i, i + 2, "duration", round(n * DUR_ADJ_FACTOR.get(tail[1])!), "min", nounTok, nounTok >= 0 ? "adjective" : "");
        i += 2;
        continue;
      }
    }
    const weak = WEAK.has(lw);
    const next = i + 1 <= last ? lowers[i + 1] : "";
    // durations: `2 Stunden und 45 Minuten`, `drei Stunden`
    if (DUR_UNITS.has(next) && !(weak && !/^ein/.test(lw))) {
      let minutes = n * DUR_UNITS.get(next)!;
      let end = i + 1;
      if (end + 3 <= last && lowers[end + 1] === "und") {
        const n2 = parseNumber(forms[end + 2], lowers[end + 2]);
        if (n2 !== undefined && DUR_UNITS.has(lowers[end + 3])) {
          minutes += n2 * DUR_UNITS.get(lowers[end + 3])!;
          end += 3;
        }
      }
      let nounTok = -1, method: Fact["nounMethod"] = "";
      if (end + 1 <= last && isNoun(c, end + 1, first)) { nounTok = end + 1; method = "following"; }
      else { nounTok = subjectNoun(c, first, i); method = nounTok >= 0 ? "subject" : ""; }
      push(i, end, "duration", round(minutes), "min", nounTok, method);
      i = end;
      continue;
    }
    if (weak) continue; // `ein`, `eine`: only as part of a duration
    if (PERCENT.has(next)) {
      const subj = subjectNoun(c, first, i);
      // `um 20 Prozent gewachsen` is a change, `20 Prozent der Stimmen` a level
      push(i, i + 1, "percent", n, i > first && lowers[i - 1] === "um" ? "% change" : "%", subj, subj >= 0 ? "subject" : "");
      i++;
      continue;
    }
    // money: `3 Milliarden Dollar`, `500 Euro`
    {
      let k = i + 1, value = n;
      if (k <= last && SCALES.has(lowers[k])) { value *= SCALES.get(lowers[k])!; k++; }
      if (k <= last && CURRENCIES.has(lowers[k])) {
        const subj = subjectNoun(c, first, i);
        push(i, k, "money", value, CURRENCIES.get(lowers[k])!, subj, subj >= 0 ? "subject" : "");
        i = k;
        continue;
      }
    }
    if (YEAR.test(forms[i])) {
      push(i, i, "year", n, "year", -1, "");
      continue;
    }
    // counts: `zwei Staatschefs`, `20 Kampfjets`, `drei große Fragen`
    let k = i + 1;
    while (k <= last && k <= i + 2 && /^\p{Ll}/u.test(forms[k]) && !DETERMINERS.has(lowers[k])) k++;
    if (k <= last && isNoun(c, k, first)) {
      push(i, k, "count", n, "count", k, "following");
      i = k;
      continue;
    }
    if (DIGITS.test(forms[i])) push(i, i, "number", n, "", -1, "");
  }
  return facts;
}

const pad = (x: number) => String(x).padStart(2, "0");
const round = (x: number) => Math.round(x * 1000) / 1000;

export const TOLERANCE = spec.tolerance;
export const APPROX_TOLERANCE = spec.approxTolerance;
/** up to this many articles per concept every pair of figures is compared, above it each figure against the median */
export const PAIR_ALL_UP_TO: number = spec.pairAllUpTo;
