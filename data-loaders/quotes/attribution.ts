/**
 * Attribution: finds cues (speech verbs with their particle, source phrases
 * such as `laut`, `zufolge`, `nach Angaben`, `so`, impersonal `hieß es`) in a
 * sentence and the speaker noun phrase that goes with each.
 */
import { withMemos } from "../array-memo.ts";
import {
  CASUALTY_NOUNS, FOREIGN_NAME_WORDS, IMPERSONAL, SUBORDINATORS as SUBORD, REPORTED_FORMS, VERB_FORMS,
} from "./lexicon.ts";
import {
  B, isLowerCompound, type Tok,
} from "./tokens.ts";

export type CueKind = "verb" | "source" | "impersonal" | "adverb";

export interface Cue {
  kind: CueKind;
  /** main cue token index, and the last token of a contiguous cue (inclusive) */
  i: number;
  j: number;
  /** separated second part (particle or auxiliary) token index, -1 when none */
  p: number;
  lemma: string;
  cls: string;
  /** speaker token range [a, b), a = -1 when none */
  sa: number;
  sb: number;
  /** a passive or participle cue (`wurde mitgeteilt`) */
  passive: boolean;
}

const NONE: string[][] = [];
/** every word that can start a cue (one lookup rejects all other tokens) */
/** what opens the complement of `wurde … bekannt` */
const COMPLEMENT_START = new Set(["dass", "ob", "wie", "wer", "was", "wo", "warum", "weshalb"]);
const IMPERSONAL_BY_FIRST = new Map<string, string[][]>();
for (const seq of IMPERSONAL) IMPERSONAL_BY_FIRST.set(seq[0], [...(IMPERSONAL_BY_FIRST.get(seq[0]) ?? []), seq]);
const PASSIVE_AUX = new Set(["wurde", "wurden", "wird", "werden", "worden"]);
const PRONOMINAL = new Set(["darauf", "davon", "dazu", "daran", "darüber", "dafür", "dagegen"]);

/** separable-verb particles: one closing the clause of a finite verb belongs to that verb */
const FOREIGN_PARTICLES = new Set(["statt", "ab", "los", "weg", "teil", "zusammen", "vorbei"]);
const TLD = new Set(["de", "com", "net", "org", "at", "ch", "eu", "info"]);
const GENITIVE_NAME = /[^s]s$/u;
const NACH_RELATIVE = new Set(["denen", "welchem", "welcher", "welchen"]);
const DEMONSTRATIVE = new Set(["diese", "dieser", "diesem", "diesen", "dieses", "jener", "jenem", "jenen"]);

/**
 * Whether a token can be part of a speaker noun phrase: a quoted name inside the NP (`„Die Zeit“`; long
 * quotations are cut in npCore), or a form that can (`npFormFact` in `tokens.ts`, decided once per form).
 */
function npToken(t: Tok): boolean {
  return t.mark >= 0 || (t.bits & B.NP) !== 0;
}

/**
 * After an article, the end of an extended participle attribute that starts at `i` (an adverb or a prepositional
 * phrase, then a participle or adjective right before its noun): the index of that participle, or `i` when none.
 * No verb, quotation or clause punctuation inside; at most 10 tokens.
 */
function participleAttributeEnd(toks: Tok[], i: number, limit: number): number {
  for (let k = i; k < limit && k < i + 10; k++) {
    const t = toks[k];
    // (checked first: the participle may also be a finite verb form, `einer am Dienstag veröffentlichten Mitteilung`)
    if (k > i && t.mark < 0 && !t.upper && t.word && PARTICIPLE_ADJ.test(t.low) && toks[k + 1]?.upper && toks[k + 1].mark < 0 && k + 1 < limit) return k;
    if (t.mark >= 0 || (t.bits & (B.VERB | B.AUX)) !== 0) return i;
    if (!t.word && t.text !== "," && t.text !== "-") return i;
  }
  return i;
}
const PARTICIPLE_ADJ = /(?:ende|enden|endes|ender|te|ten|tes|ter|ene|enen|enes|ener|ige|igen|iges|iger)$/;

/** Whether the noun phrase [a, b) has a head: a capitalised word or a pronoun. */
function hasHead(toks: Tok[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (toks[i].mark >= 0 || (toks[i].bits & B.HEAD) !== 0) return true;
  return false;
}


/** The noun phrase starting at `i` (up to `limit`), as [a, b); b === a when none. */
function npCore(toks: Tok[], i: number, limit: number): [number, number] {
  let a = i;
  while (a < limit && toks[a].low === "sich") a++;
  if (a < limit && (toks[a].bits & B.PRON) !== 0) return [a, a + 1];
  if (a < limit && toks[a].upper && (toks[a].low === "von" || toks[a].low === "vom")) return [a, a];
  let b = a;
  let sawNoun = false;
  let inDet = false; // inside a genitive attribute, before its noun
  while (b < limit) {
    const t = toks[b];
    if (!npToken(t)) {
      // an extended participle attribute between the article and its noun: `die zur Stanford University gehörende
      // Hoover Institution`, `einer gestern vorgestellten Studie`
      if ((!sawNoun || inDet) && b > a && (toks[b - 1].bits & B.DET) !== 0) {
        const e = participleAttributeEnd(toks, b, limit);
        if (e > b) {
          b = e + 1; // the participle with its attribute; its noun comes next
          continue;
        }
      }
      // `Der Bürgermeister von Christchurch`, `Johanna Moser vom „Kollektiv“`, `die Regierung in Lomé`
      const nx = toks[b + 1];
      // a foreign name's function word between capitalised words (`University of St. Andrews`, `Banco de España`)
      if (sawNoun && !inDet && b > a && toks[b - 1].upper && FOREIGN_NAME_WORDS.has(t.text) && nx?.upper && nx.mark < 0 && b + 1 < limit) {
        b++;
        continue;
      }
      // a parenthesis right after the noun belongs to it (`Klaus Wowereit (SPD)`, `amnesty international (ai)`)
      if (sawNoun && !inDet && t.text === "(" && t.mark < 0) {
        let e = b + 1;
        while (e < limit && e <= b + 6 && toks[e].text !== ")" && toks[e].text !== "(") e++;
        if (e < limit && toks[e].text === ")" && e > b + 1) {
          b = e + 1;
          continue;
        }
      }
      // coordination of names: `die Regierungen von Deutschland und Frankreich`, `SPD und Linke`
      if (sawNoun && !inDet && (t.low === "und" || t.low === "sowie") && nx && b + 1 < limit && ((nx.upper && (nx.bits & (B.STOP | B.DET | B.PRON)) === 0) || ((nx.bits & B.DET) !== 0 && toks[b + 2]?.upper && b + 2 < limit))) {
        b++;
        continue;
      }
      const vonPhrase = (t.low === "von" || t.low === "vom") && ((nx !== undefined && (nx.bits & B.DET) !== 0) || (/(?:en|er|e)$/.test(nx?.low ?? "") && !nx.upper && toks[b + 2]?.upper));
      if (sawNoun && !inDet && (t.bits & B.NAMEPREP) !== 0 && nx && b + 1 < limit && ((nx.upper && (nx.bits & (B.STOP | B.DET)) === 0) || nx.mark >= 0 || vonPhrase)) {
        b++;
        if (vonPhrase) inDet = true;
        continue;
      }
      break;
    }
    // a marked name ends the phrase unless it is the head (`die Zeitung „Die Zeit“` continues)
    if (t.mark >= 0) {
      let e = b;
      let words = 0;
      while (e < limit && toks[e].mark === t.mark) (words += toks[e].word ? 1 : 0), e++;
      // a quotation (more than a short name) or one already inside a phrase after its noun is not part of it
      if (words > 4 || words === 0 || (sawNoun && !inDet && b > a && (toks[b - 1].bits & B.DET) === 0 && !toks[b - 1].upper)) break;
      // after a noun only a name continues the phrase (`die Zeitung „Die Zeit“`), not a quoted phrase (`die Richter „gravierende Bedenken“`)
      if (sawNoun && !inDet) {
        let fw = b;
        while (fw < e && !toks[fw].word) fw++;
        if (fw < e && !toks[fw].upper) break;
      }
      b = e;
      sawNoun = true;
      inDet = false;
      continue;
    }
    if (t.text === "." || t.text === "-") {
      if (b === a) break;
      b++;
      continue;
    }
    const det = (t.bits & B.DET) !== 0;
    if (sawNoun && !t.upper) {
      // after a noun: a genitive determiner (`der beiden Politiker`), the adjectives of a genitive attribute,
      // or a determinerless genitive plural (`Schätzungen französischer Behörden`)
      const bareGenitive = !det && !inDet && /er$/.test(t.low) && toks[b + 1]?.upper && b + 1 < limit && (toks[b + 1].bits & B.STOP) === 0;
      if (det && (t.bits & B.GENDET) === 0 && !inDet) break;
      if (!det && !inDet && !bareGenitive) break;
      inDet = true;
    }
    if ((t.upper && !det) || (!t.upper && isLowerCompound(t.text))) (sawNoun = true), (inDet = false);
    b++;
  }
  while (b > a && !toks[b - 1].word && toks[b - 1].mark < 0 && toks[b - 1].text !== ")") b--;
  // a dangling preposition or determiner at the end (`Ken Rice vom`) is not part of the phrase
  while (b > a && (toks[b - 1].bits & (B.NAMEPREP | B.DET)) !== 0 && b - 1 > a) b--;
  if (!hasHead(toks, a, b)) return [a, a];
  return [a, b];
}

/** The noun phrase at `i` with a comma apposition (`Ein Sprecher der Polizei, Lars Beringer, sagte`). */
export function npAfter(toks: Tok[], i: number, limit = toks.length): [number, number] {
  const [a, b] = npCore(toks, i, limit);
  if (b > a && b + 1 < limit && toks[b].text === "," && toks[b].mark < 0 && (toks[a].bits & B.PRON) === 0) {
    const [x, y] = npCore(toks, b + 1, limit);
    const closes = y >= limit || (toks[y].mark < 0 && (toks[y].text === "," || /^[.!?;:]$/.test(toks[y].text)));
    let name = false;
    for (let k = x; k < y; k++) if (toks[k].upper && (toks[k].bits & B.DET) === 0) name = true;
    // `Ursula Castrup, die Leiterin der Fachstelle, …`: an article before a noun opens an apposition, not a relative clause
    const nounNext = toks[x + 1] && toks[x + 1].mark < 0 && (toks[x + 1].upper || (/(?:e|en|er|es)$/.test(toks[x + 1].low) && toks[x + 2]?.upper));
    if (y > x && closes && name && (toks[x].bits & B.PRON) === 0 && (!RELATIVE.has(toks[x].low) || (nounNext && /^(der|die|das)$/.test(toks[x].low)))) return [a, y];
  }
  return [a, b];
}
const RELATIVE = new Set(["der", "die", "das", "dem", "den", "dessen", "deren", "welcher", "welche", "welches"]);

/**
 * The end of a source phrase that is a bare name (`laut Schnappauf`, `laut Sergei Voznyak`): an article after
 * the name opens the clause's own subject, not a genitive (`… wurde laut Voznyak der Sprecher … festgenommen`);
 * source nouns keep theirs (`laut Angaben der Polizei`).
 */
function bareNameEnd(toks: Tok[], a: number, b: number): number {
  if (!toks[a].upper || (toks[a].bits & B.DET) !== 0 || toks[a].mark >= 0) return b;
  let k = a;
  while (k < b && k < a + 3 && toks[k].upper && toks[k].mark < 0 && (toks[k].bits & B.NACH) === 0) k++;
  return k > a && k < b && (toks[k].bits & B.GENDET) !== 0 ? k : b;
}

/** The noun phrase that ends right before `i`, starting no earlier than `from`. */
export function npBefore(toks: Tok[], from: number, i: number): [number, number] {
  let a = i;
  for (;;) {
    while (a > from && npToken(toks[a - 1])) a--;
    // a parenthesis after a noun belongs to the phrase (`Einer Erklärung des Verbandes (VDR) zufolge`)
    if (a - 1 > from && toks[a - 1].text === ")" && toks[a - 1].mark < 0) {
      let o = a - 2;
      while (o > from && o >= a - 7 && toks[o].text !== "(" && toks[o].text !== ")") o--;
      if (o > from && toks[o].text === "(" && toks[o - 1].upper && toks[o - 1].word) {
        a = o;
        continue;
      }
    }
    break;
  }
  // do not start with a genitive-less lower-case word after a stop (`am Montag` never reaches here)
  while (a < i && !toks[a].word && toks[a].mark < 0) a++;
  // a lower-case word right after a noun (no article between) is no part of the phrase before `zufolge`:
  // `Ursache … der Eishalle dürfte ersten Annahmen zufolge`, `Sie entstammen Zeitungsberichten zufolge`
  for (let k = i - 2; k > a; k--) {
    const t = toks[k];
    if (t.word && !t.upper && t.mark < 0 && (t.bits & B.DET) === 0 && toks[k - 1].upper && toks[k - 1].mark < 0 && (toks[k - 1].bits & B.DET) === 0 && !/er$/.test(t.low)) {
      a = k + 1;
      break;
    }
  }
  if (a < i && (toks[i - 1].bits & B.PRON) !== 0 && i - 1 > a) a = i - 1;
  // a determiner that cannot open a genitive attribute starts the phrase (`Sarkozy dem „Figaro“ zufolge`)
  for (let k = i - 1; k > a; k--) {
    if ((toks[k].bits & B.DET) === 0) continue;
    if ((toks[k].bits & B.GENDET) === 0 || !toks[k - 1].upper || (toks[k - 1].bits & B.DET) !== 0) { a = k; break; }
  }
  if (!hasHead(toks, a, i)) return [i, i];
  return [a, i];
}

/**
 * A clause is at most this many tokens either side of a cue: real clauses are
 * far shorter, and every per-cue scan of a clause is bounded by it, so a
 * "clause" of thousands of speech verbs with no comma stays linear.
 */
const MAX_CLAUSE = 200;

function clauseEnd(toks: Tok[], i: number): number {
  let e = i;
  const stop = Math.min(toks.length, i + MAX_CLAUSE);
  while (e < stop && !(toks[e].mark < 0 && (toks[e].bits & (B.CLAUSE | B.FULLSTOP)) !== 0)) e++;
  return e;
}

function clauseStart(toks: Tok[], i: number): number {
  return Math.max(clauseStarts(toks)[i], i - MAX_CLAUSE);
}

/**
 * Per token, where its clause starts (after the last comma, colon, semicolon
 * or dash outside quotation marks), computed once per sentence: a walk back
 * per cue was quadratic in a long clause full of cues (thousands of `hieß es`).
 * Kept for the sentence asked about last, in one array reused across
 * sentences (cues are found sentence by sentence, and a new typed array and
 * a WeakMap entry per sentence cost as much as the computing); read at once
 * by `clauseStart`, never held.
 */
let CS = new Int32Array(256);
let csToks: Tok[] | null = null;
let csLength = -1;
function clauseStarts(toks: Tok[]): Int32Array {
  if (toks === csToks && toks.length === csLength) return CS;
  if (CS.length < toks.length + 1) CS = new Int32Array(2 * (toks.length + 1));
  const cs = CS;
  cs[0] = 0;
  for (let s = 1; s <= toks.length; s++) {
    const p = toks[s - 1];
    cs[s] = p.mark < 0 && (p.bits & B.CLAUSE) !== 0 ? s : cs[s - 1];
  }
  csToks = toks;
  csLength = toks.length;
  return cs;
}


/** The speaker of a verb cue at `v` in clause [cs, ce). */
function verbSpeaker(toks: Tok[], v: number, cs: number, ce: number): [number, number] {
  const first = toks[cs];
  // `…, das teilte das Institut mit`: after a comma, the demonstrative is the object, the phrase after the verb its subject
  if (v === cs + 1 && cs > 0 && (first.low === "das" || first.low === "dies") && toks[cs - 1].text === ",") {
    const inv = npAfter(toks, v + 1, ce);
    if (inv[1] > inv[0]) return inv;
  }
  if (v === cs) {
    // `Die Politikerin der Grünen, Anja Hajduk, kritisierte …`: the subject with its apposition
    const subj = subjectBefore(toks, v);
    if (subj[1] > subj[0]) return subj;
    // `Hubert Primus, der bei … verantwortlich ist, wies den Vorwurf zurück`: the subject before its relative clause
    if (cs > 1 && toks[cs - 1].text === "," && toks[cs - 1].mark < 0) {
      const [a, b] = subjectOfSentence(toks, cs);
      if (a === 0 && b > a && b + 1 < cs && toks[b].text === "," && RELATIVE.has(toks[b + 1].low) && !OBLIQUE_DET.has(toks[a].low)) return [a, b];
    }
    const after = npAfter(toks, v + 1); // `…, sagte Trump`, `…, sagte ein Sprecher, Lars Beringer, …`
    if (after[1] > after[0] || cs === 0) return after;
    // `Während einige …, warnten andere davor, …`: a quantifier pronoun after the verb is the subject
    if (v + 1 < ce && QUANT_PRON.has(toks[v + 1].low) && toks[v + 1].mark < 0) return [v + 1, v + 2];
    return subjectOfSentence(toks, cs); // `Auch Putin, der …, sagte, …` / `Trump sprach …, betonte aber, …`
  }
  if (first.low === "wie" || (!first.upper && SUBORD.has(first.low))) {
    // `wie die Polizei mitteilte`, `der … gesagt hatte`
    return npAfter(toks, cs + 1, v);
  }
  if (first.upper && (first.bits & B.STOP) === 0 && npToken(first)) {
    const [a, b] = npAfter(toks, cs, v);
    // a lone demonstrative (`Das sagte er`) is the object, not the speaker
    if (b > a && !(b - a === 1 && /^(das|dies|dieses|es)$/.test(first.low))) return [a, b];
  }
  // inversion after an adverbial: `Am Montag sagte Trump`; an accusative or dative phrase is the object
  const inv = npAfter(toks, v + 1, ce);
  return inv[1] > inv[0] && OBLIQUE_DET.has(toks[inv[0]].low) ? [v, v] : inv;
}

const QUANT_PRON = new Set(["andere", "viele", "einige", "manche", "beide", "alle", "mehrere"]);

/** non-nominative determiners: a phrase they open is not the subject (`Den Schaden schätzt die Polizei …`) */
const OBLIQUE_DET = new Set(["den", "dem", "einen", "einem", "diesen", "diesem"]);

/**
 * The sentence-initial subject when it stands right before the verb at `v`
 * (after it at most a parenthesis `(SPD)` or the comma closing an apposition); [v, v] when none.
 */
export function subjectBefore(toks: Tok[], v: number): [number, number] {
  const [x, y] = subjectOfSentence(toks, v);
  if (y <= x || OBLIQUE_DET.has(toks[x].low) || toks[x].mark >= 0) return [v, v];
  let k = y;
  if (k < v && toks[k].text === "(") {
    while (k < v && toks[k].text !== ")") k++;
    k++;
  }
  if (k < v && toks[k].text === "," && k === v - 1 && y < k && toks[y].text === "(") return [x, y];
  if (k === v - 1 && toks[k].text === "," && y === k) return [x, y];
  return k === v ? [x, y] : [v, v];
}

/** The subject at the start of the sentence (skipping a leading adverb like `Auch`), before `limit`. */
export function subjectOfSentence(toks: Tok[], limit: number): [number, number] {
  let a = 0;
  while (a < limit && a < 2 && toks[a].upper && (toks[a].bits & B.STOP) !== 0) a++;
  if (a >= limit) return [limit, limit];
  const [x, y] = npAfter(toks, a, limit);
  if (y <= x) return [limit, limit];
  // the subject must be followed by a verb, a comma (apposition/relative clause) or an adverb
  return [x, y];
}

/** Every cue in tokens [lo, hi) outside quotation marks. */
export function findCues(toks: Tok[], lo = 0, hi = toks.length): Cue[] {
  // (with its memo holder from the start: every cue list one hidden class, `array-memo.ts`)
  const cues: Cue[] = withMemos([]);
  for (let i = lo; i < hi; i++) {
    const t = toks[i];
    if ((t.bits & B.CUE) === 0 || t.mark >= 0 || !t.word) continue;
    const low = t.low;
    // impersonal phrases: `hieß es`, `wurde bekannt`
    let matched = false;
    for (const seq of (t.bits & B.IMP) !== 0 ? IMPERSONAL_BY_FIRST.get(low)! : NONE) {
      if (i + seq.length > hi) continue;
      let ok = true;
      for (let k = 0; k < seq.length; k++) if (toks[i + k].low !== seq[k] || toks[i + k].mark >= 0) { ok = false; break; }
      if (!ok) continue;
      let sa = -1, sb = -1;
      // `in einer Mitteilung der Polizei hieß es` names its source
      const cs = clauseStart(toks, i);
      if (cs < i && (toks[cs].low === "in" || toks[cs].low === "aus")) {
        const [a, b] = npAfter(toks, cs + 1, i);
        if (b > a) (sa = a), (sb = b);
      }
      cues.push({ kind: "impersonal", i, j: i + seq.length - 1, p: -1, lemma: seq.join(" "), cls: "source", sa, sb, passive: false });
      i += seq.length - 1;
      matched = true;
      break;
    }
    // `Allerdings wurde inzwischen auch bekannt, dass …`, `Zuvor war schon bekannt geworden, dass …`: adverbs
    // inside the impersonal phrase (train: 3 of 3 such sentences annotated; `Es ist nicht bekannt, ob …` is none)
    if (!matched && (low === "wurde" || low === "war")) {
      let k = i + 1;
      while (k < hi && k <= i + 4 && toks[k].word && !toks[k].upper && toks[k].mark < 0 && toks[k].low !== "bekannt" && toks[k].low !== "nicht") k++;
      if (k > i + 1 && k < hi && toks[k].low === "bekannt" && toks[k].mark < 0) {
        const e = k + 1 < hi && toks[k + 1].low === (low === "war" ? "geworden" : "") ? k + 1 : k;
        if (low === "wurde" || e > k) {
          const after = toks[e + 1], clause = toks[e + 2];
          if (after?.text === "," && after.mark < 0 && clause && COMPLEMENT_START.has(clause.low)) {
            cues.push({ kind: "impersonal", i, j: i, p: e, lemma: "wurde bekannt", cls: "source", sa: -1, sb: -1, passive: false });
            continue;
          }
        }
      }
    }
    if (matched) continue;
    if ((t.bits & B.SPREP) !== 0) {
      // a demonstrative opens the source phrase (`laut diesem Zeugen`, `laut dieser Studie`), though it starts no speaker elsewhere
      const dem = i + 2 < hi && DEMONSTRATIVE.has(toks[i + 1].low) && toks[i + 1].mark < 0;
      const [a0, b] = npAfter(toks, dem ? i + 2 : i + 1, hi);
      const a = dem && b > a0 ? i + 1 : a0;
      // a web address split by the tokenizer (`laut ndr.de`, `laut faz.net`) names the source
      if (b <= a && i + 2 < hi && toks[i + 1].text.endsWith(".") && toks[i + 1].end === toks[i + 2].start && TLD.has(toks[i + 2].low) && /^[a-z0-9-]+\.$/.test(toks[i + 1].low)) {
        cues.push({ kind: "source", i, j: i, p: -1, lemma: low, cls: "source", sa: i + 1, sb: i + 3, passive: false });
        continue;
      }
      if (b > a) cues.push({ kind: "source", i, j: i, p: -1, lemma: low, cls: "source", sa: a, sb: bareNameEnd(toks, a, b), passive: false });
      continue;
    }
    if ((t.bits & B.SPOST) !== 0) {
      const [a, b] = npBefore(toks, clauseStart(toks, i), i);
      if (b > a) cues.push({ kind: "source", i, j: i, p: -1, lemma: low, cls: "source", sa: a, sb: b, passive: false });
      continue;
    }
    if (low === "nach") {
      // `Gerüchte, nach denen …`, `ein Antrag, nach welchem …`: the relative clause is what they say
      if (i > lo && toks[i - 1].text === "," && toks[i - 1].mark < 0 && i + 2 < hi && NACH_RELATIVE.has(toks[i + 1].low)) {
        cues.push({ kind: "source", i, j: i, p: -1, lemma: "nach", cls: "source", sa: i + 1, sb: i + 2, passive: false });
        continue;
      }
      // postposition: `Dem Vernehmen nach`, `seiner Ansicht nach`
      // (not before an article: `Messungen nach einem Flug` is the preposition)
      if (i > lo && toks[i - 1].upper && (toks[i - 1].bits & B.NACH) !== 0 && !(toks[i + 1]?.upper) && !(i + 1 < hi && (toks[i + 1].bits & B.DET) !== 0)) {
        const [a, b] = npBefore(toks, clauseStart(toks, i), i);
        if (b > a) cues.push({ kind: "source", i, j: i, p: -1, lemma: "nach", cls: "source", sa: a, sb: b, passive: false });
        continue;
      }
      let k = i + 1;
      let found = -1;
      while (k < hi && k <= i + 5 && toks[k].word && toks[k].mark < 0) {
        if (toks[k].upper && (toks[k].bits & B.NACH) !== 0) { found = k; break; }
        // the phrase's head is its first noun: `nach Abschluss der Ermittlungen` is temporal; only a genitive name
        // may stand before the head (`nach Trumps Worten`)
        if (toks[k].upper && !(GENITIVE_NAME.test(toks[k].text) && toks[k + 1]?.upper)) break;
        if (toks[k].low === "wie") break; // `nach wie vor`
        k++;
      }
      if (found >= 0) {
        const [a, b] = npAfter(toks, i + 1, hi);
        cues.push({ kind: "source", i, j: i, p: -1, lemma: "nach", cls: "source", sa: i + 1, sb: Math.max(b, found + 1), passive: false });
      }
      continue;
    }
    if (low === "so" && i > lo && toks[i - 1].text === "," && toks[i - 1].mark < 0) {
      const ce = clauseEnd(toks, i + 1);
      // `, so Ursula Castrup, die Leiterin der Fachstelle, …`: the apposition belongs to the speaker
      const [a, b0] = npAfter(toks, i + 1, ce);
      const [, b1] = b0 > a && b0 >= ce - 3 ? npAfter(toks, i + 1) : [a, b0];
      const b = Math.max(b0, b1);
      // `…, so der Sprecher gegenüber der Zeitung „…“.`: an addressee may follow the speaker
      const toWhom = b0 > a && b0 < ce - 3 && toks[b0].low === "gegenüber" && toks[b0].mark < 0;
      if (b > a && (b0 >= ce - 3 || toWhom)) cues.push({ kind: "source", i, j: i, p: -1, lemma: "so", cls: "source", sa: a, sb: b, passive: false });
      continue;
    }
    if ((t.bits & B.SADV) !== 0) {
      cues.push({ kind: "adverb", i, j: i, p: -1, lemma: low, cls: "source", sa: -1, sb: -1, passive: false });
      continue;
    }
    if (t.upper && i > lo) continue;
    if ((t.bits & B.VERB) === 0) continue;
    const infos = VERB_FORMS.get(low)!;
    const cs = clauseStart(toks, i);
    const ce = clauseEnd(toks, i);
    // separable verbs need their particle later in the clause: `teilte … mit`
    let chosen = null as null | (typeof infos)[number];
    let p = -1;
    // a particle that closes the clause wins over one inside it (`Dies geht aus einer Mitteilung hervor`: `hervorgehen`,
    // not `ausgehen`)
    let last = ce - 1;
    while (last > i && !toks[last].word) last--;
    if (last > i && toks[last].mark < 0) for (const info of infos) if (info.form === "finite" && info.particle === toks[last].low) { chosen = info; p = last; break; }
    if (!chosen) for (const info of infos) {
      if (info.form === "finite" && info.particle) {
        for (let k = i + 1; k < ce; k++) {
          // (`zu` followed by a word is a preposition: `sagte zu Mair, …` is no `zusagen`)
          if (toks[k].mark < 0 && toks[k].low === info.particle && (info.particle !== "zu" || k + 1 >= ce || !toks[k + 1].word || toks[k + 1].mark >= 0)) { chosen = info; p = k; break; }
        }
        if (chosen) break;
      }
    }
    // `gab der Leiter der Behörde, Andreas Huber, bekannt, dass …`: the particle after the subject's comma apposition
    let apposition: [number, number] | null = null;
    // (an adverb may stand between the verb and the subject: `teilte später der Direktor …, …, mit`)
    let n0 = i + 1;
    while (n0 < ce && toks[n0].mark < 0 && toks[n0].word && !toks[n0].upper && (toks[n0].bits & (B.STOP | B.DET)) === B.STOP) n0++;
    if (!chosen && n0 < ce && (toks[n0].bits & B.DET) !== 0) {
      // (the subject with its apposition within 40 tokens: bounded in hostile sentences)
      const [x, y] = npAfter(toks, n0, Math.min(toks.length, n0 + 40));
      if (y > ce && y < toks.length && toks[y].text === ",") {
        const pe = clauseEnd(toks, y + 1);
        for (const info of infos) {
          if (info.form !== "finite" || !info.particle) continue;
          for (let k = y + 1; k < pe; k++) if (toks[k].mark < 0 && toks[k].low === info.particle) { chosen = info; p = k; break; }
          if (chosen) break;
        }
        if (chosen) apposition = [x, y];
      }
    }
    // a subordinate clause writes the particle before the verb (`wie die Bank bekannt gab`)
    if (!chosen && i > cs) for (const info of infos) if (info.form === "finite" && info.particle && toks[i - 1].low === info.particle && toks[i - 1].mark < 0) { chosen = info; p = i - 1; break; }
    if (!chosen) chosen = infos.find((v) => v.form !== "finite" || !v.particle) ?? null;
    if (!chosen) continue;
    // a particle closing the clause that is none of this verb's makes another verb (`findet … statt`, `sagte … ab`)
    if (chosen.form === "finite" && !chosen.particle && p < 0 && ce - 1 > i && toks[ce - 1].mark < 0 && FOREIGN_PARTICLES.has(toks[ce - 1].low)) continue;
    // `betont`, `erklärt` are finite or participle: with a perfect or passive auxiliary before them, a participle
    if (chosen.form === "finite" && !chosen.particle) {
      const part = infos.find((v) => v.form === "participle");
      if (part) for (let k = cs; k < i; k++) if ((toks[k].bits & B.AUX) !== 0 && toks[k].mark < 0) { chosen = part; break; }
    }
    let passive = false;
    let j = i;
    if (chosen.form === "participle") {
      // needs an auxiliary in the clause: `hatte gesagt`, `wurde mitgeteilt`
      let aux = -1;
      for (let k = cs; k < ce; k++) if (k !== i && (toks[k].bits & B.AUX) !== 0 && toks[k].mark < 0) { aux = k; if (k === i - 1 || k === i + 1) break; }
      if (aux < 0) continue;
      passive = PASSIVE_AUX.has(toks[aux].low);
      if (aux === i + 1) j = aux;
      else if (aux === i - 1) { cues.push(build(toks, aux, i, -1, chosen, cs, ce, passive)); continue; }
      else p = aux;
    }
    // `äußerte sich`, `wies darauf hin`
    if (j === i && i + 1 < ce && toks[i + 1].low === "sich") j = i + 1;
    const cue = build(toks, i, j, p, chosen, cs, ce, passive);
    if (apposition) (cue.sa = apposition[0]), (cue.sb = apposition[1]);
    cues.push(cue);
  }
  return cues;
}

const COORD = new Set(["und", "sowie", "aber", "doch", "sondern"]);

function build(toks: Tok[], i: number, j: number, p: number, info: { lemma: string; cls: string }, cs: number, ce: number, passive: boolean): Cue {
  let sa = -1, sb = -1;
  if (passive) {
    // `wurde von der Polizei mitgeteilt`
    for (let k = cs; k < ce; k++) {
      if (toks[k].low === "von" || toks[k].low === "vom") {
        const [a, b] = npAfter(toks, k + 1, ce);
        if (b > a) (sa = a), (sb = b);
        break;
      }
    }
  } else {
    const [a, b] = verbSpeaker(toks, i, cs, ce);
    if (b > a) (sa = a), (sb = b);
    // `…, hat Staatssekretär Berninger gefordert, …`: the subject between the auxiliary and the participle
    if (sa < 0 && p >= 0 && p < i) {
      const [x, y] = npAfter(toks, p + 1, i);
      if (y > x) (sa = x), (sb = y);
    }
    // `X sprach sich gegen das Verbot aus und sagte, …`: a coordinated verb shares the sentence subject
    if (sa < 0 && i > 0 && COORD.has(toks[i - 1].low)) {
      const [x, y] = subjectOfSentence(toks, i);
      if (y > x && y < i) (sa = x), (sb = y);
    }
  }
  // a pronominal adverb right before the particle belongs to the cue (`wies darauf hin`)
  return { kind: "verb", i, j, p, lemma: info.lemma, cls: info.cls, sa, sb, passive };
}

/** Reported-speech verbs (`warnte vor`, `sprach von`, `forderte`) in [lo, hi). */
export function findReported(toks: Tok[], lo = 0, hi = toks.length): { i: number; lemma: string; p: number } | null {
  for (let i = lo; i < hi; i++) {
    const t = toks[i];
    if (t.mark >= 0 || !t.word || (t.upper && i > lo) || (t.bits & B.REP) === 0) continue;
    const rs = REPORTED_FORMS.get(t.low)!;
    // an attributive participle (`eine beklagte Lücke`, `eine oft beklagte Lücke`) is no verb
    if (toks[i + 1]?.upper && ((i > 0 && (toks[i - 1].bits & B.DET) !== 0) || (i - 2 >= lo && (toks[i - 2].bits & B.DET) !== 0 && !toks[i - 1].upper))) continue;
    // `Das Objekt, genannt 2003 EL61, …`: a participle set off by a comma names, it reports nothing
    if (i > lo && toks[i - 1].text === "," && toks[i - 1].mark < 0 && /^ge\p{Ll}+t$/u.test(t.low)) continue;
    const ce = clauseEnd(toks, i);
    // a separated particle closing the clause picks its verb first (`sprach sich für … aus` is `aussprechen`, not `sprechen`)
    let plain: string | null = null;
    for (const r of rs) {
      // `Die Flut forderte 92 Menschenleben`: a toll, not a demand
      if (r.lemma === "fordern" && tollAfter(toks, i, ce)) continue;
      if (!r.particle) {
        plain ??= r.lemma;
        continue;
      }
      // the separated particle closes the clause (`warf … vor.`, not `warf … vor der Russin`)
      for (let k = i + 1; k < ce; k++) if (toks[k].mark < 0 && toks[k].low === r.particle && (k + 1 >= toks.length || !toks[k + 1].word)) return { i, lemma: r.lemma, p: k };
    }
    if (plain !== null) return { i, lemma: plain, p: -1 };
  }
  return null;
}

/** a casualty noun near the verb in its clause (within 30 tokens either side: a hostile clause of thousands of `forderte` stays linear) */
function tollAfter(toks: Tok[], i: number, ce: number): boolean {
  for (let k = Math.max(clauseStart(toks, i), i - 30), e = Math.min(ce, i + 30); k < e; k++) if (k !== i && toks[k].mark < 0 && toks[k].upper && CASUALTY_NOUNS.has(toks[k].text)) return true;
  return false;
}

export { clauseStart, clauseEnd, PRONOMINAL };
