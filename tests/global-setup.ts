import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { forgetLoaderOutputs } from "../scripts/fresh-loaders.ts";

export const ROOT = join(import.meta.dirname, "..");
export const TEST_OUTPUT = join(ROOT, "test-output");
export const BUILD_LOG = join(TEST_OUTPUT, "build.json");

/**
 * Build the site once for the build and browser suites (`observable build`
 * on the seed corpus, into dist/). The outcome is recorded, not thrown, so
 * that the build suite reports a failed build as a failed test.
 */
export default function setup(): void {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  if (process.env.FRAMELENS_SKIP_BUILD) return;
  forgetLoaderOutputs(ROOT); // never ship a loader output computed from another corpus or an older engine
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FRAMELENS_CORPUS: join(ROOT, "corpus") },
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(
    BUILD_LOG,
    JSON.stringify({ status: result.status, seconds: (Date.now() - t0) / 1000, stdout: result.stdout, stderr: result.stderr }, null, 2),
  );
}
