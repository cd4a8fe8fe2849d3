import { buildDoc, docToJson } from "../doc.ts";
import { tokenTexts } from "../segment.ts";
import { ArticleFormatError } from "../parse.ts";
import { resultFromJson, resultToJson } from "../stage.ts";
import { STAGES } from "../stages/index.ts";
import type { Doc } from "../types.ts";

/**
 * One article's analysis as a self-contained job, so that it runs the same in
 * this thread or in a worker: build the Doc, then run every stage whose
 * result is not already cached (cached results are passed in as JSON and
 * parsed only if a later stage reads them). Results go back as JSON strings,
 * which is also how they are stored (each stage's stored form, `stage.ts`), so serialisation happens in parallel.
 */
export interface Job {
  file: string;
  text: string;
  encoding: string;
  /** article id given by the source (a JSONL/CSV row's `id`) */
  id?: string;
  /** per stage: the cached result as JSON, or null to run it */
  cached: (string | null)[];
}

export type JobResult =
  | {
      ok: true;
      doc: string;
      stages: string[];
      ran: number;
      ms: number[];
      words: number;
      sentences: number;
      meta?: string;
      /**
       * From a worker (`packResults`): the doc and the stage results it ran as UTF-8 bytes in one transferred
       * buffer, `doc` and `stages` left empty; a stage given as cached is null (the caller has it).
       */
      bytes?: { doc: Uint8Array; stages: (Uint8Array | null)[] };
    }
  | { ok: false; message: string };

/**
 * A worker's batch of results made ready to send: each result's doc and the stage results it ran, as UTF-8,
 * in one buffer moved (not copied) to the main thread, which writes the bytes to the store as they are.
 * The encoding is done here, in the worker, instead of the main thread deserialising ~25 kB of strings per
 * article (allocated where they outlived scavenges) and encoding them again for the store; and the cached
 * results a job was given are not sent back.
 */
export function packResults(jobs: readonly Job[], results: JobResult[]): { results: JobResult[]; transfer: ArrayBuffer[] } {
  let cap = 0;
  for (let j = 0; j < results.length; j++) {
    const r = results[j];
    if (!r.ok) continue;
    cap += r.doc.length;
    for (let i = 0; i < r.stages.length; i++) if (jobs[j].cached[i] == null) cap += r.stages[i].length;
  }
  // at most 3 bytes per UTF-16 unit; one buffer of its own (not from the pool), so that it can be transferred
  const buf = Buffer.allocUnsafeSlow(3 * cap);
  let off = 0;
  const put = (str: string): Uint8Array => {
    const n = buf.write(str, off, "utf8");
    const view = new Uint8Array(buf.buffer, buf.byteOffset + off, n);
    off += n;
    return view;
  };
  const out = results.map((r, j): JobResult => {
    if (!r.ok) return r;
    const bytes = { doc: put(r.doc), stages: r.stages.map((s, i) => (jobs[j].cached[i] == null ? put(s) : null)) };
    return { ...r, doc: "", stages: [], bytes };
  });
  return { results: out, transfer: cap > 0 ? [buf.buffer as ArrayBuffer] : [] };
}

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
  const out: string[] = [];
  let ran = 0;
  try {
    for (let i = 0; i < STAGES.length; i++) {
      const stage = STAGES[i];
      const hit = job.cached[i];
      if (hit != null) {
        // parse lazily: only a later stage that reads it pays for it
        loaders[i] = () => resultFromJson(stage, hit);
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
        out.push(JSON.stringify(stored) ?? "null");
        ran++;
        continue;
      }
      const result = stage.run(doc, prior);
      if (timing) ms[i + 1] = performance.now() - t;
      values[i] = result;
      out.push(resultToJson(stage, result));
      ran++;
    }
  } catch (e) {
    return { ok: false, message: `analysis failed: ${(e as Error).stack ?? e}` };
  }
  // `meta`: the doc's metadata as JSON on its own (exactly the `meta` part of `doc`), so that the main thread
  // reads the metadata without parsing the whole doc, text and sentences included
  return { ok: true, doc: docToJson(doc), stages: out, ran, ms, words: tokenTexts(doc).words, sentences: doc.sentences.length, meta: JSON.stringify(doc.meta) };
}
