import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../data-loaders/doc.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import { actorAt, analyzeActors, REGISTRY, type ActorsResult } from "../data-loaders/stages/actors.ts";
import { compileRegistry, loadRegistry, parseRegistry, RegistryError, stem } from "../data-loaders/actors/registry.ts";
import fixture from "./fixtures/actor-counts.json" with { type: "json" };

const ROOT = join(import.meta.dirname, "..");

function run(text: string, date = ""): ActorsResult & { text: string } {
  const doc = docFromText(text);
  doc.meta.date = date;
  return { ...analyzeActors(doc), text };
}
const find = (r: ActorsResult, text: string) => r.mentions.filter((m) => m.text === text);
const one = (r: ActorsResult, text: string) => {
  const ms = find(r, text);
  expect(ms, `mention "${text}" in ${JSON.stringify(r.mentions.map((m) => m.text))}`).toHaveLength(1);
  return ms[0];
};

describe("actor mentions", () => {
  it("genitive: Putins, Trumps", () => {
    const r = run("Nach Putins Worten stiegen beide in Trumps Auto.");
    expect(one(r, "Putins").actorId).toBe("putin");
    expect(one(r, "Trumps").actorId).toBe("trump");
    expect(one(r, "Putins").form).toBe("name");
  });

  it("title + name is one name mention", () => {
    const r = run("US-Präsident Donald Trump und Kremlchef Wladimir Putin trafen sich in Anchorage.");
    expect(one(r, "US-Präsident Donald Trump")).toMatchObject({ actorId: "trump", form: "name" });
    expect(one(r, "Kremlchef Wladimir Putin")).toMatchObject({ actorId: "putin", form: "name" });
    expect(r.mentions.filter((m) => m.actorId === "trump")).toHaveLength(1);
  });

  it("inflected role phrase with determiner and name: den russischen Präsidenten Wladimir Putin", () => {
    const r = run("Trump empfing den russischen Präsidenten Wladimir Putin.");
    expect(one(r, "den russischen Präsidenten Wladimir Putin").actorId).toBe("putin");
  });

  it("generic title before a known name: Präsident Selenskyj", () => {
    const r = run("Er will auch Präsident Selenskyj anrufen.");
    expect(one(r, "Präsident Selenskyj").actorId).toBe("zelensky");
  });

  it("role phrase alone: der russische Präsident, Russlands Präsident, Kremlchef", () => {
    const r = run("Der russische Präsident schwieg. Russlands Präsident lachte. Der Kremlchef ging.");
    for (const t of ["Der russische Präsident", "Russlands Präsident", "Der Kremlchef"]) expect(one(r, t)).toMatchObject({ actorId: "putin", form: "role" });
  });

  it("role holder follows the article date: US-Präsident in 2022 is Biden, in 2019 Trump, without a date the current holder", () => {
    const text = "Der US-Präsident reiste nach Europa.";
    expect(one(run(text, "2022-03-01"), "Der US-Präsident").actorId).toBe("biden");
    expect(one(run(text, "2019-03-01"), "Der US-Präsident").actorId).toBe("trump");
    expect(one(run(text), "Der US-Präsident").actorId).toBe("trump");
  });

  it("compound topic: Ukraine-Krieg is a topic, not the country acting", () => {
    const r = run("Der Ukraine-Krieg dauert an. Die Ukraine fordert Waffen.");
    expect(r.mentions.filter((m) => m.actorId === "ukraine").map((m) => m.text)).toEqual(["Ukraine"]);
    expect(r.topics).toEqual([expect.objectContaining({ actorId: "ukraine", text: "Ukraine" })]);
    const topic = r.topics[0];
    expect(r.text.slice(topic.start, topic.end)).toBe("Ukraine");
    expect(topic.start).toBe(r.text.indexOf("Ukraine-Krieg"));
  });

  it("metonym: Moskau and der Kreml stand for Russia's government", () => {
    const r = run("Moskau wies die Vorwürfe zurück. Auch der Kreml widersprach. Washington schwieg.");
    expect(one(r, "Moskau")).toMatchObject({ actorId: "russia", form: "metonym" });
    expect(one(r, "Kreml")).toMatchObject({ actorId: "russia", form: "metonym" });
    expect(one(r, "Washington")).toMatchObject({ actorId: "usa", form: "metonym" });
  });

  it("a place after a locative preposition is not an actor: in Kiew, nach Russland, in den USA", () => {
    const r = run("In Kiew reagierte die ukrainische Regierung. Putin flog nach Russland. In den USA fiel das Echo gespalten aus.");
    expect(find(r, "Kiew")).toHaveLength(0);
    expect(find(r, "Russland")).toHaveLength(0);
    expect(find(r, "USA")).toHaveLength(0);
    expect(one(r, "die ukrainische Regierung")).toMatchObject({ actorId: "ukraine", form: "role" });
  });

  it("country adjectives, also inside russisch-amerikanisch, but not in `deutscher Zeit`", () => {
    const r = run("Eine russisch-amerikanische Partnerschaft. Russischer Truppen wegen. Am Abend deutscher Zeit.");
    expect(one(r, "russisch")).toMatchObject({ actorId: "russia", form: "adjective" });
    expect(one(r, "amerikanische")).toMatchObject({ actorId: "usa", form: "adjective" });
    expect(one(r, "Russischer").actorId).toBe("russia");
    expect(find(r, "deutscher")).toHaveLength(0);
  });

  it("groups: beide Präsidenten, die Europäer, beide alone before a verb phrase", () => {
    const r = run("Beide Präsidenten fuhren gemeinsam. Trump will mit den Europäern sprechen. Dann verließen beide den Raum.");
    expect(one(r, "Beide Präsidenten")).toMatchObject({ actorId: "both-leaders", form: "group" });
    expect(one(r, "den Europäern")).toMatchObject({ actorId: "europeans", form: "group" });
    expect(one(r, "beide")).toMatchObject({ actorId: "both-leaders", form: "group" });
  });

  it("organisations and parties: NATO, EU-Kommission, CDU", () => {
    const r = run("Die NATO und die EU-Kommission berieten; Merz (CDU) schwieg.");
    expect(one(r, "NATO").actorId).toBe("nato");
    expect(one(r, "EU-Kommission").actorId).toBe("eu-commission");
    expect(one(r, "CDU").actorId).toBe("cdu");
  });
});

describe("coreference", () => {
  it("pronoun coref: sagte er → the subject of the previous sentence", () => {
    const r = run("Der US-Präsident wollte sich nicht festlegen. „Das ist interessant“, sagte er und grinste, bevor er hinzufügte: „Mal sehen.“");
    const ers = r.mentions.filter((m) => m.form === "pronoun");
    expect(ers.map((m) => m.actorId)).toEqual(["trump", "trump"]);
    const er = ers[0];
    expect(actorAt(r, er.start, er.end)).toBe("trump");
  });

  it("pronoun coref prefers the subject (earliest candidate) and chains through pronouns", () => {
    const r = run("Putin nutzte das Treffen. Danach erschien er als Partner auf Augenhöhe mit dem US-Präsidenten. Dabei konnte er seine Forderungen wiederholen.");
    expect(r.mentions.filter((m) => m.form === "pronoun").map((m) => [m.text, m.actorId])).toEqual([
      ["er", "putin"],
      ["er", "putin"],
      ["seine", "putin"],
    ]);
  });

  it("pronoun gender: sie resolves to a woman, unresolvable pronouns are omitted", () => {
    const r = run("Meloni traf Merz. Sie lobte das Treffen. Die Minister berieten, ob ihre Pläne reichen.");
    expect(one(r, "Sie").actorId).toBe("meloni");
    const none = run("Das Wetter war schön. Er kam nicht.");
    expect(none.mentions).toHaveLength(0);
  });

  it("pronouns inside quotation marks are not resolved", () => {
    const r = run("Trump sagte: „Er ist ein harter Verhandler.“");
    expect(r.mentions.filter((m) => m.form === "pronoun")).toHaveLength(0);
  });

  it("`sein` is a possessive only before a noun (not the verb in `sein könnten`)", () => {
    const r = run("Putin sprach von Vereinbarungen, die ein Ausgangspunkt sein könnten. Er nannte sein Ziel.");
    expect(r.mentions.filter((m) => m.form === "pronoun").map((m) => m.text)).toEqual(["Er", "sein"]);
  });

  it("role coref: der russische Präsident … nachschob resolves to Putin, der Kanzler to Merz", () => {
    const r = run("Trump dankte Putin, bevor der russische Präsident nachschob: „Nächstes Mal in Moskau.“ Merz reiste nach Kiew. Der Kanzler sagte, die Ukraine brauche Garantien.");
    const role = one(r, "der russische Präsident");
    expect(actorAt(r, role.start + 4, role.end)).toBe("putin");
    expect(one(r, "Der Kanzler")).toMatchObject({ actorId: "merz", form: "role" });
  });

  it("`der Präsidenten` (genitive plural) is not resolved to one person", () => {
    const r = run("Trump traf Putin. Die Berater der Präsidenten verhandelten.");
    expect(find(r, "der Präsidenten")).toHaveLength(0);
  });

  it("actorAt: null where no mention overlaps, the best-overlapping mention otherwise", () => {
    const r = run("Viele Punkte seien noch ungeklärt, sagte Trump.");
    expect(actorAt(r, 0, 5)).toBeNull();
    const at = r.text.indexOf("Trump");
    expect(actorAt(r, at, at + 5)).toBe("trump");
    expect(actorAt(r, at - 6, at + 5)).toBe("trump");
    expect(actorAt(undefined, 0, 5)).toBeNull();
  });
});

describe("unknown name discovery", () => {
  it("role before a name: der Grünen-Politiker Anton Hofreiter, later Hofreiter and er", () => {
    const r = run("Der Grünen-Politiker Anton Hofreiter kritisierte das Treffen. Hofreiter sagte, er sei enttäuscht.");
    expect(r.discovered).toEqual([expect.objectContaining({ id: "x:anton-hofreiter", role: "Grünen-Politiker", kind: "person", discovered: true })]);
    expect(one(r, "Grünen-Politiker Anton Hofreiter").actorId).toBe("x:anton-hofreiter");
    expect(one(r, "Hofreiter").actorId).toBe("x:anton-hofreiter");
    expect(one(r, "er").actorId).toBe("x:anton-hofreiter");
  });


  it("later mentions follow each article's own discovered actors, also when articles before discovered the same ones", () => {
    // the second pass's trie is kept per list of discovered actors: the same list again, another order, a part of it
    const both = "Der Grünen-Politiker Anton Hofreiter und die Sprecherin Lisa Paus kamen. Hofreiter sagte das, Paus widersprach.";
    for (const text of [both, both]) {
      const r = run(text);
      expect(r.discovered.map((a) => a.id)).toEqual(["x:anton-hofreiter", "x:lisa-paus"]);
      expect(one(r, "Hofreiter").actorId).toBe("x:anton-hofreiter");
      expect(one(r, "Paus").actorId).toBe("x:lisa-paus");
    }
    const reversed = run("Die Sprecherin Lisa Paus und der Grünen-Politiker Anton Hofreiter kamen. Paus sagte das, Hofreiters Partei widersprach.");
    expect(reversed.discovered.map((a) => a.id)).toEqual(["x:lisa-paus", "x:anton-hofreiter"]);
    expect(one(reversed, "Paus").actorId).toBe("x:lisa-paus");
    expect(one(reversed, "Hofreiters").actorId).toBe("x:anton-hofreiter");
    const alone = run("Der Grünen-Politiker Anton Hofreiter kam. Hofreiter sagte das, Paus widersprach.");
    expect(alone.discovered.map((a) => a.id)).toEqual(["x:anton-hofreiter"]);
    expect(alone.mentions.some((m) => m.text === "Paus")).toBe(false);
  });
  it("a known name after a role is not discovered: Sprecher Dmitri Peskow", () => {
    const r = run("Sprecher Dmitri Peskow sagte, der Kreml sei zufrieden.");
    expect(r.discovered).toHaveLength(0);
    expect(one(r, "Sprecher Dmitri Peskow").actorId).toBe("peskov");
  });

  it("an unknown name after a registry role gets its own actor: US-Präsident George W. Bush", () => {
    const r = run("US-Präsident George W. Bush reiste nach Berlin.", "2005-01-01");
    expect(one(r, "US-Präsident George W. Bush").actorId).toBe("x:george-w-bush");
    expect(r.discovered[0].role).toBe("US-Präsident");
  });

  it("apposition: Anton Hofreiter, Grünen-Politiker, …", () => {
    const r = run("Das sei falsch, sagte Lisa Paus, die Bundesfamilienministerin, am Montag.");
    expect(one(r, "Lisa Paus").actorId).toBe("x:lisa-paus");
    expect(r.discovered[0].gender).toBe("f");
  });

  it("role, complement, comma, name: der Direktor der IAEO, Mohammed el-Baradei", () => {
    const r = run("Das sei unbegründet, sagte der Direktor der Atombehörde, Mohammed el-Baradei, am Montag.");
    expect(one(r, "Mohammed el-Baradei").actorId).toBe("x:mohammed-el-baradei");
    expect(r.discovered[0].role).toBe("Direktor");
  });

  it("a free-standing name next to a speech verb: sagte Oskar Lafontaine / Rafael Correa erklärte", () => {
    const r = run("Das sei ein Fehler, sagte Oskar Lafontaine. Rafael Correa erklärte, er sei dagegen.");
    expect(one(r, "Oskar Lafontaine").actorId).toBe("x:oskar-lafontaine");
    expect(one(r, "Rafael Correa").actorId).toBe("x:rafael-correa");
    expect(one(r, "er").actorId).toBe("x:rafael-correa");
  });

  it("no free-standing name without a speech verb, nor from two nouns (`Nächstes Mal`, `Frontverlauf Ausgangspunkt`)", () => {
    const r = run("Er schob nach: „Nächstes Mal in Moskau.“ Dann müsse der Frontverlauf Ausgangspunkt sein. Wir trafen Oskar Lafontaine.");
    expect(r.discovered).toHaveLength(0);
  });

  it("common nouns after a role are not names: Außenminister Sorge, Sprecher Regierung", () => {
    const r = run("Der Außenminister der Regierung äußerte Sorge.");
    expect(r.discovered).toHaveLength(0);
  });
});

describe("registry validation", () => {
  const HEADER = "id,kind,gender,qid,name_de,name_en,names,roles,metonyms,adjectives";
  const ok = "a,person,m,Q1,Anna A,Anna A,Anna A|Anna,,,";
  const err = (csv: string) => {
    try {
      compileRegistry(parseRegistry(csv, "test.csv"), "test.csv");
    } catch (e) {
      expect(e).toBeInstanceOf(RegistryError);
      expect((e as Error).stack).not.toMatch(/\n\s+at /); // a message, not a stack trace
      return (e as Error).message;
    }
    throw new Error("expected a RegistryError");
  };

  it("bad registry entry: duplicate id names both lines", () => {
    expect(err(`${HEADER}\n${ok}\na,person,m,,Anna B,Anna B,Anna B,,,`)).toMatch(/test\.csv line 3 \(id "a"\): duplicate id, already defined on line 2/);
  });

  it("bad registry entry: an alias claimed by two actors", () => {
    expect(err(`${HEADER}\n${ok}\nb,person,f,,Berta B,Berta B,Berta B|Anna,,,`)).toMatch(/line 3 \(id "b"\): alias "Anna" is already claimed by "a" \(line 2\)/);
  });

  it("bad registry entry: malformed QID", () => {
    expect(err(`${HEADER}\nc,person,m,Q12x,Carl C,Carl C,Carl,,,`)).toMatch(/line 2 \(id "c"\): malformed Wikidata QID "Q12x"/);
    expect(err(`${HEADER}\nc,person,m,12,Carl C,Carl C,Carl,,,`)).toMatch(/malformed Wikidata QID "12"/);
  });

  it("bad registry entry: malformed period, unknown kind, overlapping role holders", () => {
    expect(err(`${HEADER}\nd,person,m,,Dora D,Dora D,Dora,Chefin@2020/2021,,`)).toMatch(/id "d"\), role "Chefin": malformed period/);
    expect(err(`${HEADER}\ne,robot,m,,Emil E,Emil E,Emil,,,`)).toMatch(/id "e"\): unknown kind "robot"/);
    expect(err(`${HEADER}\nf,person,m,,F F,F F,Fritz,Bürgermeister@2020-01-01/,,\ng,person,m,,G G,G G,Gustav,Bürgermeister@2022-01-01/2023-01-01,,`)).toMatch(
      /id "g"\): role "Bürgermeister" is already held by "f"/,
    );
  });

  it("loadRegistry reports an unreadable file and a bad file as RegistryError", () => {
    const dir = mkdtempSync(join(tmpdir(), "actors-"));
    const path = join(dir, "actors.csv");
    writeFileSync(path, `${HEADER}\n${ok}\n${ok}\n`);
    expect(() => loadRegistry(path)).toThrow(RegistryError);
    expect(() => loadRegistry(path)).toThrow(/actors\.csv line 3 \(id "a"\): duplicate id/);
    expect(() => loadRegistry(join(dir, "missing.csv"))).toThrow(/cannot read actor registry/);
  });

  it("the shipped registry is valid, has the summit actors, and only well-formed QIDs", () => {
    const reg = loadRegistry(join(ROOT, "data-loaders/data/actors.csv"));
    for (const id of ["trump", "putin", "zelensky", "merz", "macron", "starmer", "meloni", "stubb", "tusk", "von-der-leyen", "rutte", "guterres", "lavrov", "rubio", "witkoff", "peskov", "ushakov", "vance", "hegseth", "wadephul", "pistorius", "kallas", "erdogan", "xi", "modi", "usa", "russia", "ukraine", "germany", "eu", "nato", "un", "europeans", "both-leaders"])
      expect(reg.byId.has(id), id).toBe(true);
    expect(reg.byId.get("trump")!.qid).toBe("Q22686");
    expect(reg.byId.get("putin")!.qid).toBe("Q7747");
    for (const a of reg.actors) expect(a.qid).toMatch(/^(Q[1-9]\d*)?$/);
  });

  it("stem folds declension and feminine endings", () => {
    expect(stem("russischen")).toBe(stem("russischer"));
    expect(stem("Präsidentin")).toBe(stem("Präsident"));
    expect(stem("Präsidenten")).toBe("präsident");
    expect(stem("Kremlchefs")).toBe("kremlchef");
  });
});

describe("seeds", () => {
  const docs = readdirSync(join(ROOT, "corpus")).map((f) => buildDoc(f, readFileSync(join(ROOT, "corpus", f), "utf8")));

  it("non-pronoun mentions of Trump, Putin, Merz, Selenskyj are within ±1 of the manual count", () => {
    const counts = fixture.counts as Record<string, Record<string, number>>;
    for (const doc of docs) {
      const expected = counts[doc.meta.id];
      expect(expected, doc.meta.id).toBeDefined();
      const r = analyzeActors(doc);
      for (const [actor, n] of Object.entries(expected)) {
        const got = r.mentions.filter((m) => m.actorId === actor && (m.form === "name" || m.form === "role")).length;
        expect(Math.abs(got - n), `${doc.meta.id} ${actor}: ${got} vs manual ${n}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("every mention's offsets round-trip to its text, mentions are sorted and do not overlap", () => {
    for (const doc of docs) {
      const r = analyzeActors(doc);
      for (const m of r.mentions) {
        expect(doc.text.slice(m.start, m.end)).toBe(m.text);
        expect(REGISTRY.byId.has(m.actorId) || r.discovered.some((d) => d.id === m.actorId), m.actorId).toBe(true);
        const s = doc.sentences[m.sentence];
        expect(s.start <= m.start && m.end <= s.end).toBe(true);
      }
      for (let i = 1; i < r.mentions.length; i++) expect(r.mentions[i].start).toBeGreaterThanOrEqual(r.mentions[i - 1].end);
    }
  });

  it("`sagte er` after `Der US-Präsident …` and `der russische Präsident … nachschob` resolve as the quote stage needs", () => {
    const doc = docs.find((d) => d.meta.id.startsWith("000"))!;
    const r = analyzeActors(doc);
    const at = (s: string, from = 0) => {
      const i = doc.text.indexOf(s, from);
      return actorAt(r, i, i + s.length);
    };
    const sagteEr = doc.text.indexOf("sagte er und grinste");
    expect(at("er", sagteEr + 6)).toBe("trump");
    expect(at("der russische Präsident")).toBe("putin");
  });
});
