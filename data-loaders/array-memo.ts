/**
 * Values computed from an array (a document's tokens, a sentence's tokens or cues) kept on the array itself,
 * as a non-enumerable symbol property, for as long as the array lives. Not in a WeakMap keyed by the array:
 * V8's scavenges keep a WeakMap's entries alive, so every short-lived array and its values outlived the young
 * generation, were promoted and waited for a full collection (the pipeline promoted ~130 kB per article).
 * A frozen array, which cannot take the property, falls back to a WeakMap per key.
 */
const FROZEN = new Map<symbol, WeakMap<object, unknown>>();

/** What `keepOn` kept on `arr` under `key`, or undefined. */
export function keptOn<V>(arr: object, key: symbol): V | undefined {
  const v = (arr as Record<symbol, V | undefined>)[key];
  return v !== undefined ? v : (FROZEN.get(key)?.get(arr) as V | undefined);
}

/** Keep `value` on `arr` under `key`; returns it. */
export function keepOn<V>(arr: object, key: symbol, value: V): V {
  if (Object.isExtensible(arr)) Object.defineProperty(arr, key, { value, writable: true, configurable: true, enumerable: false });
  else {
    let m = FROZEN.get(key);
    if (!m) FROZEN.set(key, (m = new WeakMap()));
    m.set(arr, value);
  }
  return value;
}
