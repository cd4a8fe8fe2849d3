import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../data-loaders/doc.ts";
import { decodeArticleBytes } from "../data-loaders/decode.ts";
import { docFromText } from "../data-loaders/text-doc.ts";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";
import { STAGES } from "../data-loaders/stages/index.ts";
import { jsonNumber, jsonNumberRecord, jsonString, stageResultJson } from "../data-loaders/stages/json.ts";
import type { Doc } from "../data-loaders/types.ts";
import { ROOT } from "./global-setup.ts";

/**
 * The stages' hand-written JSON (stages/json.ts) must be byte for byte
 * `JSON.stringify` of the same result: it is what the cache stores and the
 * tables are built from.
 */

function runAll(doc: Doc): void {
  const prior: Record<string, unknown> = {};
  for (const s of STAGES) {
    const r = s.run(doc, prior);
    prior[s.name] = r;
    expect(stageResultJson(s, r), `${doc.meta.id} ${s.name}`).toBe(JSON.stringify(r) ?? "null");
  }
}

describe("stage JSON writers", () => {
  it("match JSON.stringify on the seeds", () => {
    const dir = join(ROOT, "corpus");
    for (const f of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) runAll(buildDoc(f, readFileSync(join(dir, f), "utf8")));
  });

  it("match JSON.stringify on synthetic articles", () => {
    for (const a of synthArticles(join(ROOT, "corpus"), 40, { words: 300, seed: 7 })) runAll(buildDoc(`${a.id}.md`, toMarkdown(a)));
  });

  it("match JSON.stringify on the hostile fixtures that parse", () => {
    const dir = join(ROOT, "tests/fixtures/hostile");
    let n = 0;
    for (const f of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) {
      let doc: Doc;
      try {
        const { text, encoding } = decodeArticleBytes(readFileSync(join(dir, f)));
        doc = buildDoc(f, text, encoding);
      } catch {
        continue; // refused articles have no stage results
      }
      runAll(doc);
      n++;
    }
    expect(n).toBeGreaterThan(5);
  });

  it("escape quotes, backslashes, control characters and lone surrogates in text", () => {
    runAll(docFromText('Er sagte: „Das ist \\ schlecht\u0001.“ Sie nannte es \ud800 "gut" und sehr gefährlich. Krieg\tund Frieden.'));
  });

  it("write strings, numbers and records as JSON.stringify does", () => {
    for (const s of ["", "a", 'a"b', "a\\b", "\u0000", "\u001f", "\ud83d\ude00", "\ud800", "\udc00x", "äöü€", "\u2028"]) expect(jsonString(s)).toBe(JSON.stringify(s));
    for (const x of [0, -0, 1, -1.5, 0.1 + 0.2, 1e21, 1e-7, NaN, Infinity, -Infinity, 123456789.125]) expect(jsonNumber(x)).toBe(JSON.stringify(x));
    const rec: Record<string, number> = { b: 1, a: 0.25, 2: 3, "1": 4, "x y": NaN };
    expect(jsonNumberRecord(rec)).toBe(JSON.stringify(rec));
  });
});
