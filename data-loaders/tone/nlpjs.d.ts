declare module "@nlpjs/lang-de" {
  export class StemmerDe {
    stemWord(word: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  }
  const langDe: { StemmerDe: typeof StemmerDe; SentimentDe: unknown; [k: string]: unknown };
  export default langDe;
}
declare module "@nlpjs/core" {
  export class Container {}
  export const containerBootstrap: (...args: unknown[]) => unknown;
  const core: { Container: typeof Container; [k: string]: unknown };
  export default core;
}
declare module "@nlpjs/sentiment" {
  export class SentimentAnalyzer {
    constructor(settings?: unknown, container?: unknown);
    prepare(locale: string, text: string, settings: unknown, stemmed: boolean): string[];
    calculate(input: Record<string, unknown>): { sentiment: { score: number; vote: string; numHits: number; numWords: number } };
    process(input: Record<string, unknown>): Promise<{ sentiment: { score: number; vote: string } }>;
  }
  const s: { SentimentAnalyzer: typeof SentimentAnalyzer };
  export default s;
}
