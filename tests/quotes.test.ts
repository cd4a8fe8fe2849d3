import { describe, expect, it } from "vitest";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { extractQuotes } from "../data-loaders/quotes/extract.ts";
import { findMarks } from "../data-loaders/quotes/marks.ts";
import { isKonjunktiv1 } from "../data-loaders/quotes/lexicon.ts";
import { decide, featureBucket, MODEL_OK, QUOTE_MODEL, sentenceFeatures } from "../data-loaders/quotes/model.ts";
import modelFile from "../data-loaders/data/quote-model.json" with { type: "json" };
import { sentenceTokens } from "../data-loaders/quotes/tokens.ts";
import type { Quote, QuotesResult } from "../data-loaders/quotes/types.ts";
import { docFromText } from "../data-loaders/text-doc.ts";

const run = (text: string) => {
  const doc = docFromText(text, "t");
  const r = extractQuotes(doc);
  const txt = (q: { start: number; end: number }) => text.slice(q.start, q.end);
  return { ...r, txt, text };
};
/** the rules alone (round-4 tests: the learned model might find the same quote on its own) */
const runRules = (text: string) => ({ ...extractQuotes(docFromText(text, "t"), null, { model: null }), text });
const oneRules = (text: string, type: Quote["type"]) => {
  const q = runRules(text).quotes.find((x) => x.type === type);
  expect(q, `no ${type} in: ${text}`).toBeDefined();
  return { q: q!, txt: (x: { start: number; end: number }) => text.slice(x.start, x.end) };
};
const r0 = (text: string, q: Quote) => text.slice(q.particleStart, q.particleEnd);
const one = (text: string, type?: Quote["type"]) => {
  const r = run(text);
  const q = r.quotes.find((x) => !type || x.type === type);
  expect(q, `no ${type ?? "quote"} in: ${text}`).toBeDefined();
  return { q: q!, ...r };
};

describe("quotation marks", () => {
  it("German „…“", () => {
    const { q, txt } = one("„Wir kommen wieder“, sagte Trump.");
    expect(txt(q)).toBe("„Wir kommen wieder“");
    expect(q.type).toBe("Direct");
  });
  it("French »…«", () => expect(one("»Wir kommen wieder«, sagte Trump.").q.speakerText).toBe("Trump"));
  it("Swiss «…»", () => expect(one("«Wir kommen wieder», sagte Trump.").q.speakerText).toBe("Trump"));
  it('straight "…"', () => expect(one('"Wir kommen wieder", sagte Trump.').q.speakerText).toBe("Trump"));
  it("English “…”", () => expect(one("“Wir kommen wieder”, sagte Trump.").q.speakerText).toBe("Trump"));
  it("single ‚…‘ nested inside „…“ stays inside the outer quote", () => {
    const text = "„Er nannte es ‚einen großen Tag‘ für alle“, sagte Putin.";
    const marks = findMarks(text, 0, text.length);
    expect(marks.filter((m) => m.depth === 0)).toHaveLength(1);
    expect(marks.filter((m) => m.depth === 1)).toHaveLength(1);
    const { q, txt } = one(text);
    expect(txt(q)).toBe("„Er nannte es ‚einen großen Tag‘ für alle“");
  });
});

describe("direct quotes", () => {
  it("a quote over several sentences is one quote", () => {
    const { q, txt } = one("„Es gibt nur wenige Punkte. Manche sind nicht wichtig. Wir sind nah dran“, sagte Trump.");
    expect(txt(q)).toBe("„Es gibt nur wenige Punkte. Manche sind nicht wichtig. Wir sind nah dran“");
    expect(q.speakerText).toBe("Trump");
    expect(q.cue).toBe("sagte");
  });
  it("continuation after the attribution keeps the speaker", () => {
    const r = run("„Wir haben gute Kontakte aufgebaut“, sagte Putin. „Das ist erst der Anfang.“");
    const direct = r.quotes.filter((q) => q.type === "Direct");
    expect(direct).toHaveLength(2);
    expect(direct[1].speakerText).toBe("Putin");
    expect(direct[1].flags).toContain("continuation");
  });
  it("colon-opened quote: the speaker before the colon", () => {
    const { q, txt } = one("Danach sagte der russische Präsident: „Nächstes Mal in Moskau.“");
    expect(txt(q)).toBe("„Nächstes Mal in Moskau.“");
    expect(q.speakerText).toBe("der russische Präsident");
  });
  it("subordinate cue before a colon: `bevor … nachschob: „…“`", () => {
    const { q } = one("Trump lachte, bevor der russische Präsident nachschob: „Nächstes Mal in Moskau.“");
    expect(q.speakerText).toBe("der russische Präsident");
    expect(q.cue).toBe("nachschob");
  });
  it("separable speech verb: `fügte … hinzu`", () => {
    const { q } = one("„Wir bleiben dran“, fügte die Ministerin hinzu.");
    expect(q.speakerText).toBe("die Ministerin");
    // the cue span is the verb; the separated particle has its own offsets
    expect(q.cue).toBe("fügte");
    expect(q.cueLemma).toBe("hinzufügen");
    expect(r0("„Wir bleiben dran“, fügte die Ministerin hinzu.", q)).toBe("hinzu");
  });
  it("an adjacent particle joins the cue span (`fügte hinzu, dass …`)", () => {
    const r = run("Putin fügte hinzu, dass Moskau interessiert sei.");
    const q = r.quotes[0];
    expect(q.cue).toBe("fügte hinzu");
    expect(r.text.slice(q.cueStart, q.cueEnd)).toBe(q.cue);
  });
  it("speech-verb class is reported (emphatic `betonte`)", () => {
    const { q } = one("„Das ist nicht verhandelbar“, betonte Merz.");
    expect(q.cueClass).toBe("emphatic");
  });
});

describe("partial and scare quotes", () => {
  it("a partial quote inside indirect speech is attributed and flagged partial", () => {
    const r = run("Putin fügte hinzu, dass Moskau „ehrlich interessiert“ an einem Ende der Krise sei.");
    const partial = r.quotes.find((q) => q.type === "Direct")!;
    expect(r.txt(partial)).toBe("„ehrlich interessiert“");
    expect(partial.partial).toBe(true);
    expect(partial.speakerText).toBe("Putin");
    expect(r.quotes.some((q) => q.type === "Indirect" && q.speakerText === "Putin")).toBe(true);
  });
  it("a name in quotes joined to a noun is a scare quote, never attributed", () => {
    const r = run("Beide Präsidenten fuhren in der „Beast“-Limousine, sagte ein Sprecher.");
    expect(r.scare.map((s) => s.text)).toEqual(["„Beast“"]);
    expect(r.quotes.some((q) => r.txt(q).includes("Beast") && q.type === "Direct")).toBe(false);
  });
  it("a title after a naming noun is a scare quote", () => {
    const r = run("Die Sonde trägt den Namen „Cassini“ und startete 1997.");
    expect(r.scare).toHaveLength(1);
    expect(r.quotes).toHaveLength(0);
  });
  it("a short quoted term with no speech around it is a scare quote", () => {
    const r = run("Der Gipfel war eine „Show“ ohne Ergebnis.");
    expect(r.scare).toHaveLength(1);
    expect(r.quotes).toHaveLength(0);
  });
});

describe("indirect speech", () => {
  it("Konjunktiv I is recognised from the morphology lexicon", () => {
    for (const f of ["sei", "seien", "habe", "werde", "könne", "müsse", "gebe", "sage"]) expect(isKonjunktiv1(f), f).toBe(true);
    for (const f of ["ist", "sind", "hat", "sagen", "sagt", "haben"]) expect(isKonjunktiv1(f), f).toBe(false);
  });
  it("`X sagte, dass …`", () => {
    const { q, txt } = one("Trump sagte, dass der Krieg beendet werden müsse.", "Indirect");
    expect(txt(q)).toBe("dass der Krieg beendet werden müsse");
    expect(q.speakerText).toBe("Trump");
    expect(q.cue).toBe("sagte");
  });
  it("`X sagte, <Konjunktiv clause>`", () => {
    const { q, txt } = one("Putin sagte, die Gespräche seien konstruktiv verlaufen.", "Indirect");
    expect(txt(q)).toBe("die Gespräche seien konstruktiv verlaufen");
    expect(q.speakerText).toBe("Putin");
  });
  it("`…, sagte X.`", () => {
    const { q, txt } = one("Viele Punkte seien noch ungeklärt, sagte Trump.", "Indirect");
    expect(txt(q)).toBe("Viele Punkte seien noch ungeklärt");
    expect(q.speakerText).toBe("Trump");
  });
  it("`nach X Worten`", () => {
    const { q } = one("Nach Putins Worten wäre der Krieg nie ausgebrochen.", "Indirect");
    expect(q.cue).toBe("Nach");
    expect(q.speakerText).toBe("Putins Worten");
    expect(q.cueClass).toBe("source");
  });
  it("`nach Angaben der Polizei`", () => {
    const { q, text } = one("Nach Angaben der Polizei ist die Brandursache ungeklärt.", "Indirect");
    expect(q.speakerText).toBe("Angaben der Polizei");
    expect(text.slice(q.start, q.end)).toBe("ist die Brandursache ungeklärt");
  });
  it("`so X`", () => {
    const { q } = one("Trump, so der Tenor vieler Beobachter, habe eine Bühne geboten.", "Indirect");
    expect(q.cue).toBe("so");
    expect(q.speakerText).toBe("der Tenor vieler Beobachter");
  });
  it("`hieß es` stays unnamed", () => {
    const { q } = one("Vor Verhandlungen sei eine Waffenruhe nötig, hieß es.", "Indirect");
    expect(q.speaker).toBeNull();
    expect(q.cue).toBe("hieß es");
  });
  it("`X zufolge`", () => {
    const { q } = one("Der Polizei zufolge ist niemand verletzt worden.", "Indirect");
    expect(q.speakerText).toBe("Der Polizei");
    expect(q.cue).toBe("zufolge");
  });
  it("`laut X`", () => {
    const { q } = one("Laut dem Ministerium sind drei Menschen gestorben.", "Indirect");
    expect(q.speakerText).toBe("dem Ministerium");
  });
  it("`wie X mitteilte, …`", () => {
    const { q, txt } = one("Wie ein Sprecher der Feuerwehr mitteilte, wurde die Leiche geborgen.", "Indirect");
    expect(q.speakerText).toBe("ein Sprecher der Feuerwehr");
    expect(txt(q)).toBe("wurde die Leiche geborgen");
  });
  it("the speaker is carried over following Konjunktiv sentences (IndirectFreeIndirect)", () => {
    const r = run("Merz sagte, die Ukraine müsse mit am Tisch sitzen. Vor Verhandlungen sei eine Waffenruhe notwendig. Zudem brauche sie Garantien.");
    const ifi = r.quotes.filter((q) => q.type === "IndirectFreeIndirect");
    // consecutive free indirect sentences of one paragraph form one quote (the dataset's convention)
    expect(ifi).toHaveLength(1);
    expect(r.txt(ifi[0])).toBe("Vor Verhandlungen sei eine Waffenruhe notwendig. Zudem brauche sie Garantien.");
    expect(ifi[0].speakerText).toBe("Merz");
  });
  it("free indirect sentences in different paragraphs stay separate quotes", () => {
    const r = run("Merz sagte, die Ukraine müsse mit am Tisch sitzen. Vor Verhandlungen sei eine Waffenruhe notwendig.\n\nZudem brauche sie Garantien.");
    expect(r.quotes.filter((q) => q.type === "IndirectFreeIndirect")).toHaveLength(2);
  });
  it("first person singular (`ich habe`) is not Konjunktiv I", () => {
    const r = run("Die Polizei nahm den Mann fest. Ich habe das gesehen.");
    expect(r.quotes.some((q) => q.type === "IndirectFreeIndirect")).toBe(false);
  });
  it("a zu-infinitive complement starting with an article is indirect speech, a purpose clause is not", () => {
    const r = run("Die EU hat zugesagt, die Emissionen um acht Prozent zu verringern.");
    expect(r.quotes.some((q) => q.type === "Indirect" && r.txt(q) === "die Emissionen um acht Prozent zu verringern")).toBe(true);
    const p = run("Die Firma erklärte das Verfahren, um die Kunden zu beruhigen.");
    expect(p.quotes.some((q) => q.type === "Indirect")).toBe(false);
  });
  it("a speech noun with a complement clause is indirect speech", () => {
    const r = run("Seit August vertritt er die These, dass die Partei gescheitert sei.");
    const q = r.quotes.find((q) => q.type === "Indirect");
    expect(q && r.txt(q)).toBe("dass die Partei gescheitert sei");
    expect(q?.speakerText).toBe("er");
  });
  it("a speaker with an apposition before the verb", () => {
    const r = run("Ein Sprecher der Polizei, Lars Beringer, sagte am Abend, der Mann sei geflüchtet.");
    const q = r.quotes.find((q) => q.type === "Indirect");
    expect(q?.speakerText).toBe("Ein Sprecher der Polizei, Lars Beringer");
    expect(r.quotes.every((x) => !r.txt(x).startsWith("Ein Sprecher"))).toBe(true);
  });
  it("a leading wie-clause with an apposition frames the rest", () => {
    const r = run("Wie der Bevollmächtigte der Kommission, Gerald Braun, mitteilte, sieht Wiedeking darin eine Benachteiligung.");
    const q = r.quotes.find((q) => q.type === "Indirect");
    expect(q && r.txt(q)).toBe("sieht Wiedeking darin eine Benachteiligung");
  });
  it("a demonstrative takes up the sentence before as the quote (`Dies teilte die Polizei mit.`)", () => {
    const r = run("Der Mann ist am Abend geflüchtet. Dies teilte die Polizei mit.");
    const q = r.quotes.find((q) => q.type === "Indirect")!;
    expect(r.txt(q)).toBe("Der Mann ist am Abend geflüchtet. Dies");
    expect(q.speakerText).toBe("die Polizei");
    expect(q.cue).toBe("teilte");
  });
  it("the addressee after gegenüber", () => {
    const r = run("Ein Sprecher sagte gegenüber der Presse, der Mann sei geflüchtet.");
    const q = r.quotes.find((q) => q.type === "Indirect")!;
    expect(r.text.slice(q.addresseeStart, q.addresseeEnd)).toBe("der Presse");
  });
  it("adjective homographs of Konjunktiv I forms do not make free indirect speech", () => {
    const r = run("Die Polizei nahm den Mann fest. Einige Zeugen sahen einige Autos.");
    expect(r.quotes.some((q) => q.type === "IndirectFreeIndirect")).toBe(false);
  });
  it("free indirect: the reportive `soll … haben`", () => {
    const r = run("Die Polizei sagte, sie ermittle gegen einen Mann. Der Mann soll das Auto gestohlen haben.");
    const q = r.quotes.find((q) => q.type === "FreeIndirect");
    expect(q?.speakerText).toBe("Die Polizei");
  });
  it("a reportive modal with no speaker nearby is not taken as speech by the rules (mostly plans in news text)", () => {
    const text = "Die Brücke ist alt. Sie soll im Mai abgerissen worden sein.";
    const r = extractQuotes(docFromText(text, "t"), null, { model: null });
    expect(r.quotes.some((q) => q.type === "FreeIndirect")).toBe(false);
  });
  it("a relative clause is not indirect speech", () => {
    const r = run("Auch Putin sprach von Vereinbarungen, die Ausgangspunkt für eine Lösung sein könnten.");
    expect(r.quotes.some((q) => q.type === "Indirect")).toBe(false);
  });
});

describe("reported speech", () => {
  it("`X warnte vor …`", () => {
    const { q } = one("Selenskyj warnte vor einer neuen russischen Taktik.", "Reported");
    expect(q.speakerText).toBe("Selenskyj");
    expect(q.cue).toBe("");
  });
  it("`X sprach von …`", () => {
    expect(one("Trump sprach von Einigungen in wichtigen Punkten.", "Reported").q.speakerText).toBe("Trump");
  });
  it("`X forderte …`", () => {
    expect(one("Die Opposition forderte den Rücktritt des Ministers.", "Reported").q.speakerText).toBe("Die Opposition");
  });
});

describe("speakers", () => {
  it("a pronoun falls back to the nearest named speaker when there are no actor mentions", () => {
    const r = run("„Wir sind bereit“, sagte Trump. „Das wird mir Ärger einbringen“, sagte er.");
    const q = r.quotes.filter((x) => x.type === "Direct")[1];
    expect(q.speakerText).toBe("er");
    expect(q.speaker).toBe("Trump");
  });
  it("actor mentions give the canonical speaker", () => {
    const text = "„Wir sind bereit“, sagte der russische Präsident.";
    const doc = docFromText(text, "t");
    const start = text.indexOf("der russische");
    const r = extractQuotes(doc, [{ start, end: start + "der russische Präsident".length, actorId: "Q7747" }]);
    expect(r.quotes[0].speaker).toBe("Q7747");
    expect(r.quotes[0].speakerText).toBe("der russische Präsident");
  });
  it("ids are stable and numbered in text order", () => {
    const r = run("„Eins ist klar“, sagte Trump. Putin sagte, das sei gut.");
    expect(r.quotes.map((q) => q.id)).toEqual(["t:q0", "t:q1"]);
  });
});

describe("unbalanced marks", () => {
  it("an unclosed „ ends at the paragraph end, is flagged, and never swallows the next paragraph", () => {
    const text = "„Wir werden das schaffen, sagte Trump am Montag.\n\nIm nächsten Absatz steht „etwas“ anderes. Putin sagte, das sei gut.";
    const r = run(text);
    const q = r.quotes.find((x) => x.flags.includes("unclosed"));
    expect(q).toBeDefined();
    expect(q!.end).toBeLessThanOrEqual(text.indexOf("\n"));
    expect(r.quotes.some((x) => x.type === "Indirect" && x.speakerText === "Putin")).toBe(true);
  });
  it("a stray closing mark and a lone opening mark at the end never crash", () => {
    expect(() => run("Er sagte“ nichts. Und dann „")).not.toThrow();
    expect(() => run("„")).not.toThrow();
    expect(() => run("")).not.toThrow();
  });
  it("a second opening mark ends an unclosed quote before it", () => {
    const text = "„Das ist gut, sagte er. „Das ist besser“, sagte sie.";
    const r = run(text);
    const first = r.quotes.find((x) => x.flags.includes("unclosed"));
    expect(first).toBeDefined();
    expect(first!.end).toBeLessThanOrEqual(text.indexOf("„", 1));
  });
  it("spans always slice to their text", () => {
    const r = run("„A b c d“, sagte X. Laut Y sei alles gut, so Z. „Unklar");
    for (const q of r.quotes) {
      expect(q.start).toBeLessThan(q.end);
      if (q.speakerStart >= 0) expect(r.text.slice(q.speakerStart, q.speakerEnd)).toBe(q.speakerText);
    }
  });
});

describe("learned sentence model", () => {
  const ctx = { inBlock: 1, block: 1, prev: "none", next: "none", ruleType: "" };
  it("the committed weights fit the code and name their source and licence", () => {
    expect(MODEL_OK).toBe(true);
    const f = modelFile as unknown as { source: string; licence: string };
    expect(f.source).toMatch(/train split/);
    expect(f.source).toMatch(/Petersen-Frey & Biemann/);
    expect(f.licence).toMatch(/CC BY-NC-SA 4\.0/);
  });
  it("features are deterministic bucket numbers", () => {
    const toks = sentenceTokens(docFromText("Greenpeace forderte eine Untersuchung des Vorfalls.", "t"))[0];
    const a = sentenceFeatures(toks, [], ctx), b = sentenceFeatures(toks, [], ctx);
    expect(a).toEqual(b);
    expect(a).toContain(featureBucket("v1", "forderte"));
  });
  it("a summarised demand by an organisation scores higher than a plain event sentence", () => {
    const m = (text: string) => decide(QUOTE_MODEL, sentenceTokens(docFromText(text, "t"))[0], [], ctx).margin;
    expect(m("Die Gewerkschaft forderte eine Untersuchung des Vorfalls.")).toBeGreaterThan(m("Der Zug fuhr am Morgen nach Hamburg."));
  });
  it("model readings are flagged and span whole sentences", () => {
    const text = "Der Zug fuhr am Morgen nach Hamburg. Die Gewerkschaft forderte eine Untersuchung des Vorfalls und sprach von einem Skandal.";
    const r = run(text);
    for (const q of r.quotes.filter((q) => q.flags.includes("model"))) expect(r.txt(q)).toMatch(/^\S.*[.!?]$/);
  });
  it("switching the model off gives the rules alone", () => {
    const text = "Sie soll im Mai abgerissen worden sein.";
    expect(extractQuotes(docFromText(text, "t"), null, { model: null }).quotes.some((q) => q.flags.includes("model"))).toBe(false);
  });
});

describe("clause-level sources and coordinated verbs", () => {
  it("a source phrase inside a relative clause: the quote is that clause", () => {
    const text = "Die Tasche, die nach Angaben der Polizei eine Bombe enthielt, wurde gesprengt.";
    const { q } = one(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("die nach Angaben der Polizei eine Bombe enthielt");
  });
  it("a source phrase inside a da-clause: the quote is that clause", () => {
    const text = "Die Hunde kamen zu spät, da nach Angaben der Fluggesellschaft die Genehmigung zu spät beantragt worden war.";
    const { q } = one(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("da nach Angaben der Fluggesellschaft die Genehmigung zu spät beantragt worden war");
  });
  it("a coordinated speech verb opens its own complement (`sprach von …, betonte aber, dass …`)", () => {
    const text = "Trump sprach von einem „konstruktiven Austausch“, betonte aber, dass es „noch keinen Deal“ gebe.";
    const r = run(text);
    const ind = r.quotes.find((q) => q.type === "Indirect")!;
    expect(r.txt(ind)).toBe("dass es „noch keinen Deal“ gebe");
    expect(ind.cue).toBe("betonte");
    const partial = r.quotes.find((q) => q.partial && r.txt(q) === "„konstruktiven Austausch“")!;
    expect(partial.cue).toBe("sprach");
    expect(partial.speakerText).toBe("Trump");
  });
  it("a verbless apposition before a verb is no inverted speech (`Anchorage, militärisches Drehkreuz …, unterstreicht …`)", () => {
    const r = run("Der Ort war nicht zufällig gewählt: Anchorage, militärisches Drehkreuz im Pazifikraum, unterstreicht Trumps Botschaft der Stärke.");
    expect(r.quotes.some((q) => q.type === "Indirect")).toBe(false);
  });
  it("a quantifier pronoun after the verb is the speaker (`…, warnten andere davor, …`)", () => {
    const { q } = one("Während einige Staaten hofften, warnten andere davor, Putin Legitimität zu verschaffen.", "Indirect");
    expect(q.speakerText).toBe("andere");
  });
  it("the apposition of a speaker after the verb is no complement (`…“, sagte der Vorsitzende des Verbandes, Elmar Gesse.`)", () => {
    const r = run("„Die Zuschauer müssen das ertragen“, sagte der Vorsitzende des Linux-Verbandes, Elmar Gesse.");
    expect(r.quotes.map((q) => q.type)).toEqual(["Direct"]);
    expect(r.quotes[0].speakerText).toBe("der Vorsitzende des Linux-Verbandes, Elmar Gesse");
  });
  it("an apposition with an article after a name belongs to the speaker (`so Ursula Castrup, die Leiterin der Fachstelle`)", () => {
    const { q } = one("Die meisten Nutzer handhabten es maßvoll, so Ursula Castrup, die Leiterin der Bielefelder Fachstelle.", "Indirect");
    expect(q.speakerText).toBe("Ursula Castrup, die Leiterin der Bielefelder Fachstelle");
  });
  it("a relative clause after the subject: the speaker is the name before it", () => {
    const { q } = one("Hubert Primus, der bei Stiftung Warentest verantwortlich ist, forderte eine Entschuldigung.", "Reported");
    expect(q.speakerText).toBe("Hubert Primus");
  });
  it("a speech verb in Konjunktiv I is itself reported speech (`Er erwarte Massenverhaftungen.`)", () => {
    const r = run("Der Minister sagte, die Lage sei ernst. Er erwarte Massenverhaftungen in den nächsten Tagen.");
    const q = r.quotes.find((q) => r.txt(q).startsWith("Er erwarte"));
    expect(q?.type).toBe("IndirectFreeIndirect");
  });
  it("`soll` right after speech in the same paragraph continues it as free indirect speech", () => {
    const r = run("Die Behörde teilte mit, ein neuer Erreger sei entdeckt worden. Er soll resistent gegen Medikamente sein.");
    const q = r.quotes.find((q) => r.txt(q).startsWith("Er soll"));
    expect(q?.type).toBe("FreeIndirect");
    expect(q?.speakerText).toBe("Die Behörde");
  });
  it("`soll` with no speech before it stays authorial (plans)", () => {
    const text = "Die Brücke ist alt. Sie soll im Mai abgerissen werden.";
    const r = extractQuotes(docFromText(text, "t"), null, { model: null });
    expect(r.quotes.length).toBe(0);
  });
  it("a coordinated second speech verb ends the first complement and opens a second quote", () => {
    const r = run("Der Minister sagte, die Lage sei ernst, und fügte hinzu, dass weitere Hilfen bereitstünden.");
    const ind = r.quotes.filter((q) => q.type === "Indirect").map((q) => [r.txt(q), q.cue]);
    expect(ind).toEqual([["die Lage sei ernst", "sagte"], ["dass weitere Hilfen bereitstünden", "fügte hinzu"]]);
  });
  it("an indicative main clause with a Konjunktiv clause after it: that clause is indirect speech of the subject", () => {
    const text = "Unter diesen Bedingungen halten die Befehlshaber einen Abzug für unwahrscheinlich, da die Armee ihren Aufgaben nicht gewachsen sei.";
    const { q } = one(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("da die Armee ihren Aufgaben nicht gewachsen sei");
    expect(q.speakerText).toBe("die Befehlshaber");
  });
  it("`zufolge` takes only the phrase before it, not the verb (`Sie entstammen Zeitungsberichten zufolge …`)", () => {
    const { q } = one("Sie entstammen Zeitungsberichten zufolge pakistanischen Einwandererfamilien.", "Indirect");
    expect(q.speakerText).toBe("Zeitungsberichten");
  });
  it("`ich` earlier in the clause makes a form in -e first person, not Konjunktiv I (`indem ich sie ausprobiert habe`)", () => {
    const r = extractQuotes(docFromText("Ich habe viel gelernt, indem ich sie einfach ausprobiert habe, und spiele mit ihnen.", "t"), null, { model: null });
    expect(r.quotes.length).toBe(0);
  });
  it("a separable reported verb needs its particle at the clause end (`Sie warf das Gerät 66 Meter weit … vor der Russin` is no reproach)", () => {
    const r = extractQuotes(docFromText("Sie warf das Sportgerät 66 Meter weit und siegte so vor der Russin Natalja Sadova.", "t"), null, { model: null });
    expect(r.quotes.some((q) => q.type === "Reported")).toBe(false);
  });
  it("an attributive participle is no reported-speech verb (`eine oft beklagte Lücke`)", () => {
    const r = extractQuotes(docFromText("Mit diesen Programmen schließt sich eine oft beklagte Lücke im Angebot.", "t"), null, { model: null });
    expect(r.quotes.some((q) => q.type === "Reported")).toBe(false);
  });
  it("a direct quote after a colon ends the indirect complement before it", () => {
    const text = "Er sagte, dass das Team gestärkt hervorgegangen sei: „Wir haben viel gelernt.“";
    const r = run(text);
    expect(r.txt(r.quotes.find((q) => q.type === "Indirect")!)).toBe("dass das Team gestärkt hervorgegangen sei");
    expect(r.quotes.some((q) => q.type === "Direct" && r.txt(q) === "„Wir haben viel gelernt.“")).toBe(true);
  });
});

describe("seed articles", () => {
  const { articles } = analyzeCorpus("corpus", { cache: false });
  const byId = (prefix: string) => articles.find((a) => a.doc.meta.id.startsWith(prefix))!;
  const direct = (prefix: string) => {
    const a = byId(prefix);
    const r = a.stages.quotes as QuotesResult;
    return {
      r,
      list: r.quotes.filter((q) => q.type === "Direct").map((q) => ({ text: a.doc.text.slice(q.start, q.end), partial: q.partial, speaker: `${q.speaker} ${q.speakerText}` })),
    };
  };

  it("commentary: Selenskyj's warning after the colon is his indirect quote (the learned model's veto once dropped it)", () => {
    const a = byId("002");
    const q = (a.stages.quotes as QuotesResult).quotes.find((x) => a.doc.text.slice(x.start, x.end).startsWith("Gespräche zu nutzen, um Zeit zu gewinnen"));
    expect(q, "the quote").toBeDefined();
    expect(q!.type).toBe("Indirect");
    expect(q!.speaker).toBe("zelensky");
    expect(q!.cue).toBe("warnte");
    // the `während` clause after the infinitive is still part of the warning
    expect(a.doc.text.slice(q!.start, q!.end)).toMatch(/während der Krieg im Osten der Ukraine weitergeht$/);
  });

  it("wire report: every direct and partial quote with its speaker", () => {
    const { list } = direct("000");
    const expected: [string, boolean, RegExp][] = [
      ["„Ich werde mit der Nato telefonieren", false, /trump/i],
      ["„Letztendlich liegt die Entscheidung bei ihnen.“", false, /trump/i],
      ["„Wir haben mit Herrn Trump gute direkte Kontakte aufgebaut“", false, /putin/i],
      ["„Es gibt nur sehr wenige", false, /trump/i],
      ["„ehrlich interessiert“", true, /putin/i],
      ["„bald wieder sprechen“", true, /trump/i],
      ["„bald wiedersehen“", true, /trump/i],
      ["„Nächstes Mal in Moskau.“", false, /putin|russische Präsident/i],
      ["„Das ist interessant.", false, /trump|er$/i],
      ["„Ich könnte mir vorstellen, dass das passiert.“", false, /trump|er$/i],
    ];
    expect(list).toHaveLength(expected.length);
    expected.forEach(([start, partial, speaker], i) => {
      expect(list[i].text.startsWith(start), list[i].text).toBe(true);
      expect(list[i].partial, list[i].text).toBe(partial);
      expect(list[i].speaker, list[i].text).toMatch(speaker);
    });
  });

  it("wire report: the indicative narration after „nach Kremlangaben“ is not carried over as speech", () => {
    const a = byId("000");
    const r = a.stages.quotes as QuotesResult;
    for (const needle of ["Trump hatte Putin am Abend", "zum Tagungsort", "verließen beide den Raum"]) {
      const at = a.doc.text.indexOf(needle);
      expect(at, needle).toBeGreaterThan(0);
      expect(r.quotes.some((q) => q.start <= at && at < q.end), needle).toBe(false);
    }
  });
  it("commentary: authorial sentences are not speech", () => {
    const a = byId("002");
    const r = a.stages.quotes as QuotesResult;
    for (const needle of ["Der Ort des Treffens", "Mit viel Pomp", "Trumps Außenpolitik folgt", "Die USA und ihre Verbündeten", "Klar ist"]) {
      const at = a.doc.text.indexOf(needle);
      expect(at, needle).toBeGreaterThanOrEqual(0);
      expect(r.quotes.some((q) => q.start <= at && at < q.end), needle).toBe(false);
    }
    expect(r.quotes.some((q) => /Botschaft/.test(q.speakerText))).toBe(false);
  });
  it("commentary: partial quotes attributed, the „Beast“ scare quote not", () => {
    const { list, r } = direct("002");
    expect(list.map((q) => [q.text, q.partial])).toEqual([
      ["„konstruktiven Austausch“", true],
      ["„noch keinen Deal“", true],
      ["„gemeinsamen Verständnis“", true],
    ]);
    expect(list[0].speaker).toMatch(/trump/i);
    expect(list[1].speaker).toMatch(/trump/i);
    expect(list[2].speaker).toMatch(/putin/i);
    expect(r.scare.map((s) => s.text)).toEqual(["„Beast“"]);
  });
});

describe("attribution round 3 (issue #3)", () => {
  it("a trailing `wie X berichtete` attributes the indicative clause before it", () => {
    const { q, txt } = one("Das Rathaus wurde geräumt, wie die Zeitung berichtete.", "Indirect");
    expect(txt(q)).toBe("Das Rathaus wurde geräumt");
    expect(q.speakerText).toBe("die Zeitung");
    expect(q.cue).toBe("berichtete");
  });
  it("a trailing `wie`-clause after an infinitive clause quotes everything before it", () => {
    const { q, txt } = one("Der Polizei gelang es, den Dieb zu fassen, wie ein Sprecher mitteilte.", "Indirect");
    expect(txt(q)).toBe("Der Polizei gelang es, den Dieb zu fassen");
    expect(q.speakerText).toBe("ein Sprecher");
  });
  it("`Zeitung` heads a speaker phrase (`Die Zeitung berichtete, dass …`)", () => {
    const { q } = one("Die Zeitung berichtete, dass der Vertrag gekündigt wurde.", "Indirect");
    expect(q.speakerText).toBe("Die Zeitung");
  });
  it("a separated particle after the subject's comma apposition (`gab X, Y, bekannt, dass …`)", () => {
    const { q, txt, text } = one("Am Abend gab der Leiter der Behörde, Anna Berg, bekannt, dass die Suche beendet wurde.", "Indirect");
    expect(txt(q)).toBe("dass die Suche beendet wurde");
    expect(q.speakerText).toBe("der Leiter der Behörde, Anna Berg");
    expect(q.cue).toBe("gab");
    expect(r0(text, q)).toBe("bekannt");
  });
  it("`…, gab X bekannt.` attributes the indicative clause before it", () => {
    const { q, txt } = one("Ein neues Werk soll folgen, gab der Vorstand bekannt.", "Indirect");
    expect(txt(q)).toBe("Ein neues Werk soll folgen");
    expect(q.speakerText).toBe("der Vorstand");
  });
  it("a subordinate clause with the particle before the verb (`Wie die Bank bekannt gab, …`)", () => {
    const { q, txt } = one("Wie die Bank bekannt gab, soll der Chef zurücktreten.", "Indirect");
    expect(txt(q)).toBe("soll der Chef zurücktreten");
    expect(q.speakerText).toBe("die Bank");
    expect(q.cue).toBe("gab");
  });
  it("a parenthetical `so schätzen X` frames the sentence around it", () => {
    const { q, txt, text } = one("In zehn Jahren, so schätzen die Forscher, soll die Arbeit abgeschlossen sein.", "Indirect");
    expect(q.speakerText).toBe("die Forscher");
    expect(q.cue).toBe("schätzen");
    expect(txt(q)).toMatch(/^In zehn Jahren.*abgeschlossen sein$/);
    // the frame (left out of the quote's words by the evaluation) is the parenthetical
    expect(text.slice(q.frameStart, q.frameEnd)).toMatch(/so schätzen die Forscher/);
  });
  it("Konjunktiv I of verbs in -eln in its long form (`handele`)", () => {
    expect(isKonjunktiv1("handele")).toBe(true);
    const { q, txt } = one("Der Minister sagte in Bonn, vermutlich handele es sich um einen Unfall.", "Indirect");
    expect(txt(q)).toBe("vermutlich handele es sich um einen Unfall");
  });
  it("a clause after an adverb is no relative clause (`erklärte jedoch, die Werte würden …`)", () => {
    const { q, txt } = one("Ein Sprecher erklärte gegenüber Journalisten jedoch, die Werte würden nicht überschritten.", "Indirect");
    expect(txt(q)).toBe("die Werte würden nicht überschritten");
    expect(q.speakerText).toBe("Ein Sprecher");
  });
  it("a relative clause after a noun stays no complement", () => {
    const r = run("Ein Sprecher erklärte den Plan den Journalisten, die darüber berichten wollten.");
    expect(r.quotes.some((q) => q.type === "Indirect" && /^die darüber/.test(r.txt(q)))).toBe(false);
  });
  it("`laut diesem X` (a demonstrative opens a source phrase)", () => {
    const { q, txt } = one("Laut diesem Zeugen hat es keine Schüsse gegeben.", "Indirect");
    expect(q.speakerText).toBe("diesem Zeugen");
    expect(txt(q)).toBe("hat es keine Schüsse gegeben");
  });
  it("`laut X` in the middle of an indicative sentence", () => {
    const { q } = one("Die Gutachter stützten sich laut der Zeitung auf ältere Urteile.", "Indirect");
    expect(q.speakerText).toBe("der Zeitung");
    expect(q.cue).toBe("laut");
  });
  it("a lower-case quoted fragment of three words or more is a partial quote even without a cue", () => {
    const r = run("Der Minister sagte, die Lage sei ernst. Die Regierung habe die Reform „viel zu spät begonnen“ und müsse nun handeln.");
    const q = r.quotes.find((x) => x.type === "Direct");
    expect(q && r.txt(q)).toBe("„viel zu spät begonnen“");
    expect(q?.partial).toBe(true);
    expect(q?.speakerText).toBe("Der Minister");
  });
  it("a two-word lower-case fragment with no speech around it stays a scare quote", () => {
    const r = run("Die Stadt plant eine „grüne Welle“ für Radfahrer.");
    expect(r.quotes).toHaveLength(0);
    expect(r.scare.map((x) => x.text)).toEqual(["„grüne Welle“"]);
  });
  it("a capitalised fragment in the first person is a quote, a capitalised title is not", () => {
    const r = run("Die Fans sangen vor dem Stadion „Wir holen uns den Pokal“ und feierten.");
    expect(r.quotes.some((q) => q.type === "Direct" && r.txt(q) === "„Wir holen uns den Pokal“")).toBe(true);
    const t = run("Das Museum zeigt die Ausstellung „Kunst der Neuen Sachlichkeit“ bis Mai.");
    expect(t.quotes).toHaveLength(0);
  });
  it("`laut <Name>` before an article ends at the name (the article opens the subject)", () => {
    const { q, txt } = one("Am Morgen wurde laut Meier der Sprecher der Partei festgenommen.", "Indirect");
    expect(q.speakerText).toBe("Meier");
    expect(txt(q)).toBe("Am Morgen wurde laut Meier der Sprecher der Partei festgenommen");
    expect(one("Laut Angaben der Polizei ist niemand verletzt worden.", "Indirect").q.speakerText).toBe("Angaben der Polizei");
  });
  it("a trailing `wie X, <apposition>, mitteilte` attributes the clause before it", () => {
    const { q, txt } = one("Die Anlage stand still, wie Anna Berg, Chefin der Firma, mitteilte.", "Indirect");
    expect(txt(q)).toBe("Die Anlage stand still");
    expect(q.speakerText).toBe("Anna Berg, Chefin der Firma");
  });
  it("`…, so X gegenüber der Zeitung` (an addressee after the so-source)", () => {
    const { q, txt } = one("Der Auftritt war nur Playback, so ein Mitarbeiter gegenüber der Zeitung.", "Indirect");
    expect(q.speakerText).toBe("ein Mitarbeiter");
    expect(txt(q)).toBe("Der Auftritt war nur Playback");
  });
  it("a parenthesis inside the phrase before `zufolge`", () => {
    const { q } = one("Einer Erklärung des Verbandes (VDR) zufolge kamen tausend Lehrer.", "Indirect");
    expect(q.speakerText).toBe("Einer Erklärung des Verbandes (VDR)");
  });
  it("a complement right after the verb holding a quotation is indirect speech with a partial quote", () => {
    const r = run("Die Ministerin erklärte, ihr lägen „bis heute keine Unterlagen vor“.");
    const ind = r.quotes.find((q) => q.type === "Indirect");
    expect(ind && r.txt(ind)).toBe("ihr lägen „bis heute keine Unterlagen vor“");
    expect(r.quotes.some((q) => q.type === "Direct" && q.partial)).toBe(true);
  });
  it("reported-speech verbs marked `emit: false` make no Reported quote alone (`kritisierte`), others do (`forderte`)", () => {
    expect(run("Die Opposition kritisierte den Haushaltsentwurf der Regierung.").quotes).toHaveLength(0);
    const { q } = one("Die Opposition forderte einen neuen Haushaltsentwurf.", "Reported");
    expect(q.speakerText).toBe("Die Opposition");
  });
  it("a quotation inside the speaker phrase is a name, not speech (`berichtete die „Rundschau am Sonntag“`)", () => {
    const r = run("Die Stadt muss sparen, berichtete die „Rundschau am Sonntag“.");
    expect(r.quotes.some((q) => q.type === "Direct")).toBe(false);
    expect(r.scare.map((x) => x.text)).toEqual(["„Rundschau am Sonntag“"]);
    expect(r.quotes.find((q) => q.type === "Indirect")?.speakerText).toBe("die „Rundschau am Sonntag“");
  });
  it("a clause-final particle of another verb is no speech cue (`findet … statt`, `sagte … ab`)", () => {
    const r = run("Die Tagung findet unter dem Titel „Geschichte der Gärten“ in Dresden statt.");
    expect(r.quotes).toHaveLength(0);
    const a = run("Der Verein sagte das Konzert am Montag ab.");
    expect(a.quotes).toHaveLength(0);
  });
  it("reported speech with a perfect auxiliary: the speaker stands next to the auxiliary (`hat … angekündigt`)", () => {
    const { q } = one("Das Ministerium hat inzwischen eine Prüfung angekündigt.", "Reported");
    expect(q.speakerText).toBe("Das Ministerium");
  });
  it("a speech verb inside what a source phrase reports opens a second, nested quote (`Laut X bestätigte Y, dass …`)", () => {
    const r = run("Laut der Zeitung bestätigte der Minister, dass die Preise weiter steigen.");
    const ind = r.quotes.filter((q) => q.type === "Indirect");
    expect(ind.map((q) => [r.txt(q), q.speakerText])).toEqual([
      ["bestätigte der Minister, dass die Preise weiter steigen", "der Zeitung"],
      ["dass die Preise weiter steigen", "der Minister"],
    ]);
  });
  it("a short quoted term after an indefinite article or `als` next to a speech verb is a partial quote", () => {
    const r = run("Der Minister nannte den Bericht eine „Zeitungsente“.");
    const q = r.quotes.find((x) => x.type === "Direct");
    expect(q && r.txt(q)).toBe("„Zeitungsente“");
    expect(q?.partial).toBe(true);
    expect(q?.speakerText).toBe("Der Minister");
    const a = run("Die Ministerin wies den Vorwurf als „Unverschämtheit“ zurück.");
    expect(a.quotes.some((x) => x.type === "Direct" && a.txt(x) === "„Unverschämtheit“")).toBe(true);
  });
  it("a short quoted term after an article with no speech verb stays a scare quote", () => {
    const r = run("Im Hafen lag eine „Titanic“ aus Holz.");
    expect(r.quotes).toHaveLength(0);
  });
  it("a leading subordinate clause belongs to the free indirect sentence it opens", () => {
    const r = run("Der Betreiber sagte, die Anlage sei sicher. Da das Kraftwerk sofort abgeschaltet wurde, sei es zu keinem Schaden gekommen.");
    const q = r.quotes.find((x) => r.txt(x).includes("zu keinem Schaden"));
    expect(q && r.txt(q)).toBe("Da das Kraftwerk sofort abgeschaltet wurde, sei es zu keinem Schaden gekommen.");
    expect(q?.type).toBe("IndirectFreeIndirect");
  });
  it("an infinitive after a modal (`würden … nicht melden`) does not stop a free indirect sentence", () => {
    const r = run("Der Bericht sagt, die Lage sei ernst. Die Frauen würden oft angegriffen. Aus Angst würden viele die Angriffe nicht melden.");
    const q = r.quotes.find((x) => x.type === "IndirectFreeIndirect");
    expect(q && r.txt(q)).toBe("Die Frauen würden oft angegriffen. Aus Angst würden viele die Angriffe nicht melden.");
  });
  it("`nennen` with a double accusative is reported speech (`nannte den Plan einen Fehler`)", () => {
    const { q } = one("Der Kommissar nannte den Beschluss einen fairen Kompromiss.", "Reported");
    expect(q.speakerText).toBe("Der Kommissar");
  });
  it("`…, nach denen …`: the relative clause after a source noun is indirect speech", () => {
    const { q, txt } = one("Es gibt auch Gerüchte, nach denen der Sänger krank war.", "Indirect");
    expect(txt(q)).toBe("der Sänger krank war");
    expect(q.cue).toBe("nach");
    const r = run("Er kam, nach dem Spiel ging er nach Hause.");
    expect(r.quotes).toHaveLength(0);
  });
  it("`nach eigenem Bekunden` is a source phrase", () => {
    const { q } = one("Der Bruder war nach eigenem Bekunden seit langem eingeweiht.", "Indirect");
    expect(q.cue).toBe("nach");
    expect(q.speakerText).toBe("eigenem Bekunden");
  });
  it("`laut <web address>` names the source (`laut ndr.de`)", () => {
    const { q } = one("Laut ndr.de blieben einige Teilnehmer auf dem Platz.", "Indirect");
    expect(q.speakerText).toBe("ndr.de");
  });
  it("a speech participle with a Konjunktiv auxiliary does not stop free indirect speech (`sei … nicht gedacht`)", () => {
    const r = run("Die Ministerin sagte, die Lage sei ernst. An neue Gespräche sei jedoch nicht gedacht.");
    const q = r.quotes.find((x) => x.type === "IndirectFreeIndirect");
    expect(q && r.txt(q)).toBe("An neue Gespräche sei jedoch nicht gedacht.");
    expect(q?.speakerText).toBe("Die Ministerin");
  });
  it("`wonach` is the cue, not part of the quote", () => {
    const r = run("Es gab Berichte, wonach der Minister zurücktreten wolle.");
    const q = r.quotes.find((x) => x.type === "Indirect");
    expect(q && r.txt(q)).toBe("der Minister zurücktreten wolle");
  });
  it("an adverb between the verb and a subject with an apposition (`teilte später X, Y, mit`)", () => {
    const { q, txt } = one("Vor dem Absturz kam kein Notruf, teilte später der Direktor der Behörde, Anna Berg, mit.", "Indirect");
    expect(txt(q)).toBe("Vor dem Absturz kam kein Notruf");
    expect(q.speakerText).toBe("der Direktor der Behörde, Anna Berg");
  });
  it("a speech noun with an attribute before its complement (`dem Vorwurf der Verteidigung, das Gericht sei …, …`)", () => {
    const r = run("Er trat dem Vorwurf der Verteidigung, das Gericht sei nicht zuständig, mit einer Erklärung entgegen.");
    const q = r.quotes.find((x) => x.type === "Indirect");
    expect(q && r.txt(q)).toBe("das Gericht sei nicht zuständig");
    expect(q?.speakerText).toBe("der Verteidigung");
  });
  it("more speech nouns open a complement (`kamen zu dem Ergebnis, dass …`)", () => {
    const r = run("Die Forscher kamen zu dem Ergebnis, dass die Behandlung wirkt.");
    const q = r.quotes.find((x) => x.type === "Indirect");
    expect(q && r.txt(q)).toBe("dass die Behandlung wirkt");
  });
  it("speech verbs with a dass- or zu-complement added this round (`hält es für möglich, dass`, `plädierte dafür, … zu`)", () => {
    const r = run("Die Behörde hält es für möglich, dass der Damm bricht.");
    const q = r.quotes.find((x) => x.type === "Indirect");
    expect(q && r.txt(q)).toBe("dass der Damm bricht");
    expect(q?.speakerText).toBe("Die Behörde");
    const p = run("Der Abgeordnete plädierte dafür, das Gesetz zu ändern.");
    expect(p.quotes.some((x) => x.type === "Indirect" && p.txt(x) === "das Gesetz zu ändern")).toBe(true);
  });
  it("verb forms kept in the old spelling by the lexicon match today's spelling too (`beschloß` / `beschloss`)", () => {
    const r = run("Der Rat beschloss, die Gebühren zu senken.");
    expect(r.quotes.some((q) => q.type === "Indirect" && r.txt(q) === "die Gebühren zu senken")).toBe(true);
  });
  it("a coordinated verb in the cue's tense ends the complement (`sagte, sie müssten … und bemühte …`)", () => {
    const r = run("Der Präsident sagte, sie müssten ihre Zurückhaltung aufgeben und bemühte dann ein altes Bild.");
    const q = r.quotes.find((x) => x.type === "Indirect");
    expect(q && r.txt(q)).toBe("sie müssten ihre Zurückhaltung aufgeben");
  });
  it("round 4 reported-speech verbs from train's unfound Reported sentences: `rechnet mit`, `befürchtet`-like `fürchten`, `erwog`", () => {
    expect(oneRules("Der Konzern rechnet für das kommende Jahr mit einem Gewinn von einer Milliarde Euro.", "Reported").q.speakerText).toBe("Der Konzern");
    expect(oneRules("Kritiker fürchten Interessenskonflikte.", "Reported").q.speakerText).toBe("Kritiker");
    expect(oneRules("Die Ministerin erwog eine Klage gegen die Kommission.", "Reported").q.speakerText).toBe("Die Ministerin");
  });
  it("round 4: `begründete … mit`, `riet … zu`, `betrachtet … als`, `klagten über`, `sagten … voraus` are reported speech; without their preposition they are not", () => {
    expect(oneRules("Die Stadt begründete die Erhöhung mit den gestiegenen Kosten.", "Reported").q.speakerText).toBe("Die Stadt");
    expect(oneRules("Die Politikerin riet dem Minister zu mehr Zurückhaltung.", "Reported").q.speakerText).toBe("Die Politikerin");
    expect(oneRules("Der Minister betrachtet die Anrufung des Gerichts als Eskalation.", "Reported").q.speakerText).toBe("Der Minister");
    expect(oneRules("Die Schüler klagten über zu viel Stress.", "Reported").q.speakerText).toBe("Die Schüler");
    expect(oneRules("Die Meteorologen sagten für die kommenden Tage weitere Regenfälle voraus.", "Reported").q.speakerText).toBe("Die Meteorologen");
    expect(runRules("Der Bauer rechnet die Ernte nach.").quotes.some((q) => q.type === "Reported")).toBe(false);
    expect(runRules("Die Kinder klagten laut.").quotes.some((q) => q.type === "Reported")).toBe(false);
  });
  it("round 4: an indicative speech verb in a clause after the Konjunktiv I one does not stop free indirect speech", () => {
    // rules only: the learned model alone might read the sentence as speech too
    const text = "Die Polizei sagte, die Lage sei ruhig. Grund dafür sei, dass die Behörden einen Anschlag befürchtet hatten.";
    const q = extractQuotes(docFromText(text, "t"), null, { model: null }).quotes.find((x) => x.type === "IndirectFreeIndirect");
    expect(q && text.slice(q.start, q.end)).toBe("Grund dafür sei, dass die Behörden einen Anschlag befürchtet hatten.");
    // the speech verb before the Konjunktiv clause still makes it its own complement, not free indirect speech
    expect(run("Die Mutter kann nicht glauben, was passiert sei.").quotes.some((x) => x.type === "IndirectFreeIndirect")).toBe(false);
  });
  it("round 4: documents and plans as `nach` sources (`Nach dem Grundgesetz …`, `nach einem Entwurf`, `nach bisherigen Erfahrungen`)", () => {
    const { q, txt } = oneRules("Nach dem Entwurf der Regierung müssen alle Länder neue Konzepte vorlegen.", "Indirect");
    expect(q.cue).toBe("Nach");
    expect(txt(q)).toBe("müssen alle Länder neue Konzepte vorlegen");
    expect(oneRules("Nach bisherigen Erfahrungen steigt die Zahl der Gebote kurz vor Ende der Auktion.", "Indirect").q.cue).toBe("Nach");
    // temporal `nach` stays no source
    expect(runRules("Nach dem Spiel gingen alle nach Hause.").quotes).toHaveLength(0);
  });
});

describe("object first, pronoun subject after the verb (V2 inversion)", () => {
  it("`Details nannte auch er nicht`: the fronted object is no speaker", () => {
    const text = "Auch Putin sprach von Vereinbarungen. Details nannte auch er nicht. Der Konflikt sei aber eines der zentralen Themen gewesen.";
    const r = runRules(text);
    for (const q of r.quotes) expect(q.speakerText ?? "", text.slice(q.start, q.end)).not.toBe("Details");
    // the Konjunktiv sentence after it still carries the earlier speaker
    const carried = r.quotes.find((q) => text.slice(q.start, q.end).startsWith("Der Konflikt"));
    expect(carried, "carried quote").toBeDefined();
  });
});

describe("session 3: a quotation as what a reported-speech verb reports", () => {
  it("`X bezeichnete die Pläne als „Wortbruch“.`: the partial quote alone, with the verb as its cue", () => {
    const text = "Er bezeichnete die Pläne als „Wortbruch“.";
    const r = runRules(text);
    expect(r.quotes.map((q) => q.type)).toEqual(["Direct"]);
    expect(r.quotes[0].partial).toBe(true);
    expect(r.quotes[0].cue).toBe("bezeichnete");
    expect(runRules("Die Ministerin warnte vor einem „populistischen Wahlkampf“.").quotes.map((q) => q.type)).toEqual(["Direct"]);
  });
  it("the sentence going on after the quotation keeps its Reported reading (`… „Wahlkampf“ und verwies auf …`)", () => {
    const r = runRules("Der Minister warnte vor einem „populistischen Wahlkampf“ und verwies auf die Umfragen.");
    expect(r.quotes.map((q) => q.type).sort()).toEqual(["Direct", "Reported"]);
  });
});

describe("session 3: passive namings of a reason or date", () => {
  it("`Als Grund wurden … genannt.` is Reported speech without a speaker", () => {
    const r = runRules("Als Grund wurden die unhygienischen Bedingungen genannt.");
    expect(r.quotes.map((q) => [q.type, q.speaker])).toEqual([["Reported", null]]);
    expect(runRules("Als Todesursache wurde ein Herzinfarkt angegeben.").quotes.map((q) => q.type)).toEqual(["Reported"]);
  });
  it("`Als er ankam, wurde er genannt …` (a temporal `als` clause) is none", () => {
    expect(runRules("Als er ankam, wurde ihm die Nachricht genannt.").quotes).toHaveLength(0);
  });
});

describe("session 3: `wurde … bekannt, dass` with adverbs inside", () => {
  it("`Allerdings wurde inzwischen auch bekannt, dass …` is indirect speech of no one", () => {
    const text = "Allerdings wurde inzwischen auch bekannt, dass auf dem Flughafen kein Windradar vorhanden ist.";
    const { q, txt } = oneRules(text, "Indirect");
    expect(txt(q)).toBe("dass auf dem Flughafen kein Windradar vorhanden ist");
    expect(q.speaker).toBeNull();
    expect(oneRules("Zuvor war schon bekannt geworden, dass in der Türkei Fälle aufgetreten waren.", "Indirect").q.speaker).toBeNull();
  });
  it("`Es ist nicht bekannt, ob …` and `Er war schon bekannt, weil …` are none", () => {
    expect(runRules("Es ist nicht bekannt, ob ein Lösegeld bezahlt wurde.").quotes).toHaveLength(0);
    expect(runRules("Der Sänger war damals schon bekannt, weil er im Fernsehen auftrat.").quotes).toHaveLength(0);
  });
});

describe("session 3: names after a naming noun, inflected or compound", () => {
  it("`den Stern „HD 13189“`, `des Magazines „auto, motor und sport“`, `im Fachmagazin „Public Library of Science“` are names", () => {
    for (const text of [
      "Der Planet begleitet den Stern „HD 13189“, teilten die Forscher mit.",
      "Laut einem Test des Magazines „auto, motor und sport“ gibt es 113 Modelle.",
      "Hey berichtete im Fachmagazin „Public Library of Science“, es sei nur wenig Genmaterial gefunden worden.",
    ]) {
      const r = runRules(text);
      expect(r.quotes.filter((q) => q.type === "Direct"), text).toHaveLength(0);
      expect(r.scare.length, text).toBe(1);
    }
  });
  it("`mit den Worten „…“` still introduces a quote (plural `Worten` is no naming noun)", () => {
    const r = runRules("Er begründete seinen Schritt mit den Worten „Ich muss arbeiten“.");
    expect(r.quotes.some((q) => q.type === "Direct")).toBe(true);
  });
});

describe("session 3: reported-speech verbs that report nothing", () => {
  it("`fordern` with a toll (`forderte 92 Menschenleben`) is no demand", () => {
    expect(runRules("In Vietnam forderte die Naturkatastrophe 92 Menschenleben.").quotes).toHaveLength(0);
    expect(runRules("Überschwemmungen haben in Äthiopien mehr als 100 Todesopfer gefordert.").quotes).toHaveLength(0);
    // a demand stays one
    expect(runRules("Die Opposition forderte den Rücktritt des Ministers.").quotes.map((q) => q.type)).toEqual(["Reported"]);
  });
  it("a participle set off by commas names (`Das Objekt, genannt 2003 EL61, …`)", () => {
    expect(runRules("Das Objekt, genannt 2003 EL61, hat die Form einer Kartoffel.").quotes).toHaveLength(0);
  });
});

describe("session 3: a lead-in before a colon and a direct quote", () => {
  it("`…, war Schaaf zufrieden: „Ein guter Start“, sagte er.`: the verb is the direct quote's cue, the lead-in no quote", () => {
    const text = "Da Frankfurt gewann, war Trainer Thomas Schaaf zufrieden: „Ein guter Start“, sagte er zur Sportschau.";
    const r = runRules(text);
    expect(r.quotes.map((q) => [q.type, text.slice(q.start, q.end)])).toEqual([["Direct", "„Ein guter Start“"]]);
  });
});

describe("session 3: free indirect speech over sentences with a partial quote in between", () => {
  it("`… sei erst „weit hinter der Aufsetzzone“ gelandet. Dadurch habe er …` is one quote", () => {
    const text = "Demnach steht der Kopilot in der Kritik. Er hätte den Jet zu spät aufgesetzt. Der Airbus sei erst „weit hinter der Aufsetzzone“ gelandet. Dadurch habe er die sichere Zone verfehlt.";
    const r = runRules(text);
    const ifi = r.quotes.filter((q) => q.type === "IndirectFreeIndirect");
    expect(ifi.map((q) => text.slice(q.start, q.end))).toEqual(["Er hätte den Jet zu spät aufgesetzt. Der Airbus sei erst „weit hinter der Aufsetzzone“ gelandet. Dadurch habe er die sichere Zone verfehlt."]);
    expect(r.quotes.some((q) => q.type === "Direct" && q.partial)).toBe(true);
  });
});

describe("session 3: the particle that closes the clause", () => {
  it("`Dies geht aus einer Mitteilung hervor.` is `hervorgehen` (not `ausgehen`): the sentence before is the quote", () => {
    const text = "Der Konzern plant eine Umwandlung in eine neue Rechtsform. Dies geht aus einer Pressemitteilung des Konzerns hervor.";
    const { q, txt } = oneRules(text, "Indirect");
    expect(q.cueLemma).toBe("hervorgehen");
    expect(txt(q).startsWith("Der Konzern plant eine Umwandlung")).toBe(true);
  });
});

describe("session 3: speakers with an extended participle attribute", () => {
  it("`…, teilte die zur Stanford University gehörende Hoover Institution mit.` names the institution", () => {
    const { q } = oneRules("Er starb am Samstag im Alter von 100 Jahren, teilte die zur kalifornischen Stanford University gehörende Hoover Institution mit.", "Indirect");
    expect(q.speakerText).toBe("die zur kalifornischen Stanford University gehörende Hoover Institution");
  });
  it("`…, so das Ergebnis einer gestern vorgestellten Studie …` is a `so` source", () => {
    const { q, txt } = oneRules("Zwei Drittel aller Heilmethoden sind unwirksam, so das Ergebnis einer gestern vorgestellten Studie der Stiftung Warentest.", "Indirect");
    expect(q.cue).toBe("so");
    expect(txt(q)).toBe("Zwei Drittel aller Heilmethoden sind unwirksam");
  });
});

describe("session 3: a demonstrative taking up the clause before", () => {
  it("`…, das teilte das Institut mit.`: the clause before is the quote, the phrase after the verb its speaker", () => {
    const { q, txt } = oneRules("Seit dem 19. Juni ist die Hauptkamera des Teleskops ausgefallen, das teilte das Institut mit.", "Indirect");
    expect(txt(q)).toBe("Seit dem 19. Juni ist die Hauptkamera des Teleskops ausgefallen");
    expect(q.speakerText).toBe("das Institut");
  });
});

describe("session 3: `wonach` after a noun", () => {
  it("`Ein Bericht der Agentur, wonach …, wurde dementiert.`: the wonach clause is the quote, the noun its source", () => {
    const { q, txt } = oneRules("Ein Bericht der Nachrichtenagentur, wonach der Oppositionsführer festgenommen worden sein soll, wurde dementiert.", "Indirect");
    expect(txt(q)).toBe("der Oppositionsführer festgenommen worden sein soll");
    expect(q.speakerText).toBe("Ein Bericht der Nachrichtenagentur");
    expect(q.cue).toBe("wonach");
  });
});

describe("session 3: a participle attribute that is also a finite verb form", () => {
  it("`Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP …` names the whole phrase", () => {
    const { q, txt } = oneRules("Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden zunächst 2.000 Menschen versorgt.", "Indirect");
    expect(q.speakerText).toBe("einer am Dienstag veröffentlichten Pressemitteilung des WFP");
    expect(txt(q)).toBe("wurden zunächst 2.000 Menschen versorgt");
  });
});

describe("session 3: `verlauten lassen`", () => {
  it("`„…“, ließ ein Sprecher verlauten.` and `ließ verlauten, …` are speech", () => {
    expect(oneRules("„Der IWF unterstützt Griechenland“, ließ ein IWF-Sprecher aus Washington kurz verlauten.", "Direct").q.speakerText).toBe("ein IWF-Sprecher aus Washington");
    expect(oneRules("Die Regierung ließ verlauten, man werde die Steuern nicht erhöhen.", "Indirect").q.speakerText).toBe("Die Regierung");
    expect(runRules("Er lässt die Tür offen.").quotes).toHaveLength(0);
  });
});

describe("session 3: compound nouns with a lower-case first part", () => {
  it("`laut ai-Bericht`, `laut einer dpa-Meldung` name their source", () => {
    expect(oneRules("Katar will laut einer dpa-Meldung mit 17 Prozent einsteigen.", "Indirect").q.speakerText).toBe("einer dpa-Meldung");
    expect(oneRules("Es ist laut ai-Bericht schwer, Aussagen zu machen.", "Indirect").q.speakerText).toBe("ai-Bericht");
  });
});

describe("session 3: zu-infinitives of verbs with longer particles", () => {
  it("`hat Twitter aufgefordert, … Daten herauszugeben` is an infinitive complement", () => {
    const { q, txt } = oneRules("Ein Bezirksgericht in Virginia hat das Netzwerk Twitter aufgefordert, innerhalb von drei Tagen Daten herauszugeben.", "Indirect");
    expect(txt(q)).toBe("innerhalb von drei Tagen Daten herauszugeben");
    expect(q.speakerText).toBe("Ein Bezirksgericht in Virginia");
  });
});

describe("session 3: addressees beyond `gegenüber`", () => {
  const addressee = (text: string) => {
    const q = runRules(text).quotes[0];
    return q && q.addresseeStart >= 0 ? text.slice(q.addresseeStart, q.addresseeEnd) : null;
  };
  it("`sagte er zur Sportschau`, `vor der Presse`, `in einem Interview mit der Sportschau`", () => {
    expect(addressee("„Ein guter Start“, sagte er zur Sportschau.")).toBe("Sportschau");
    expect(addressee("Später sagte Merkel vor der Presse, die Gespräche seien gut verlaufen.")).toBe("der Presse");
    expect(addressee("„Wir sind zufrieden“, sagte Tuchel in einem Interview mit der Sportschau.")).toBe("der Sportschau");
  });
  it("`vor dem Rathaus` and `zur Zeit` are no addressees", () => {
    expect(addressee("„Wir bleiben“, sagte er vor dem Rathaus.")).toBeNull();
    expect(addressee("Er sagte zur Zeit der Wahl, die Lage sei ernst.")).not.toBe("Zeit der Wahl");
  });
});

describe("session 3: `zu` as a preposition after `sagte`", () => {
  it("`Der Richter sagte zu Mair, …` is `sagen` with the clause after the comma, not `zusagen`", () => {
    const { q } = oneRules("Der Richter sagte zu Mair, der Gärtner habe seine Tat lange geplant.", "Indirect");
    expect(q.cueLemma).toBe("sagen");
    expect(q.speakerText).toBe("Der Richter");
  });
});

describe("session 3: a zu-infinitive complement without its comma", () => {
  it("`Tesla bietet an den Lohn … zu erhöhen.`, `hat angekündigt die Preise … zu erhöhen.`", () => {
    const a = oneRules("Tesla bietet an den Lohn aller Mitarbeiter um 150 Euro monatlich zu erhöhen.", "Indirect");
    expect(a.txt(a.q)).toBe("den Lohn aller Mitarbeiter um 150 Euro monatlich zu erhöhen");
    expect(a.q.speakerText).toBe("Tesla");
    const b = oneRules("Der Hersteller Philips hat angekündigt die Preise ab 1. Oktober zu erhöhen.", "Indirect");
    expect(b.txt(b.q)).toBe("die Preise ab 1. Oktober zu erhöhen");
  });
});

describe("session 3: foreign names with function words", () => {
  it("`…, erklärte Jane Greaves von der University of St. Andrews.` names the whole phrase", () => {
    const { q } = oneRules("Der Protoplanet ist ungefähr 14-mal so schwer wie Jupiter, erklärte Jane Greaves von der University of St. Andrews.", "Indirect");
    expect(q.speakerText).toBe("Jane Greaves von der University of St. Andrews");
  });
});

describe("session 4: a speech verb in Konjunktiv I heading the sentence", () => {
  it("`Er gehe davon aus, dass …` after a quote is free indirect speech of the whole sentence, carrying the speaker", () => {
    const text = "Der Minister sagte, die Lage sei ernst. Er gehe davon aus, dass die Preise weiter steigen werden.";
    const r = runRules(text);
    const q = r.quotes.find((x) => x.start >= text.indexOf("Er gehe"))!;
    expect(q.type).toBe("IndirectFreeIndirect");
    expect(text.slice(q.start, q.end)).toBe("Er gehe davon aus, dass die Preise weiter steigen werden.");
    expect(q.speakerText).toBe("Der Minister");
  });
  it("an indicative speech verb keeps its indirect quote (`Er geht davon aus, dass …`)", () => {
    const text = "Der Minister sagte, die Lage sei ernst. Er geht davon aus, dass die Preise weiter steigen werden.";
    const q = runRules(text).quotes.find((x) => x.start >= text.indexOf("Er geht"))!;
    expect(q.type).toBe("Indirect");
    expect(text.slice(q.start, q.end)).toBe("dass die Preise weiter steigen werden");
  });
});

describe("session 4: `nach` as a source only when its phrase's head is a source noun", () => {
  it("`nach Abschluss der Ermittlungen` (the head `Abschluss` is no source) reports nothing", () => {
    const r = runRules("Die Staatsanwaltschaft beantragte am Dienstag nach Abschluss der Ermittlungen die Eröffnung eines Prozesses.");
    expect(r.quotes.filter((q) => q.cue === "nach")).toHaveLength(0);
  });
  it("`nach wie vor` is no source", () => {
    const r = runRules("Es stehen aber nach wie vor offizielle Paketquellen für diesen Prozessortyp bereit.");
    expect(r.quotes).toHaveLength(0);
  });
  it("a genitive name before the head still counts (`nach Trumps Worten`)", () => {
    const { q } = oneRules("Nach Trumps Worten seien die Gespräche sehr produktiv gewesen.", "Indirect");
    expect(q.cue).toBe("Nach");
  });
  it("`Messungen nach einem Flug` is the preposition, not `X nach` as in `seiner Ansicht nach`", () => {
    const r = runRules("Messungen nach einem Flug im Jahre 1970 deuteten darauf hin, dass das Magnetfeld dort abweicht.");
    expect(r.quotes.filter((q) => q.cue === "nach")).toHaveLength(0);
    expect(oneRules("Seiner Ansicht nach sei das Magnetfeld dort schwächer.", "Indirect").q.cue).toBe("nach");
  });
});

describe("session 4: where a zu-infinitive complement ends", () => {
  it("before an adverbial clause of the author's (`…, nachdem …`, `…, was …`)", () => {
    const text = "Die Regierung hatte beschlossen, ihn aus der Provinz zurückzuholen, nachdem bekannt geworden war, dass er kämpfte.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("ihn aus der Provinz zurückzuholen");
    const t2 = "Die Opposition warf dem Militär vor, den Putsch verantwortet zu haben, was dieser jedoch zurückweist.";
    const r2 = oneRules(t2, "Indirect");
    expect(t2.slice(r2.q.start, r2.q.end)).toBe("den Putsch verantwortet zu haben");
  });
  it("a relative or purpose clause stays in it", () => {
    const text = "Die Ministerin kündigte an, eine Kommission zu gründen, die sich mit der Lage beschäftigen soll.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("eine Kommission zu gründen, die sich mit der Lage beschäftigen soll");
  });
});

describe("session 4: a fronted source phrase with an apposition or relative clause", () => {
  it("`Nach X, Vorsitzender des Ausschusses, hat …`: the quote starts at the finite verb", () => {
    const text = "Nach Angaben von Christopher Dodd, Vorsitzender des Bankenausschusses im Senat, hat die Fed auf ganzer Linie versagt.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("hat die Fed auf ganzer Linie versagt");
  });
  it("`Nach Angaben eines Sprechers, der der Gruppe angehört, wurde …`", () => {
    const text = "Nach Angaben eines Sprechers, der der Gruppe angehört, wurde die Partei wegen ihrer Ziele ausgewählt.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("wurde die Partei wegen ihrer Ziele ausgewählt");
  });
  it("a quote that starts with its verb keeps its clauses (`Nach Angaben der Polizei sank …, mehr als …`)", () => {
    const text = "Nach Angaben der Polizei sank in Frankreich der Verbrauch um 800 Megawatt, mehr als ein Prozent.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("sank in Frankreich der Verbrauch um 800 Megawatt, mehr als ein Prozent");
  });
});

describe("session 4: a Konjunktiv clause after a main clause with no indicative verb, right after reported speech (`könnte`, `werden`, participles in -t still read as indicative: not attempted)", () => {
  it("the whole sentence goes on with the speech before (`In vielen Fällen käme es dazu, dass …`)", () => {
    const text = "Die Aktivistin sagte, die Lage sei ernst. In vielen Fällen käme es dazu, dass Verdächtige freigesprochen würden.";
    const q = runRules(text).quotes.find((x) => x.start >= text.indexOf("In vielen"))!;
    expect(q.type).toBe("IndirectFreeIndirect");
    expect(text.slice(q.start, q.end)).toBe("In vielen Fällen käme es dazu, dass Verdächtige freigesprochen würden.");
  });
  it("an indicative main clause keeps only its Konjunktiv clause as indirect speech", () => {
    const text = "Der Forscher sagte, das Objekt sei sehr alt. Die Alliierten hatten jedoch Einspruch erhoben, weil Berlin einen Sonderstatus habe.";
    const q = runRules(text).quotes.find((x) => x.start >= text.indexOf("Die Alliierten"))!;
    expect(q.type).toBe("Indirect");
    expect(text.slice(q.start, q.end)).toBe("weil Berlin einen Sonderstatus habe");
  });
});

describe("session 4: reported-speech verbs read right", () => {
  it("a preposition fused with its article marks the object (`rief die Muslime zum Krieg auf`)", () => {
    const r = runRules("Er rief die Muslime zum Krieg gegen den Westen auf.");
    expect(r.quotes.map((q) => [q.type, q.speakerText])).toEqual([["Reported", "Er"]]);
  });
  it("a particle closing the clause picks its verb (`sprach sich für … aus` is `aussprechen`)", () => {
    const r = runRules("Die SPD sprach sich für einen Werteunterricht aus.");
    expect(r.quotes.map((q) => [q.type, q.speakerText])).toEqual([["Reported", "Die SPD"]]);
  });
  it("a reported-speech verb in Konjunktiv I continues the speech before (IFI, not Reported)", () => {
    const text = "Die Analystin sagte, der Markt sei schwach. Sie rate zum Kauf japanischer Autos.";
    const q = runRules(text).quotes.find((x) => x.start >= text.indexOf("Sie rate"))!;
    expect(q.type).toBe("IndirectFreeIndirect");
  });
});

describe("session 4: a negated speech verb reports no content", () => {
  it("`wollte nicht bestätigen, dass …` is no indirect quote", () => {
    expect(runRules("Ein Sprecher der Armee wollte nicht bestätigen, dass alle Insassen Soldaten waren.").quotes).toHaveLength(0);
  });
  it("`wollte nicht ausschließen, dass …` asserts the possibility: an indirect quote", () => {
    const { q } = oneRules("Der Minister wollte nicht ausschließen, dass die Steuern steigen.", "Indirect");
    expect(q.cue).toBe("ausschließen");
  });
});

describe("session 4: more reporting verbs and complements", () => {
  it("`erinnerte daran, dass …` and `hat ausgerechnet, dass …` are indirect speech", () => {
    expect(oneRules("Robert Chow erinnerte daran, dass es auch eine Demonstration gegeben hat.", "Indirect").q.speakerText).toBe("Robert Chow");
    expect(oneRules("Für Lübeck hat Ryanair ausgerechnet, dass pro Fluggast etwa 90 Euro ausgegeben werden.", "Indirect").q.speakerText).toBe("Ryanair");
  });
  it("a complement with the reportive `sollen` right after the verb (`hatte berichtet, 300 Mitarbeiter sollen entlassen werden`)", () => {
    const text = "Die Zeitung hatte gestern berichtet, 300 Mitarbeiter sollen entlassen werden.";
    const { q } = oneRules(text, "Indirect");
    expect(text.slice(q.start, q.end)).toBe("300 Mitarbeiter sollen entlassen werden");
  });
});

describe("session 4: `nach` + a counting or evaluation event is temporal", () => {
  it("`nach der Auszählung aller Stimmen`, `nach der Auswertung des Flugschreibers` report nothing", () => {
    expect(runRules("Weitere Schlussfolgerungen sollen nach der Auswertung des Flugschreibers gezogen werden.").quotes).toHaveLength(0);
    expect(runRules("Nach den ersten Auszählungen am Donnerstag gab die Wahlkommission ein Ergebnis bekannt.").quotes.filter((q) => q.cue === "Nach")).toHaveLength(0);
  });
});

describe("session 4: the new rules stay linear on hostile input", () => {
  const triggers = [
    "Nach Angaben von Dodd, Vorsitzender des Ausschusses, ",
    "beschloss, ihn zurückzuholen, nachdem ",
    "wollte nicht bestätigen, dass ",
    "Die IAEO gehe davon aus, dass ",
    "nach Abschluss der Ermittlungen nach wie vor ",
    "rief die Muslime zum Krieg auf, sprach sich für ",
    "In vielen Fällen käme es dazu, dass ",
    "hatte berichtet, 300 Mitarbeiter sollen entlassen werden, ",
  ];
  for (const t of triggers) {
    it(`16,000 × \`${t.trim()}\` in one sentence finishes (each scan is bounded or done once per sentence)`, () => {
      const text = "Der Minister sagte, es sei gut. " + t.repeat(16000) + "Ende.";
      const r = extractQuotes(docFromText(text, "t"), null, { model: null });
      expect(r.quotes.every((q) => q.start >= 0 && q.end <= text.length)).toBe(true);
    });
  }
});

describe("session 4: a leading adverbial clause is the author's frame", () => {
  it("`Während …, fordert X den Rücktritt …` is Reported speech of the main clause, not an indirect quote of the `während` clause", () => {
    const text = "Während sich die Opposition bisher zurückgehalten hat, fordert die Neue Rechte seit gestern den Rücktritt des Präsidenten.";
    const r = runRules(text);
    expect(r.quotes.map((q) => q.type)).toEqual(["Reported"]);
    expect(text.slice(r.quotes[0].start, r.quotes[0].end)).toBe("fordert die Neue Rechte seit gestern den Rücktritt des Präsidenten.");
  });
  it("a Konjunktiv clause before the inverted verb stays a quote (`Da die Lage ernst sei, sagte er, …`)", () => {
    const text = "Weil die Lage ernst sei, müsse gehandelt werden, sagte der Minister.";
    expect(oneRules(text, "Indirect").q.speakerText).toBe("der Minister");
  });
  it("a reflexive between verb and subject keeps them adjacent (`Dabei sprachen sich 75 Prozent für … aus.`)", () => {
    const r = runRules("Dabei sprachen sich 75 Prozent für eine Offenlegung ihrer Einkünfte aus.");
    expect(r.quotes.map((q) => [q.type, q.speakerText])).toEqual([["Reported", "75 Prozent"]]);
  });
});
