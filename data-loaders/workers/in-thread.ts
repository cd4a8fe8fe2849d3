import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { runJob, type RunJob } from "../scale/job.ts";
import { workerBundle } from "./bundle.ts";

let loaded: Promise<RunJob> | undefined;

/**
 * `runJob` for the calling thread, from the engine bundle the workers load (`bundle.ts`) when it builds.
 * Under tsx every function expression is wrapped at creation in a name-keeping helper
 * (`__name(fn, "name")`, an `Object.defineProperty` per closure made — ~2 % of a one-thread run, in the
 * stages' per-document closures), and the modules are compiled one by one through tsx's loader; the
 * bundle is plain JavaScript. The bundle has its own copy of the engine's module state (intern table,
 * compiled lexicons): jobs cross as plain data (`Job` in, packed bytes out), never as objects of either copy.
 * Falls back to the sources as loaded (tsx) when the bundle cannot be built, under vitest (whose module
 * runner would transform the bundle again), and with `FRAMELENS_WORKER_BUNDLE=0`. Loading it takes ~0.3 s,
 * so `analyzeStream` asks for it only once a run is past its first jobs.
 */
export function inThreadRunJob(): Promise<RunJob> {
  return (loaded ??= load());
}

async function load(): Promise<RunJob> {
  // vitest's own worker (not a process it spawns: those inherit its environment variables, hence the global)
  const underVitest = (globalThis as { __vitest_worker__?: unknown }).__vitest_worker__ !== undefined;
  if (underVitest || !isMainThread) return runJob;
  const bundle = await workerBundle();
  if (!bundle) return runJob;
  try {
    const mod = (await import(pathToFileURL(bundle).href)) as { runJob?: RunJob };
    return typeof mod.runJob === "function" ? mod.runJob : runJob;
  } catch {
    return runJob;
  }
}
