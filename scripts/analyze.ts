/**
 * npm run analyze -- <corpus-dir> --out <dir> [--tables a,b] [--no-cache]
 * Writes every table as JSON and CSV and prints a one-line summary.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { csvFormat } from "d3";
import { analyzeCorpus } from "../data-loaders/pipeline.ts";
import { TABLES } from "../data-loaders/tables/index.ts";

const USAGE = "usage: npm run analyze -- <corpus-dir> --out <dir> [--tables articles,sentences] [--no-cache]";

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        tables: { type: "string" },
        "no-cache": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length !== 1 || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const corpus = resolve(positionals[0]);
  const out = resolve(values.out);
  const wanted = values.tables ? values.tables.split(",").map((s) => s.trim()) : null;
  const unknown = wanted?.filter((n) => !TABLES.some((t) => t.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown table(s): ${unknown.join(", ")} (known: ${TABLES.map((t) => t.name).join(", ")})`);
    return 2;
  }
  const t0 = performance.now();
  let analysis;
  try {
    analysis = analyzeCorpus(corpus, values["no-cache"] ? { cache: false } : {});
  } catch (e) {
    console.error(`framelens: ${(e as Error).message}`);
    return 2;
  }
  for (const p of analysis.problems) console.error(`framelens: ${join(positionals[0], p.file)}: ${p.message}`);
  mkdirSync(out, { recursive: true });
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    if (wanted && !wanted.includes(table.name)) continue;
    const rows = table.build(analysis);
    counts[table.name] = rows.length;
    writeFileSync(join(out, `${table.name}.json`), JSON.stringify(rows));
    writeFileSync(join(out, `${table.name}.csv`), csvFormat(rows) + "\n");
  }
  const seconds = (performance.now() - t0) / 1000;
  const words = analysis.articles.reduce((n, a) => n + a.doc.tokens.filter((t) => /[\p{L}\p{N}]/u.test(a.doc.text.slice(t.start, t.end))).length, 0);
  const sentences = analysis.articles.reduce((n, a) => n + a.doc.sentences.length, 0);
  if (analysis.articles.length === 0) {
    console.error(`framelens: no articles in ${positionals[0]} (expected .txt or .md files); wrote empty tables`);
  }
  console.log(
    `framelens: ${analysis.articles.length} articles, ${sentences} sentences, ${words} words, ${seconds.toFixed(2)} s` +
      ` (${analysis.analysed} analysed, ${analysis.cached} from cache, ${analysis.problems.length} skipped) → ${out}`,
  );
  return 0;
}

process.exitCode = main();
