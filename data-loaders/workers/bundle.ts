import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { wholeEngineHash } from "../scale/keys.ts";

const WORKER_MODULE = fileURLToPath(new URL("./analyze-worker.ts", import.meta.url));

/**
 * The worker module and everything it imports as one plain JavaScript file,
 * built with esbuild (tsx's own compiler) once per engine version and kept in
 * the temporary folder. A worker that loads it needs no tsx loader thread and
 * no per-module transform, so it is ready in a fraction of the time, and runs
 * the code without tsx's name-keeping wrappers.
 *
 * Each module's `import.meta.url` is replaced by the URL of its own source
 * file, so that data files are found next to the sources as before.
 * Returns null when esbuild is not available or the build fails; the pool
 * then starts workers through tsx. `FRAMELENS_WORKER_BUNDLE=0` turns it off.
 */
export async function workerBundle(): Promise<string | null> {
  if (process.env.FRAMELENS_WORKER_BUNDLE === "0") return null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require("esbuild") as typeof import("esbuild");
    const dir = join(tmpdir(), "framelens-worker");
    // the bundle holds absolute source paths (see below), so two checkouts of the same engine
    // (a fresh clone beside the working tree) each need their own: the one whose folder was
    // deleted would otherwise be loaded by the other and fail to find its data files
    const checkout = createHash("sha256").update(WORKER_MODULE).digest("hex").slice(0, 12);
    const file = join(dir, `analyze-${wholeEngineHash()}-${checkout}-${esbuild.version}.mjs`);
    if (existsSync(file)) return file;
    const out = await esbuild.build({
      entryPoints: [WORKER_MODULE],
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node.split(".")[0]}`,
      // esbuild's table lowers `/\p{L}/u` to `new RegExp("\\p{L}", "u")` even for Node 20, which in a function
      // body builds a RegExp object at every call; Node has had property escapes since 10
      supported: { "regexp-unicode-property-escapes": true },
      write: false,
      logLevel: "silent",
      // CommonJS packages inside an ES module bundle still call require() for Node's built-ins
      banner: { js: "import { createRequire as __framelensRequire } from 'node:module'; const require = __framelensRequire(import.meta.url);" },
      plugins: [
        {
          name: "own-import-meta-url",
          setup(build) {
            build.onLoad({ filter: /\.ts$/ }, (args) => ({
              contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
              loader: "ts",
            }));
          },
        },
      ],
    });
    const code = out.outputFiles[0].text;
    mkdirSync(dir, { recursive: true });
    // written under a temporary name and renamed: a concurrent run never loads half a file
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    // bundles of earlier engine versions (one per edit during development): gone after a day
    for (const f of readdirSync(dir)) {
      const path = join(dir, f);
      if (path !== file && f.startsWith("analyze-") && Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { force: true });
    }
    return file;
  } catch {
    return null;
  }
}
