import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { buildDoc } from "../data-loaders/doc.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { STAGES } from "../data-loaders/stages/index.ts";
import { toneStage } from "../data-loaders/stages/tone.ts";
import { voiceStage, type VoiceResult } from "../data-loaders/stages/voice.ts";

describe("voice stage", () => {
  it("without quotes everything is the author's voice", () => {
    const v = voiceStage.run(buildDoc("t.txt", "Das Treffen war vage. Er könnte recht haben."), {}) as VoiceResult;
    expect(v.authorialShare).toBe(1);
    expect(v.quotesAvailable).toBe(false);
  });
  it("splits direct and indirect speech by quote spans", () => {
    const doc = buildDoc("t.txt", "„Wir sind bereit“, sagte er. Sie seien offen, hieß es.");
    const d0 = doc.text.indexOf("„"), d1 = doc.text.indexOf("“") + 1;
    const i0 = doc.text.indexOf("Sie"), i1 = doc.text.indexOf(", hieß");
    const v = voiceStage.run(doc, { quotes: { quotes: [{ type: "Direct", start: d0, end: d1 }, { type: "Indirect", start: i0, end: i1 }] } }) as VoiceResult;
    expect(v).toMatchObject({ directWords: 3, indirectWords: 3, authorialWords: 4 });
  });
  it("counts hedges and evaluative words per 100 authorial words", () => {
    const doc = buildDoc("t.txt", "Das Treffen blieb vage und substanzlos. Offenbar war es wohl nur Inszenierung.");
    const prior = { tone: toneStage.run(doc, {}) };
    const v = voiceStage.run(doc, prior) as VoiceResult;
    expect(v.hedges.map((h) => h.form)).toEqual(["Offenbar", "wohl"]);
    expect(v.evaluativeWords).toBe(3);
    expect(v.evaluativeDensity).toBeCloseTo((100 * 3) / v.authorialWords, 3);
  });
});

describe("voice on the seeds", () => {
  const hasQuotes = STAGES.some((s) => s.name === "quotes");
  const analysis = analyzeCorpus(join(import.meta.dirname, "..", "corpus"), { cache: false });
  const v = (prefix: string) => analysis.articles.find((a) => a.doc.meta.id.startsWith(prefix))!.stages.voice as VoiceResult;
  it.skipIf(!hasQuotes)("the wire report is mostly attributed speech, the commentary mostly the author's voice", () => {
    expect(v("000_").attributedShare).toBeGreaterThan(v("000_").authorialShare);
    expect(v("002_").authorialShare).toBeGreaterThan(0.5);
    expect(v("002_").authorialShare).toBeGreaterThan(v("000_").authorialShare);
  });
  it("the commentary is denser in evaluative words", () => {
    expect(v("002_").evaluativeDensity).toBeGreaterThan(v("000_").evaluativeDensity);
  });
});
