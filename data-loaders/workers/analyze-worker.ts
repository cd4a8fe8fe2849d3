import { parentPort } from "node:worker_threads";
import { packResults, runJob, type Job } from "../scale/job.ts";

/** Runs batches of jobs sent by `WorkerPool`; replies `{id, results}` (results as packed bytes in one transferred buffer, `packResults`). */
parentPort!.on("message", (msg: { id: number; jobs: Job[]; timing: boolean }) => {
  const { results, transfer } = packResults(msg.jobs, msg.jobs.map((j) => runJob(j, msg.timing)));
  parentPort!.postMessage({ id: msg.id, results }, transfer);
});
parentPort!.postMessage({ ready: true });
