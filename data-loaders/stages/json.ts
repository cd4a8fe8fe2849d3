/**
 * Hand-written JSON for the largest stage results (tone, frames): the same
 * bytes as `JSON.stringify(result)` (tests/stage-json.test.ts checks it on
 * every stage result of the seeds, synthetic and hostile articles), about
 * twice as fast, because the shape is known — no property enumeration, no
 * type dispatch per value. Strings without characters that JSON escapes are
 * copied as they are; any other string, and any number that is not finite,
 * goes through `JSON.stringify` itself.
 *
 * A stage offers it as `json(result)` beside `run` (`StageJson`); the job
 * (scale/job.ts) and the benchmark use it when present.
 */

/** A string as JSON (`JSON.stringify(s)`). */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // control characters, `"`, `\` and surrogates (a lone one is escaped) take the general path
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

/** A number as JSON (`JSON.stringify(x)`: `null` for NaN and ±Infinity, `0` for −0). */
export function jsonNumber(x: number): string {
  return typeof x === "number" && Number.isFinite(x) ? "" + x : JSON.stringify(x) ?? "null";
}

/** A boolean as JSON (anything else through `JSON.stringify`). */
export function jsonBool(b: boolean): string {
  return b === true ? "true" : b === false ? "false" : JSON.stringify(b) ?? "null";
}

/** `{"key": number, …}` of a record of numbers, in `JSON.stringify`'s key order (`Object.keys`). */
export function jsonNumberRecord(r: Record<string, number>): string {
  let o = "{";
  let first = true;
  const keys = Object.keys(r);
  for (let i = 0; i < keys.length; i++) {
    const v = r[keys[i]];
    if (v === undefined) continue; // omitted, as JSON.stringify does
    o += (first ? "" : ",") + jsonString(keys[i]) + ":" + jsonNumber(v);
    first = false;
  }
  return o + "}";
}

/** `["a","b"]` of a list of strings. */
export function jsonStringList(l: readonly string[]): string {
  let o = "[";
  for (let i = 0; i < l.length; i++) o += (i ? "," : "") + jsonString(l[i]);
  return o + "]";
}

/** A stage that can write its own result as JSON (byte-identical to `JSON.stringify`). */
export interface StageJson<T> {
  json(result: T): string;
}

/** The stage's JSON of `result`: its own writer when it has one, else `JSON.stringify` ("null" for undefined). */
export function stageResultJson(stage: object, result: unknown): string {
  const own = (stage as Partial<StageJson<unknown>>).json;
  return typeof own === "function" ? own(result) : JSON.stringify(result) ?? "null";
}
