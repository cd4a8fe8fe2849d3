import * as crypto from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Stage } from "../stage.ts";

/**
 * Cache keys per stage, so that a change re-runs only what depends on it.
 *
 * - The **doc key** covers the article's bytes and the code that reads,
 *   parses and segments it (the import closure of `doc.ts`).
 * - A **stage key** covers the stage's own inputs and the key of the stage
 *   before it (every stage sees the results of all earlier ones):
 *   `key(i) = hash(inputs(i), key(i-1))`, `key(-1) = doc key`.
 *
 * A stage's inputs are found automatically: the import closure of its module
 * `stages/<name>.ts` (relative `.ts` imports and JSON imports), plus every
 * file under `data/` whose file name occurs in that code (data read at run
 * time with `readFileSync`), plus the files the stage lists in its optional
 * `inputs` (paths relative to `data-loaders/`). A stage whose module cannot
 * be found falls back to the hash of the whole engine.
 */

export const ENGINE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const IMPORT = /(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function listFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (/\.(ts|json|csv|tsv|txt)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Every engine file reachable from `entries` by relative imports, plus data files named in that code. */
export function inputClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(ENGINE_DIR, e));
  let code = "";
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith(".ts")) continue;
    const src = readFileSync(file, "utf8");
    code += src;
    for (const m of src.matchAll(IMPORT)) stack.push(resolve(dirname(file), m[1] ?? m[2]));
  }
  const dataDir = join(ENGINE_DIR, "data");
  if (existsSync(dataDir)) for (const f of listFiles(dataDir)) if (!seen.has(f) && code.includes(basename(f))) seen.add(f);
  return [...seen].sort();
}

const fileHashes = new Map<string, string>();
function hashFiles(files: string[]): string {
  const h = crypto.createHash("sha256");
  for (const f of files) {
    let fh = fileHashes.get(f);
    if (!fh) fileHashes.set(f, (fh = crypto.createHash("sha256").update(readFileSync(f)).digest("hex")));
    h.update(relative(ENGINE_DIR, f)).update("\0").update(fh).update("\0");
  }
  return h.digest("hex");
}

let engineMemo: string | undefined;
/** Hash of every code and data file under `data-loaders/`. */
export function wholeEngineHash(): string {
  return (engineMemo ??= hashFiles(listFiles(ENGINE_DIR).sort()).slice(0, 16));
}

/** Files that a stage depends on (its import closure + declared inputs), or null when unknown. */
export function stageInputs(stage: Stage): string[] | null {
  const module = join(ENGINE_DIR, "stages", `${stage.name}.ts`);
  const declared = ((stage as { inputs?: string[] }).inputs ?? []).map((p) => resolve(ENGINE_DIR, p));
  if (!existsSync(module)) return declared.length ? inputClosure(declared) : null;
  return inputClosure([module, ...declared]);
}

export interface EngineKeys {
  /** hash of the reading/parsing/segmenting code */
  core: string;
  /** per stage (in order): hash of its own inputs and the indices of the earlier stages it reads */
  stages: { name: string; inputs: string; reads: number[] }[];
}

/**
 * Which earlier stages a stage reads: `prior.<name>` or `prior["<name>"]` in
 * its code; any other use of `prior[…]` (or unknown code) means all of them.
 */
export function stageReads(stages: readonly Stage[], i: number): number[] {
  const all = stages.slice(0, i).map((_, j) => j);
  const files = stageInputs(stages[i]);
  if (!files) return all;
  const code = files.filter((f) => f.endsWith(".ts")).map((f) => readFileSync(f, "utf8")).join("\n");
  const names = new Set<string>();
  for (const m of code.matchAll(/\bprior\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|\[\s*(["'])([^"']+)\2\s*\]|\[)/g)) {
    const name = m[1] ?? m[3];
    if (!name) return all; // prior[expr]: could be any stage
    names.add(name);
  }
  return all.filter((j) => names.has(stages[j].name));
}

let keysMemo: EngineKeys | undefined;
export function engineKeys(stages: readonly Stage[]): EngineKeys {
  if (keysMemo && keysMemo.stages.length === stages.length && keysMemo.stages.every((s, i) => s.name === stages[i].name)) return keysMemo;
  const core = hashFiles(inputClosure(["doc.ts", "corpus.ts", "corpus-stream.ts", "decode.ts"])).slice(0, 16);
  return (keysMemo = {
    core,
    stages: stages.map((s, i) => {
      const files = stageInputs(s);
      return { name: s.name, inputs: files ? hashFiles(files).slice(0, 16) : wholeEngineHash(), reads: stageReads(stages, i) };
    }),
  });
}

/** Forget memoised hashes (after engine files changed in a long-running process). */
export function resetKeys(): void {
  keysMemo = undefined;
  engineMemo = undefined;
  fileHashes.clear();
}

/**
 * SHA-256 of a string's UTF-8 bytes, as hex: `crypto.hash` (one native call, no Hash object; Node ≥ 20.12)
 * where there is one, else `createHash` — the same digest either way.
 */
export const sha256Hex: (s: string) => string =
  typeof (crypto as { hash?: unknown }).hash === "function"
    ? (s) => (crypto as unknown as { hash: (alg: string, data: string) => string }).hash("sha256", s)
    : (s) => crypto.createHash("sha256").update(s).digest("hex");

/** The doc key and chained stage keys of one article, given the hash of its source. */
export function articleKeys(keys: EngineKeys, sourceHash: string): { doc: string; stages: string[] } {
  // each hash over one string joined from its parts (the same bytes as updating part by part, with one
  // native call instead of several; the parts are hex digests and names, so no surrogate pairs across them)
  const doc = sha256Hex(keys.core + "\0" + sourceHash).slice(0, 24);
  const stages: string[] = [];
  for (const s of keys.stages) {
    let input = s.name + "\0" + s.inputs + "\0" + doc;
    for (const j of s.reads) input += "\0" + stages[j];
    stages.push(sha256Hex(input).slice(0, 24));
  }
  return { doc, stages };
}
