import { buildDoc, docToBytes } from "../doc.ts";
import { tokenTexts } from "../segment.ts";
import { ArticleFormatError } from "../parse.ts";
import { resultFromBytes, resultToBytes } from "../stage.ts";
import { packValue } from "./packed.ts";
import { STAGES } from "../stages/index.ts";
import type { Doc } from "../types.ts";

/**
 * One article's analysis as a self-contained job, so that it runs the same in
 * this thread or in a worker: build the Doc, then run every stage whose
 * result is not already cached (cached results are passed in as their stored
 * bytes and unpacked only if a later stage reads them). Results go back as
 * bytes, which is also how they are stored (each stage's stored form, packed:
 * `stage.ts`, `packed.ts`), so serialisation happens in parallel.
 */
export interface Job {
  file: string;
  text: string;
  encoding: string;
  /** article id given by the source (a JSONL/CSV row's `id`) */
  id?: string;
  /** per stage: the cached result's bytes, or null to run it */
  cached: (Uint8Array | null)[];
}

export type JobResult =
  | {
      ok: true;
      /** the doc's stored bytes (`docToBytes`) */
      doc: Uint8Array;
      /** per stage: the result's stored bytes; from a worker (`packResults`), null for a stage given as cached */
      stages: (Uint8Array | null)[];
      ran: number;
      ms: number[];
      words: number;
      sentences: number;
      /** the doc's metadata as JSON on its own (exactly the `meta` part of `doc`) */
      meta: string;
    }
  | { ok: false; message: string };

/**
 * A worker's batch of results made ready to send: each result's doc and the stage results it ran, copied into
 * one buffer that is moved (not copied) to the main thread, which writes the bytes to the store as they are.
 * (Each result's own bytes may be a slice of a shared pool buffer, which sending would copy whole.) The
 * cached results a job was given are not sent back.
 */
export function packResults(jobs: readonly Job[], results: JobResult[]): { results: JobResult[]; transfer: ArrayBuffer[] } {
  let cap = 0;
  for (let j = 0; j < results.length; j++) {
    const r = results[j];
    if (!r.ok) continue;
    cap += r.doc.length;
    for (let i = 0; i < r.stages.length; i++) if (jobs[j].cached[i] == null) cap += r.stages[i]!.length;
  }
  // one buffer of its own (not from the pool), so that it can be transferred
  const buf = new Uint8Array(new ArrayBuffer(cap));
  let off = 0;
  const put = (b: Uint8Array): Uint8Array => {
    buf.set(b, off);
    const view = buf.subarray(off, off + b.length);
    off += b.length;
    return view;
  };
  const out = results.map((r, j): JobResult => {
    if (!r.ok) return r;
    return { ...r, doc: put(r.doc), stages: r.stages.map((s, i) => (jobs[j].cached[i] == null ? put(s!) : null)) };
  });
  return { results: out, transfer: cap > 0 ? [buf.buffer] : [] };
}

/** `runJob`'s signature, for whoever runs jobs with another copy of it (`workers/in-thread.ts`) */
export type RunJob = (job: Job, timing?: boolean) => JobResult;

export function buildJobDoc(job: Pick<Job, "file" | "text" | "encoding" | "id">): Doc {
  const doc = buildDoc(job.file, job.text, job.encoding);
  if (job.id !== undefined) doc.meta.id = job.id;
  return doc;
}

/**
 * The results of a job's earlier stages as its later stages read them (`prior.actors`): one getter per stage
 * name on a prototype shared by every job, reading the job's slots, so that a result can be made on first read
 * (a cached result parsed, a stored form built into objects) without an accessor per job. An accessor defined
 * per job (`Object.defineProperty(prior, name, { get })`) gave every job's prior its own hidden class in old
 * space, whose getter closure kept the job's document and results alive through every scavenge: the
 * pipeline promoted ~110 kB per article, to be found by full collections.
 */
const VALUES = Symbol("values");
const LOADERS = Symbol("loaders");
interface PriorSlots { [VALUES]: unknown[]; [LOADERS]: ((() => unknown) | undefined)[] }
const PRIOR_PROTO: object = {};
STAGES.forEach((stage, i) => {
  Object.defineProperty(PRIOR_PROTO, stage.name, {
    enumerable: true,
    get(this: PriorSlots) {
      const load = this[LOADERS][i];
      if (load !== undefined) {
        this[LOADERS][i] = undefined;
        this[VALUES][i] = load();
      }
      return this[VALUES][i];
    },
  });
});

/** Run one job; `timing` fills per-stage milliseconds (for the benchmark). */
export function runJob(job: Job, timing = false): JobResult {
  let doc: Doc;
  const ms: number[] = new Array(STAGES.length + 1).fill(0);
  let t = timing ? performance.now() : 0;
  try {
    doc = buildJobDoc(job);
  } catch (e) {
    if (e instanceof ArticleFormatError) return { ok: false, message: e.message };
    return { ok: false, message: `analysis failed: ${(e as Error).stack ?? e}` };
  }
  if (timing) ms[0] = performance.now() - t;
  const slots = Object.create(PRIOR_PROTO) as PriorSlots;
  const values: unknown[] = (slots[VALUES] = new Array(STAGES.length).fill(undefined));
  const loaders: ((() => unknown) | undefined)[] = (slots[LOADERS] = new Array(STAGES.length).fill(undefined));
  const prior = slots as unknown as Record<string, unknown>;
  const out: (Uint8Array | null)[] = [];
  let ran = 0;
  try {
    for (let i = 0; i < STAGES.length; i++) {
      const stage = STAGES[i];
      const hit = job.cached[i];
      if (hit != null) {
        // parse lazily: only a later stage that reads it pays for it
        loaders[i] = () => resultFromBytes(stage, hit);
        out.push(hit);
        continue;
      }
      if (timing) t = performance.now();
      if (stage.runStored && stage.fromStored) {
        // the stored form directly; the result's objects only if a later stage reads them
        const stored = stage.runStored(doc, prior);
        if (timing) ms[i + 1] = performance.now() - t;
        const fromStored = stage.fromStored;
        loaders[i] = () => fromStored(stored);
        out.push(packValue(stored));
        ran++;
        continue;
      }
      const result = stage.run(doc, prior);
      if (timing) ms[i + 1] = performance.now() - t;
      values[i] = result;
      out.push(resultToBytes(stage, result));
      ran++;
    }
  } catch (e) {
    return { ok: false, message: `analysis failed: ${(e as Error).stack ?? e}` };
  }
  // `meta`: the doc's metadata as JSON on its own (exactly the `meta` part of `doc`), so that the main thread
  // reads the metadata without unpacking the whole doc, text and sentences included
  return { ok: true, doc: docToBytes(doc), stages: out, ran, ms, words: tokenTexts(doc).words, sentences: doc.sentences.length, meta: JSON.stringify(doc.meta) };
}
