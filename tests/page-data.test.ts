// The report pages' summaries (data-loaders/scale/page-data.ts) stay bounded: beyond SHOWN_ARTICLES a
// page's tables hold the rows of the first SHOWN_ARTICLES articles only; up to it, the whole corpus.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthArticles, toMarkdown } from "../data-loaders/scale/synth.ts";

const ROOT = join(import.meta.dirname, "..");
const N = 15;
let tmp = "";
let pageData: typeof import("../data-loaders/scale/page-data.ts").pageData;
let SHOWN = 0;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "framelens-page-data-"));
  const corpus = join(tmp, "corpus");
  mkdirSync(corpus);
  for (const a of synthArticles(join(ROOT, "corpus"), N, { words: 120 })) writeFileSync(join(corpus, `${a.id}.md`), toMarkdown(a));
  // the loaders read the corpus and cache named by the environment when their modules load
  process.env.FRAMELENS_CORPUS = corpus;
  process.env.FRAMELENS_CACHE = join(tmp, "cache");
  const mod = await import("../data-loaders/scale/page-data.ts");
  pageData = mod.pageData;
  SHOWN = mod.SHOWN_ARTICLES;
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("page summaries", () => {
  it("a corpus larger than SHOWN_ARTICLES: the tables hold the first SHOWN_ARTICLES articles' rows only", async () => {
    expect(N).toBeGreaterThan(SHOWN);
    const d = await pageData(["sentences", "quotes", "tone", "frames"]);
    expect(d.corpus).toMatchObject({ articles: N, shown: SHOWN });
    expect(d.tables.articles).toHaveLength(SHOWN);
    const shown = new Set(d.tables.articles!.map((a) => a.articleId));
    for (const name of ["sentences", "quotes", "tone", "frames"]) for (const r of d.tables[name] ?? []) expect(shown.has(r.articleId), `${name} ${r.articleId}`).toBe(true);
  }, 60_000);
  it("the articles shown are the corpus's first, in corpus order", async () => {
    const all = await pageData([], N);
    const some = await pageData([]);
    expect(some.tables.articles!.map((a) => a.articleId)).toEqual(all.tables.articles!.slice(0, SHOWN).map((a) => a.articleId));
  }, 60_000);
  it("a corpus no larger than the page shows: every article, every row", async () => {
    const d = await pageData(["sentences"], N);
    expect(d.corpus).toMatchObject({ articles: N, shown: N });
    expect(new Set(d.tables.sentences!.map((s) => s.articleId)).size).toBe(N);
  }, 60_000);
  it("a table the engine does not build is null, not an error", async () => {
    const d = await pageData(["no_such_table"]);
    expect(d.tables.no_such_table).toBeNull();
  }, 60_000);
});

describe("article pages", () => {
  it("a skipped file takes no id: the good file that slugs alike keeps the id articleIds gives it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "framelens-article-page-"));
    try {
      writeFileSync(join(dir, "gipfel.md"), ""); // sorts first, skipped as empty
      writeFileSync(join(dir, "gipfel.txt"), "Gipfel in Alaska\n\nTrump sagte, der Gipfel sei gut gewesen.\n");
      const { articleIds } = await import("../data-loaders/corpus.ts");
      const { findArticle } = await import("../data-loaders/scale/article-page.ts");
      expect(articleIds(dir)).toEqual(["gipfel"]);
      const article = findArticle("gipfel", dir);
      expect(article?.doc.meta.file).toBe("gipfel.txt");
      expect(article?.doc.meta.id).toBe("gipfel");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
