import { describe, expect, it } from "vitest";
import { join } from "node:path";
import frames from "../data-loaders/data/frames/frames.json" with { type: "json" };
import { buildDoc } from "../data-loaders/doc.ts";
import { CueMatcher } from "../data-loaders/frames/match.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { framesStage, type FramesResult } from "../data-loaders/stages/frames.ts";
import { tableByName } from "../data-loaders/tables/index.ts";

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
