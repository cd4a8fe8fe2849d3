/**
 * The actor stage against its session-6 code (`tests/reference/mentions-session6.ts`): the same
 * mentions, pending mentions, topics and discovered actors, and the same stage result, on the seed
 * articles, synthetic articles and random word soups built from the seeds' own words and the
 * registry's names, roles and lexicon words (so that every rule of `findMentions` fires often,
 * in every neighbourhood: sentence ends, quotation marks, hyphens, commas).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../data-loaders/doc.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import { findMentions } from "../data-loaders/actors/mentions.ts";
import { resolveCoref } from "../data-loaders/actors/coref.ts";
import { compileRegistry, parseRegistry } from "../data-loaders/actors/registry.ts";
import { analyzeActors, REGISTRY, type ActorsResult } from "../data-loaders/stages/actors.ts";
import { rng, synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import type { Doc } from "../data-loaders/types.ts";
import { findMentions as findMentionsRef } from "./reference/mentions-session6.ts";
import { sortStable } from "../data-loaders/sort-stable.ts";

const ROOT = join(import.meta.dirname, "..");
const CORPUS = join(ROOT, "corpus");

/** analyzeActors as it was in session 6, on the reference findMentions */
function analyzeRef(doc: Doc, reg = REGISTRY): ActorsResult {
  const raw = findMentionsRef(doc, reg);
  const resolved = resolveCoref(raw, reg, doc.text);
  const mentions = resolved.length ? [...raw.mentions, ...resolved].sort((a, b) => a.start - b.start || b.end - a.end) : raw.mentions;
  return { mentions, discovered: raw.discovered, topics: raw.topics };
}

function same(doc: Doc, reg = REGISTRY): void {
  expect(findMentions(doc, reg)).toEqual(findMentionsRef(doc, reg));
  const got = analyzeActors(doc, reg);
  const want = analyzeRef(doc, reg);
  // byte-identical stored forms need the same key order too
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
}

/** words of the seeds and of the registry's lexicon, weighted towards what starts a rule */
function vocabulary(): string[] {
  const words: string[] = [];
  for (const f of readdirSync(CORPUS).sort()) {
    const doc = buildDoc(f, readFileSync(join(CORPUS, f), "utf8"));
    for (const t of doc.tokens) words.push(doc.text.slice(t.start, t.end));
  }
  const special = [
    "Putin", "Putins", "Wladimir", "Trump", "Trumps", "Donald", "Selenskyj", "Biden", "Kreml", "Moskau", "Washington",
    "US-Präsident", "US-Präsidenten", "Präsident", "Präsidentin", "Präsidenten", "Kremlchef", "Kremlchefs", "russische", "russischen",
    "russischer", "Russlands", "amerikanische", "russisch-amerikanische", "russisch-ukrainische", "Ukraine-Krieg", "NATO-Mitgliedschaft",
    "Grünen-Politiker", "Sprecher", "Sprecherin", "Außenministerin", "Direktor", "Bundeskanzler", "Kanzlerin", "Minister",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "in", "nach", "im", "aus", "von", "vom", "van", "de", "bin", "el", "al",
    "er", "Er", "sie", "Sie", "ihm", "ihr", "seine", "Seine", "ihre", "sein", "beide", "Beide",
    "sagte", "erklärte", "betonte", "so", "laut", "zufolge", "Laut", "So",
    "Anton", "Hofreiter", "Oskar", "Lafontaine", "Bernd", "Lucke", "Rafael", "Correa", "Mohammed", "el-Baradei", "A.", "B.",
    "IAEO", "Polizei", "Köln", "Linux-Verbandes", "Nächstes", "Mal", "Truppen", "USA", "Russland", "Ukraine", "Kiew", "EU",
    ",", ",", ",", ".", ":", "„", "“", "»", "«", "\"", "‚", "‘", "(", ")", "–", "-",
  ];
  for (let k = 0; k < 6; k++) words.push(...special);
  return words;
}

/** a random article: paragraphs of sentences of random words */
function soup(r: () => number, words: string[]): string {
  const paras: string[] = [];
  const np = 1 + Math.floor(r() * 4);
  for (let p = 0; p < np; p++) {
    const sents: string[] = [];
    const ns = 1 + Math.floor(r() * 6);
    for (let s = 0; s < ns; s++) {
      const parts: string[] = [];
      const nw = 1 + Math.floor(r() * 18);
      for (let w = 0; w < nw; w++) {
        let word = words[Math.floor(r() * words.length)];
        if (r() < 0.05) word += "-" + words[Math.floor(r() * words.length)];
        if (r() < 0.05) word = word.toLowerCase();
        parts.push(word);
      }
      sents.push(parts.join(" ") + (r() < 0.8 ? "." : ""));
    }
    paras.push(sents.join(" "));
  }
  return paras.join("\n\n");
}

describe("findMentions against the session-6 code", () => {
  it("seed articles", () => {
    for (const f of readdirSync(CORPUS).sort()) same(buildDoc(f, readFileSync(join(CORPUS, f), "utf8")));
  });

  it("300 synthetic articles, with and without a date", () => {
    let k = 0;
    for (const a of synthArticles(CORPUS, 300, { words: 400, seed: 7 })) {
      const doc = buildDoc(`${a.id}.md`, toMarkdown(a));
      if (k++ % 2) doc.meta.date = "";
      same(doc);
    }
  });

  it("4,000 random word soups, and a second registry in turn", () => {
    const r = rng(20261123);
    const words = vocabulary();
    // every other actor of the default registry: other tries, other facts for the same word forms
    const other = compileRegistry(parseRegistry(readFileSync(join(ROOT, "data-loaders/data/actors.csv"), "utf8")).filter((_, k) => k % 2 === 0));
    for (let k = 0; k < 4000; k++) {
      const doc = docFromText(soup(r, words));
      doc.meta.date = ["", "2019-03-01", "2022-03-01", "2025-06-01"][k % 4];
      same(doc, k % 7 === 3 ? other : REGISTRY);
    }
  });

  it("documents of before and after the token table starts afresh, in turn", () => {
    const r = rng(7);
    const words = vocabulary();
    const older = Array.from({ length: 20 }, () => docFromText(soup(r, words)));
    for (const doc of older) same(doc);
    // more distinct forms than the interned token table holds: the next document's forms are numbered anew
    const fill = docFromText(Array.from({ length: 300_000 }, (_, n) => `g${n.toString(36)}`).join(" "));
    findMentions(fill, REGISTRY);
    for (let k = 0; k < 40; k++) same(k % 2 ? older[k >> 1] : docFromText(soup(r, words)));
  });
});

describe("sortStable", () => {
  it("orders as Array.prototype.sort on nearly sorted and on shuffled lists, equal keys in their original order", () => {
    const r = rng(8);
    const cmp = (a: { k: number; e: number }, b: { k: number; e: number }) => a.k - b.k || b.e - a.e;
    for (let t = 0; t < 3000; t++) {
      const n = Math.floor(r() * (t % 10 === 0 ? 400 : 60));
      const keys = Math.max(1, Math.floor(r() * n));
      const list = Array.from({ length: n }, (_, id) => ({ k: Math.floor(r() * keys), e: Math.floor(r() * 3), id }));
      // some lists sorted but for a few late additions (as the mentions), some far from sorted (the fallback)
      if (t % 3 !== 0) list.sort((a, b) => a.k - b.k).push(...Array.from({ length: Math.floor(r() * 8) }, (_, id) => ({ k: Math.floor(r() * keys), e: 0, id: n + id })));
      const want = [...list].sort(cmp);
      const got = sortStable([...list], cmp);
      expect(got).toEqual(want);
    }
  });
  it("sorts the first n numbers of a typed array by a comparator over them (the frames' hit order), the rest untouched", () => {
    const r = rng(9);
    for (let t = 0; t < 2000; t++) {
      const n = Math.floor(r() * (t % 10 === 0 ? 300 : 40));
      const key = Array.from({ length: n }, () => Math.floor(r() * 6));
      const cmp = (a: number, b: number) => key[a] - key[b];
      const order = new Int32Array(n + 5).fill(-1);
      for (let k = 0; k < n; k++) order[k] = k;
      sortStable(order, cmp, n);
      expect([...order.subarray(0, n)]).toEqual(Array.from({ length: n }, (_, k) => k).sort(cmp));
      expect([...order.subarray(n)]).toEqual([-1, -1, -1, -1, -1]);
    }
  });
});
