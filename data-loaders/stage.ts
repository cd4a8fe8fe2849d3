import { PackedFormatError, packValue, unpackValue } from "./scale/packed.ts";
import type { Doc } from "./types.ts";

/**
 * A pipeline stage: a pure function from a document (and the results of the
 * stages that ran before it, keyed by stage name) to its annotations. Spans in
 * the result are `[start, end)` offsets into `doc.text`.
 *
 * A stage may give its result a smaller stored form (the cache, and what a
 * worker sends back): `toStored` makes a JSON-able value of it — flat arrays
 * instead of one object per hit — and `fromStored` makes exactly the result
 * again (same keys in the same order, same values). The stored form is then
 * packed into bytes (`scale/packed.ts`: numbers in typed columns, exactly
 * what a JSON round trip would give). Both live in the stage's module and its
 * imports, so the stage's cache key (its import closure, `scale/keys.ts`)
 * changes with the format: a record of an older format is never looked up.
 */
export interface Stage<T = unknown> {
  name: string;
  run(doc: Doc, prior: Readonly<Record<string, unknown>>): T;
  toStored?(result: T): unknown;
  fromStored?(stored: unknown): T;
  /**
   * `run` giving the stored form directly (`toStored(run(doc, prior))`, without building the result's objects
   * first): a job stores and sends it, and builds the result (`fromStored`) only if a later stage reads it.
   */
  runStored?(doc: Doc, prior: Readonly<Record<string, unknown>>): unknown;
}

/** A stage result as the bytes the cache stores (its stored form, packed). */
export function resultToBytes<T>(stage: Stage<T>, result: T): Buffer {
  return packValue(stage.toStored ? stage.toStored(result) : result);
}

/** A stage result from the bytes the cache stores; `StoredFormatError` for bytes of another format. */
export function resultFromBytes<T>(stage: Stage<T>, bytes: Uint8Array): T {
  let v: unknown;
  try {
    v = unpackValue(bytes);
  } catch (e) {
    throw e instanceof PackedFormatError ? new StoredFormatError(stage.name) : e;
  }
  return stage.fromStored ? stage.fromStored(v) : (v as T);
}

/**
 * Whether `row`'s own enumerable keys are `keys`, in that order — what a stored form of fixed columns checks
 * before it drops the keys (JSON and the packed form keep them in this order).
 */
export function hasKeys(row: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const key in row) if (key !== keys[j++]) return false;
  return j === keys.length;
}

/** a number an `Int32Array` holds exactly (-0 not: the column would give back 0) */
export const isInt32 = (x: unknown): x is number => typeof x === "number" && (x | 0) === x && !Object.is(x, -0);

/** A stored form that is not the one this code writes (a damaged record or a format mix-up). */
export class StoredFormatError extends Error {
  constructor(stage: string) {
    super(`cached ${stage} result is not in the current stored format`);
    this.name = "StoredFormatError";
  }
}

/**
 * Rows of one shape (objects with the same keys in the same order, e.g. the
 * quotes of a document) as the keys of the first and one flat array of values:
 * `{ k: keys, v: values }`. Rows of differing shape, or with an `undefined`
 * value (which JSON drops from an object but not from an array), are stored
 * as they are (`{ r: rows }`), so any rows come back exactly as JSON would
 * have given them.
 */
export function rowsToStored(rows: readonly object[]): { k: string[]; v: unknown[] } | { r: readonly object[] } {
  if (rows.length === 0) return { k: [], v: [] };
  const keys = Object.keys(rows[0]);
  if (keys.includes("__proto__")) return { r: rows }; // an own "__proto__" key would not come back by assignment
  const n = keys.length;
  const v: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    let j = 0;
    for (const key in row) {
      if (j >= n || key !== keys[j]) return { r: rows };
      const x = row[key];
      if (x === undefined || typeof x === "function" || typeof x === "symbol") return { r: rows };
      v.push(x);
      j++;
    }
    if (j !== n) return { r: rows };
  }
  return { k: keys, v };
}

/** The rows `rowsToStored` stored. */
export function rowsFromStored<T>(stored: unknown, stage: string): T[] {
  const st = stored as { k?: unknown; v?: unknown; r?: unknown };
  if (st && Array.isArray(st.r)) return st.r as T[];
  if (!st || !Array.isArray(st.k) || !Array.isArray(st.v)) throw new StoredFormatError(stage);
  const keys = st.k as string[], v = st.v as unknown[];
  const n = keys.length;
  if (n === 0) return [];
  const rows: T[] = new Array(v.length / n);
  for (let i = 0, r = 0; i < v.length; i += n, r++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < n; j++) row[keys[j]] = v[i + j];
    rows[r] = row as T;
  }
  return rows;
}
