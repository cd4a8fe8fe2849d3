/**
 * Forget Framework's cached loader outputs (src/.observablehq/cache, except the
 * bundled packages under `_*`). Framework reuses a loader's output until the
 * loader file itself changes, but ours depend on the corpus and the engine;
 * the engine's own content-hash cache makes re-running them cheap.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../data-loaders/pipeline.ts";

export function forgetLoaderOutputs(root = PROJECT_ROOT): string[] {
  const cache = join(root, "src", ".observablehq", "cache");
  let entries: string[] = [];
  try {
    entries = readdirSync(cache).filter((e) => !e.startsWith("_"));
  } catch {
    return [];
  }
  for (const e of entries) rmSync(join(cache, e), { recursive: true, force: true });
  return entries;
}

if (import.meta.url === `file://${process.argv[1]}`) forgetLoaderOutputs();
