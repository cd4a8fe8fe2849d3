import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./global-setup.ts";

/**
 * A copy of the engine and the CLI taken now, with node_modules linked: tests
 * that compare several CLI runs byte for byte run this copy, so an edit to
 * `data-loaders/` while the suite runs cannot make two runs differ.
 */
export function snapshotEngine(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, "data-loaders"), join(dir, "data-loaders"), { recursive: true });
  mkdirSync(join(dir, "scripts"));
  cpSync(join(ROOT, "scripts", "analyze.ts"), join(dir, "scripts", "analyze.ts"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(ROOT, "package.json"), join(dir, "package.json"));
  return dir;
}
