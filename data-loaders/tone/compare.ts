import langDe from "@nlpjs/lang-de";
import core from "@nlpjs/core";
import sentiment from "@nlpjs/sentiment";
import { scoreText, vote } from "./score.ts";

/**
 * Both tone scorers over the same texts, so that the evaluation
 * (`npm run eval:tone`) and the benchmark (`npm run bench`) compare like
 * with like. Each returns one `{score, vote}` per text.
 */

export interface Scored {
  score: number;
  vote: "positive" | "negative" | "neutral";
}

let analyzer: InstanceType<typeof sentiment.SentimentAnalyzer> | undefined;
let nlpjsDictionary: Record<string, unknown> | undefined;

function nlpjs() {
  if (!analyzer) {
    const container = new (core as any).Container();
    container.use((langDe as any).LangDe);
    analyzer = new sentiment.SentimentAnalyzer({ container }, container);
    const dict = (langDe as any).SentimentDe;
    nlpjsDictionary = { type: "senticon", dictionary: dict.senticon, negations: dict.negations.words, stemmed: dict.stemmed };
  }
  return analyzer;
}

/**
 * @nlpjs/sentiment's `SentimentAnalyzer` with @nlpjs/lang-de, run through its
 * own synchronous steps (`prepare`: tokenise + stem; `calculate`: sum the
 * senticon weights, flipping everything after a negation). This is exactly
 * what its async `process()` does, minus the promise plumbing.
 */
export function scoreWithNlpjs(texts: readonly string[]): Scored[] {
  const a = nlpjs();
  return texts.map((text) => {
    const input: Record<string, unknown> = { locale: "de", text, sentimentDictionary: nlpjsDictionary };
    input.tokens = a.prepare("de", text, undefined, true);
    const out = a.calculate(input).sentiment;
    return { score: out.score, vote: out.vote as Scored["vote"] };
  });
}

/** The framelens tone scorer (clause-scoped negation, shifters, political lexicon). */
export function scoreWithFramelens(texts: readonly string[]): Scored[] {
  return texts.map((text) => {
    const score = scoreText(text);
    return { score, vote: vote(score) };
  });
}

/** nlpjs' async public API, for a check that the sync path above matches it. */
export async function scoreWithNlpjsAsync(text: string): Promise<Scored> {
  const a = nlpjs();
  const out = await a.process({ locale: "de", text });
  return { score: out.sentiment.score, vote: out.sentiment.vote as Scored["vote"] };
}
