/**
 * npm run dev [-- preview options]: Framework's preview, plus re-running the
 * data loaders when the corpus or the engine changes. Framework re-runs a
 * loader only when the loader file itself changes, so touching the loader
 * files is what makes an edited article, lexicon or extractor show up in the
 * open page. A new or removed article also touches the config, so that the
 * page list and the per-article pages follow.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, utimesSync, watch } from "node:fs";
import { join, relative } from "node:path";
import { DEFAULT_CORPUS, PROJECT_ROOT } from "../data-loaders/pipeline.ts";
import { forgetLoaderOutputs } from "./fresh-loaders.ts";

const LOADER = /\.(js|ts|py|sh)$/;

function loaderFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== ".observablehq") out.push(...loaderFiles(p));
    else if (/\.[a-z]+\.(js|ts|py|sh)$/.test(e.name) && LOADER.test(e.name)) out.push(p);
  }
  return out;
}

function touch(files: string[]): void {
  const now = new Date();
  for (const f of files) if (existsSync(f)) utimesSync(f, now, now);
}

// the corpus or the engine may have changed since the last run
forgetLoaderOutputs();

const args = process.argv.slice(2);
const preview = spawn(
  process.execPath,
  [join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "preview", "--no-open", ...args],
  { cwd: PROJECT_ROOT, stdio: "inherit", env: process.env },
);
preview.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));

let pending: NodeJS.Timeout | undefined;
let listingChanged = false;
const changed = new Set<string>();

function schedule(path: string, listing: boolean): void {
  changed.add(path);
  listingChanged ||= listing;
  clearTimeout(pending);
  pending = setTimeout(() => {
    const loaders = loaderFiles(join(PROJECT_ROOT, "src"));
    touch(loaders);
    if (listingChanged) touch([join(PROJECT_ROOT, "observablehq.config.ts")]);
    console.log(`framelens: ${[...changed].join(", ")} changed → re-running ${loaders.length} loaders`);
    changed.clear();
    listingChanged = false;
  }, 250);
}

const watchers: [string, string][] = [
  [DEFAULT_CORPUS, "corpus"],
  [join(PROJECT_ROOT, "data-loaders"), "engine"],
];
for (const [dir, kind] of watchers) {
  if (!existsSync(dir)) continue;
  watch(dir, { recursive: true }, (event, file) => {
    if (!file || file.startsWith(".") || file.endsWith(".tmp")) return;
    schedule(relative(PROJECT_ROOT, join(dir, file)), kind === "corpus" && event === "rename");
  });
}
