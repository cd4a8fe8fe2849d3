import { describe, expect, it } from "vitest";
import { buildDoc } from "../data-loaders/doc.ts";

const sentencesOf = (text: string) => {
  const doc = buildDoc("t.txt", `Titel\n${text}`);
  return doc.sentences.slice(1).map((s) => doc.text.slice(s.start, s.end));
};
const tokensOf = (text: string) => {
  const doc = buildDoc("t.txt", `Titel\n${text}`);
  return doc.tokens.filter((t) => t.sentence > 0).map((t) => doc.text.slice(t.start, t.end));
};

describe("sentence segmentation", () => {
  it("splits at full stops before a capital", () => {
    expect(sentencesOf("Der Gipfel endete. Danach flog Putin heim.")).toEqual(["Der Gipfel endete.", "Danach flog Putin heim."]);
  });
  it("keeps `z. B.` and `Dr.` inside the sentence", () => {
    expect(sentencesOf("Es gab z. B. Dank. Dr. Müller kam. Prof. Dr. Schmidt nicht.")).toEqual([
      "Es gab z. B. Dank.",
      "Dr. Müller kam.",
      "Prof. Dr. Schmidt nicht.",
    ]);
  });
  it("keeps ordinals in dates (`15. August`)", () => {
    expect(sentencesOf("Am 15. August 2025 trafen sie sich. Es war das 3. Mal.")).toEqual([
      "Am 15. August 2025 trafen sie sich.",
      "Es war das 3. Mal.",
    ]);
  });
  it("ends a sentence after a year", () => {
    expect(sentencesOf("Sie trafen sich zuletzt 2019. Damals war alles anders.")).toHaveLength(2);
  });
  it("keeps initials in names (`Andreas M. Brucker`)", () => {
    expect(sentencesOf("Das schrieb Andreas M. Brucker gestern.")).toHaveLength(1);
  });
  it("keeps compounds with `US-`", () => {
    expect(sentencesOf("Die US- und EU-Vertreter trafen sich. Der US-Präsident kam.")).toHaveLength(2);
  });
  it("ends a quoted sentence after the closing mark", () => {
    expect(sentencesOf("Er sagte: „Nächstes Mal in Moskau.“ Der US-Präsident schwieg.")).toEqual([
      "Er sagte: „Nächstes Mal in Moskau.“",
      "Der US-Präsident schwieg.",
    ]);
  });
  it("does not split `?“, fragte er`", () => {
    expect(sentencesOf("„Kommen Sie?“, fragte er. Sie kam.")).toEqual(["„Kommen Sie?“, fragte er.", "Sie kam."]);
  });
  it("splits a quotation of several sentences into its sentences and keeps the marks", () => {
    const s = sentencesOf("„Es gibt wenige. Manche sind unwichtig. Wir sind nah dran.“ Dann ging er.");
    expect(s).toEqual(["„Es gibt wenige.", "Manche sind unwichtig.", "Wir sind nah dran.“", "Dann ging er."]);
  });
  it("splits at a missing space after a full stop (`behalten.Trumps`)", () => {
    expect(sentencesOf("Sie muss eine Armee behalten.Trumps Gipfel endete.")).toHaveLength(2);
  });
  it("treats a heading as one sentence", () => {
    const doc = buildDoc("t.txt", "Titel\nErster Absatz hier.\nNächstes Treffen in Moskau?\nZweiter Absatz hier.");
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual([
      "Titel",
      "Erster Absatz hier.",
      "Nächstes Treffen in Moskau?",
      "Zweiter Absatz hier.",
    ]);
    expect(doc.blocks[2].kind).toBe("heading");
  });
});

describe("tokenisation", () => {
  it("keeps hyphenated compounds, abbreviations and ordinals whole", () => {
    expect(tokensOf("Der US-Präsident kam am 15. August, z. B. mit Dr. Rau.")).toEqual([
      "Der", "US-Präsident", "kam", "am", "15.", "August", ",", "z.", "B.", "mit", "Dr.", "Rau", ".",
    ]);
  });
  it("splits quotation marks off words", () => {
    expect(tokensOf("Er sagte „bald wieder sprechen“.")).toEqual(["Er", "sagte", "„", "bald", "wieder", "sprechen", "“", "."]);
  });
  it("reads decimal numbers and times as one token", () => {
    expect(tokensOf("Es wuchs um 2,5 Prozent bis 14:30 Uhr.")).toContain("2,5");
    expect(tokensOf("Es wuchs um 2,5 Prozent bis 14:30 Uhr.")).toContain("14:30");
  });
});
