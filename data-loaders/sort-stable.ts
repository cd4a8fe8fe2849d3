/**
 * `list.sort(cmp)` for lists that are already nearly in order (a stage's
 * mentions, with a few later additions to fold in): by insertion, which costs
 * the list's length plus the number of out-of-order pairs, where V8's sort
 * allocates its work arrays and calls the comparator through a builtin on
 * every call. Both sorts are stable, so the result is the same.
 *
 * Sorts the first `n` items of any indexable list (an array, or a typed
 * array of item numbers). When the out-of-order pairs pass a budget (a list
 * far from sorted), the rest is left to `Array.prototype.sort`: insertion so
 * far kept equal items in their original order, so the stable sort still
 * gives the same result.
 */
export function sortStable<V, L extends { [i: number]: V; length: number }>(list: L, cmp: (a: V, b: V) => number, n = list.length): L {
  let budget = 4 * n + 64;
  for (let i = 1; i < n; i++) {
    const x = list[i];
    let j = i - 1;
    while (j >= 0 && cmp(list[j], x) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = x;
    budget -= i - 1 - j;
    if (budget < 0) {
      const rest = (Array.prototype.slice.call(list, 0, n) as V[]).sort(cmp);
      for (let k = 0; k < n; k++) list[k] = rest[k];
      return list;
    }
  }
  return list;
}
