import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import frames from "../data-loaders/data/frames/frames.json" with { type: "json" };
import { buildDoc } from "../data-loaders/doc.ts";
import { frameMatcher } from "../data-loaders/frames/dictionary.ts";
import { CueMatcher } from "../data-loaders/frames/match.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { packValue, unpackValue } from "../data-loaders/scale/packed.ts";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { tokenTexts } from "../data-loaders/segment.ts";
import { resultFromBytes } from "../data-loaders/stage.ts";
import { framesStage, type FramesResult } from "../data-loaders/stages/frames.ts";
import { tableByName } from "../data-loaders/tables/index.ts";
import type { Doc } from "../data-loaders/types.ts";
import { ReferenceMatcher, referenceFrames, referenceStored } from "./reference/frames-session6.ts";

const run = (text: string) => framesStage.run(buildDoc("t.txt", text), {}) as FramesResult;
const cuesOf = (text: string, frame: string) => run(text).cues.filter((c) => c.frameId === frame).map((c) => text.slice(c.start, c.end));

describe("frame dictionaries", () => {
  it("have the five generic frames and the five event frames", () => {
    expect(frames.frames.map((f) => f.id).sort()).toEqual(
      ["conflict", "responsibility", "economic", "human_interest", "morality", "spectacle", "substance", "security", "legitimacy", "negotiation"].sort(),
    );
  });
  it("give every frame labels, a definition and a source", () => {
    for (const f of frames.frames) for (const k of ["label_de", "label_en", "definition", "source"] as const) expect(f[k], `${f.id}.${k}`).toBeTruthy();
    expect(frames.source).toMatch(/Semetko/);
    expect(frames.licence).toBeTruthy();
  });
});

describe("cue matcher", () => {
  const m = new CueMatcher([
    { pattern: "Gespräch", weight: 1, tag: "a" },
    { pattern: "Investition*", weight: 1, tag: "a" },
    { pattern: "*bomber", weight: 1, tag: "a" },
    { pattern: "international* Recht", weight: 1, tag: "a" },
    { pattern: "Recht", weight: 0.5, tag: "a" },
  ]);
  const hits = (text: string) => {
    const d = buildDoc("t.txt", text);
    return m.match(d.text, d.tokens).map((h) => d.text.slice(h.start, h.end));
  };
  it("a stem cue matches inflected forms", () => expect(hits("Nach dreistündigen Gesprächen.")).toEqual(["Gesprächen"]));
  it("a prefix cue matches compounds", () => expect(hits("Eine Investitionspartnerschaft.")).toEqual(["Investitionspartnerschaft"]));
  it("a suffix cue matches compound heads", () => expect(hits("Ein B-2-Bomber flog.")).toEqual(["B-2-Bomber"]));
  it("a multiword cue wins over the single word inside it", () => expect(hits("Gegen internationales Recht.")).toEqual(["internationales Recht"]));
  it("does not match across punctuation", () => expect(hits("international, Recht.")).toEqual(["Recht"]));
  it("keeps the longest hit per place however many hits a sentence has (few are sorted by insertion, many by Array.sort)", () => {
    const phrase = "internationales Recht und Gespräch";
    for (const times of [2, 20, 40]) {
      const text = Array.from({ length: times }, () => phrase).join(" ") + ".";
      expect(hits(text)).toEqual(Array.from({ length: times }, () => ["internationales Recht", "Gespräch"]).flat());
    }
  });
});

describe("frames stage", () => {
  it("keeps every cue hit as evidence with its sentence", () => {
    const r = run("Mit viel Pomp empfing er den Gast. Die Gespräche dauerten lange.");
    const pomp = r.cues.find((c) => c.cue === "Pomp")!;
    expect(pomp).toMatchObject({ frameId: "spectacle", sentence: 0, weight: 1 });
    expect(r.cues.find((c) => c.frameId === "negotiation")!.sentence).toBe(1);
  });
  it("economic cues catch trade and investment", () => {
    expect(cuesOf("Das Handelsvolumen sei gewachsen.", "economic")).toContain("Handelsvolumen");
  });
  it("scores shares and density normalised by length", () => {
    const r = run("Mit viel Pomp und Pathos. Das Wetter war schön.");
    const s = r.article.find((a) => a.frameId === "spectacle")!;
    expect(s.share).toBe(0.5);
    expect(s.density).toBeCloseTo((1000 * 2) / r.words, 3);
  });
  it("a sentence without cues carries no frame", () => {
    expect(run("Das Wetter war schön.").sentences[0].frames).toEqual([]);
  });
});

describe("frames on the seeds", () => {
  const analysis = analyzeCorpus(join(import.meta.dirname, "..", "corpus"), { cache: false });
  const rows = tableByName("frames").build(analysis);
  const wire = analysis.articles.find((a) => a.doc.meta.id.startsWith("000_"))!.doc.meta.id;
  const commentary = analysis.articles.find((a) => a.doc.meta.id.startsWith("002_"))!.doc.meta.id;
  const get = (id: string, frame: string) => rows.find((r) => r.articleId === id && r.frameId === frame)!;
  it("spectacle/symbolism is far stronger in the commentary", () => {
    expect(get(commentary, "spectacle").density as number).toBeGreaterThan(2 * (get(wire, "spectacle").density as number));
    expect(get(commentary, "spectacle").share as number).toBeGreaterThan(2 * (get(wire, "spectacle").share as number));
  });
  it("economic consequences appear in the wire report and hardly in the commentary", () => {
    expect(get(wire, "economic").density as number).toBeGreaterThan(3 * (get(commentary, "economic").density as number));
    expect(get(wire, "economic").share as number).toBeGreaterThan(0);
    expect(get(commentary, "economic").share).toBe(0);
    const cues = tableByName("frame_cues").build(analysis).filter((c) => c.articleId === wire && c.frameId === "economic").map((c) => c.text);
    expect(cues).toEqual(expect.arrayContaining(["Handelsvolumen", "Investitionspartnerschaft"]));
  });
  it("conflict is stronger in the commentary (criticism, warnings)", () => {
    expect(get(commentary, "conflict").density as number).toBeGreaterThan(get(wire, "conflict").density as number);
  });
});

/**
 * Documents of every kind for comparing the stage with its session-6 form: the seeds, the hostile fixtures,
 * generated articles, texts dense with cues (many hits per sentence, compounds, hyphens, multiword cues), and
 * copies of some with their sentences renumbered (gaps, blocks revisited), which the stored form's runs of
 * sentences must keep exactly.
 */
function variedDocs(): Doc[] {
  const root = join(import.meta.dirname, "..");
  const docs: Doc[] = [];
  for (const dir of [join(root, "corpus"), join(root, "tests/fixtures/hostile")]) {
    for (const f of readdirSync(dir).sort()) {
      try {
        docs.push(buildDoc(f, readFileSync(join(dir, f), "utf8")));
      } catch {
        // what the parser refuses is no article
      }
    }
  }
  for (const a of synthArticles(join(root, "corpus"), 30, { seed: 23 })) docs.push(buildDoc(`${a.id}.md`, toMarkdown(a)));
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const cueWords = frames.frames.flatMap((f) => f.cues.map((c) => (typeof c === "string" ? c : (c[0] as string)).replaceAll("*", "")));
  const filler = ["und", "der", "die", "Ukraine-Konflikt", "Nato-Gipfel", "am", "1.", "„Zitat“", "-", "z.B.", "Straßen", "ÄRGER", "Öl-Krise"];
  for (let d = 0; d < 12; d++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 1 + Math.floor(rnd() * 4); p++) {
      const sentences: string[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 5); k++) {
        const n = d % 4 === 0 ? 80 : 3 + Math.floor(rnd() * 15);
        const words = Array.from({ length: n }, () => (rnd() < 0.6 ? pick(cueWords) + (rnd() < 0.3 ? pick(["en", "s", "ungen", "partnerschaft"]) : "") : pick(filler)));
        sentences.push(words.join(rnd() < 0.1 ? ", " : " ") + pick([".", "!", "?"]));
      }
      paragraphs.push(sentences.join(" "));
    }
    docs.push(buildDoc(`dense-${d}.txt`, paragraphs.join("\n\n")));
  }
  // renumbered copies: indices with gaps and blocks revisited (the tokens follow their sentences)
  for (const doc of docs.slice(0, 6)) {
    const index = (k: number) => (k % 3 === 2 ? 10 * k : k + 1);
    const sentences = doc.sentences.map((s, k) => ({ ...s, index: index(k), block: [0, 1, 1, 0, 2][k % 5] }));
    const newIndex = new Map(doc.sentences.map((s, k) => [s.index, index(k)]));
    docs.push({ ...doc, sentences, tokens: doc.tokens.map((t) => ({ ...t, sentence: newIndex.get(t.sentence) ?? t.sentence })) });
  }
  return docs;
}

describe("the frames stage against its session-6 form (tests/reference/frames-session6.ts)", () => {
  const docs = variedDocs();
  it("gives the same results, directly and through the packed stored form", () => {
    let hits = 0;
    for (const doc of docs) {
      const want = JSON.stringify(referenceFrames(doc));
      expect(JSON.stringify(framesStage.run(doc, {}))).toBe(want);
      const packed = JSON.stringify(referenceFrames(doc, (x) => unpackValue(packValue(x))));
      expect(JSON.stringify(resultFromBytes(framesStage, packValue(framesStage.runStored!(doc, {}))))).toBe(packed);
      hits += (framesStage.run(doc, {}) as FramesResult).cues.length;
    }
    expect(hits).toBeGreaterThan(1000);
  });
  it("stores less than the session-6 stored form did", () => {
    let now = 0, before = 0;
    for (const doc of docs) {
      now += packValue(framesStage.runStored!(doc, {})).length;
      before += packValue(referenceStored(doc)).length;
    }
    expect(now).toBeLessThan(before / 2);
  });
  it("the matcher finds the same hits in the same order, with and without the documents' interned entries", () => {
    const reference = new ReferenceMatcher(frameMatcher.cues);
    for (const doc of docs) {
      const { forms, first, entries } = tokenTexts(doc);
      for (let k = 0; k < doc.sentences.length; k++) {
        const want = JSON.stringify(reference.matchForms(doc.tokens, forms, first[k], first[k + 1]));
        expect(JSON.stringify(frameMatcher.matchForms(doc.tokens, forms, first[k], first[k + 1], entries))).toBe(want);
        expect(JSON.stringify(frameMatcher.matchForms(doc.tokens, forms, first[k], first[k + 1]))).toBe(want);
      }
    }
  });
});
