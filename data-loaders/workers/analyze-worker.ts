import { parentPort } from "node:worker_threads";
import { packResults, runJob, type Job } from "../scale/job.ts";

/**
 * The engine's entry point, bundled (`bundle.ts`). In a worker thread it runs batches of jobs sent by
 * `WorkerPool` and replies `{id, results}` (results as packed bytes in one transferred buffer, `packResults`);
 * in the calling thread (`in-thread.ts`) it is imported for `runJob`, so that every analysing thread runs the
 * same compiled code.
 */
export { runJob };

parentPort?.on("message", (msg: { id: number; jobs: Job[]; timing: boolean }) => {
  const { results, transfer } = packResults(msg.jobs, msg.jobs.map((j) => runJob(j, msg.timing)));
  parentPort!.postMessage({ id: msg.id, results }, transfer);
});
parentPort?.postMessage({ ready: true });
