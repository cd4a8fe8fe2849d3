import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { runJob, type Job, type JobResult, type RunJob } from "../scale/job.ts";
import { workerBundle } from "./bundle.ts";

const ENTRY = new URL("./entry.mjs", import.meta.url);
const MODULE = new URL("./analyze-worker.ts", import.meta.url).href;

/** Number of worker threads by default: every core. */
export function defaultWorkers(): number {
  const env = Number(process.env.FRAMELENS_WORKERS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

/** Batches a worker may have queued before the calling thread takes the next one itself. */
const QUEUED_PER_WORKER = 2;

export interface PoolOptions {
  /**
   * The calling thread is one of the `size` analysis threads: the pool starts
   * `size - 1` workers, and the caller analyses a batch itself while no worker
   * is ready yet and whenever every worker already has
   * `QUEUED_PER_WORKER` batches queued. Each worker thread is a new V8 isolate
   * that loads the engine (~0.5 s) and compiles its hot functions again
   * (~2 s of CPU for 1,000 articles, measured as the CPU time two worker
   * threads add over one thread), so on two cores "the caller and one worker"
   * beats "two workers and a caller that waits".
   */
  caller?: boolean;
  /** `runJob` for the batches the caller analyses itself (`in-thread.ts`) */
  runInThread?: RunJob;
  /** a worker script to start instead of the engine (for tests of how the pool fails) */
  script?: URL;
}

interface Slot { w: Worker | undefined; busy: number; ready: Promise<void>; markReady: () => void; isReady: boolean }

/**
 * A fixed pool of analysis threads (node:worker_threads). Batches go to the
 * least busy worker; each worker loads the engine once. `run` resolves with
 * the results of a batch in job order.
 */
export class WorkerPool {
  private workers: Slot[] = [];
  private pending = new Map<number, { resolve: (r: JobResult[]) => void; reject: (e: Error) => void; worker: number }>();
  private nextId = 0;
  private failed: Error | undefined;
  private readonly caller: boolean;
  private readonly runInThread: RunJob;
  /** the worker threads started (they load the engine bundle when it builds, else the TypeScript sources through tsx) */
  private readonly started: Promise<void>;
  private closed = false;
  /** the caller's previous decision (see `run`) */
  private gate: Promise<void> = Promise.resolve();

  constructor(readonly size: number, options: PoolOptions = {}) {
    this.caller = !!options.caller;
    this.runInThread = options.runInThread ?? runJob;
    const threads = this.caller ? Math.max(1, size - 1) : size;
    for (let i = 0; i < threads; i++) {
      let markReady!: () => void;
      const ready = new Promise<void>((r) => (markReady = r));
      this.workers.push({ w: undefined, busy: 0, ready, markReady, isReady: false });
    }
    const bundle = options.script ? Promise.resolve(options.script.pathname) : workerBundle();
    this.started = bundle.then((bundle) => {
      if (this.closed) return;
      for (const slot of this.workers) this.spawn(slot, bundle);
    }).catch((e) => this.fail(e as Error));
  }

  private spawn(slot: Slot, bundle: string | null): void {
    const w = bundle
      ? new Worker(pathToFileURL(bundle), { stdout: false, stderr: false })
      : new Worker(ENTRY, { workerData: { module: MODULE }, stdout: false, stderr: false });
    slot.w = w;
    w.on("message", (msg: { ready?: boolean; id?: number; results?: JobResult[] }) => {
      if (msg.ready) {
        slot.isReady = true;
        return slot.markReady();
      }
      const p = this.pending.get(msg.id!);
      if (!p) return;
      this.pending.delete(msg.id!);
      this.workers[p.worker].busy--;
      p.resolve(msg.results!);
    });
    w.on("error", (e) => this.fail(e));
    w.on("exit", (code) => {
      if (code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`));
    });
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    // batches waiting for a worker that died while starting (a load error) would wait forever;
    // released, they see `failed` and reject
    for (const slot of this.workers) slot.markReady();
  }

  async run(jobs: Job[], timing = false): Promise<JobResult[]> {
    if (this.failed) throw this.failed;
    if (!this.caller) return this.post(jobs, timing);
    // Decisions are taken one at a time, each after a turn of the event loop, so that the
    // workers' "ready" and result messages that arrived meanwhile are counted (batches are
    // dispatched in bursts; decided together, they all saw the worker busy and all ran here
    // while the worker, its queue done, waited).
    const prev = this.gate;
    let release!: () => void;
    this.gate = new Promise<void>((r) => (release = r));
    try {
      await prev;
      await new Promise<void>((r) => setImmediate(r));
      if (this.failed) throw this.failed;
      if (this.workers.every((x) => !x.isReady || x.busy >= QUEUED_PER_WORKER)) return jobs.map((j) => this.runInThread(j, timing));
      return this.post(jobs, timing);
    } finally {
      release();
    }
  }

  /** Send a batch to the least busy worker, among those ready if any are (a batch does not queue behind a start-up). */
  private post(jobs: Job[], timing: boolean): Promise<JobResult[]> {
    const anyReady = this.workers.some((x) => x.isReady);
    let best = -1;
    for (let i = 0; i < this.workers.length; i++) {
      const x = this.workers[i];
      if ((x.isReady || !anyReady) && (best < 0 || x.busy < this.workers[best].busy)) best = i;
    }
    const slot = this.workers[best];
    slot.busy++;
    return slot.ready.then(() => {
      if (this.failed) throw this.failed;
      const id = this.nextId++;
      return new Promise<JobResult[]>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, worker: best });
        slot.w!.postMessage({ id, jobs, timing });
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.started;
    await Promise.all(this.workers.map(({ w }) => w?.terminate()));
    this.workers = [];
  }
}
