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
  const h = (arr as WithMemos)[MEMOS] ?? holder(arr, false);
  h[key] = value;
  return value;
}

/**
 * `arr` with its holder already in place, so that every array made this way has one hidden class. For arrays
 * a stage makes and keeps to itself (a sentence's tokens, a cue list), made in numbers: the holder is set by a
 * plain store, as an enumerable symbol property — left out by `Object.keys`, `JSON.stringify`, `for … in` and
 * copies all the same — because `Object.defineProperty`, a runtime call, cost more than the values it kept
 * (84 ms in a 3,000-article profile). Arrays that others read and compare (a document's tokens) get their
 * holder from `keepOn`, non-enumerable, so a deep equality sees nothing new on them.
 */
export function withMemos<T extends object>(arr: T): T {
  if ((arr as WithMemos)[MEMOS] === undefined) holder(arr, true);
  return arr;
}

function holder(arr: object, plain: boolean): unknown[] {
  const h: unknown[] = [];
  if (!Object.isExtensible(arr)) {
    const f = FROZEN.get(arr);
    if (f) return f;
    FROZEN.set(arr, h);
  } else if (plain) (arr as WithMemos)[MEMOS] = h;
  else Object.defineProperty(arr, MEMOS, { value: h, writable: false, configurable: false, enumerable: false });
  return h;
}
