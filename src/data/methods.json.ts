// What the Methods page states as numbers: every data file of the engine with its source and
// licence, and the measured accuracy files (null until they have been written).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../../data-loaders/pipeline.ts";

const DATA = join(PROJECT_ROOT, "data-loaders", "data");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}
const size = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0);
const lexicons = files(DATA).filter((f) => f.endsWith(".json")).map((f) => {
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(readFileSync(f, "utf8")); } catch { /* not an object: listed without source */ }
  const entries = Object.entries(json).filter(([k]) => !["source", "licence", "license", "description", "note", "notes"].includes(k));
  return {
    file: relative(PROJECT_ROOT, f),
    source: String(json.source ?? ""),
    licence: String(json.licence ?? json.license ?? ""),
    description: String(json.description ?? ""),
    entries: entries.reduce((n, [, v]) => n + size(v), 0),
  };
});
function optional(path: string) {
  const p = join(PROJECT_ROOT, path);
  if (!existsSync(p)) return null;
  try { return JSON.parse(readFileSync(p, "utf8")); } catch { return null; }
}
process.stdout.write(JSON.stringify({
  lexicons,
  quoteEval: optional("src/data/quote-eval.json"),
  toneEval: optional("src/data/tone-eval.json"),
}));
