import { parentPort } from "node:worker_threads";
import { runJob, type Job } from "../scale/job.ts";

/** Runs batches of jobs sent by `WorkerPool`; replies `{id, results}`. */
parentPort!.on("message", (msg: { id: number; jobs: Job[]; timing: boolean }) => {
  const results = msg.jobs.map((j) => runJob(j, msg.timing));
  parentPort!.postMessage({ id: msg.id, results });
});
parentPort!.postMessage({ ready: true });
