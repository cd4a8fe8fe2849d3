import { describe, expect, it } from "vitest";
import { keepOn, keptOn, memoKey, withMemos } from "../data-loaders/array-memo.ts";

describe("values kept on arrays", () => {
  const A = memoKey(), B = memoKey();
  it("keeps each key's value apart, on that array only", () => {
    const x = [1, 2, 3], y = [1, 2, 3];
    expect(keptOn(x, A)).toBeUndefined();
    expect(keepOn(x, A, "a")).toBe("a");
    keepOn(x, B, { b: 1 });
    expect(keptOn(x, A)).toBe("a");
    expect(keptOn(x, B)).toEqual({ b: 1 });
    expect(keptOn(y, A)).toBeUndefined();
    keepOn(x, A, "a2");
    expect(keptOn(x, A)).toBe("a2");
  });
  it("leaves the array as it was for every reader: same elements, keys and JSON", () => {
    const x = withMemos(["p", "q"]);
    keepOn(x, A, new Int32Array(3));
    expect(Object.keys(x)).toEqual(["0", "1"]);
    expect(JSON.stringify(x)).toBe('["p","q"]');
    expect([...x]).toEqual(["p", "q"]);
    expect(x.slice()).toEqual(["p", "q"]);
    expect(keptOn(x.slice(), A)).toBeUndefined(); // a copy does not share the original's values
    const seen: string[] = [];
    for (const k in x) seen.push(k);
    expect(seen).toEqual(["0", "1"]);
    expect(x.length).toBe(2);
  });
  it("leaves an array given values by keepOn deeply equal to a copy without them", () => {
    const x = [{ start: 0, end: 1 }];
    keepOn(x, A, "a");
    expect(x).toEqual([{ start: 0, end: 1 }]);
    expect(Object.getOwnPropertySymbols(x).every((s) => !Object.getOwnPropertyDescriptor(x, s)!.enumerable)).toBe(true);
  });
  it("works on frozen arrays, each with its own values", () => {
    const f = Object.freeze([1]), g = Object.freeze([1]);
    keepOn(f, A, "f");
    expect(keptOn(f, A)).toBe("f");
    expect(keptOn(g, A)).toBeUndefined();
    expect(withMemos(g)).toBe(g);
    keepOn(g, B, "g");
    expect([keptOn(g, A), keptOn(g, B)]).toEqual([undefined, "g"]);
  });
  it("gives distinct slots", () => {
    expect(new Set([A, B, memoKey()]).size).toBe(3);
  });
});
