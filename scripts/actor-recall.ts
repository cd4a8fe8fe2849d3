/**
 * npm run eval:actors -- [split-dir ...] [--show N]
 *
 * Recall of the actor stage on the German news quotation attribution dataset
 * (default: the train and dev splits in ../shared/corpora/wikinews-quotes/):
 * the share of gold speaker spans that an actor mention of a person or
 * organisation (registry or discovered) overlaps. Documents are built with
 * text exactly equal to `originalText`, so gold character offsets apply.
 * Reported per split, overall, and separately for pronoun speakers (`er`,
 * `sie`), so that name discovery and coreference can be told apart.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { docFromText } from "../data-loaders/text-doc.ts";
import { actorInfo, analyzeActors, type ActorsResult } from "../data-loaders/stages/actors.ts";

const DEFAULT_SPLITS = ["train", "dev"].map((s) => resolve(import.meta.dirname, "..", "..", "shared", "corpora", "wikinews-quotes", s));
const PRONOUN = /^(er|sie|ihm|ihn|ihr|ihnen|es|ich|wir|man|dieser|diese|der|die)$/i;

interface GoldSpan { charBegin: number; charEnd: number }
interface GoldDoc {
  originalText: string;
  annotations: { speaker?: { spans: GoldSpan[] } }[];
}

interface Tally { spans: number; covered: number; pronoun: number; pronounCovered: number }
const tally = (): Tally => ({ spans: 0, covered: 0, pronoun: 0, pronounCovered: 0 });
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) + "%" : "–");

function coveredBy(result: ActorsResult, start: number, end: number): boolean {
  for (const m of result.mentions) {
    if (m.start >= end) break;
    if (m.end <= start) continue;
    const kind = actorInfo(m.actorId, result)?.kind;
    if (kind === "person" || kind === "organisation") return true;
  }
  return false;
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { show: { type: "string" } } });
  const dirs = positionals.length ? positionals.map((p) => resolve(p)) : DEFAULT_SPLITS;
  const show = Number(values.show ?? 0);
  const total = tally();
  const misses: string[] = [];
  let words = 0;
  let ms = 0;
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    } catch (e) {
      console.error(`actor-recall: cannot read ${dir}: ${(e as Error).message}`);
      return 2;
    }
    const t = tally();
    for (const f of files) {
      const gold = JSON.parse(readFileSync(join(dir, f), "utf8")) as GoldDoc;
      const text = gold.originalText;
      const t0 = performance.now();
      const doc = docFromText(text, f);
      const result = analyzeActors(doc);
      ms += performance.now() - t0;
      words += doc.tokens.length;
      const seen = new Set<string>();
      for (const a of gold.annotations) {
        for (const s of a.speaker?.spans ?? []) {
          const key = `${s.charBegin}:${s.charEnd}`;
          if (seen.has(key)) continue; // one speaker span shared by several quotes counts once
          seen.add(key);
          const spanText = text.slice(s.charBegin, s.charEnd);
          const isPronoun = PRONOUN.test(spanText.trim());
          const hit = coveredBy(result, s.charBegin, s.charEnd);
          t.spans++;
          if (hit) t.covered++;
          if (isPronoun) {
            t.pronoun++;
            if (hit) t.pronounCovered++;
          }
          if (!hit && misses.length < show) misses.push(`${basename(dir)}/${f}: ${JSON.stringify(spanText)}`);
        }
      }
    }
    for (const k of Object.keys(t) as (keyof Tally)[]) total[k] += t[k];
    report(basename(dir), files.length, t);
  }
  if (dirs.length > 1) report("all", NaN, total);
  console.log(`(${words} tokens in ${(ms / 1000).toFixed(2)} s: ${Math.round(words / (ms / 1000))} tokens/s for segmentation + actor stage, one cold pass)`);
  if (misses.length) console.log(`\nuncovered speaker spans (first ${misses.length}):\n${misses.join("\n")}`);
  return 0;
}

function report(name: string, docs: number, t: Tally): void {
  const names = t.spans - t.pronoun;
  const namesCovered = t.covered - t.pronounCovered;
  console.log(
    `${name.padEnd(6)} ${Number.isNaN(docs) ? "" : `${docs} docs, `}${t.spans} speaker spans: covered ${t.covered} = ${pct(t.covered, t.spans)}` +
      ` | non-pronoun ${namesCovered}/${names} = ${pct(namesCovered, names)} | pronoun ${t.pronounCovered}/${t.pronoun} = ${pct(t.pronounCovered, t.pronoun)}`,
  );
}

process.exitCode = main();
