import { describe, expect, it } from "vitest";
import { buildDoc } from "../data-loaders/doc.ts";
import { tokenTexts } from "../data-loaders/segment.ts";
import { factsStage } from "../data-loaders/stages/facts.ts";
import { framesStage } from "../data-loaders/stages/frames.ts";
import { toneStage } from "../data-loaders/stages/tone.ts";
import { voiceStage } from "../data-loaders/stages/voice.ts";

// tone, frames, facts and voice keep what they know of a form in tables by the form's number
// (`tokenTexts(doc).ids`); when the intern table starts numbering afresh, the same numbers name other forms
describe("per-form tables by form number", () => {
  const texts = [
    "Die Regierung lehnt den Vorschlag nicht ab. Offenbar kostet er 3 Milliarden Euro und drei Stunden Streit.",
    "Ein guter Kompromiss ist kaum zu erwarten, die Wirtschaft leidet wohl unter der Krise seit 2020.",
  ];
  const run = (text: string) => {
    const doc = buildDoc("t.txt", text);
    const tone = toneStage.run(doc, {});
    return JSON.stringify([tone, framesStage.run(doc, {}), factsStage.run(doc, {}), voiceStage.run(doc, { tone })]);
  };
  it("give the same results after the forms are numbered afresh", () => {
    const before = texts.map(run);
    const generation = tokenTexts(buildDoc("t.txt", texts[0])).idGeneration;
    // more distinct forms than the intern table holds: the next document's forms are numbered from 0 again
    const big = Array.from({ length: 300_000 }, (_, n) => `g${n.toString(36)}`).join(" ");
    tokenTexts(buildDoc("t.txt", big));
    // the other text first, so that its forms now get the numbers the first text's forms had
    const after = [run(texts[1]), run(texts[0])].reverse();
    expect(tokenTexts(buildDoc("t.txt", texts[0])).idGeneration).toBeGreaterThan(generation);
    expect(after).toEqual(before);
  });
});
