/**
 * Values computed from an array (a document's tokens, a sentence's tokens or cues) kept on the array itself
 * for as long as the array lives. Not in a WeakMap keyed by the array: V8's scavenges keep a WeakMap's entries
 * alive, so every short-lived array and its values outlived the young generation, were promoted and waited for
 * a full collection (the pipeline promoted ~130 kB per article).
 *
 * All of an array's values sit in one holder (an array indexed by `memoKey()` slots) under one symbol
 * property. With a property per value, an array's hidden class depended on which values were kept on
 * it and in what order, so the functions reading sentence token arrays met many shapes of them and
 * deoptimised ("wrong map") or ran polymorphic; with one holder there are two shapes (with and without),
 * and arrays given their holder when made (`withMemos`) have one.
 * A frozen array, which cannot take the property, has its holder in a WeakMap.
 */
const MEMOS = Symbol("framelens.memos");
const FROZEN = new WeakMap<object, unknown[]>();
let slots = 0;

type WithMemos = { [MEMOS]?: unknown[] };

/** A slot for one kind of value kept on arrays; taken once, at module load. */
export function memoKey(): number {
  return slots++;
}

/** What `keepOn` kept on `arr` under `key`, or undefined. */
export function keptOn<V>(arr: object, key: number): V | undefined {
  const h = (arr as WithMemos)[MEMOS];
  return (h !== undefined ? h[key] : FROZEN.get(arr)?.[key]) as V | undefined;
}

/** Keep `value` on `arr` under `key`; returns it. */
export function keepOn<V>(arr: object, key: number, value: V): V {
  const h = (arr as WithMemos)[MEMOS] ?? holder(arr);
  h[key] = value;
  return value;
}

/** `arr` with its holder already in place, so that every array made this way has one hidden class. */
export function withMemos<T extends object>(arr: T): T {
  if ((arr as WithMemos)[MEMOS] === undefined) holder(arr);
  return arr;
}

function holder(arr: object): unknown[] {
  const h: unknown[] = [];
  // a plain store, not `Object.defineProperty` (a runtime call, paid for every sentence and cue list): a symbol
  // key is left out by `Object.keys`, `JSON.stringify`, `for … in` and spreading the array all the same
  if (Object.isExtensible(arr)) (arr as WithMemos)[MEMOS] = h;
  else {
    const f = FROZEN.get(arr);
    if (f) return f;
    FROZEN.set(arr, h);
  }
  return h;
}
