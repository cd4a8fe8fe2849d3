/**
 * What the quote extractor does with its drafts once every sentence is read:
 * merge runs of free indirect speech, move carried speakers to their nearest
 * mention, widen frames to their commas, and turn drafts into quotes.
 */
import type { Doc, Span } from "../types.ts";
import { npAfter } from "./attribution.ts";
import { type Draft, type Speaker, WORDCH } from "./draft.ts";
import { ADDRESSED_AN, AUDIENCE, INTERVIEW } from "./lexicon.ts";
import type { Quote } from "./types.ts";

const DATIVE_DET = new Set(["dem", "einem"]);

/** Free indirect speech running over consecutive sentences of a paragraph is one quote (the dataset's convention). Sorts `drafts` into text order. */
export function mergeFreeIndirectRuns(drafts: Draft[], doc: Doc): void {
  drafts.sort((a, b) => a.start - b.start || b.end - a.end);
  for (let i = drafts.length - 1; i > 0; i--) {
    // (a partial quote nested in the sentence before stands between the two: `Der Airbus sei „weit hinter …“ … .
    // Dadurch habe er …`)
    let j = i - 1;
    while (j > 0 && drafts[j].type === "Direct" && drafts[j].start >= drafts[j - 1].start && drafts[j].end <= drafts[j - 1].end) j--;
    const d = drafts[i], p = drafts[j];
    if (d.type !== p.type || (d.type !== "IndirectFreeIndirect" && d.type !== "FreeIndirect")) continue;
    if (d.sentence !== p.sentence + 1 || doc.sentences[d.sentence].block !== doc.sentences[p.sentence].block) continue;
    if ((d.speaker?.start ?? -1) !== (p.speaker?.start ?? -1)) continue;
    p.end = d.end;
    drafts.splice(i, 1);
  }
}

/**
 * A carried-over speaker is its nearest mention before the quote (the dataset marks the closest one):
 * the same name again, or its last word (`Präsident Abhisit … Abhisit`).
 */
export function nearestSpeakerMentions(drafts: Draft[], text: string): void {
  for (const d of drafts) {
    const sp = d.speaker;
    if (!sp || (!d.flags.includes("carried") && !d.flags.includes("continuation")) || sp.end >= d.start) continue;
    const words = sp.text.split(/\s+/);
    const lastWord = words[words.length - 1];
    const keys = [sp.text];
    if (words.length > 1 && /^\p{Lu}\p{L}{2,}$/u.test(lastWord)) keys.push(lastWord);
    let best: Speaker | null = null;
    for (const key of keys) {
      const at = text.lastIndexOf(key, d.start - key.length);
      if (at < sp.end || WORDCH.test(text[at - 1] ?? "") || WORDCH.test(text[at + key.length] ?? "")) continue;
      if (!best || at > best.start) best = { ...sp, text: key, start: at, end: at + key.length };
    }
    if (best) d.speaker = best;
  }
}

/** The frame takes the commas that set it off (`, so X ,`, `, sagte X ,`: the dataset's convention). */
export function frameCommas(drafts: Draft[]): void {
  for (const d of drafts) {
    if (!d.frame) continue;
    const t = d.toks;
    let a = -1, b = -1;
    for (let k = 0; k < t.length; k++) {
      if (t[k].start === d.frame.start) a = k;
      if (t[k].end === d.frame.end) b = k;
    }
    if (a > 0 && t[a - 1].text === "," && t[a - 1].mark < 0) d.frame = { start: t[a - 1].start, end: d.frame.end };
    if (b >= 0 && b + 1 < t.length && t[b + 1].text === "," && t[b + 1].mark < 0) d.frame = { start: d.frame.start, end: t[b + 1].end };
  }
}

/** the addressee inside the frame: `gegenüber X`, or a dative phrase right after the speech verb */
function addresseeOf(d: Draft): Span | null {
  if (!d.frame || !d.cue) return null;
  const t = d.toks;
  for (let k = 0; k < t.length; k++) {
    if (t[k].start >= d.frame.end) break;
    if (t[k].start < d.frame.start || t[k].end > d.frame.end || t[k].mark >= 0) continue;
    const dative = d.cue.kind === "verb" && k === d.cue.j + 1 && DATIVE_DET.has(t[k].low);
    // `sagte er zur Sportschau`, `sagte Merkel vor der Presse`, `in einem Interview mit der Sportschau`
    // (`zur` only in a frame after the quote: `Er sagte zur Lage, …` names a topic)
    // (`appellierte an die Regierung`, `wandte sich an die Presse`)
    const prep = d.cue.kind === "verb" && k > d.cue.i && (((t[k].low === "zur" || t[k].low === "zum") && t[k + 1]?.upper && t[d.cue.i].start > d.end) || (t[k].low === "vor" && AUDIENCE.has(t[k + 2]?.text ?? "")) || (t[k].low === "mit" && k > 1 && INTERVIEW.has(t[k - 1].text)) || (t[k].low === "an" && ADDRESSED_AN.has(d.cue.lemma)));
    if (t[k].low !== "gegenüber" && !dative && !prep) continue;
    const [a, b] = npAfter(t, dative ? k : k + 1);
    if (b > a && t[b - 1].end <= d.frame.end && !(d.speaker && t[a].start < d.speaker.end && d.speaker.start < t[b - 1].end)) return { start: t[a].start, end: t[b - 1].end };
  }
  return null;
}

/** Finalise: ids, canonical speakers, cue text. */
export function toQuotes(drafts: Draft[], doc: Doc): Quote[] {
  const text = doc.text;
  const prefix = doc.meta.id;
  return drafts.map((d, n) => toQuote(d, n, text, prefix));
}

function toQuote(d: Draft, n: number, text: string, prefix: string): Quote {
  const c = d.cue;
  const ad = addresseeOf(d);
  const cueToks = c ? d.toks : null;
  // a particle right after the verb joins the cue span (`fügte hinzu`); a separated one keeps its own offsets
  const joined = !!c && c.p === c.j + 1;
  const cueStart = c ? cueToks![c.i].start : -1;
  const cueEnd = c ? cueToks![joined ? c.p : c.j].end : -1;
  const pStart = c && c.p >= 0 && !joined ? cueToks![c.p].start : -1;
  const pEnd = c && c.p >= 0 && !joined ? cueToks![c.p].end : -1;
  // the cue text is exactly the text of [cueStart, cueEnd) so that tables round-trip
  const cueText = c ? text.slice(cueStart, cueEnd) : "";
  return {
    id: `${prefix}:q${n}`,
    type: d.type,
    partial: d.partial,
    start: d.start,
    end: d.end,
    speaker: d.speaker ? d.speaker.canonical : null,
    speakerText: d.speaker ? d.speaker.text : "",
    speakerStart: d.speaker ? d.speaker.start : -1,
    speakerEnd: d.speaker ? d.speaker.end : -1,
    cue: cueText,
    cueLemma: c ? c.lemma : "",
    cueClass: c ? c.cls : "",
    cueStart,
    cueEnd,
    particleStart: pStart,
    particleEnd: pEnd,
    sentence: d.sentence,
    frameStart: d.frame ? d.frame.start : -1,
    frameEnd: d.frame ? d.frame.end : -1,
    addresseeStart: ad ? ad.start : -1,
    addresseeEnd: ad ? ad.end : -1,
    flags: d.flags,
  };
}
