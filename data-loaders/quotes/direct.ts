/**
 * Direct quotes: what a pair of quotation marks holds, and who said it (a cue
 * after or before the marks, the sentence around a partial quote, or the
 * speaker before), or a scare quote or name (no speech).
 */
import type { Span } from "../types.ts";
import { keepOn, keptOn, memoKey } from "../array-memo.ts";
import { type Cue, findReported } from "./attribution.ts";
import { cueAfter, cueIndex, type Draft, frameSpan, type Reading, type Speaker, WORDCH } from "./draft.ts";
import { isNamingNoun } from "./lexicon.ts";
import type { MarkSpan } from "./marks.ts";
import type { Tok } from "./tokens.ts";

/**
 * The number of white-space separated pieces of `text` that hold a letter or digit: what
 * `text.split(/\s+/).filter((w) => WORDCH.test(w)).length` counts, without making the pieces.
 */
export function wordCount(text: string): number {
  let n = 0;
  let counted = false; // the piece in hand holds a word character (and is counted)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceUnit(c)) {
      counted = false;
      continue;
    }
    if (counted) continue;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) counted = true;
    else if (c >= 128) {
      // a surrogate pair is one character to the regex (the pieces never split one: white space is in the BMP)
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      counted = WORDCH.test(pair ? text.slice(i, i + 2) : text[i]);
    }
    if (counted) n++;
  }
  return n;
}

/** a code unit `\s` matches (ECMAScript white space and line terminators) */
function isSpaceUnit(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What `directFor` asks of a sentence for each of its marks, computed once per
 * sentence: scanning the tokens and cues again per mark made a sentence with
 * thousands of quotation marks quadratic (10,000 × `„Er sagte ` took 27 s).
 */
interface MarkIndex { first: Map<number, number>; last: Map<number, number>; lastWord: number }
const MARK_INDEX = memoKey();
function markIndex(toks: Tok[]): MarkIndex {
  let x = keptOn<MarkIndex>(toks, MARK_INDEX);
  if (x) return x;
  x = { first: new Map(), last: new Map(), lastWord: -1 };
  // a mark's tokens are one run: the maps are touched where a run starts and ends, not at each of its tokens
  let run = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const m = t.mark;
    if (m !== run) {
      if (run >= 0) x.last.set(run, i - 1);
      if (m >= 0 && !x.first.has(m)) x.first.set(m, i);
      run = m;
    }
    if (t.word) x.lastWord = i;
  }
  if (run >= 0) x.last.set(run, toks.length - 1);
  return keepOn(toks, MARK_INDEX, x);
}

/**
 * A direct quote: attributed by a cue right after it (`„…“, sagte X.`), right
 * before it (`X sagte: „…“`), by the sentence it sits in (partial quotes), or
 * as a continuation of the previous speaker. Returns null for scare quotes.
 */
export function directFor(run: Reading, m: MarkSpan, mi: number, s1: number, s2: number, sentenceDraft: Draft | null): Draft | null {
  const { text, sents, doc, last } = run;
  const inner = text.slice(m.innerStart, m.innerEnd);
  const words = wordCount(inner);
  if (words === 0) return null;
  const after = text[m.end] ?? "";
  const before = m.start > 0 ? text[m.start - 1] : "";
  // names and compounds: `die „Beast“-Limousine`, `„Air Force One“-Reisen`
  if (after === "-" || WORDCH.test(after) || before === "-" || WORDCH.test(before)) return null;

  const startToks = sents[s1];
  const endToks = sents[s2];
  const ma = markIndex(startToks).first.get(mi) ?? -1;
  const mb = markIndex(endToks).last.get(mi) ?? -1;
  const prevTok = ma > 0 ? startToks[ma - 1] : null;
  const prevWord = prevTok && prevTok.word ? prevTok.low : "";
  const prev2 = ma > 1 ? startToks[ma - 2].low : "";
  if (afterNamingNoun(prevWord, prev2)) return null;

  // a quotation inside a speaker phrase is a name (`berichtete die „Rundschau am Sonntag“`, `laut „Welt“`)
  if (s1 === s2 && ma >= 0 && insideSpeaker(run.cuesOf(s1), ma, mb)) return null;
  const block = doc.sentences[s1].block;
  const wholeStart = ma === 0 || (prevTok !== null && (prevTok.text === ":" || prevTok.text === "," || prevTok.text === "–"));

  // 1. cue after the closing mark in the same sentence
  const endCues = cueIndex(run.cuesOf(s2));
  const next = endCues ? endCues.plain[cueAfter(endCues.plain, mb)] : undefined;
  const afterCue = endCues ? (next && next.i <= mb + 3 ? next : undefined) : run.cuesOf(s2).find((c) => c.i > mb && c.i <= mb + 3 && c.kind !== "adverb");
  // a fragment inside a clause whose own speech verb stands before it (`sprach von einem „…“, betonte aber`) belongs to that verb
  const startCues = cueIndex(run.cuesOf(s1));
  const ownVerb = !wholeStart && s1 === s2 && (startCues ? startCues.firstVerbAt < ma : run.cuesOf(s1).some((c) => c.kind === "verb" && c.i < ma));
  const ac = ownVerb ? undefined : afterCue;
  if (ac && (endToks[mb + 1]?.text === "," || endToks[mb + 1]?.text === "–" || /[,!?]$/.test(inner))) {
    const sp = ac.sa >= 0 ? run.makeSpeaker(endToks, ac.sa, ac.sb, block, s2) : null;
    const fr = frameSpan(endToks, mb + 1, endToks.length);
    return mkDirect(m, ma === 0 ? false : !wholeStart, sp, ac, endToks, s1, fr);
  }
  // 2. cue before the opening mark: `X sagte: „…“`, `Trump sagte, „…“`
  if (ma > 0 && wholeStart) {
    const c = startCues ? startCues.plain[cueAfter(startCues.plain, ma - 1) - 1] : run.cuesOf(s1).filter((c) => c.i < ma && c.kind !== "adverb").at(-1);
    if (c) {
      const sp = c.sa >= 0 ? run.makeSpeaker(startToks, c.sa, c.sb, block, s1) : null;
      return mkDirect(m, false, sp, c, startToks, s1, frameSpan(startToks, 0, ma));
    }
  }
  // a quoted fragment reads as speech when it holds a lower-case word; all-capitalised is a name (`„Die Welt“`)
  // (the tests of `inner` from here on are made last, where they decide: most marks are settled before them)
  // 3. inside an attributed sentence (a partial quote in indirect or reported speech)
  if (sentenceDraft && sentenceDraft.start <= m.start && m.end <= Math.max(sentenceDraft.end, m.end) && SPEECH_LIKE.test(inner)) {
    const d = mkDirect(m, true, sentenceDraft.speaker, sentenceDraft.cue, sentenceDraft.toks, s1, sentenceDraft.frame);
    d.flags.push("nested");
    if (!sentenceDraft.cue) d.flags.push("carried");
    return d;
  }
  const firstSpeech = startCues ? startCues.firstSpeech : run.cuesOf(s1).find((c) => c.kind === "verb" || c.kind === "source");
  if (firstSpeech && !wholeStart && SPEECH_LIKE.test(inner)) {
    const c = firstSpeech;
    const sp = c.sa >= 0 ? run.makeSpeaker(startToks, c.sa, c.sb, block, s1) : null;
    return mkDirect(m, true, sp, c, startToks, s1, null);
  }
  // 4. a quote standing alone: speech if it reads as a sentence, carried over from the previous speaker
  const standsAlone = wholeStart && (mb === endToks.length - 1 || markIndex(endToks).lastWord <= mb);
  if (standsAlone && (words >= 4 || endsSentence(inner))) {
    const sp = last && last.block >= block - 1 ? last : null;
    const d = mkDirect(m, false, sp, null, startToks, s1, null);
    if (sp) d.flags.push("continuation");
    return d;
  }
  // 5. a fragment that opens lower-case and runs to three words or more is someone's wording even with no cue
  // around it (on train 28 of 37 such fragments are gold direct quotes; two-word ones only 9 of 27)
  // likewise a longer one in the first person or ending a sentence of its own (`„Wir haben jetzt vier Punkte …“`;
  // capitalised fragments without these are mostly titles and names: 21 of 78 on train are quotes)
  if ((words >= 3 && LOWER_START.test(inner)) || (words >= 4 && (FIRST_PERSON.test(inner) || endsSentence(inner)))) {
    const sp = last && last.block >= block - 1 ? last : null;
    const d = mkDirect(m, !wholeStart || !standsAlone, sp, null, startToks, s1, null);
    if (sp) d.flags.push("carried");
    return d;
  }
  // 6. a short term after `als` or an indefinite article in a sentence with a speech or reported-speech verb
  // (`nannte den Bericht eine „Zeitungsente“`, `wies dies als „Unverschämtheit“ zurück`: 13 of 20 on train are quotes)
  if (words <= 2 && s1 === s2 && (prevWord === "als" || INDEF.has(prevWord))) {
    const c = startCues ? startCues.firstSpeech : run.cuesOf(s1).find((c) => c.kind === "verb" || c.kind === "source");
    const verb = c && c.kind === "verb" ? c : null;
    if (verb || reportedOf(startToks)) {
      const sp = sentenceDraft?.speaker ?? (verb && verb.sa >= 0 ? run.makeSpeaker(startToks, verb.sa, verb.sb, block, s1) : null);
      return mkDirect(m, true, sp, verb, startToks, s1, null);
    }
  }
  // a short fragment with no speech around it is a scare quote or a name
  return null;
}
const INDEF = new Set(["einen", "eine", "einem", "einer", "eines"]);

/** Whether tokens [ma, mb] lie inside a cue's speaker phrase (cues near the span only: linear in hostile sentences). */
function insideSpeaker(cues: Cue[], ma: number, mb: number): boolean {
  const ix = cueIndex(cues);
  if (!ix) {
    for (let k = 0; k < cues.length && k < 400; k++) if (cues[k].sa >= 0 && cues[k].sa <= ma && mb < cues[k].sb) return true;
    return false;
  }
  for (let k = cueAfter(ix.plain, ma - 60); k < ix.plain.length && ix.plain[k].i <= mb + 60; k++) {
    const c = ix.plain[k];
    if (c.sa >= 0 && c.sa <= ma && mb < c.sb) return true;
  }
  return false;
}

/** The sentence's reported-speech verb, looked up once per sentence. */
const REPORTED_OF = memoKey();
function reportedOf(toks: Tok[]): ReturnType<typeof findReported> {
  const r = keptOn<ReturnType<typeof findReported>>(toks, REPORTED_OF);
  return r !== undefined ? r : keepOn(toks, REPORTED_OF, findReported(toks));
}
const LOWER_START = /^[\s…."'(]*\p{Ll}/u;
const SPEECH_LIKE = /(?:^|[\s(])[\p{Ll}]/u;
/** the quotation's text ends a sentence (`„… gemacht.“`, `„Warum?“ `) */
const endsSentence = (inner: string): boolean => CLOSING_STOP.test(inner) || FINAL_STOP.test(inner.trimEnd());
const CLOSING_STOP = /[.!?…]["“”«»']?\s*$/, FINAL_STOP = /[.!?…]$/;
const FIRST_PERSON = /(?:^|[^\p{L}])(?:ich|wir|uns|unser|unsere[mnrs]?|mein|meine[mnrs]?|mir|mich)(?![\p{L}])/iu;

function mkDirect(m: MarkSpan, partial: boolean, sp: Speaker | null, cue: Cue | null, toks: Tok[], s: number, frame: Span | null): Draft {
  return { type: "Direct", partial, start: m.start, end: m.end, speaker: sp, cue, toks, sentence: s, frame, flags: [] };
}

/** a quotation that is a name or title: joined to a word (`„Beast“-Limousine`) or after a naming noun (`den Namen „Cassini“`) */
export function isName(text: string, m: MarkSpan, first: Tok, toks: Tok[]): boolean {
  const after = text[m.end] ?? "", before = m.start > 0 ? text[m.start - 1] : "";
  if (after === "-" || WORDCH.test(after) || before === "-" || WORDCH.test(before)) return true;
  const at = markIndex(toks).first.get(first.mark);
  const ma = at !== undefined && toks[at] === first ? at : toks.indexOf(first);
  const p1 = ma > 0 ? toks[ma - 1].low : "", p2 = ma > 1 ? toks[ma - 2].low : "";
  return afterNamingNoun(p1, p2);
}

/** `p2 p1 „…“`: the word before a quotation (`p1`) is a naming noun, or an article after one (`den Namen „…“`) */
function afterNamingNoun(p1: string, p2: string): boolean {
  return isNamingNoun(p1) || (isNamingNoun(p2) && /^(der|die|das|des|dem|den)$/.test(p1));
}
