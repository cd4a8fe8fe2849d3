import { describe, expect, it } from "vitest";
import { join } from "node:path";
import set from "./fixtures/tone-sentences.json" with { type: "json" };
import { buildDoc } from "../data-loaders/doc.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { STAGES } from "../data-loaders/stages/index.ts";
import { toneStage, type ToneResult } from "../data-loaders/stages/tone.ts";
import { scoreWithFramelens, scoreWithNlpjs, scoreWithNlpjsAsync } from "../data-loaders/tone/compare.ts";
import { lookup } from "../data-loaders/tone/lexicon.ts";
import { tableByName } from "../data-loaders/tables/index.ts";
import { evaluateTone } from "../scripts/eval-tone.ts";

const one = (text: string) => scoreWithFramelens([text])[0].score;
const hitsOf = (text: string) => {
  const doc = buildDoc("t.txt", text);
  return (toneStage.run(doc, {}) as ToneResult).sentences.flatMap((s) => s.hits);
};

describe("tone lexicon", () => {
  it("reads the SentiWS lexicon shipped by @nlpjs/lang-de by stem", () => {
    expect(lookup("schlecht")?.source).toBe("sentiws");
    expect(lookup("schlechten")!.weight).toBeLessThan(0);
  });
  it("has the political commentary vocabulary", () => {
    for (const w of ["substanzlos", "vage", "mager", "inszenierung", "kulisse", "pomp", "pathos", "festgefahren", "unrealistisch"]) {
      expect(lookup(w)?.source, w).toBe("political");
      expect(lookup(w)!.weight, w).toBeLessThan(0);
    }
  });
  it("matches inflected forms of political entries", () => {
    expect(lookup("festgefahrene")?.source).toBe("political");
    expect(lookup("inszenierungen")?.source).toBe("political");
  });
  it("looks up the head of a hyphenated compound", () => {
    expect(lookup("ukraine-krieg")).not.toBeNull();
  });
  it("does not read function words as sentiment through stem collisions", () => {
    expect(lookup("einige")).toBeNull();
    expect(lookup("unter")).toBeNull();
  });
});

describe("tone scorer", () => {
  it("negation flips a positive word after it", () => {
    expect(one("Das Treffen war erfolgreich.")).toBeGreaterThan(0);
    expect(one("Das Treffen war nicht erfolgreich.")).toBeLessThan(0);
  });
  it("negation stays in its clause", () => {
    expect(one("Das Ergebnis war nicht gut, aber die Stimmung war hervorragend.")).toBeGreaterThan(0);
  });
  it("negation after the verb reaches back within its clause", () => {
    const h = hitsOf("Die Reaktion war kritisch, das überraschte nicht.");
    expect(h.find((x) => x.form === "kritisch")!.negated).toBe(false);
  });
  it("`ohne` negates only its noun phrase", () => {
    const h = hitsOf("Ein Frieden ohne Beteiligung Kiews ist unrealistisch.");
    expect(h.find((x) => x.form === "unrealistisch")!.negated).toBe(false);
    expect(one("Die Reise verlief ohne Probleme.")).toBeGreaterThan(0);
  });
  it("`nichts` + nominalised adjective is negative", () => {
    expect(one("Am Ende gab es nichts Konkretes.")).toBeLessThan(0);
  });
  it("negated negatives turn only mildly positive", () => {
    expect(Math.abs(one("Die Lage ist nicht schlecht."))).toBeLessThan(Math.abs(one("Die Lage ist schlecht.")));
  });
  it("intensifiers strengthen, diminishers weaken", () => {
    expect(one("Die Stimmung war sehr gut.")).toBeGreaterThan(one("Die Stimmung war gut."));
    expect(one("Die Stimmung war äußerst gut.")).toBeGreaterThan(one("Die Stimmung war sehr gut."));
    expect(one("Die Lage ist etwas schlecht.")).toBeGreaterThan(one("Die Lage ist schlecht."));
  });
  it("`kaum` turns a positive word negative", () => {
    expect(one("Das Treffen brachte kaum greifbare Resultate.")).toBeLessThan(0);
  });
  it("records the modifiers that acted on each hit", () => {
    const h = hitsOf("Die Gespräche waren sehr gut.");
    expect(h[0]).toMatchObject({ form: "gut", modifiers: "sehr" });
    expect(h[0].factor).toBeGreaterThan(1);
  });
  it("hit spans round-trip into the text", () => {
    const text = "Doch inhaltlich blieb das Treffen vage und substanzlos.";
    const doc = buildDoc("t.txt", text);
    for (const s of (toneStage.run(doc, {}) as ToneResult).sentences) for (const h of s.hits) expect(doc.text.slice(h.start, h.end)).toBe(h.form);
  });
  it("without a quotes stage every word is authorial", () => {
    const doc = buildDoc("t.txt", "„Das war sehr gut“, sagte er.");
    const r = toneStage.run(doc, {}) as ToneResult;
    expect(r.quotesAvailable).toBe(false);
    expect(r.sentences[0].quotedWords).toBe(0);
    expect(r.sentences[0].authorialScore).toBe(r.sentences[0].score);
  });
  it("with quote spans, hits inside them count as quoted", () => {
    const text = "„Das war sehr gut“, sagte er enttäuscht.";
    const doc = buildDoc("t.txt", text);
    const start = doc.text.indexOf("„"), end = doc.text.indexOf("“") + 1;
    const r = toneStage.run(doc, { quotes: { quotes: [{ type: "Direct", start, end }] } }) as ToneResult;
    const s = r.sentences[0];
    expect(s.quotedScore).toBeGreaterThan(0);
    expect(s.authorialScore).toBeLessThan(0);
    expect(s.quotedWords).toBe(4);
  });
});

describe("tone vs @nlpjs/lang-de on the hand-labelled set", () => {
  it("has about 40 labelled sentences with all three labels", () => {
    expect(set.sentences.length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.sentences.map((s) => s.label))).toEqual(new Set(["positive", "negative", "neutral"]));
  });
  it("the sync nlpjs path equals its async process() API", async () => {
    for (const t of set.sentences.slice(0, 5).map((s) => s.text)) expect(scoreWithNlpjs([t])[0]).toEqual(await scoreWithNlpjsAsync(t));
  });
  it("framelens is more accurate than nlpjs", () => {
    const r = evaluateTone();
    expect(r.accuracy.framelens).toBeGreaterThan(r.accuracy.nlpjs);
    expect(r.accuracy.framelens).toBeGreaterThan(r.accuracy.nlpjsWithNeutralBand);
  });
  it("the fast text scorer agrees with the engine's token scorer", () => {
    for (const { text } of set.sentences) {
      const sum = hitsOf(text).reduce((a, h) => a + h.weight, 0);
      expect(scoreWithFramelens([text])[0].score, text).toBeCloseTo(sum, 3);
    }
  });
  it("both scorers return one result per text", () => {
    const texts = ["gut", "schlecht", ""];
    expect(scoreWithFramelens(texts)).toHaveLength(3);
    expect(scoreWithNlpjs(texts)).toHaveLength(3);
  });
});

describe("tone on the seeds", () => {
  const analysis = analyzeCorpus(join(import.meta.dirname, "..", "corpus"), { cache: false });
  const summary = tableByName("tone_summary").build(analysis);
  const wire = analysis.articles.find((a) => a.doc.meta.id.startsWith("000_"))!.doc.meta.id;
  const commentary = analysis.articles.find((a) => a.doc.meta.id.startsWith("002_"))!.doc.meta.id;
  const per100 = (id: string, voice: string) => summary.find((r) => r.level === "article" && r.articleId === id && r.voice === voice)!.per100 as number;
  it("the commentary's authorial tone is more negative than the wire report's", () => {
    expect(per100(commentary, "authorial")).toBeLessThan(per100(wire, "authorial"));
    expect(per100(commentary, "authorial")).toBeLessThan(0);
  });
  it("aggregates per paragraph, separating authorial from quoted", () => {
    const paras = summary.filter((r) => r.level === "paragraph" && r.articleId === wire);
    expect(new Set(paras.map((r) => r.voice)).has("authorial")).toBe(true);
  });
  it.skipIf(!STAGES.some((s) => s.name === "quotes"))("the wire report's quoted speech is a large part of its tone", () => {
    expect(summary.some((r) => r.level === "article" && r.articleId === wire && r.voice === "quoted")).toBe(true);
  });
  it.skipIf(!STAGES.some((s) => s.name === "actors"))("aggregates per actor", () => {
    expect(summary.some((r) => r.level === "actor")).toBe(true);
  });
});
