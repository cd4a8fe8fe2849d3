/**
 * The quote extractor: direct quotes (with partial quotes and scare quotes),
 * indirect speech, free indirect and reported speech, with speaker, cue and
 * frame. Pure: a function of the document and, optionally, actor mentions.
 *
 * Each rule is a small function of its own (a method of `QuoteRun`, which holds
 * what one document's reading carries from sentence to sentence), not a block
 * of one long function: V8 compiles small units, a rarely run rule that
 * deoptimises recompiles only itself, and no closures are made per document.
 * Direct quotes are in `direct.ts`, the steps after the last sentence in `finish.ts`.
 */
import type { Doc, Span } from "../types.ts";
import { keepOn, keptOn, memoKey, withMemos } from "../array-memo.ts";
import { discoveredId } from "../actors/discover.ts";
import { clauseEnd, clauseStart, type Cue, findCues, findReported, npAfter, npBefore, subjectBefore, subjectOfSentence } from "./attribution.ts";
import { directFor, isName } from "./direct.ts";
import { cueAfter, cueIndex, type Draft, frameSpan, type Reading, type Speaker } from "./draft.ts";
import { frameCommas, mergeFreeIndirectRuns, nearestSpeakerMentions, toQuotes } from "./finish.ts";

/** relative pronouns that open no complement after a verb with an object (`…, was Streit auslöste`) */
const RELATIVE_WH = new Set(["was", "welche", "welcher", "welches"]);
/** demonstratives that take up the sentence before as what was said (`Dies teilte die Polizei mit.`) */
const ANAPHOR = new Set(["das", "dies", "dieses"]);
const PURPOSE = new Set(["um", "ohne", "statt", "anstatt", "anstelle"]);
const PASSIVE = /^(wurde|wurden|worden|wird|werden)$/;
const OBLIQUE = new Set(["den", "dem", "einen", "einem", "diesen", "diesem"]);
const ADJ = /(?:e|en|er|es|em)$/;
const SOLL = new Set(["soll", "sollen"]);
const GENITIVE_OR_PREP = new Set(["des", "der", "eines", "einer", "von", "vom", "bei", "aus", "gegen"]);
const GENITIVE_DETS = new Set(["des", "der", "eines", "einer"]);
/** perfect auxiliaries (active: `hat … gefordert`; the passive ones are excluded separately) */
const PERFECT_AUX = new Set(["hat", "hatte", "haben", "hatten"]);
const PARTICIPLE = /^(?:ge\p{Ll}+|\p{Ll}*ge\p{Ll}+[tn])$/u;
const COORD_START = new Set(["und", "aber", "sowie", "doch"]);
/** words that open a subordinate clause (`da`, `weil`, `wenn`, `dass`, …) */
const SUBORD_START = new Set(["dass", "daß", "weil", "da", "wenn", "obwohl", "nachdem", "bevor", "während", "ob", "sodass", "indem", "falls", "wobei", "womit", "wodurch", "worauf", "wonach"]);
const FINITE_AUX = new Set(["ist", "war", "sind", "waren", "hat", "hatte", "haben", "hatten", "wird", "werden", "wurde", "wurden", "kann", "können", "konnte", "soll", "sollen", "sollte", "muss", "müssen", "musste", "will", "wollen", "wollte", "gibt", "gab"]);
import { firstKonjunktiv, hasKonjunktiv, hasReportiveModal } from "./konjunktiv.ts";
import { CLAUSE_CONJ, CONTRACTED, NEGATION_ASSERTS, NP_DET, PRONOUNS, RELATIVE_STARTS, REPORTED, REPORTED_SILENT, SPEECH_NOUNS, STOP_NP } from "./lexicon.ts";
import { findMarks, type MarkSpan } from "./marks.ts";
import { decide, QUOTE_MODEL, type QuoteModel, sentenceFeatures } from "./model.ts";
import { B, contentEnd, segments, sentenceTokens, type Tok } from "./tokens.ts";
import type { QuoteType, QuotesResult } from "./types.ts";

export interface Mention { start: number; end: number; actorId: string; form?: string; sentence?: number }

const ADVERBIAL_START = new Set(["während", "obwohl", "nachdem", "weil", "wenn", "da", "bevor", "seitdem", "sobald", "falls", "solange", "indem", "obgleich"]);
const FRONTED_SOURCE = new Set(["nach", "laut", "gemäß"]);
const INF_TAIL_START = new Set(["nachdem", "wobei", "was"]);
/** a zu-infinitive with a separable prefix (`anzusprechen`) */
const INF_ZU = /^(?:ab|an|auf|aus|bei|ein|mit|nach|vor|zu|zurück|weiter|fest|her|hin|dar|durch|fort|los|vorbei|zusammen|bekannt|frei|offen|statt|teil|heraus|hinaus|herein|hinein|herum|hervor|herunter|hinunter|heran|hinauf|herauf|voran|voraus|wieder|entgegen|nieder|weg|um|über|kennen|gegenüber|bereit|klar|fern|hoch)zu\p{Ll}{3,}en$/u;

/** `discoveredId` memoised per speaker text (the same unnamed sources recur across articles) */
const DISCOVERED = new Map<string, string>();
/** a copy of a string that shares no storage with the text it was sliced from (so the memo keeps no document alive) */
const detached = (s: string): string => JSON.parse(JSON.stringify(s));
function discoveredIdOf(spText: string): string {
  let id = DISCOVERED.get(spText);
  if (id === undefined) {
    id = detached(discoveredId(spText));
    if (DISCOVERED.size > 50_000) DISCOVERED.clear();
    DISCOVERED.set(detached(spText), id);
  }
  return id;
}

export interface ExtractOptions {
  /** the learned sentence model (default: the committed one); null = rules only */
  model?: QuoteModel | null;
  /** called with the features of every sentence the model is asked about (training) */
  collect?: (s: number, feats: number[], ruleType: string) => void;
}

/** Run the extractor over a document. */
export function extractQuotes(doc: Doc, mentions?: readonly Mention[] | null, opts?: ExtractOptions): QuotesResult {
  const run = new QuoteRun(doc, mentions);
  for (let s = 0; s < run.sents.length; s++) run.sentence(s);
  run.learnedModel(opts);
  const drafts = run.drafts;
  mergeFreeIndirectRuns(drafts, doc);
  nearestSpeakerMentions(drafts, doc.text);
  frameCommas(drafts);
  return { quotes: toQuotes(drafts, doc), scare: run.scare };
}

/** The sentence in hand, as every rule reads it, and the speech the rules found in it so far. */
interface Sentence {
  s: number;
  toks: Tok[];
  block: number;
  /** words outside quotation marks */
  outside: number;
  /** the sentence's cues ([] when every word is inside quotation marks) */
  cues: Cue[];
  segs: [number, number][];
  /** `contentEnd(toks)` */
  ce: number;
  /** the indirect quote a cue or speech noun of the sentence opens, and a second one after or inside it */
  indirect: Draft | null;
  second: Draft | null;
  /** the sentence's speech, in the order it goes to the drafts */
  speech: Draft[];
}

/** One document's reading: the state the rules carry from sentence to sentence, and the rules. */
class QuoteRun implements Reading {
  readonly doc: Doc;
  readonly text: string;
  readonly sents: Tok[][];
  readonly drafts: Draft[] = [];
  readonly scare: (Span & { text: string })[] = [];
  readonly marks: MarkSpan[];
  readonly markSentences: Map<number, { first: number; last: number }>;
  /** per sentence, 1 when a token of it lies inside quotation marks */
  readonly markedSentences: Uint8Array;
  readonly sortedMentions: readonly Mention[] | null;
  /** the longest mention: one starting further back than this before a speaker cannot overlap it */
  readonly longestMention: number;
  lastNamed: string | null = null;
  /** the most recent attributed speaker (carried over) */
  last: Speaker | null = null;
  /** last sentence that was reported speech */
  chainSentence = -10;
  readonly usedMarks = new Set<number>();
  readonly repMemo: (ReturnType<typeof findReported> | undefined)[] = [];
  /** sentences with a scare quote that is not a name or title */
  readonly notNames = new Set<number>();
  readonly cueMemo: Cue[][] = [];

  constructor(doc: Doc, mentions: readonly Mention[] | null | undefined) {
    this.doc = doc;
    this.text = doc.text;
    this.sents = sentenceTokens(doc, true);
    this.markSentences = new Map();
    this.markedSentences = new Uint8Array(this.sents.length);
    this.marks = tagMarks(doc, this.sents, this.markSentences, this.markedSentences);
    // --- speaker resolution
    this.sortedMentions = mentions ? byStart(mentions) : null;
    let longestMention = 0;
    for (const m of this.sortedMentions ?? []) longestMention = Math.max(longestMention, m.end - m.start);
    this.longestMention = longestMention;
  }

  canonicalOf(start: number, end: number, spText: string, pronoun: boolean): { id: string; fallback: boolean } {
    const sortedMentions = this.sortedMentions;
    if (sortedMentions) {
      let best: Mention | null = null;
      let bestOv = 0;
      // from the first mention that can reach the speaker (binary search), not from the document's start:
      // a scan from the start per speaker was quadratic in a long article
      let lo = 0, hi = sortedMentions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedMentions[mid].start < start - this.longestMention) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < sortedMentions.length; k++) {
        const m = sortedMentions[k];
        if (m.start >= end) break;
        const ov = Math.min(end, m.end) - Math.max(start, m.start);
        if (ov > bestOv) (best = m), (bestOv = ov);
      }
      // a speaker no actor mention covers (`andere`, `ein Sprecher`) becomes an actor of its own, like a discovered name
      return { id: best ? best.actorId : discoveredIdOf(spText), fallback: false };
    }
    if (pronoun && this.lastNamed) return { id: this.lastNamed, fallback: true };
    return { id: spText, fallback: false };
  }

  /** The speaker at tokens [a, b); records the last named one (so calls must come in reading order). */
  makeSpeaker(toks: Tok[], a: number, b: number, block: number, sentence: number): Speaker {
    const start = toks[a].start, end = toks[b - 1].end;
    const spText = this.text.slice(start, end);
    // (a one-token speaker is its token's text: its form's flag, not a look-up of the new slice)
    const pronoun = b - a === 1 ? (toks[a].bits & B.PRON) !== 0 : PRONOUNS.has(spText);
    const c = this.canonicalOf(start, end, spText, pronoun);
    if (!pronoun) this.lastNamed = c.id;
    return { text: spText, start, end, canonical: c.id, block, sentence };
  }

  cuesOf(s: number): Cue[] {
    return (this.cueMemo[s] ??= findCues(this.sents[s]));
  }

  /** Read sentence `s`: the rules in order, each on what the ones before it left. */
  sentence(s: number): void {
    const toks = this.sents[s];
    if (toks.length === 0) return;
    const block = this.doc.sentences[s].block;
    const outside = countOutside(toks, 0, toks.length);
    // (an empty list made like `findCues`'s, with its memo holder: one hidden class for every cue list, `array-memo.ts`)
    const cues = outside > 0 ? this.cuesOf(s) : withMemos<Cue[]>([]);
    const st: Sentence = { s, toks, block, outside, cues, segs: segments(toks), ce: contentEnd(toks), indirect: null, second: null, speech: [] };

    if (this.anaphoric(st)) return;
    this.indirectByCue(st);
    if (!st.indirect && outside >= 4) st.indirect = this.speechNounComplement(st);
    if (!st.indirect && outside >= 4) st.indirect = this.zuInfinitiveWithoutComma(st);
    this.pushIndirect(st);
    if (!st.indirect && outside > 0) this.reported(st);
    if (st.speech.length === 0) this.reasonGiven(st);
    if (st.speech.length === 0 && outside >= 4) this.fallbackIndirect(st);
    if (st.speech.length === 0 && outside >= 2) this.freeIndirect(st);
    this.directQuotes(st);
    dropReportedBesidePartialEnd(st.speech, toks);
    this.pushSpeech(st);
  }

  /** `… ist rechtswidrig. Dies urteilte das Gericht.`: the sentence before, taken up by a demonstrative, is the quote */
  anaphoric(st: Sentence): boolean {
    const { s, toks, block, cues, ce } = st;
    if (s > 0 && toks.length > 2 && ANAPHOR.has(toks[0].low) && toks[0].mark < 0 && this.doc.sentences[s - 1].block === block) {
      const c = cues.find((c) => c.i === 1 && c.kind === "verb" && !c.passive && c.cls !== "cognitive");
      const prev = this.sents[s - 1];
      if (c && prev.length > 2 && !prev.some((t) => t.mark >= 0) && countOutside(prev, 0, prev.length) >= 3) {
        const drafts = this.drafts;
        for (let k = drafts.length - 1; k >= 0 && drafts[k].sentence === s - 1; k--) drafts.splice(k, 1);
        const sp = c.sa >= 0 ? this.makeSpeaker(toks, c.sa, c.sb, block, s) : null;
        const fr = frameSpan(toks, 1, ce);
        const d: Draft = { type: "Indirect", partial: false, start: prev[0].start, end: toks[0].end, speaker: sp, cue: c, toks, sentence: s - 1, frame: fr, flags: [] };
        drafts.push(d);
        if (sp) this.last = sp;
        this.chainSentence = s;
        return true;
      }
    }
    return false;
  }

  /** indirect speech with a cue in this sentence */
  indirectByCue(st: Sentence): void {
    const { toks, cues } = st;
    let indirect: Draft | null = null;
    let second: Draft | null = null;
    // each try scans the sentence, so a "sentence" of thousands of cues is tried on its first MAX_CUES_TRIED only
    const tried = cues.length > MAX_CUES_TRIED ? cues.slice(0, MAX_CUES_TRIED) : cues;
    for (const cue of tried) {
      const d = this.indirectFor(st, cue);
      if (d) {
        indirect = d;
        // `X sagte, …, und fügte hinzu, dass …`: a later speech verb after the first quote opens a second one
        for (const c2 of tried) {
          if (c2.kind !== "verb" || toks[c2.i].start < d.end) continue;
          const d2 = this.indirectFor(st, c2);
          if (d2 && d2.start >= d.end) {
            second = d2;
            break;
          }
        }
        // `Demnach erwartet Russland, dass …`, `Laut X bestätigte Y, dass …`: a speech verb inside what a source
        // phrase reports has its own complement, a second quote nested in the first (so annotated on train)
        if (!second && (d.cue?.kind === "source" || d.cue?.kind === "adverb") && d.cue.lemma !== "so") {
          for (const c2 of tried) {
            if (c2.kind !== "verb" || toks[c2.i].start < d.start || toks[c2.i].start >= d.end) continue;
            const d2 = this.indirectFor(st, c2);
            if (d2 && d2.start > toks[c2.i].start && d2.start >= d.start && d2.end <= d.end) {
              second = d2;
              break;
            }
          }
        }
        break;
      }
    }
    st.indirect = indirect;
    st.second = second;
  }

  /** a speech noun with a complement clause: `Er vertritt die These, dass …`, `die Forderung, … zu …` */
  speechNounComplement(st: Sentence): Draft | null {
    const { toks, segs, ce } = st;
    let indirect: Draft | null = null;
    for (let k = 0; k < segs.length - 1 && !indirect; k++) {
      const [sa, sb] = segs[k];
      // (the segment's last word; then the speech noun, when the word is its attribute)
      let noun = sb - 1;
      while (noun > sa && !toks[noun].word) noun--;
      const segEnd = noun + 1;
      // the noun may carry a genitive or prepositional attribute (`dem Vorwurf der Verteidigung, das Gericht sei …`)
      if (toks[noun].mark < 0 && !SPEECH_NOUNS.has(toks[noun].text) && toks[sb]?.text === ",") {
        for (let h = noun - 1; h > sa && h >= noun - 6; h--) {
          const t = toks[h];
          if (t.mark >= 0 || !t.word) break;
          if (t.upper && SPEECH_NOUNS.has(t.text)) {
            const nx = toks[h + 1];
            if (GENITIVE_OR_PREP.has(nx.low)) noun = h;
            break;
          }
        }
      }
      if (toks[noun].mark >= 0 || !SPEECH_NOUNS.has(toks[noun].text) || toks[sb]?.text !== ",") continue;
      const [na, nb] = segs[k + 1];
      const le = Math.min(nb, ce);
      const comp = toks[na].low === "dass" || toks[na].low === "ob";
      const inf = le - na >= 2 && (toks[le - 2].low === "zu" || INF_ZU.test(toks[le - 1].low));
      // (`die`, `das` before a noun are articles, not relative pronouns: `, das Gericht sei …`)
      const article = toks[na + 1]?.upper === true && toks[na + 1].mark < 0 && NP_DET.has(toks[na].low);
      const konj = (!RELATIVE_STARTS.has(toks[na].low) || article) && hasKonjunktiv(toks, na, nb, true);
      if (!comp && !inf && !konj) continue;
      // a genitive attribute names whose claim it is (`der Vorwurf der Verteidigung`); else the clause's subject
      let [x, y] = v2Subject(toks, sb);
      if (noun + 1 < segEnd && GENITIVE_DETS.has(toks[noun + 1].low)) [x, y] = [noun + 1, segEnd];
      const cue: Cue = { kind: "source", i: noun, j: noun, p: -1, lemma: toks[noun].low, cls: "source", sa: y > x ? x : -1, sb: y > x ? y : -1, passive: false };
      // a complement in the middle of the sentence ends with its clause (`…, das Gericht sei nicht legitim, mit den Worten …`)
      const end = k + 2 < segs.length && !SUBORD_START.has(toks[segs[k + 2][0]].low) && !RELATIVE_STARTS.has(toks[segs[k + 2][0]].low) ? Math.min(nb, ce) : ce;
      indirect = this.mk(st, na, end, cue, frameSpan(toks, 0, sb + 1));
    }
    return indirect;
  }

  /**
   * a zu-infinitive complement without its comma (`Philips hat angekündigt die Preise zu erhöhen.`,
   * `Tesla bietet an den Lohn … zu erhöhen.`): the words after the cue, when the clause ends with `zu` + verb
   */
  zuInfinitiveWithoutComma(st: Sentence): Draft | null {
    const { s, toks, block, cues, ce } = st;
    if (ce >= 3 && toks[ce - 2].low === "zu" && toks[ce - 2].mark < 0 && !toks[ce - 1].upper) {
      const c = cues.find((c) => c.kind === "verb" && c.cls !== "cognitive" && Math.max(c.i, c.j, c.p) < ce - 3);
      if (c) {
        const from = Math.max(c.i, c.j, c.p) + 1;
        let plain = true;
        for (let k = from; k < ce && plain; k++) if (toks[k].mark >= 0 || (!toks[k].word && toks[k].text !== ".")) plain = false;
        if (plain && toks[from].word) return { type: "Indirect", partial: false, start: toks[from].start, end: toks[ce - 1].end, speaker: c.sa >= 0 && !c.passive ? this.makeSpeaker(toks, c.sa, c.sb, block, s) : null, cue: c, toks, sentence: s, frame: frameSpan(toks, 0, from), flags: [] };
      }
    }
    return null;
  }

  /**
   * The sentence's indirect quotes go to its speech, unless a speech verb in Konjunktiv I heads the sentence:
   * `Die IAEO gehe davon aus, dass …`, `Dieser behaupte, Spector sei …`: a speech verb in Konjunktiv I heading the
   * sentence is itself reported — the whole sentence continues the speech before it (train: annotated so 8 of 12
   * times; the inner indirect quote only sometimes as well, and keeping it scored lower)
   */
  pushIndirect(st: Sentence): void {
    const { s, toks, block, segs, outside, indirect, second } = st;
    if (indirect && !second && indirect.cue?.kind === "verb" && outside >= 4 && isKonjunktivCue(toks, indirect.cue) && segAt(segs, indirect.cue.i) === 0 && !SUBORD_START.has(toks[0].low)) {
      const last = this.last;
      const near = last && last.block >= block - 1 ? last : null;
      st.speech.push(carried("IndirectFreeIndirect", toks, s, near));
    } else if (indirect) st.speech.push(indirect);
    if (second) st.speech.push(second);
  }

  /**
   * reported speech: `X warnte vor …`, `X sprach von …`, `X forderte …` (a speech verb with a nominal
   * object and no reported-speech entry was tried: no gain on train)
   */
  reported(st: Sentence): void {
    const { s, toks, block, outside, cues, segs } = st;
    const r = findReported(toks);
    this.repMemo[s] = r;
    let ok = false;
    if (r && !REPORTED_SILENT.has(r.lemma)) {
      const preps = REPORTED.get(r.lemma);
      ok = !preps || preps.size === 0;
      if (!ok) for (let k = r.i + 1; k < toks.length; k++) if (toks[k].mark < 0 && (preps!.has(toks[k].low) || preps!.has(CONTRACTED[toks[k].low]))) { ok = true; break; }
    }
    if (r) {
      // a participle at the clause end (`Das Militär hat eine Untersuchung angekündigt.`) stands for its auxiliary
      let v = r.i;
      if (r.p < 0 && PARTICIPLE.test(toks[r.i].low)) for (let k = clauseStart(toks, r.i); k < r.i; k++) if (toks[k].mark < 0 && PERFECT_AUX.has(toks[k].low)) { v = k; break; }
      let [spa, spb] = [-1, -1];
      const cue = cues.find((c) => c.i === r.i);
      // a subject pronoun right after the verb (`Details nannte auch er nicht`): what stands first is the object
      const pro = subjectPronounAfter(toks, v + 1);
      if (pro >= 0) [spa, spb] = [pro, pro + 1];
      else if (cue && cue.sa >= 0) [spa, spb] = [cue.sa, cue.sb];
      else {
        let [x, y] = subjectBefore(toks, v);
        if (y <= x) [x, y] = v > 0 && toks[v - 1].word ? subjectOfSentence(toks, v) : npAfter(toks, v + 1);
        if (y > x && OBLIQUE.has(toks[x].low)) [x, y] = npAfter(toks, v + 1);
        if (y > x) [spa, spb] = [x, y];
      }
      let markWords = 0;
      for (let k = 0; k < toks.length; k++) if (toks[k].mark >= 0 && toks[k].word) markWords++;
      // the speaker stands right next to the verb (`Trump warnte vor …`, `Am Montag forderte Trump …`,
      // `Die Armeeleitung hingegen sprach von …`)
      let near = spb;
      while (near >= 0 && near < v && toks[near].mark < 0 && !toks[near].upper && STOP_NP.has(toks[near].low)) near++;
      const adjacent = spa >= 0 && (near === v || (spb < v && spa === 0 && /^[,)]$/.test(toks[v - 1].text)) || spa === v + 1 || spa === (r.p >= 0 ? r.p : r.i) + 1 || (spa === v + 2 && toks[v + 1].low === "sich"));
      // a passive in the verb's own clause (not in a relative clause) has no speaker subject
      const cs = clauseStart(toks, r.i), ce2 = clauseEnd(toks, r.i);
      let passive = false;
      for (let k = cs; k < ce2; k++) if (toks[k].mark < 0 && PASSIVE.test(toks[k].low)) passive = true;
      if (ok && adjacent && !passive && markWords < outside && (toks[r.i].kj & 1) === 0 && !hasReportiveModal(toks, 0, toks.length)) {
        const sp = this.makeSpeaker(toks, spa, spb, block, s);
        // (a leading adverbial clause is the author's frame: the reported speech starts with the main clause)
        const from = ADVERBIAL_START.has(toks[0].low) && segs.length > 1 && segs[0][1] <= v ? segs[segAt(segs, v)]?.[0] ?? 0 : 0;
        st.speech.push({ type: "Reported", partial: false, start: toks[from].start, end: toks[toks.length - 1].end, speaker: sp, cue: null, toks, sentence: s, frame: null, flags: [] });
      }
    }
  }

  /**
   * `Als Grund wurde … genannt.`, `Als Todesursache wurde … angegeben.`: a passive naming of a reason, cause or
   * date reports what an unnamed source gave (train: 4 of 5 such sentences annotated as Reported speech)
   */
  reasonGiven(st: Sentence): void {
    const { s, toks } = st;
    if (toks.length > 4 && toks[0].low === "als" && toks[1].upper && toks[1].mark < 0 && !hasReportiveModal(toks, 0, toks.length)) {
      let aux = false, named = false;
      for (const t of toks) {
        if (t.mark >= 0) continue;
        if (PASSIVE.test(t.low)) aux = true;
        else if (t.low === "genannt" || t.low === "angegeben") named = true;
      }
      if (aux && named) st.speech.push({ type: "Reported", partial: false, start: toks[0].start, end: toks[toks.length - 1].end, speaker: null, cue: null, toks, sentence: s, frame: null, flags: [] });
    }
  }

  /** fallback: a speech verb with a named speaker and a comma-separated complement is indirect speech */
  fallbackIndirect(st: Sentence): void {
    const { toks, cues, segs, ce } = st;
    const c = cues.find((c) => c.kind === "verb" && !c.passive && c.sa >= 0 && c.cls !== "cognitive");
    if (c) {
      const k = segAt(segs, c.i);
      const first = k >= 0 && k < segs.length - 1 ? toks[segs[k + 1][0]] : null;
      const clauseLike = first !== null && (first.upper || PRONOUNS.has(first.text) || NP_DET.has(first.low)) && !RELATIVE_STARTS.has(first.low);
      const marked = toks.some((t, i) => t.mark >= 0 && i > c.i);
      // a quotation inside a complement right after the verb (`Hartmann erklärte, ihr lägen „…“`) is a partial quote in it
      let lw = segs[k]?.[1] - 1;
      while (k >= 0 && lw > segs[k][0] && !toks[lw].word) lw--;
      const rightAfter = k >= 0 && (lw === c.i || lw === c.j || lw === c.p) && first !== null && first.mark < 0;
      if (first && clauseLike && (!marked || rightAfter)) {
        const d = this.mk(st, segs[k + 1][0], ce, c, frameSpan(toks, 0, segs[k][1] + 1));
        if (d) st.speech.push(d);
      }
    }
  }

  /** free indirect: Konjunktiv (or the reportive `soll … haben`) without a cue of its own */
  freeIndirect(st: Sentence): void {
    const { s, toks, block, cues, segs, ce } = st;
    const chainSentence = this.chainSentence;
    const last = this.last;
    const k2 = chainSentence >= s - 2;
    const near = last && last.block >= block - 1 ? last : null;
    // a speech verb in Konjunktiv I is itself reported (`Er erwarte Massenverhaftungen.`, `Sie rate zum Kauf …`)
    // (an infinitive after a modal, `würden die Angriffe nicht melden`, is no speech verb of the sentence)
    // (nor is a participle whose auxiliary is Konjunktiv I, `An Gespräche sei nicht gedacht.`)
    // (nor an indicative speech verb in a clause after the Konjunktiv one: `Grund dafür sei, dass die USA einen Anschlag
    // befürchtet.`, `Er habe Gewalt angewandt, was Zeuginnen bestätigt hätten.` — on train 7 such sentences, all annotated)
    const kFirst = firstKonjunktiv(toks, 0, toks.length);
    let kClauseEnd = kFirst < 0 ? toks.length : kFirst + 1;
    while (kClauseEnd < toks.length && (toks[kClauseEnd].word || toks[kClauseEnd].mark >= 0)) kClauseEnd++;
    // (the Konjunktiv first: most sentences have none, and then no cue is looked at)
    if (hasKonjunktiv(toks, 0, toks.length, k2) && !cues.some((c) => c.kind === "verb" && !c.passive && c.i < kClauseEnd && (toks[c.i].kj & 1) === 0 && !(c.p >= 0 && (toks[c.p].kj & 1) !== 0) && (toks[c.j].kj & 1) === 0 && !infinitiveAfterModal(toks, c.i))) {
      // an indicative main clause with a Konjunktiv clause after it (`… halten die Befehlshaber … für unwahrscheinlicher,
      // da die Armee … nicht gewachsen sei`): that clause is indirect speech of the main clause's subject
      const k1 = segs.findIndex(([x, y]) => hasKonjunktiv(toks, x, y, k2));
      const [sx, sy] = v2Subject(toks, segs[0][1]);
      // (a leading subordinate clause, `Da das Kraftwerk heruntergefahren wurde, sei es …`, belongs to the Konjunktiv clause)
      // (right after reported speech the whole sentence goes on with it: `Das Objekt könnte aber auch zur Sonne
      // geschleudert werden, wo es schmelzen … würde.`)
      if (k1 > 0 && !(chainSentence === s - 1 && !indicativeIn(toks, segs[0][0], segs[0][1])) && segs[0][1] - segs[0][0] >= 3 && sy > sx && !PRONOUNS.has(toks[sx].text) && !(SUBORD_START.has(toks[0].low) || toks[0].low === "als") && countOutside(toks, segs[k1][0], ce) >= 3) {
        const d: Draft = { type: "Indirect", partial: false, start: toks[segs[k1][0]].start, end: toks[ce - 1].end, speaker: this.makeSpeaker(toks, sx, sy, block, s), cue: null, toks, sentence: s, frame: null, flags: [] };
        st.speech.push(d);
      } else st.speech.push(carried("IndirectFreeIndirect", toks, s, near));
    } else if (hasReportiveModal(toks, 0, toks.length) && (near || chainSentence >= s - 2)) {
      // hearsay `soll … haben` counts as free indirect speech only next to a speaker (learned from train: alone it is mostly plans)
      st.speech.push(carried("FreeIndirect", toks, s, near));
    } else if (chainSentence === s - 1 && near && near.block === block && toks.some((t) => t.mark < 0 && SOLL.has(t.low))) {
      // `soll` right after speech in the same paragraph continues it (`… teilte die Polizei mit. Er soll resistent sein.`)
      st.speech.push(carried("FreeIndirect", toks, s, near));
    }
  }

  /** direct quotes that start in this sentence */
  directQuotes(st: Sentence): void {
    const { s, toks } = st;
    // (most sentences hold no quotation mark: their tokens are not read)
    if (this.markedSentences[s] === 0) return;
    const attributionOfSentence = st.speech[0] ?? null;
    // (a mark's tokens come one after another: only the first of a run needs the look-up)
    let seen = -1;
    for (const t of toks) {
      if (t.mark < 0 || t.mark === seen) continue;
      seen = t.mark;
      if (this.usedMarks.has(t.mark)) continue;
      const mi = t.mark;
      this.usedMarks.add(mi);
      const m = this.marks[mi];
      const ms = this.markSentences.get(mi)!;
      const d = directFor(this, m, mi, ms.first, ms.last, attributionOfSentence);
      if (!d && !isName(this.text, m, t, toks)) this.notNames.add(s);
      if (!d) {
        this.scare.push({ start: m.start, end: m.end, text: this.text.slice(m.start, m.end) });
        continue;
      }
      if (m.unclosed) d.flags.push("unclosed");
      st.speech.push(d);
    }
  }

  /** The sentence's speech goes to the drafts; it is what later sentences carry over and continue. */
  pushSpeech(st: Sentence): void {
    const s = st.s;
    for (const d of st.speech) {
      this.drafts.push(d);
      if (d.speaker && d.type !== "FreeIndirect") this.last = d.speaker;
      if (d.type !== "Direct" || d.partial) this.chainSentence = s;
      if (d.type === "Direct" && !d.partial) this.chainSentence = -10;
    }
  }

  indirectFor(st: Sentence, cue: Cue): Draft | null {
    const { toks, cues } = st;
    // `demnach` defers to a speech verb in the same sentence
    // (`Berichte, wonach …, wurden dementiert`: `wonach` belongs to its noun, not to the sentence's verb)
    if (cue.kind === "adverb" && cue.lemma !== "wonach" && cues.some((c) => c.kind === "verb")) return null;
    // `…, so schätzen die Forscher, …`: a speech verb after a parenthetical `so` frames the sentence around it like `so X`
    const soVerb = cue.kind === "verb" && !cue.passive && cue.i >= 2 && toks[cue.i - 1].low === "so" && toks[cue.i - 2].text === "," && toks[cue.i - 2].mark < 0;
    if (cue.kind === "adverb" || cue.kind === "impersonal" || cue.kind === "source" || soVerb) return this.sourceFramed(st, cue, soVerb);
    return this.verbFramed(st, cue);
  }

  /** the frame is the source phrase (or its comma-delimited segment); the quote is the rest */
  sourceFramed(st: Sentence, cue: Cue, soVerb: boolean): Draft | null {
    const { s, toks, block, segs, ce } = st;
    let fa = Math.min(cue.i, cue.sa >= 0 ? cue.sa : cue.i);
    let fb = Math.max(cue.j, cue.sb >= 0 ? cue.sb - 1 : cue.j) + 1;
    const seg = segs[segAt(segs, cue.i)];
    if (cue.kind === "impersonal" || cue.lemma === "so" || soVerb || (seg[0] >= fa - 1 && seg[1] <= fb + 1 && cue.kind === "source")) (fa = Math.min(fa, seg[0])), (fb = Math.max(fb, seg[1]));
    if (cue.kind === "impersonal") {
      // `In der Mitteilung hieß es, …` / `…, hieß es.`
      (fa = seg[0]), (fb = seg[1]);
    }
    if (cue.kind === "adverb" && cue.lemma === "wonach") {
      fa = cue.i;
      fb = cue.i + 1;
    }
    let range = rest(toks, fa, fb, ce);
    // a source phrase inside a subordinate or relative clause (`…, die nach dessen Angaben die Bombe enthalten sollte, …`,
    // `…, da nach Angaben der Fluggesellschaft …`): the quote is that clause (with the clauses it governs)
    if (cue.kind === "source" && cue.lemma !== "so" && seg[0] > 0 && toks[seg[0]].mark < 0 && (SUBORD_START.has(toks[seg[0]].low) || RELATIVE_STARTS.has(toks[seg[0]].low))) {
      range = [seg[0], Math.min(governedEnd(toks, segs, segAt(segs, cue.i)), ce)];
    }
    // `…, nach denen Barrett an Krebs litt`: the relative clause after the pronoun
    if (cue.lemma === "nach" && cue.sa === cue.i + 1 && cue.sb === cue.i + 2 && seg[0] === cue.i) range = [cue.i + 2, Math.min(seg[1], ce)];
    if (!range) return null;
    let [qa, qb] = range;
    // `Nach Christopher Dodd, Vorsitzender des Ausschusses, hat die Fed …`, `Nach X, der der Gruppe angehört,
    // wurde …`: a fronted source phrase runs through its appositions and relative clauses up to the finite verb
    if (cue.kind === "source" && cue.i === 0 && FRONTED_SOURCE.has(cue.lemma)) {
      const c = apposedSourceEnd(toks, qa, qb);
      if (c > qa) (qa = c), (fb = Math.max(fb, c - 1));
    }
    qb = colonQuoteCut(toks, qa, qb);
    if (cue.lemma === "wonach") {
      // `Berichten, wonach …`: the quote is the clause after the cue (as annotated on train), with the clauses it governs
      qa = cue.i + 1;
      qb = Math.min(qb, Math.max(governedEnd(toks, segs, segAt(segs, cue.i)), qa + 1));
      while (qb > qa && !toks[qb - 1].word && toks[qb - 1].mark < 0) qb--;
    }
    if (qb - qa < 2) return null;
    let sp = cue.sa >= 0 ? this.makeSpeaker(toks, cue.sa, cue.sb, block, s) : cue.kind === "adverb" ? this.last : null;
    let carriedOver = cue.sa < 0 && sp !== null;
    // `Ein Bericht der Agentur, wonach …`: the noun phrase before the comma is the source
    if (cue.lemma === "wonach" && cue.i > 1 && toks[cue.i - 1].text === "," && toks[cue.i - 1].mark < 0) {
      const [x, y] = npBefore(toks, clauseStart(toks, cue.i - 2), cue.i - 1);
      if (y > x) (sp = this.makeSpeaker(toks, x, y, block, s)), (carriedOver = false);
    }
    const fr = frameSpan(toks, fa, fb);
    return { type: "Indirect", partial: false, start: toks[qa].start, end: toks[qb - 1].end, speaker: sp, cue, toks, sentence: s, frame: fr, flags: carriedOver ? ["carried"] : [] };
  }

  /** a speech verb (a particle beyond a comma apposition ends the verb's segment: `gab X, Y, bekannt, dass …`) */
  verbFramed(st: Sentence, cue: Cue): Draft | null {
    const { toks, cues, segs, ce } = st;
    const anchor = cue.p > cue.i ? cue.p : cue.i;
    const k = segAt(segs, anchor);
    if (k < 0) return null;
    const [sa, sb] = segs[k];
    // (`…, das teilte das Institut mit.`: a demonstrative taking up the clause before is no subject)
    const verbFirst = cue.i === sa || toks[sa].low === "wie" || (cue.p >= 0 && cue.p === sa) || (cue.i === sa + 1 && k === segs.length - 1 && (toks[sa].low === "das" || toks[sa].low === "dies"));
    // `Wie der Sprecher der Polizei, Lars B., mitteilte, …`: a leading wie-clause (with appositions) frames the rest
    if (toks[0].low === "wie" && k < segs.length - 1 && k > 0 && !cues.some((c) => c.kind === "verb" && c.i < cue.i) && countOutside(toks, segs[k + 1][0], ce) >= 2) {
      return this.mk(st, segs[k + 1][0], ce, cue, frameSpan(toks, 0, sb + 1));
    }
    if (k < segs.length - 1) {
      const d = this.complementAfter(st, cue, k, verbFirst);
      if (d !== undefined) return d;
    }
    return this.clauseBefore(st, cue, k, verbFirst);
  }

  /**
   * The verb's complement in the segments after it: `X sagte, dass …` / `X sagte, die Gespräche seien …`.
   * undefined when there is none (the clause before may still be the quote), null when the verb reports nothing.
   */
  complementAfter(st: Sentence, cue: Cue, k: number, verbFirst: boolean): Draft | null | undefined {
    const { toks, cues, segs, ce } = st;
    const [sa, sb] = segs[k];
    const [na] = segs[k + 1];
    const comp = CLAUSE_CONJ.has(toks[na].low) && toks[na].low !== "wie" && toks[na].low !== "wo" && !RELATIVE_WH.has(toks[na].low);
    // the infinitive ends the complement (sentence-final punctuation left out): `zusagen, die Emissionen zu senken`
    const le = Math.min(segs[k + 1][1], ce);
    // a purpose clause (`um … zu …`, `ohne … zu …`) is no complement
    const infinitive = le - na >= 2 && !PURPOSE.has(toks[na].low) && (toks[le - 2].low === "zu" || INF_ZU.test(toks[le - 1].low));
    // `sagte, die Gespräche seien …` is a complement; `Vereinbarungen, die … sein könnten` a relative clause
    // right after the verb (`erklärte, die Tiere würden …`) a clause is the verb's complement, after a noun it may be relative
    let lw = sb - 1;
    while (lw > sa && !toks[lw].word) lw--;
    const afterVerb = lw === cue.i || lw === cue.j || lw === cue.p;
    // (a relative clause needs a noun before the comma: `erklärte gegenüber Journalisten jedoch, die Werte würden …` is a complement)
    const relative = !comp && !infinitive && !afterVerb && RELATIVE_STARTS.has(toks[na].low) && !hasKonjunktiv(toks, na, segs[k + 1][1], false) && (toks[lw].upper || toks[lw].mark >= 0 || !toks[lw].word);
    // Konjunktiv anywhere in the complement, relative clauses left out, up to the next speech verb
    let konj = false;
    if (!relative) for (let q = k + 1; q < segs.length && !konj; q++) {
      const [x, y] = segs[q];
      // another speech verb starts its own complement (`sprach von …, betonte aber, dass …`)
      if (verbCueIn(cues, x, q > k + 1 ? y : x + 1, cue, false)) break;
      if (q > k + 1 && RELATIVE_STARTS.has(toks[x].low)) continue;
      // (the reportive `sollen` stands for Konjunktiv: `hatte berichtet, 300 Mitarbeiter sollen entlassen werden`)
      konj = hasKonjunktiv(toks, x, y, true) || (q === k + 1 && afterVerb && hasReportiveModal(toks, x, y));
    }
    // `…, beteuerte die Polizei, rund um die Uhr auf Streife zu sein`
    const wie = toks[sa].low === "wie"; // `Wie ein Sprecher mitteilte, …`
    if (!comp && !konj && (infinitive || wie) && countOutside(toks, na, ce) >= 2) {
      // a zu-infinitive complement ends before an adverbial clause of the author's (`beschloss, ihn
      // zurückzuholen, nachdem …`, `…, was dieser jedoch zurückweist`; the three openers seen on train — a
      // `während` clause may still be the speaker's, as in the seed commentary); relative and purpose clauses stay
      let qe = ce;
      if (infinitive && !wie) for (let q = k + 2; q < segs.length; q++) {
        if (segs[q][0] >= ce) break;
        // (a clause in Konjunktiv is still the speaker's: `…, um Zeit zu gewinnen, während der Krieg weitergehe`)
        if (INF_TAIL_START.has(toks[segs[q][0]].low) && !hasKonjunktiv(toks, segs[q][0], segs[q][1], true)) { qe = segs[q - 1][1]; break; }
      }
      return this.mk(st, na, qe, cue, frameSpan(toks, 0, sb + 1));
    }
    const outsideWords = countOutside(toks, na, ce);
    // `wollte nicht bestätigen, dass …`, `haben den Verdacht nicht bestätigt, dass …`: a negated speech verb
    // reports no content (but `nicht ausschließen, dass`, `nicht bestreiten, dass` assert it)
    if (comp && toks[na].low === "dass" && cue.i > 0 && toks[cue.i - 1].low === "nicht" && !NEGATION_ASSERTS.has(cue.lemma)) return null;
    if ((comp || konj) && outsideWords >= 2) {
      let fa = k > 0 && !verbFirst ? sa : 0;
      if (cue.sa >= 0 && cue.sa < fa) fa = cue.sa;
      // `…, und fügte hinzu, dass …`: a coordinated speech verb later on ends this complement
      let qe = ce;
      for (let q = k + 2; q < segs.length; q++) {
        const [x, y] = segs[q];
        const c2 = verbCueIn(cues, x, y, cue, true);
        if (c2 && (c2.i === x || COORD_START.has(toks[x].low))) {
          qe = segs[q - 1][1];
          break;
        }
      }
      // `sagte, sie müssten … aufgeben und bemühte das Bild …`: a coordinated verb in the cue's own tense is the
      // author's again, not part of the complement
      const vt = toks[cue.i].low;
      const past = vt.endsWith("te") || vt.endsWith("ten");
      if (past) for (let q = na + 1; q < qe - 1; q++) {
        const t = toks[q], nx = toks[q + 1];
        if (t.mark < 0 && t.low === "und" && nx.mark < 0 && nx.word && !nx.upper && nx.kj === 0 && /(?:te|ten)$/.test(nx.low) && nx.low.length > 4 && !(toks[q + 2]?.upper) && !NP_DET.has(nx.low)) {
          qe = q;
          break;
        }
      }
      return this.mk(st, na, qe, cue, frameSpan(toks, fa, sb + 1));
    }
    return undefined;
  }

  /** The clause before the verb is the quote: an inverted speech verb, or a trailing wie-clause. */
  clauseBefore(st: Sentence, cue: Cue, k: number, verbFirst: boolean): Draft | null {
    const { toks, segs, ce } = st;
    const [sa] = segs[k];
    // `…, wie Burt Rutan, Chef der Firma, mitteilte.`: a trailing wie-clause whose speaker has an apposition
    if (k >= 3 && k === segs.length - 1 && cue.i === sa && toks[segs[k - 2][0]].low === "wie" && toks[segs[k - 2][0]].mark < 0) {
      const [x, y] = npAfter(toks, segs[k - 2][0] + 1, sa);
      if (y > x && y >= segs[k - 1][1] - 1 && countOutside(toks, 0, segs[k - 3][1]) >= 2) {
        return this.mk(st, 0, segs[k - 3][1], { ...cue, sa: x, sb: y }, frameSpan(toks, segs[k - 3][1], ce));
      }
    }
    // (a particle after the subject's apposition: the clause before is the one before the verb's own segment)
    const kv = cue.p > cue.i ? segAt(segs, cue.i) : k;
    if (kv < k && (kv === 0 || segs[kv][0] !== cue.i)) return null;
    if (kv > 0 && verbFirst) {
      // `Die Gespräche seien konstruktiv gewesen, sagte Trump.` / `…, wie die Polizei mitteilte.`
      const qa = 0;
      const qb = segs[kv - 1][1];
      // indicative inversion needs the speaker to close its clause (`…, sagte Trump am Montag.`)
      // a speaker before the verb (`Henk Meijer, Laborleiter der Firma, sagte: „…“`) means the clause before is no quote
      // `…, wie die Polizei mitteilte.` attributes the clause before it whatever its mood (its speaker stands before the verb)
      const wieClause = toks[sa].low === "wie" && k === segs.length - 1;
      if (cue.sa >= 0 && cue.sa < cue.i && !wieClause) return null;
      // `Anchorage, militärisches Drehkreuz im Pazifikraum, unterstreicht …`: a verbless apposition before the verb
      // means the subject stands before it, and the verb is no inverted speech verb
      if (kv >= 2 && !wieClause && !toks[segs[kv - 1][0]].upper && (NP_DET.has(toks[segs[kv - 1][0]].low) || ADJ.test(toks[segs[kv - 1][0]].low)) && toks[segs[kv - 1][0] + 1]?.upper) {
        let verbish = false;
        for (let q = segs[kv - 1][0]; q < segs[kv - 1][1] && !verbish; q++) verbish = toks[q].mark >= 0 || toks[q].kj > 0 || FINITE_AUX.has(toks[q].low);
        if (!verbish) return null;
      }
      const closes = cue.sb >= 0 && (cue.sb >= segs[k][1] || (cue.p > cue.i && cue.sb === cue.p) || !toks[cue.sb].word || STOP_NP.has(toks[cue.sb].low));
      const konjQ = hasKonjunktiv(toks, qa, qb, true) || toks[qb - 1]?.mark >= 0;
      // an adverbial clause in the indicative is the author's frame of the main clause, not what the verb reports
      // (`Während sich die Opposition zurückgehalten hat, fordert X den Rücktritt …`)
      if (!konjQ && !wieClause && ADVERBIAL_START.has(toks[qa].low)) return null;
      if (countOutside(toks, qa, qb) >= 2 && (wieClause || (cue.cls !== "cognitive" && (konjQ || (closes && cue.cls !== "critical"))))) {
        const fb = k + 1 < segs.length ? segs[k + 1][0] - 1 : ce;
        const d = this.mk(st, qa, qb, cue, frameSpan(toks, segs[kv - 1][1], Math.min(fb + 1, ce)));
        return d;
      }
    }
    return null;
  }

  /** An indirect quote at tokens [qa, qb) of the sentence, attributed by `cue`. */
  mk(st: Sentence, qa: number, qb: number, cue: Cue, frame: Span | null): Draft | null {
    const { s, toks, block } = st;
    // `…, dass das Team gestärkt hervorgegangen sei: „Wir haben …“`: the direct quote after a colon is a quote of its own
    const cut = colonQuoteCut(toks, qa, qb);
    // `…, war Trainer Schaaf zufrieden: „Ein guter Start“, sagte er.`: a verb after the direct quote is that quote's
    // cue; the author's lead-in before the colon is no quote (unless it is in Konjunktiv itself)
    if (cut < qb && cue.i >= qb && !hasKonjunktiv(toks, qa, cut, false)) return null;
    qb = cut;
    while (qb > qa && !toks[qb - 1].word && toks[qb - 1].mark < 0) qb--;
    while (qa < qb && !toks[qa].word && toks[qa].mark < 0) qa++;
    if (qb - qa < 2) return null;
    // a "complement" that starts inside the speaker phrase is its apposition (`…, sagte der Vorsitzende des Verbandes, Elmar Gesse.`)
    if (cue.sa >= 0 && cue.sa <= qa && qa < cue.sb) return null;
    const sp = cue.sa >= 0 ? this.makeSpeaker(toks, cue.sa, cue.sb, block, s) : null;
    return { type: "Indirect", partial: false, start: toks[qa].start, end: toks[qb - 1].end, speaker: sp, cue, toks, sentence: s, frame, flags: [] };
  }

  /**
   * The learned sentence model: Reported / free indirect / missed indirect speech in sentences the rules left
   * without speech, and a second opinion on the rules' Reported readings.
   */
  learnedModel(opts: ExtractOptions | undefined): void {
    const chosen = opts?.model === undefined ? QUOTE_MODEL : opts.model;
    // weights whose thresholds can never fire change nothing: skip the features (the CV-chosen model may be inert)
    const model = chosen && (chosen.threshold < 1e8 || chosen.veto > -1e8 || chosen.vetoOther > -1e8) ? chosen : null;
    if (!(model || opts?.collect)) return;
    const { doc, sents, drafts } = this;
    const n = sents.length;
    const rules = rulesBySentence(drafts, n);
    let near: Speaker | null = null;
    let inBlock = 0;
    const drop = new Set<number>();
    const added: Draft[] = [];
    for (let s = 0; s < n; s++) {
      const block = doc.sentences[s].block;
      inBlock = s > 0 && doc.sentences[s - 1].block === block ? inBlock + 1 : 0;
      this.askModel(model, opts, rules, s, inBlock, near, drop, added);
      if (rules.spOf[s]) near = rules.spOf[s];
    }
    if (drop.size) for (let k = drafts.length - 1; k >= 0; k--) if (drop.has(drafts[k].sentence) && drafts[k].type !== "Direct") drafts.splice(k, 1);
    drafts.push(...added);
  }

  /** Ask the model about sentence `s` (when it is one it is asked about): drop the rules' reading, or add its own. */
  askModel(model: QuoteModel | null, opts: ExtractOptions | undefined, rules: RulesBySentence, s: number, inBlock: number, near: Speaker | null, drop: Set<number>, added: Draft[]): void {
    const { doc, sents } = this;
    const n = sents.length;
    const { typeOf, onlyRule, direct } = rules;
    const toks = sents[s];
    const block = doc.sentences[s].block;
    const sameBlockPrev = s > 0 && doc.sentences[s - 1].block === block;
    const sameBlockNext = s + 1 < n && doc.sentences[s + 1].block === block;
    const ruleType = typeOf[s] === "Reported" && !onlyRule[s] ? "Reported+" : typeOf[s];
    const asked = ruleType === "" || ruleType === "Reported" || opts?.collect || (model && model.vetoOther > -1e8);
    if (asked && toks.length > 0 && !direct[s] && countOutside(toks, 0, toks.length) >= 3) {
      const ctx = {
        inBlock, block: block,
        prev: sameBlockPrev ? typeOf[s - 1] || "none" : "^",
        next: sameBlockNext ? typeOf[s + 1] || "none" : "$",
        ruleType,
        reported: this.repMemo[s],
        namesOnly: !this.notNames.has(s),
      };
      if (opts?.collect) opts.collect(s, sentenceFeatures(toks, this.cuesOf(s), ctx), ruleType);
      if (model) {
        const { cls, margin } = decide(model, toks, this.cuesOf(s), ctx);
        if (ruleType === "") {
          if (margin > model.threshold) added.push(this.modelDraft(cls, toks, s, block, near && near.block >= block - 1 ? near : null));
        } else if (ruleType === "Reported") {
          if (margin < model.veto) drop.add(s);
          else if (margin > model.threshold && cls !== "Reported") {
            drop.add(s);
            added.push(this.modelDraft(cls, toks, s, block, near && near.block >= block - 1 ? near : null));
          }
        } else if (margin < model.vetoOther) drop.add(s);
      }
    }
  }

  modelDraft(cls: string, toks: Tok[], s: number, block: number, carriedSp: Speaker | null): Draft {
    const ce = contentEnd(toks);
    const c = this.cuesOf(s).find((c) => c.sa >= 0 && !c.passive);
    let sp: Speaker | null = null;
    if (c) sp = this.makeSpeaker(toks, c.sa, c.sb, block, s);
    else if (cls === "Reported") {
      const [x, y] = v2Subject(toks, ce);
      if (y > x && !OBLIQUE.has(toks[x].low)) sp = this.makeSpeaker(toks, x, y, block, s);
    }
    const type: QuoteType = cls === "Reported" ? "Reported" : cls === "FreeIndirect" ? "FreeIndirect" : "IndirectFreeIndirect";
    const useCarried = !sp && cls !== "Reported";
    return { type, partial: false, start: toks[0].start, end: toks[toks.length - 1].end, speaker: sp ?? (useCarried ? carriedSp : null), cue: null, toks, sentence: s, frame: null, flags: useCarried && carriedSp ? ["carried", "model"] : ["model"] };
  }
}

/**
 * The top-level quotation marks, per paragraph; tags each token inside one with its index, and records in
 * `markSentences` the first and last sentence of each mark, and in `marked` the sentences with a tagged token.
 */
function tagMarks(doc: Doc, sents: Tok[][], markSentences: Map<number, { first: number; last: number }>, marked: Uint8Array): MarkSpan[] {
  const marks: MarkSpan[] = [];
  for (const b of doc.blocks) for (const m of findMarks(doc.text, b.start, b.end)) if (m.depth === 0) marks.push(m);
  // tag tokens inside marks (two pointers: both lists are in text order); past the last mark no token is tagged
  let mi = 0;
  // the mark tagged last and its sentences: a mark's tokens come one after another, so a mark met again is that one
  let tagged = -1;
  let span: { first: number; last: number } | null = null;
  for (let s = 0; s < sents.length && mi < marks.length; s++) {
    const toks = sents[s];
    // a sentence that ends before the next mark starts has no token in it (tokens are in text order)
    if (toks.length > 0 && toks[toks.length - 1].end < marks[mi].start) continue;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      while (mi < marks.length && marks[mi].end <= t.start) mi++;
      if (mi < marks.length && marks[mi].start <= t.start && t.end <= marks[mi].end) {
        t.mark = mi;
        marked[s] = 1;
        if (mi !== tagged || span === null) {
          tagged = mi;
          span = { first: s, last: s };
          markSentences.set(mi, span);
        } else span.last = s;
      }
    }
  }
  return marks;
}

/**
 * The mentions in order of their start. The actor stage gives them so: then the array itself (a stable sort
 * of an ordered list is the same list), not a sorted copy, whose sort allocated work arrays per document.
 */
function byStart(mentions: readonly Mention[]): readonly Mention[] {
  for (let k = 1; k < mentions.length; k++) if (mentions[k].start < mentions[k - 1].start) return [...mentions].sort((a, b) => a.start - b.start);
  return mentions;
}

function carried(type: QuoteType, toks: Tok[], s: number, sp: Speaker | null): Draft {
  return { type, partial: false, start: toks[0].start, end: toks[toks.length - 1].end, speaker: sp, cue: null, toks, sentence: s, frame: null, flags: sp ? ["carried"] : [] };
}

/**
 * `X nannte die Pläne einen „Wortbruch“.`, `X warnte vor einem „populistischen Wahlkampf“.`: when what a
 * reported-speech verb reports is a quotation that ends the sentence, the quotation is the quote (train: the
 * rule's Reported reading beside such a partial quote was annotated 8 times and not 21 times; dropping it
 * raised Messages F1 on train 0.8158 → 0.8177 and on dev 0.7933 → 0.7952)
 */
function dropReportedBesidePartialEnd(speech: Draft[], toks: Tok[]): void {
  // (loops, not reduce and some with callbacks: a closure per sentence)
  let partialEnd = -1;
  for (let k = 0; k < speech.length; k++) if (speech[k].type === "Direct" && speech[k].partial) partialEnd = Math.max(partialEnd, speech[k].end);
  if (partialEnd < 0) return;
  let wordAfter = false;
  for (let i = 0; i < toks.length && !wordAfter; i++) wordAfter = toks[i].start >= partialEnd && toks[i].word && toks[i].mark < 0;
  if (!wordAfter) {
    for (let k = speech.length - 1; k >= 0; k--) if (speech[k].type === "Reported" && !speech[k].cue) speech.splice(k, 1);
  }
}

/** What the rules found per sentence, as the model reads it. */
interface RulesBySentence { typeOf: string[]; onlyRule: boolean[]; direct: boolean[]; spOf: (Speaker | null)[] }
function rulesBySentence(drafts: Draft[], n: number): RulesBySentence {
  const typeOf: string[] = new Array(n).fill("");
  const onlyRule: boolean[] = new Array(n).fill(true);
  const direct: boolean[] = new Array(n).fill(false);
  const spOf: (Speaker | null)[] = new Array(n).fill(null);
  for (const d of drafts) {
    const rule = d.type === "Reported" && !d.cue;
    if (d.type === "Direct") direct[d.sentence] = true;
    if (!rule) onlyRule[d.sentence] = false;
    if (!typeOf[d.sentence] || !rule) typeOf[d.sentence] = d.type;
    if (d.speaker && d.type !== "FreeIndirect") spOf[d.sentence] = d.speaker;
  }
  return { typeOf, onlyRule, direct, spOf };
}

const MODALS = new Set(["würde", "würden", "werde", "werden", "wird", "will", "wolle", "wollen", "kann", "könne", "können", "könnten", "könnte", "muss", "müsse", "müssen", "soll", "solle", "sollen", "dürfe", "dürfen", "möchte", "möchten"]);
/** A verb form ending its clause after a modal or future auxiliary of the same clause: an infinitive (`würden … nicht melden`). */
function infinitiveAfterModal(toks: Tok[], i: number): boolean {
  if (!toks[i].low.endsWith("en")) return false;
  const next = toks[i + 1];
  if (next && next.word && next.mark < 0) return false;
  for (let k = i - 1; k >= 0 && k >= i - 200; k--) {
    const t = toks[k];
    if (t.mark < 0 && !t.word && (t.text === "," || t.text === ";" || t.text === ":")) return false;
    if (t.mark < 0 && MODALS.has(t.low)) return true;
  }
  return false;
}

/** The subject of a main clause: sentence-initial (`Er vertritt …`) or right after the verb (`Seit August vertritt er …`). */
function v2Subject(toks: Tok[], limit: number): [number, number] {
  const [x, y] = subjectOfSentence(toks, limit);
  if (x === 0 && y > x && y < limit && toks[y].word && !toks[y].upper) return [x, y];
  for (let i = 1; i < limit; i++) {
    const t = toks[i];
    if (!t.word || t.upper || t.mark >= 0 || NP_DET.has(t.low) || STOP_NP.has(t.low)) continue;
    const [a, b] = npAfter(toks, i + 1, limit);
    return b > a ? [a, b] : [limit, limit];
  }
  return [limit, limit];
}

/** the end of segment `k` with the subordinate clauses after it that it governs */
function governedEnd(toks: Tok[], segs: [number, number][], k: number): number {
  let e = segs[k][1];
  for (let q = k + 1; q < segs.length && SUBORD_START.has(toks[segs[q][0]].low); q++) e = segs[q][1];
  return e;
}

/** the end of a quote range before a colon that opens a direct quote (`…, so Elshorst weiter: „…“`) */
function colonQuoteCut(toks: Tok[], qa: number, qb: number): number {
  for (let i = qa + 1; i < qb - 1; i++) if (toks[i].text === ":" && toks[i].mark < 0 && toks[i + 1].mark >= 0) return i;
  return qb;
}

function countOutside(toks: Tok[], a: number, b: number): number {
  // (a whole sentence, asked once or twice of every sentence, is counted as it is: a prefix count made for it
  // was a typed array per sentence that most sentences never asked about again)
  if (b - a > 32 && (a > 0 || b < toks.length || keptOn(toks, OUTSIDE_PREFIX) !== undefined)) {
    // long ranges from a prefix count made once per sentence: counting per cue was quadratic in a sentence of thousands of cues
    const pre = outsidePrefix(toks);
    return pre[Math.max(a, 0)] - pre[Math.max(Math.min(b, toks.length), a, 0)];
  }
  let n = 0;
  for (let i = a; i < b; i++) if (toks[i].word && toks[i].mark < 0) n++;
  return n;
}

// per-sentence indexes are kept on the sentence's own arrays (`array-memo.ts`), not in WeakMaps
const OUTSIDE_PREFIX = memoKey();
/** pre[i]: words outside quotation marks in toks[i..] (a suffix count, so that pre[a] - pre[b] counts [a, b)) */
function outsidePrefix(toks: Tok[]): Int32Array {
  let pre = keptOn<Int32Array>(toks, OUTSIDE_PREFIX);
  if (pre && pre.length === toks.length + 1) return pre;
  pre = new Int32Array(toks.length + 1);
  for (let i = toks.length - 1; i >= 0; i--) pre[i] = pre[i + 1] + (toks[i].word && toks[i].mark < 0 ? 1 : 0);
  return keepOn(toks, OUTSIDE_PREFIX, pre);
}

/** Index of the segment holding token `i` (segments are in order and do not overlap), -1 when none. */
function segAt(segs: [number, number][], i: number): number {
  let lo = 0, hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid][1] <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo < segs.length && segs[lo][0] <= i ? lo : -1;
}

/** The quote range: the sentence content minus the frame [fa, fb), when the frame sits at an edge. */
function rest(toks: Tok[], fa: number, fb: number, ce: number): [number, number] | null {
  let qa = 0, qb = ce;
  if (fa <= 0) qa = fb;
  else if (fb >= ce) qb = fa;
  // a frame in the middle stays inside the quote range; the frame span says which words to leave out
  while (qa < qb && !toks[qa].word && toks[qa].mark < 0) qa++;
  while (qb > qa && !toks[qb - 1].word && toks[qb - 1].mark < 0) qb--;
  return qb > qa ? [qa, qb] : null;
}

/** Cues of one sentence tried for indirect speech: real sentences have a handful; each try scans the sentence. */
const MAX_CUES_TRIED = 64;

/** The first verb cue other than `except` at a token in [x, y), active ones only if asked (looked up, not scanned, when cues are in token order). */
function verbCueIn(cues: Cue[], x: number, y: number, except: Cue, activeOnly: boolean): Cue | undefined {
  const ix = cueIndex(cues);
  if (!ix) return cues.find((c) => c !== except && c.kind === "verb" && (!activeOnly || !c.passive) && c.i >= x && c.i < y);
  for (let k = cueAfter(ix.plain, x - 1); k < ix.plain.length && ix.plain[k].i < y; k++) {
    const c = ix.plain[k];
    if (c !== except && c.kind === "verb" && (!activeOnly || !c.passive)) return c;
  }
  return undefined;
}


/** nominative personal pronouns that can only be a verb's subject when they follow it */
const SUBJECT_PRONOUNS = new Set(["er", "ich", "wir", "du", "ihr"]);
const PRONOUN_SKIP = new Set(["auch", "aber", "jedoch", "dann", "nun", "noch", "selbst", "allerdings", "zudem", "bereits", "schon"]);

/** index of a subject pronoun after the verb, past a few adverbs (`nannte auch er`), or -1 */
function subjectPronounAfter(toks: Tok[], k: number): number {
  for (let n = 0; k < toks.length && n < 3; k++, n++) {
    const t = toks[k];
    if (t.mark >= 0 || !t.word) return -1;
    if (SUBJECT_PRONOUNS.has(t.low)) return k;
    if (!PRONOUN_SKIP.has(t.low)) return -1;
  }
  return -1;
}

/** The cue's finite verb is Konjunktiv I (`gehe … aus`, `habe … festgestellt`, `behaupte`), not an infinitive after a modal. */
function isKonjunktivCue(toks: Tok[], c: Cue): boolean {
  return (konjunktivAt(toks, c.i) || konjunktivAt(toks, c.j) || konjunktivAt(toks, c.p)) && !infinitiveAfterModal(toks, c.i);
}
const konjunktivAt = (toks: Tok[], t: number): boolean => t >= 0 && (toks[t].kj & 1) !== 0;

/**
 * Where the quote starts after a fronted source phrase that goes on past a comma (an apposition, a relative
 * clause): the word after the last such comma when it is a finite verb's position (a lower-case word that opens
 * no clause of its own); `qa` when the words before the first comma hold a verb (they are the quote).
 */
function apposedSourceEnd(toks: Tok[], qa: number, qb: number): number {
  // (a quote that already starts with the verb, `Nach Angaben der Polizei sank …`, is left alone)
  const first = toks[qa];
  if (!first || first.mark >= 0 || !(first.upper || NP_DET.has(first.low) || RELATIVE_STARTS.has(first.low))) return qa;
  let k = qa;
  for (let hop = 0; hop < 3; hop++) {
    let c = k;
    while (c < qb && c < k + 14 && !(toks[c].text === "," && toks[c].mark < 0)) {
      const t = toks[c];
      if (t.mark >= 0 || t.kj > 0 || FINITE_AUX.has(t.low) || (!t.word && t.text !== "(" && t.text !== ")")) return qa;
      c++;
    }
    if (c >= qb || toks[c].text !== "," || c + 1 >= qb) return qa;
    const nx = toks[c + 1];
    if (!nx.word || nx.mark >= 0) return qa;
    // a relative clause or another apposition: the source phrase goes on
    if (RELATIVE_STARTS.has(nx.low) && hop === 0 && !toks[c + 2]?.upper) {
      let r = c + 2;
      while (r < qb && !(toks[r].text === "," && toks[r].mark < 0)) r++;
      if (r >= qb) return qa;
      k = r;
      const after = toks[r + 1];
      if (after && after.word && !after.upper && after.mark < 0 && !NP_DET.has(after.low) && !SUBORD_START.has(after.low) && !COORD_START.has(after.low)) return r + 1;
      return qa;
    }
    if (nx.upper) { k = c + 1; continue; }
    if (NP_DET.has(nx.low) || SUBORD_START.has(nx.low) || COORD_START.has(nx.low) || RELATIVE_STARTS.has(nx.low)) return qa;
    return c + 1;
  }
  return qa;
}

/** A word that reads as an indicative finite verb (an auxiliary, a past form in -te(n), a present form in -t). */
function indicativeIn(toks: Tok[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const t = toks[i];
    if (t.mark >= 0 || !t.word || t.upper || t.kj > 0) continue;
    if (FINITE_AUX.has(t.low)) return true;
    if (i > a && (NP_DET.has(toks[i - 1].low) || ADJ_BEFORE.test(toks[i - 1].low))) continue;
    // (a participle, `geschleudert`, is no finite verb)
    if (t.low.length > 3 && /(?:te|ten|t)$/.test(t.low) && !(t.low.startsWith("ge") && t.low.length > 6)) return true;
  }
  return false;
}
const ADJ_BEFORE = /^(?:sehr|so|zu|besonders|ganz)$/;
