import type { ArticleMeta } from "../types.ts";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { buildDoc } from "../doc.ts";

/**
 * Synthetic corpora for the benchmark: articles assembled from the real
 * German sentences of the seed articles in `corpus/`, recombined in a
 * seeded order with varied names, places and numbers. The text stays
 * seed-like (quotes, speech verbs, actors, numbers), so stage speeds measured
 * on it carry over to real news text.
 */

/** A generated article: the front-matter fields of a JSONL row, and its text. */
export type SynthArticle = Pick<ArticleMeta, "id" | "title" | "outlet" | "author" | "date" | "url" | "lang"> & { text: string };

/** mulberry32: a small, fast, seedable PRNG (deterministic corpora). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Anna", "Jonas", "Miriam", "Lukas", "Sabine", "Tobias", "Fatma", "Emil", "Greta", "Deniz", "Katrin", "Oliver"];
const LAST = ["Berger", "Schulte", "Yilmaz", "Hoffmann", "Krause", "Nowak", "Lehmann", "Brandt", "Vogel", "Roth", "Engel", "Kaiser"];
const OUTLETS = ["Nordkurier Online", "Rheinblatt", "Tagesbote", "Alpenzeitung", "Hafenpost", "Mittelland Nachrichten"];
const PLACES = ["Anchorage", "Genf", "Helsinki", "Wien", "Istanbul", "Riad", "Budapest"];

/** Sentences of every seed article (text of `.txt`/`.md` files in `dir`), in reading order. */
export function seedSentences(dir: string): { titles: string[]; sentences: string[] } {
  const titles: string[] = [];
  const sentences: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (![".txt", ".md"].includes(extname(f))) continue;
    const doc = buildDoc(f, readFileSync(join(dir, f), "utf8"));
    for (const s of doc.sentences) {
      const block = doc.blocks[s.block];
      const t = doc.text.slice(s.start, s.end);
      if (block.kind === "title" || block.kind === "heading") titles.push(t);
      else if (t.split(" ").length >= 4) sentences.push(t);
    }
  }
  if (!sentences.length) throw new Error(`no seed sentences in ${dir}`);
  if (!titles.length) titles.push(sentences[0]);
  return { titles, sentences };
}

/** Vary digits (same digit count, so dates and ordinals keep their shape) and the summit's place. */
function vary(s: string, r: () => number, place: string): string {
  return s
    .replace(/\d+/g, (d) => (d.length === 4 ? d : String(Math.floor(r() * 10 ** d.length)).padStart(d.length, "1")))
    .replace(/Anchorage|Alaska/g, place);
}

/**
 * `n` articles of about `words` words each. Deterministic for a given seed:
 * the same arguments always give the same corpus.
 */
export function* synthArticles(seedDir: string, n: number, { words = 500, seed = 1 } = {}): Generator<SynthArticle> {
  const { titles, sentences } = seedSentences(seedDir);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  for (let i = 0; i < n; i++) {
    const place = pick(PLACES);
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const paragraphs: string[] = [];
    let count = 0;
    let start = Math.floor(r() * sentences.length);
    while (count < words) {
      const para: string[] = [];
      const len = 2 + Math.floor(r() * 4);
      for (let k = 0; k < len && count < words; k++) {
        // mostly runs of consecutive seed sentences (keeps quotes and their attributions together), sometimes a jump
        if (r() < 0.25) start = Math.floor(r() * sentences.length);
        let s = vary(sentences[start % sentences.length], r, place);
        if (r() < 0.15) s = `${s.replace(/[.!?…]$/, "")}, sagte ${name}.`;
        para.push(s);
        count += s.split(" ").length;
        start++;
      }
      paragraphs.push(para.join(" "));
      if (r() < 0.12) paragraphs.push(vary(pick(titles), r, place).replace(/[.:]$/, ""));
    }
    const day = String(1 + (i % 28)).padStart(2, "0");
    yield {
      id: `synth-${String(i).padStart(6, "0")}`,
      title: vary(pick(titles), r, place).replace(/[.:]$/, ""),
      outlet: pick(OUTLETS),
      author: `${pick(FIRST)} ${pick(LAST)}`,
      date: `2025-08-${day}`,
      url: `https://example.org/synth/${i}`,
      lang: "de",
      text: paragraphs.join("\n\n"),
    };
  }
}

/** One synthetic article as a Markdown file with front matter (the corpus folder format). */
export function toMarkdown(a: SynthArticle): string {
  return `---\ntitle: ${JSON.stringify(a.title)}\noutlet: ${a.outlet}\nauthor: ${a.author}\ndate: ${a.date}\nurl: ${a.url}\nlang: ${a.lang}\n---\n\n${a.text}\n`;
}
