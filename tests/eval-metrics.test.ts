import { describe, expect, it } from "vitest";
import { assignMax } from "../data-loaders/eval/hungarian.ts";
import { evaluate, overlapF1, pairGroups, type EvalGroup } from "../data-loaders/eval/quote-metrics.ts";

const g = (quote: number[], type = "Direct", roles: Record<string, number[]> = {}): EvalGroup => ({ type, medium: "Speech", quote, roles });

/** brute force: best total over all injective row→column maps */
function bruteMax(s: number[][]): number {
  const rows = s.length, cols = s[0].length;
  let best = -Infinity;
  const used = new Array(cols).fill(false);
  const rec = (i: number, acc: number, left: number) => {
    if (i === rows || left === 0) return void (best = Math.max(best, acc));
    if (rows - i > left) rec(i + 1, acc, left); // leave row i unassigned (only when rows > cols)
    for (let j = 0; j < cols; j++) if (!used[j]) (used[j] = true), rec(i + 1, acc + s[i][j], left - 1), (used[j] = false);
  };
  rec(0, 0, Math.min(rows, cols));
  return best;
}

describe("Hungarian assignment", () => {
  it("finds the maximum on a square matrix", () => {
    const s = [[0.1, 0.9, 0.0], [0.8, 0.7, 0.0], [0.0, 0.0, 0.5]];
    expect(assignMax(s)).toEqual([[0, 1], [1, 0], [2, 2]]);
  });
  it("assigns min(rows, cols) pairs on rectangular matrices, both orientations", () => {
    expect(assignMax([[0.2, 0.9, 0.1]])).toEqual([[0, 1]]);
    expect(assignMax([[0.2], [0.9], [0.1]])).toEqual([[1, 0]]);
  });
  it("matches brute force on random matrices", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = 0; t < 60; t++) {
      const rows = 1 + Math.floor(rnd() * 5), cols = 1 + Math.floor(rnd() * 5);
      const s = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(rnd() * 10) / 10));
      const pairs = assignMax(s);
      expect(pairs).toHaveLength(Math.min(rows, cols));
      const total = pairs.reduce((a, [i, j]) => a + s[i][j], 0);
      expect(total).toBeCloseTo(bruteMax(s), 9);
    }
  });
  it("empty input gives no pairs", () => expect(assignMax([])).toEqual([]));
});

describe("quote metrics", () => {
  it("token-overlap F1", () => {
    expect(overlapF1([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(0.5);
    expect(overlapF1([1], [2])).toBe(0);
  });
  it("a perfect system scores 1 everywhere", () => {
    const gold = [g([1, 2, 3], "Direct", { speaker: [5], cue: [6], frame: [5, 6] })];
    const s = evaluate([{ sys: gold, gold }]);
    expect(s.messages.f1).toBe(1);
    expect(s.roles.f1).toBe(1);
    expect(s.joint.f1).toBe(1);
  });
  it("type equality breaks ties between equally overlapping quotes", () => {
    const gold = [g([1, 2], "Indirect")];
    const sys = [g([1, 2], "Direct"), g([1, 2], "Indirect")];
    expect(pairGroups(sys, gold)[0]).toEqual([1, 0]);
  });
  it("unmatched quotes count against an empty counterpart; empty roles are left out", () => {
    const gold = [g([1, 2, 3, 4], "Indirect", { speaker: [9] })];
    const sys = [g([1, 2], "Indirect", { speaker: [9] }), g([20, 21], "Direct")];
    const s = evaluate([{ sys, gold }]);
    // pairs: (sys0, gold0): P 1, R 0.5; (sys1, none): P 0
    expect(s.messages.p).toBeCloseTo(0.5);
    expect(s.messages.r).toBeCloseTo(0.5);
    // roles: only the speaker of the matched pair has a denominator
    expect(s.roles.p).toBe(1);
    expect(s.roles.r).toBe(1);
    expect(s.pairs).toBe(2);
  });
  it("a document without system quotes scores zero recall", () => {
    const s = evaluate([{ sys: [], gold: [g([1, 2])] }]);
    expect(s.messages.r).toBe(0);
    expect(s.messages.f1).toBe(0);
  });
});
