import {
  CLAUSE_BREAKS, EVALUATIVE_MIN, lookup, NEGATED_NEGATIVE_FACTOR, NEGATED_POSITIVE_FACTOR, NEGATIONS, NP_NEGATIONS,
  SHIFTER_WINDOW, SHIFTERS, type LexSource,
} from "./lexicon.ts";

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
const UPPER_START = /\p{Lu}/u;

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
export function scoreTokens(text: string, tokens: readonly Tok[]): ToneScore {
  const n = tokens.length;
  const clause = new Int32Array(n);
  const kind = new Int8Array(n); // 0 other, 1 sentiment, 2 negation, 3 shifter
  const entries: (ReturnType<typeof lookup>)[] = new Array(n);
  const lowers: string[] = new Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const form = text.slice(t.start, t.end);
    const lw = form.toLowerCase().replace(/\.$/, "");
    lowers[i] = lw;
    if (CLAUSE_BREAKS.has(lw) || !WORDLIKE.test(lw)) {
      c++;
      clause[i] = c;
      continue;
    }
    clause[i] = c;
    if (NEGATIONS.has(lw)) kind[i] = 2;
    else if (SHIFTERS.has(lw)) kind[i] = 3;
    else {
      const e = lookup(lw);
      if (e && e.weight !== 0) {
        kind[i] = 1;
        entries[i] = e;
      }
    }
  }
  const negated = new Uint8Array(n);
  const factor = new Float64Array(n).fill(1);
  const mods: string[] = new Array(n).fill("");
  for (let i = 0; i < n; i++) {
    if (kind[i] === 2) {
      let found = false;
      const np = NP_NEGATIONS.has(lowers[i]);
      for (let j = i + 1; j < n && clause[j] === clause[i]; j++) {
        if (kind[j] === 1) {
          negated[j] ^= 1;
          mods[j] += (mods[j] ? " " : "") + lowers[i];
          found = true;
        }
        if (np && j > 0 && UPPER_START.test(text[tokens[j].start])) break; // the noun ends the phrase
      }
      if (!found && !np) {
        for (let j = i - 1; j >= 0 && clause[j] === clause[i]; j--) {
          if (kind[j] === 1) {
            negated[j] ^= 1;
            mods[j] += (mods[j] ? " " : "") + lowers[i];
            break;
          }
        }
      }
    } else if (kind[i] === 3) {
      for (let j = i + 1; j < n && j <= i + SHIFTER_WINDOW && clause[j] === clause[i]; j++) {
        if (kind[j] === 1) {
          factor[j] *= SHIFTERS.get(lowers[i])!;
          mods[j] += (mods[j] ? " " : "") + lowers[i];
          break;
        }
        if (kind[j] === 2) break;
      }
    }
  }
  const hits: ToneHit[] = [];
  let score = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] !== 1) continue;
    const e = entries[i]!;
    let w = e.weight * factor[i];
    if (negated[i]) w *= e.weight > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR;
    w = Math.round(w * 10000) / 10000;
    score += w;
    const t = tokens[i];
    hits.push({
      start: t.start,
      end: t.end,
      form: text.slice(t.start, t.end),
      base: e.weight,
      weight: w,
      source: e.source,
      negated: negated[i] === 1,
      factor: factor[i],
      modifiers: mods[i],
    });
  }
  return { score: Math.round(score * 10000) / 10000, hits };
}

/** A hit counts as evaluative when its lexicon weight is at least this strong. */
export const isEvaluative = (h: ToneHit) => h.source === "political" ? h.base !== 0 : Math.abs(h.base) >= EVALUATIVE_MIN;

/** The band within which a score counts as neutral. */
export const NEUTRAL_BAND = 0.05;

export function vote(score: number, band = NEUTRAL_BAND): "positive" | "negative" | "neutral" {
  return score > band ? "positive" : score < -band ? "negative" : "neutral";
}
