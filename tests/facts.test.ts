import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDoc } from "../data-loaders/doc.ts";
import { extractFacts } from "../data-loaders/facts/extract.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { tableByName } from "../data-loaders/tables/index.ts";

const facts = (text: string) => extractFacts(buildDoc("t.txt", text));

describe("facts extraction", () => {
  it("`etwa 2 Stunden und 45 Minuten` → 165 min, approximate, subject noun", () => {
    const [f] = facts("Die Unterredungen im engen Kreis dauerten nach Kremlangaben etwa 2 Stunden und 45 Minuten.");
    expect(f).toMatchObject({ kind: "duration", value: 165, unit: "min", approx: true, noun: "Unterredungen", concept: "talks" });
    expect(f.text).toBe("etwa 2 Stunden und 45 Minuten");
  });
  it("`dreistündigen Gesprächen` → 180 min, Gespräche", () => {
    const [f] = facts("Nach dreistündigen Gesprächen endete der Gipfel.");
    expect(f).toMatchObject({ kind: "duration", value: 180, noun: "Gesprächen", lemma: "Gespräche", nounMethod: "adjective", concept: "talks" });
  });
  it("`zwölfminütigen Auftritt` → 12 min", () => {
    expect(facts("Bei einem zwölfminütigen Auftritt sprach er.")[0]).toMatchObject({ value: 12, unit: "min", noun: "Auftritt" });
  });
  it("digit adjectives: `90-minütigen Telefonat`", () => {
    expect(facts("Nach einem 90-minütigen Telefonat.")[0]).toMatchObject({ value: 90, noun: "Telefonat" });
  });
  it("`um 20 Prozent` is a percentage change", () => {
    const [f] = facts("Das Handelsvolumen sei um 20 Prozent gewachsen.");
    expect(f).toMatchObject({ kind: "percent", value: 20, unit: "% change", noun: "Handelsvolumen" });
  });
  it("`15. August 2025` → ISO date", () => {
    expect(facts("Er kam am 15. August 2025 an.")[0]).toMatchObject({ kind: "date", value: "2025-08-15" });
  });
  it("years", () => expect(facts("Das erste Treffen seit 2019.")[0]).toMatchObject({ kind: "year", value: 2019 }));
  it("number words with a noun are counts", () => {
    expect(facts("Zwölf Staaten und zwanzig Beobachter kamen.").map((f) => [f.value, f.noun])).toEqual([[12, "Staaten"], [20, "Beobachter"]]);
  });
  it("money with scale", () => {
    expect(facts("Es geht um 3,5 Milliarden Dollar.")[0]).toMatchObject({ kind: "money", value: 3.5e9, unit: "USD" });
  });
  it("model numbers inside words are not figures", () => {
    expect(facts("Überflüge von F-22-Kampfjets und einem B-2-Bomber.")).toEqual([]);
  });
  it("the article `ein` alone is not a count", () => expect(facts("Ein Treffen fand statt.")).toEqual([]));
  it("spans round-trip", () => {
    const d = buildDoc("t.txt", "Die Gespräche dauerten drei Stunden.");
    for (const f of extractFacts(d)) expect(d.text.slice(f.start, f.end)).toBe(f.text);
  });
});

describe("fact comparison on the seeds", () => {
  const analysis = analyzeCorpus(join(import.meta.dirname, "..", "corpus"), { cache: false });
  const pairs = tableByName("fact_comparison").build(analysis);
  it("flags the talks' length as a disagreement (2 h 45 min vs three hours)", () => {
    const talks = pairs.find((p) => p.kind === "duration" && p.concept === "talks")!;
    expect(talks).toBeDefined();
    expect(new Set([talks.valueA, talks.valueB])).toEqual(new Set([165, 180]));
    expect(talks.status).toBe("disagree");
  });
  it("pairs only facts from different articles", () => {
    for (const p of pairs) expect(p.articleA).not.toBe(p.articleB);
  });
});

describe("fact comparison stays linear in large groups", () => {
  const dir = mkdtempSync(join(tmpdir(), "framelens-facts-"));
  // 20 articles give the talks' length: more than `pairAllUpTo` (12), so each is compared with the median only
  for (let i = 0; i < 20; i++) {
    const hours = i < 15 ? "drei" : "vier";
    writeFileSync(join(dir, `a${String(i).padStart(2, "0")}.txt`), `Gipfel ${i}\nDie Gespräche dauerten ${hours} Stunden.\n`);
  }
  const analysis = analyzeCorpus(dir, { cache: false });
  const pairs = tableByName("fact_comparison").build(analysis);
  rmSync(dir, { recursive: true, force: true });
  it("one row per figure outside the median's article, not one per pair of articles", () => {
    expect(pairs.length).toBe(19);
    for (const p of pairs) expect(p.basis).toBe("median");
  });
  it("the median figure is the reference: the outliers disagree, the rest agree", () => {
    expect(pairs.filter((p) => p.status === "disagree").length).toBe(5);
    for (const p of pairs) expect(String(p.articleA) < String(p.articleB)).toBe(true);
  });
});

describe("facts and actor mentions", () => {
  it("a noun inside an actor mention is not a figure's noun, whatever the order the mentions come in", () => {
    const text = "Rund 20 Polizisten und zwei Bundeskanzler Merz trafen 2019 drei Minister.";
    const doc = buildDoc("t.txt", text);
    const span = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
    const spans = [span("Bundeskanzler Merz"), span("Polizisten"), span("Minister")];
    const plain = extractFacts(doc);
    const inOrder = extractFacts(doc, [...spans].sort((a, b) => a.start - b.start));
    expect(plain.map((f) => f.noun)).toContain("Polizisten");
    expect(inOrder.map((f) => f.noun)).not.toContain("Polizisten");
    expect(inOrder.map((f) => f.noun)).not.toContain("Bundeskanzler");
    expect(JSON.stringify(extractFacts(doc, spans))).toBe(JSON.stringify(inOrder));
  });
});
