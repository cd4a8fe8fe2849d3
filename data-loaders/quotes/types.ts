import type { Span } from "../types.ts";

export type QuoteType = "Direct" | "Indirect" | "FreeIndirect" | "IndirectFreeIndirect" | "Reported";

export interface Quote {
  /** `${articleId}:q${n}`, numbered in text order */
  id: string;
  type: QuoteType;
  /** a quoted fragment inside the author's sentence (Direct only) */
  partial: boolean;
  start: number;
  end: number;
  /** canonical actor id (registry id, or `x:<slug>` of the speaker text when no actor mention covers it); the speaker text when the actor stage did not run; null when unnamed */
  speaker: string | null;
  speakerText: string;
  speakerStart: number;
  speakerEnd: number;
  /** the cue text, exactly `text.slice(cueStart, cueEnd)` (`sagte`, `fügte hinzu`; a separated particle has its own offsets), "" when none */
  cue: string;
  /** lemma of the speech verb, or the source phrase, "" when none */
  cueLemma: string;
  cueClass: string;
  cueStart: number;
  cueEnd: number;
  /** the separated particle of the cue (`mit`), -1 when none */
  particleStart: number;
  particleEnd: number;
  /** index into doc.sentences of the sentence where the quote starts */
  sentence: number;
  /** the attribution frame: the author's words around the quote (cue and speaker clause), -1 when none */
  frameStart: number;
  frameEnd: number;
  /** the addressee (`sagte gegenüber der Presse`, `teilte dem Sender mit`), -1 when none */
  addresseeStart: number;
  addresseeEnd: number;
  /** "unclosed", "continuation", "carried" (speaker carried over from an earlier sentence), "nested", "pronoun-fallback" */
  flags: string[];
}

export interface QuotesResult {
  quotes: Quote[];
  /** scare quotes and quoted names: quotation marks that are not speech */
  scare: (Span & { text: string })[];
}
