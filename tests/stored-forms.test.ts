/**
 * Stored forms of stage results (#8): a stage may store its result in a
 * smaller shape (flat arrays instead of an object per hit; `stage.ts`). What
 * comes back must be exactly the result — same keys in the same order, same
 * values — and a record in another format must never be read as a result.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { readCorpusSync } from "../data-loaders/corpus-stream.ts";
import { buildJobDoc, runJob } from "../data-loaders/scale/job.ts";
import { stageInputs } from "../data-loaders/scale/keys.ts";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { resultFromBytes, resultToBytes, rowsFromStored, rowsToStored, StoredFormatError, type Stage } from "../data-loaders/stage.ts";
import { packValue } from "../data-loaders/scale/packed.ts";
import { STAGES } from "../data-loaders/stages/index.ts";
import { discoveredActor } from "../data-loaders/actors/discover.ts";
import { ROOT } from "./global-setup.ts";

/** the job documents of every article in the folders (what the parser refuses is no article: the hostile fixtures hold some) */
function* jobDocs(dirs: string[]) {
  for (const d of dirs) {
    for (const ev of readCorpusSync(d)) {
      if (!("source" in ev)) continue;
      const s = ev.source;
      let doc;
      try {
        doc = buildJobDoc({ file: s.parseAs ?? s.file, text: s.text, encoding: s.encoding, id: s.id });
      } catch {
        continue;
      }
      yield doc;
    }
  }
}

/** every stage's result for each article of a folder (files and rows) */
function resultsOf(dir: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const doc of jobDocs([dir])) {
    const prior: Record<string, unknown> = {};
    for (const st of STAGES) prior[st.name] = st.run(doc, prior);
    out.push(prior);
  }
  return out;
}

function expectRoundTrip(results: Record<string, unknown>[]) {
  let checked = 0;
  for (const r of results) {
    for (const st of STAGES) {
      const back = resultFromBytes(st, resultToBytes(st, r[st.name]));
      // JSON.stringify compares key order too
      expect(JSON.stringify(back)).toBe(JSON.stringify(r[st.name]));
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
}

describe("stored forms of stage results", () => {
  it("give back exactly the results of the seeds", () => {
    expectRoundTrip(resultsOf(join(ROOT, "corpus")));
  });
  it("give back exactly the results of the hostile fixtures", () => {
    expectRoundTrip(resultsOf(join(ROOT, "tests/fixtures/hostile")));
  });
  it("give back exactly the results of 40 generated articles", () => {
    const dir = mkdtempSync(join(tmpdir(), "framelens-stored-"));
    for (const a of synthArticles(join(ROOT, "corpus"), 40, { seed: 7 })) writeFileSync(join(dir, `${a.id}.md`), toMarkdown(a));
    expectRoundTrip(resultsOf(dir));
  });
  it("are smaller than the results packed as they are", () => {
    // (packed, not as JSON: a typed column is a block of bytes there, where JSON would spell out an object of numbered keys)
    const results = resultsOf(join(ROOT, "corpus"));
    for (const name of ["tone", "frames", "actors"]) {
      const st = STAGES.find((s) => s.name === name);
      if (!st?.toStored) continue;
      const plain = results.reduce((n, r) => n + packValue(r[name]).length, 0);
      const stored = results.reduce((n, r) => n + packValue(st.toStored!(r[name])).length, 0);
      expect(stored).toBeLessThan(plain);
    }
  });
  it("keep actor mentions and topics of any size and order (the actors' numbers are varints of differences)", () => {
    const st = STAGES.find((s) => s.name === "actors")!;
    const long = "Präsident " + "X".repeat(300);
    const mentions = [
      { start: 0, end: 5, actorId: "a", form: "name", sentence: 0, text: "Putin" },
      { start: 70_000, end: 70_000 + long.length, actorId: "x:b", form: "role", sentence: 300, text: long },
      { start: 70_400, end: 70_403, actorId: "a", form: "pronoun", sentence: 301, text: "ihm" },
      { start: 70_410, end: 70_415, actorId: "b", form: "metonym", sentence: 301, text: "Kreml" },
      { start: 2_000_000_000, end: 2_000_000_009, actorId: "b", form: "adjective", sentence: 302, text: "russische" },
      { start: 2_000_000_010, end: 2_000_000_015, actorId: "c", form: "group", sentence: 1_000_000, text: "beide" },
    ];
    const topics = [
      { start: 7, end: 14, actorId: "ukraine", sentence: 1, text: "Ukraine" },
      { start: 90_000, end: 90_004, actorId: "nato", sentence: 400, text: "NATO" },
    ];
    const discovered = [{ id: "x:b", kind: "person", gender: "m", nameDe: "B", discovered: true, role: "Präsident" }];
    for (const result of [
      { mentions, discovered, topics },
      // out of order: differences below zero
      { mentions: [...mentions].reverse(), discovered: [], topics: [...topics].reverse() },
      { mentions: [], discovered: [], topics },
      { mentions, discovered: [], topics: [] },
      { mentions: [], discovered: [], topics: [] },
    ]) {
      expect(JSON.stringify(resultFromBytes(st, resultToBytes(st, result)))).toBe(JSON.stringify(result));
    }
    // discovered actors as the stage makes them are stored as name and role, others as they are, in their order
    const made = discoveredActor("Anton Hofreiter", "Grünen-Politiker"), bare = discoveredActor("Lisa Paus", "");
    const changed = { ...discoveredActor("Mohammed el-Baradei", "Direktor"), gender: "f" };
    const mixed = { mentions, discovered: [made, discovered[0], bare, changed], topics };
    expect((st.toStored!(mixed) as { d: unknown[] }).d).toEqual(["Anton Hofreiter", "Grünen-Politiker", discovered[0], "Lisa Paus", "", changed]);
    expect(JSON.stringify(resultFromBytes(st, resultToBytes(st, mixed)))).toBe(JSON.stringify(mixed));
    expect(() => st.fromStored!({ ...(st.toStored!(mixed) as object), d: ["Anton Hofreiter"] })).toThrow(StoredFormatError);
    // a column cut short, one byte too long, or a form that is none
    const stored = st.toStored!({ mentions, discovered, topics }) as { c: Uint8Array };
    for (const c of [stored.c.slice(0, -1), Uint8Array.from([...stored.c, 0]), Uint8Array.from(stored.c).fill(9)]) {
      expect(() => st.fromStored!({ ...stored, c })).toThrow(StoredFormatError);
    }
  });
  it("refuse a record in an old format (never read as a result)", () => {
    const [r] = resultsOf(join(ROOT, "corpus"));
    const utf8 = (s: string) => Buffer.from(s, "utf8");
    for (const st of STAGES) {
      // the plain result packed, the stored form as JSON (the format before packing), the plain result as JSON
      if (st.fromStored) expect(() => resultFromBytes(st, packValue(r[st.name]))).toThrow(StoredFormatError);
      expect(() => resultFromBytes(st, utf8(JSON.stringify(st.toStored ? st.toStored(r[st.name]) : r[st.name])))).toThrow(StoredFormatError);
      expect(() => resultFromBytes(st, utf8(JSON.stringify(r[st.name])))).toThrow(StoredFormatError);
      expect(() => resultFromBytes(st, utf8("null"))).toThrow(StoredFormatError);
      expect(() => resultFromBytes(st, new Uint8Array(0))).toThrow(StoredFormatError);
    }
  });
  it("live in the stage's module, so a stage's cache key covers its format", () => {
    for (const st of STAGES) {
      const files = stageInputs(st)!.map((f) => f.replaceAll("\\", "/"));
      // the packing of every stage's result (and of the doc) is in every key
      expect(files.some((f) => f.endsWith("data-loaders/scale/packed.ts"))).toBe(true);
      if (!st.toStored) continue;
      expect(files.some((f) => f.endsWith(`stages/${st.name}.ts`))).toBe(true);
      expect(files.some((f) => f.endsWith("data-loaders/stage.ts"))).toBe(true);
      // the codec is defined in the stage module (not imported from a file outside its inputs)
      expect(readFileSync(files.find((f) => f.endsWith(`stages/${st.name}.ts`))!, "utf8")).toMatch(/toStored/);
    }
  });
  it("a job returns stored forms, and a job given them as cached results reads them back", () => {
    const text = readFileSync(join(ROOT, "corpus", readdirSync(join(ROOT, "corpus")).sort()[0]), "utf8");
    const first = runJob({ file: "a.txt", text, encoding: "utf-8", cached: STAGES.map(() => null) });
    if (!first.ok) throw new Error(first.message);
    // every stage but the last from the "cache": the last reads the earlier ones through their stored forms
    const again = runJob({ file: "a.txt", text, encoding: "utf-8", cached: first.stages.map((s, i) => (i < STAGES.length - 1 ? s : null)) });
    if (!again.ok) throw new Error(again.message);
    expect(again.stages).toEqual(first.stages);
    // and from the cache alone (every stage after the first re-run over the decoded first)
    const fromActors = runJob({ file: "a.txt", text, encoding: "utf-8", cached: first.stages.map((s, i) => (i === 0 ? s : null)) });
    if (!fromActors.ok) throw new Error(fromActors.message);
    expect(fromActors.stages).toEqual(first.stages);
  });
  it("a cached run gives the same results as the first", () => {
    const cache = mkdtempSync(join(tmpdir(), "framelens-stored-cache-"));
    const dir = join(ROOT, "corpus");
    const a = analyzeCorpus(dir, { cache });
    const b = analyzeCorpus(dir, { cache });
    expect(b.cached).toBe(a.articles.length);
    expect(JSON.stringify(b.articles.map((x) => x.stages))).toBe(JSON.stringify(a.articles.map((x) => x.stages)));
  });
});

describe("rows stored as keys and values", () => {
  const back = (rows: object[]) => rowsFromStored(JSON.parse(JSON.stringify(rowsToStored(rows))), "t");
  it("round-trips rows of one shape, nested values included", () => {
    const rows = [{ a: 1, b: "x", c: [1, "y"], d: null }, { a: 2.5, b: "", c: [], d: { e: 1 } }];
    expect(JSON.stringify(back(rows))).toBe(JSON.stringify(rows));
    expect(rowsToStored(rows)).toHaveProperty("k");
  });
  it("keeps rows of different shapes as they are", () => {
    const rows = [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }];
    expect(JSON.stringify(back(rows))).toBe(JSON.stringify(rows));
    expect(rowsToStored(rows)).toHaveProperty("r");
  });
  it("keeps rows with an undefined value as they are (JSON drops the key)", () => {
    const rows = [{ a: 1, b: 2 }, { a: 1, b: undefined }];
    expect(JSON.stringify(back(rows))).toBe(JSON.stringify(rows));
  });
  it("keeps a row with an own __proto__ key", () => {
    const rows = [JSON.parse('{"__proto__": 1, "a": 2}')];
    expect(JSON.stringify(back(rows))).toBe(JSON.stringify(rows));
  });
  it("empty rows", () => {
    expect(back([])).toEqual([]);
  });
});

describe("quote results as columns", () => {
  const quotes = STAGES.find((s) => s.name === "quotes")!;
  const back = (r: unknown) => resultFromBytes(quotes, resultToBytes(quotes, r));
  const quote = (n: number, over: Record<string, unknown> = {}) => ({
    id: `a/b.md:q${n}`, type: "Indirect", partial: false, start: 10 * n, end: 10 * n + 8, speaker: n % 2 ? null : "x:merkel", speakerText: n % 2 ? "" : "Merkel",
    speakerStart: n % 2 ? -1 : 3, speakerEnd: n % 2 ? -1 : 9, cue: "sagte", cueLemma: "sagen", cueClass: "neutral", cueStart: 1, cueEnd: 6, particleStart: -1, particleEnd: -1,
    sentence: n, frameStart: 0, frameEnd: 9, addresseeStart: -1, addresseeEnd: -1, flags: n % 3 ? ["nested", "carried"] : [], ...over,
  });
  it("store the seeds' results as columns", () => {
    for (const r of resultsOf(join(ROOT, "corpus"))) expect((quotes.toStored!(r.quotes) as { f: number }).f).toBe(2);
  });
  it("give back exactly what columns cannot hold, stored otherwise", () => {
    const scare = [{ start: 1, end: 5, text: "„x“" }];
    const cases: [unknown, number][] = [
      [{ quotes: [quote(0), quote(1), quote(2), quote(3)], scare }, 2],
      [{ quotes: [], scare: [] }, 2],
      [{ quotes: [quote(0), quote(1, { id: "a/b.md:q01" })], scare }, 1], // an id out of the numbering
      [{ quotes: [quote(0, { id: "other:q0" }), quote(1)], scare }, 1],
      [{ quotes: [quote(0), quote(1, { type: "Partial" })], scare }, 1], // a type of no number
      [{ quotes: [quote(0, { flags: ["carried", "new-flag"] })], scare }, 1],
      [{ quotes: [quote(0, { start: 1.5 })], scare }, 1], // an offset that is no int32
      [{ quotes: [quote(0, { end: 2 ** 31 })], scare }, 1],
      [{ quotes: [quote(0, { extra: 1 })], scare }, 1], // other keys
      [{ quotes: [{ ...quote(0), id: "a/b.md:q0" }], scare }, 2],
      [{ quotes: [(({ flags, ...q }) => ({ flags, ...q }))(quote(0))], scare }, 1], // the keys in another order
      [{ quotes: [quote(0)], scare: [{ end: 5, start: 1, text: "x" }] }, 1],
      [{ quotes: [quote(0)], scare, more: 1 }, 0],
    ];
    for (const [r, f] of cases) {
      expect((quotes.toStored!(r as never) as { f: number }).f).toBe(f);
      expect(JSON.stringify(back(r))).toBe(JSON.stringify(r));
    }
  });
  it("refuse damaged columns", () => {
    const st = quotes.toStored!({ quotes: [quote(0), quote(1)], scare: [] } as never) as Record<string, unknown>;
    expect(() => quotes.fromStored!({ ...st, o: new Int32Array(3) })).toThrow(StoredFormatError);
    expect(() => quotes.fromStored!({ ...st, s: [] })).toThrow(StoredFormatError);
    expect(() => quotes.fromStored!({ ...st, g: new Uint8Array(0) })).toThrow(StoredFormatError);
    expect(() => quotes.fromStored!({ ...st, b: [0, 0] })).toThrow(StoredFormatError);
  });
});

// a stage without a stored form stores its result as it is (packed)
it("a stage without a stored form stores its result as it is", () => {
  const st: Stage<{ x: number }> = { name: "t", run: () => ({ x: 1 }) };
  expect(Buffer.compare(resultToBytes(st, { x: 1 }), packValue({ x: 1 }))).toBe(0);
  expect(resultFromBytes(st, resultToBytes(st, { x: 1 }))).toEqual({ x: 1 });
});

describe("cache key hashing", () => {
  it("sha256Hex gives createHash's digest (UTF-8, lone surrogates, astral characters, long texts)", async () => {
    const { createHash } = await import("node:crypto");
    const { sha256Hex } = await import("../data-loaders/scale/keys.ts");
    for (const s of ["", "abc", "ä\0ö", "\ud800", "x\udc00y", "😀\ud83d", "Größe ".repeat(5000)]) {
      expect(sha256Hex(s)).toBe(createHash("sha256").update(s).digest("hex"));
    }
    // one string instead of two updates: the same bytes when the first part ends in "\0"
    expect(sha256Hex("a.md\0\0\0" + "Text „ä“")).toBe(createHash("sha256").update("a.md\0\0\0").update("Text „ä“").digest("hex"));
  });
});

describe("stages that give their stored form directly", () => {
  it("give what toStored makes of their result (seeds, hostile fixtures, generated articles)", () => {
    const dir = mkdtempSync(join(tmpdir(), "framelens-stored-direct-"));
    for (const a of synthArticles(join(ROOT, "corpus"), 20, { seed: 11 })) writeFileSync(join(dir, `${a.id}.md`), toMarkdown(a));
    let checked = 0;
    for (const doc of jobDocs([join(ROOT, "corpus"), join(ROOT, "tests/fixtures/hostile"), dir])) {
      const prior: Record<string, unknown> = {};
      for (const st of STAGES) {
        if (st.runStored) {
          expect(JSON.stringify(st.runStored(doc, prior))).toBe(JSON.stringify(st.toStored!(st.run(doc, prior))));
          expect(Buffer.compare(packValue(st.runStored(doc, prior)), resultToBytes(st, st.run(doc, prior)))).toBe(0);
          checked++;
        }
        prior[st.name] = st.run(doc, prior);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("stored form of a doc", () => {
  it("gives back the metadata, text, blocks and sentences exactly (seeds and hostile fixtures)", async () => {
    const { docFromBytes, docToBytes } = await import("../data-loaders/doc.ts");
    let checked = 0;
    for (const doc of jobDocs([join(ROOT, "corpus"), join(ROOT, "tests/fixtures/hostile")])) {
      const back = docFromBytes(docToBytes(doc));
      expect(JSON.stringify(back)).toBe(JSON.stringify({ meta: doc.meta, text: doc.text, blocks: doc.blocks, sentences: doc.sentences }));
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });
  it("refuses a doc record in an old form", async () => {
    const { docFromBytes } = await import("../data-loaders/doc.ts");
    const [doc] = jobDocs([join(ROOT, "corpus")]);
    // the plain form, packed; the JSON of the layout before packing; the plain form as JSON
    expect(() => docFromBytes(packValue({ meta: {}, text: "a", blocks: [], sentences: [] }))).toThrow(/stored format/);
    const layout = { f: 1, meta: doc.meta, text: doc.text, b: rowsToStored(doc.blocks), s: rowsToStored(doc.sentences) };
    expect(() => docFromBytes(Buffer.from(JSON.stringify(layout)))).toThrow(/stored format/);
    expect(() => docFromBytes(Buffer.from(JSON.stringify({ meta: {}, text: "a", blocks: [], sentences: [] })))).toThrow(/stored format/);
  });
});

describe("results sent by a worker as bytes", () => {
  it("putBytes writes the very record put writes (lone surrogates, astral characters, umlauts)", async () => {
    const { DiskStore } = await import("../data-loaders/scale/store.ts");
    const values = ["", "plain", "Größe „Zitat“", "😀 astral", "lone \ud800 high", "lone \udc00 low", "x".repeat(70000) + "ä"];
    const a = mkdtempSync(join(tmpdir(), "framelens-bytes-a-")), b = mkdtempSync(join(tmpdir(), "framelens-bytes-b-"));
    const sa = new DiskStore(a), sb = new DiskStore(b);
    values.forEach((v, i) => {
      sa.put(`k${i}`, v);
      sb.putBytes(`k${i}`, new Uint8Array(Buffer.from(v, "utf8")));
    });
    values.forEach((v, i) => expect(sb.get(`k${i}`)).toBe(sa.get(`k${i}`)));
    sa.close();
    sb.close();
    const dat = (d: string) => readFileSync(join(d, readdirSync(d).find((f) => f.endsWith(".dat"))!));
    expect(Buffer.compare(dat(a), dat(b))).toBe(0);
  });
  it("packResults carries each result's doc and the stages it ran, and leaves out the cached ones", async () => {
    const { packResults } = await import("../data-loaders/scale/job.ts");
    const text = readFileSync(join(ROOT, "corpus", readdirSync(join(ROOT, "corpus")).sort()[0]), "utf8");
    const fresh = { file: "a.txt", text, encoding: "utf-8", cached: STAGES.map(() => null) };
    const first = runJob(fresh);
    if (!first.ok) throw new Error(first.message);
    const partly = { ...fresh, cached: first.stages.map((s, i) => (i === 0 ? s : null)) };
    const jobs = [fresh, partly, { file: "x.jpg", text: "", encoding: "utf-8", cached: [] }];
    const results = jobs.map((j) => runJob(j));
    const { results: packed, transfer } = packResults(jobs, results);
    expect(transfer.length).toBe(1);
    for (let j = 0; j < 2; j++) {
      const p = packed[j], r = results[j];
      if (!p.ok || !r.ok) throw new Error("not ok");
      // every view lies in the one transferred buffer
      expect(p.doc.buffer).toBe(transfer[0]);
      expect(Buffer.compare(p.doc, r.doc)).toBe(0);
      p.stages.forEach((b, i) => {
        if (jobs[j].cached[i] != null) expect(b).toBeNull();
        else {
          expect(b!.buffer).toBe(transfer[0]);
          expect(Buffer.compare(b!, r.stages[i]!)).toBe(0);
        }
      });
      expect(p.meta).toBe(r.meta);
    }
    expect(packed[2]).toEqual(results[2]);
  });
});

describe("stored forms of the tone, facts and voice results", () => {
  const stage = (name: string) => STAGES.find((s) => s.name === name)!;
  const roundTrip = (name: string, r: unknown) => JSON.stringify(resultFromBytes(stage(name), resultToBytes(stage(name), r)));
  const resultsFor = async (text: string) => {
    const { buildDoc } = await import("../data-loaders/doc.ts");
    const doc = buildDoc("t.txt", text);
    const prior: Record<string, unknown> = {};
    for (const st of STAGES) prior[st.name] = st.run(doc, prior);
    return prior;
  };
  it("tone: counts past a byte (a sentence of 300 words) take an Int32Array column, and come back exactly", async () => {
    const long = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? "gut" : "Wort")).join(" ") + ".";
    // sentence indices past 255 still fit a byte: the column holds each index's difference from the one before
    const many = Array.from({ length: 300 }, () => "Das ist nicht schlecht.").join(" ");
    for (const [text, column] of [[long, Int32Array], [many, Uint8Array]] as const) {
      const r = (await resultsFor(text)).tone as { sentences: { words: number; sentence: number }[] };
      expect(Math.max(...r.sentences.map((s) => Math.max(s.words, s.sentence)))).toBeGreaterThan(255);
      expect((stage("tone").toStored!(r) as { s: unknown }).s).toBeInstanceOf(column);
      expect(roundTrip("tone", r)).toBe(JSON.stringify(r));
    }
  });
  it("tone: a result whose weights or scores are not the scorer's is refused, not stored wrong", async () => {
    const r = (await resultsFor("Das ist sehr gut, aber nicht schlecht.")).tone as { sentences: { score: number; hits: { weight: number }[] }[] };
    const copy = () => JSON.parse(JSON.stringify(r));
    const w = copy();
    w.sentences[0].hits[0].weight += 0.5;
    expect(() => stage("tone").toStored!(w)).toThrow(/weight/);
    const s = copy();
    s.sentences[0].score += 1;
    expect(() => stage("tone").toStored!(s)).toThrow(/scores/);
  });
  it("facts and voice: results of another shape are stored as they are", async () => {
    const prior = await resultsFor("Nach dreistündigen Gesprächen sagte er, es sei vielleicht gut. 20 Staaten kamen.");
    const facts = prior.facts as { facts: Record<string, unknown>[] };
    expect(facts.facts.length).toBeGreaterThan(1);
    expect(stage("facts").toStored!(facts)).toHaveProperty("v");
    const reordered = { facts: facts.facts.map(({ start, ...rest }) => ({ ...rest, start })) };
    const withUndefined = { facts: facts.facts.map((f, i) => (i === 0 ? { ...f, noun: undefined } : f)) };
    for (const r of [facts, reordered, withUndefined, { facts: [] }]) expect(roundTrip("facts", r)).toBe(JSON.stringify(r));
    const voice = prior.voice as { hedges: Record<string, unknown>[] } & Record<string, unknown>;
    expect(voice.hedges.length).toBeGreaterThan(0);
    expect(stage("voice").toStored!(voice)).toHaveProperty("n");
    const odd = [{ ...voice, extra: 1 }, { ...voice, words: undefined }, { ...voice, hedges: [{ ...voice.hedges[0], voice: "choir" }] }, { ...voice, hedges: [{ ...voice.hedges[0], sentence: "1" }] }];
    for (const r of [voice, ...odd]) expect(roundTrip("voice", r)).toBe(JSON.stringify(r));
    for (const r of odd) expect(stage("voice").toStored!(r)).toHaveProperty("r");
  });
});
