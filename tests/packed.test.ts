/**
 * The packed form of stored values (#8, `data-loaders/scale/packed.ts`): what
 * comes back must be exactly what a JSON round trip gives — same keys in the
 * same order, same values, JSON's conversions included — because the cache
 * held JSON before and every table and prediction must stay byte-identical.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PackedFormatError, packValue, unpackValue } from "../data-loaders/scale/packed.ts";

const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v) ?? "null");
const back = (v: unknown) => unpackValue(packValue(v));

/** deep equality that also sees key order, -0, NaN and the difference between a hole, undefined and null */
function expectSame(v: unknown) {
  const a = back(v), b = viaJson(v);
  expect(a).toStrictEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  // Object.is on every number: toStrictEqual treats -0 and 0 alike
  const nums = (x: unknown, out: number[] = []): number[] => {
    if (typeof x === "number") out.push(x);
    else if (x && typeof x === "object") for (const k of Object.keys(x)) nums((x as Record<string, unknown>)[k], out);
    return out;
  };
  const na = nums(a), nb = nums(b);
  expect(na.length).toBe(nb.length);
  na.forEach((n, i) => expect(Object.is(n, nb[i])).toBe(true));
}

describe("packed values give what a JSON round trip gives", () => {
  it("numbers: integers, int32 limits, fractions, large and tiny", () => {
    expectSame([0, 1, -1, 238, 239, 240, 241, 255, 256, -239, -240, 2147483647, -2147483648, 2147483648, -2147483649, 0.1, -0.5, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 2 ** 53 + 2, 0.30000000000000004]);
  });
  it("-0 becomes 0", () => {
    expectSame([-0, { a: -0 }]);
    expect(Object.is((back([-0]) as number[])[0], 0)).toBe(true);
  });
  it("NaN and ±Infinity become null", () => {
    expectSame([NaN, Infinity, -Infinity, { a: NaN }]);
  });
  it("undefined, functions and symbols: dropped from objects, null in arrays, null as the whole value", () => {
    expectSame({ a: undefined, b: () => 1, c: Symbol("x"), d: 1 });
    expectSame([undefined, () => 1, Symbol("x"), 1]);
    expect(back(undefined)).toBeNull();
    expect(back(() => 1)).toBeNull();
  });
  it("holes in arrays become null", () => {
    // eslint-disable-next-line no-sparse-arrays
    expectSame([1, , 3]);
    expectSame(new Array(3));
  });
  it("booleans, null, empty arrays and objects, nesting", () => {
    expectSame({ t: true, f: false, n: null, a: [], o: {}, deep: [[[{ x: [[]] }]]] });
    expectSame(null);
    expectSame(true);
    expectSame(7);
    expectSame(1.5);
    expectSame("s");
  });
  it("key order, integer-like keys included (the engine orders them as JSON.parse does)", () => {
    expectSame({ b: 1, a: 2, 10: 3, 2: 4, "-1": 5, "01": 6 });
  });
  it("an own __proto__ key stays an own property", () => {
    const v = JSON.parse('{"a": 1, "__proto__": {"x": 2}, "b": 3}');
    expectSame(v);
    const r = back(v) as Record<string, unknown>;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual(["a", "__proto__", "b"]);
  });
  it("toJSON (dates), boxed primitives, class instances, Maps", () => {
    class P { x = 1; get y() { return 2; } }
    // eslint-disable-next-line no-new-wrappers
    expectSame({ d: new Date(Date.UTC(2024, 0, 2)), bad: new Date(NaN), n: new Number(3), s: new String("x"), b: new Boolean(false), p: new P(), m: new Map([[1, 2]]) });
    expectSame({ c: { toJSON: (k: string) => `key ${k}` }, arr: [{ toJSON: (k: string) => `at ${k}` }] });
  });
  it("a BigInt throws, as in JSON", () => {
    expect(() => packValue({ a: 1n })).toThrow(TypeError);
  });
  it("strings: empty, umlauts, typographic quotes, astral characters, control characters", () => {
    expectSame(["", "Größe", "„Zitat“ – ‚so‘", "😀 astral", "\u0000\n\t\"\\", "x".repeat(100000)]);
  });
  it("a real U+FFFD is kept as it is, with or without a lone surrogate beside it", () => {
    expectSame(["ersetzt \ufffd hier", "ä"]);
    expectSame(["ersetzt \ufffd hier", "lone \ud800"]);
  });
  it("lone surrogates survive (stored as UTF-16)", () => {
    const v = ["lone \ud800 high", "lone \udc00 low", "pair 😀", "ä"];
    expectSame(v);
    expect(back(v)).toEqual(v);
  });
  it("repeated strings (one table entry) and many distinct ones (the cache's slots collide)", () => {
    expectSame(Array.from({ length: 5000 }, (_, i) => ["sentiws", "", "Regierung", `w${i}`, `w${i % 7}`][i % 5]));
    expectSame(Array.from({ length: 3000 }, (_, i) => ({ [`k${i % 50}`]: `v${i}`, k: `v${i % 3}` })));
  });
  it("values larger than the encoder's first columns (they grow), nested in the middle of a long array", () => {
    const big = Array.from({ length: 20000 }, (_, i) => (i % 1000 === 0 ? { a: [i, i + 0.5, `s${i}`], b: null } : i % 3 ? i * 0.25 : i));
    expectSame(big);
    expectSame({ x: big, y: big.map(String) });
  });
  it("random JSON-like values (fast-check)", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.integer(),
        fc.double(),
        fc.string(),
        fc.string({ unit: "binary" }),
        // any UTF-16 unit: lone surrogates too
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constantFrom(-0, NaN, Infinity, 2 ** 31, -(2 ** 31)),
      ),
      node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node")), fc.dictionary(fc.string(), tie("node"))),
    })).node;
    fc.assert(fc.property(value, (v) => expectSame(v)), { numRuns: 500 });
  });
  it("is the same bytes for the same value (records are content-compared by the tests)", () => {
    const v = { a: [1, 2.5, "x", "x", { b: "y" }] };
    expect(Buffer.compare(packValue(v), packValue(structuredClone(v)))).toBe(0);
  });
});

describe("reading packed bytes", () => {
  it("reads a value wherever its bytes lie in a larger buffer (unaligned number columns)", () => {
    const v = [1, 2.5, "ä", [3, 4.25], { k: -7 }];
    const p = packValue(v);
    for (let shift = 0; shift < 9; shift++) {
      const buf = new Uint8Array(p.length + 16);
      buf.set(p, shift);
      expect(unpackValue(buf.subarray(shift, shift + p.length))).toEqual(viaJson(v));
    }
  });
  it("refuses what is not a packed value: JSON text, empty, cut short, extended, another tag", () => {
    const p = packValue({ a: [1, 2, "x"] });
    for (const bad of [Buffer.from('{"a":[1,2,"x"]}'), Buffer.from("null"), new Uint8Array(0), p.subarray(0, p.length - 1), Buffer.concat([p, Buffer.from([0])])]) {
      expect(() => unpackValue(bad)).toThrow(PackedFormatError);
    }
    const tagged = Buffer.from(p);
    const tagsAt = tagged.length - tagged.readUInt32LE(24) - tagged.readUInt32LE(16);
    tagged[tagsAt] = 99;
    expect(() => unpackValue(tagged)).toThrow(PackedFormatError);
  });
  it("a value unpacked inside a toJSON while packing; packing inside it throws instead of mixing two values", () => {
    const p = packValue({ z: [9, "q"] });
    expectSame({ a: "a", b: { toJSON: () => unpackValue(p) }, c: [1, "a"] });
    expect(() => packValue({ b: { toJSON: () => packValue(1) } })).toThrow(/while packing/);
    expectSame({ after: [1, "a"] });
  });
});

describe("typed columns (the one departure from JSON)", () => {
  const round = (v: unknown) => unpackValue(packValue(v));
  it("Int32Array, Float64Array and Uint8Array come back as typed arrays of their class, values equal", () => {
    const i32 = Int32Array.from([0, -1, 2 ** 31 - 1, -(2 ** 31), 17, 300]);
    const f64 = Float64Array.from([0.5, -0, NaN, Infinity, 1e-300, 3]);
    const u8 = Uint8Array.from([0, 1, 15, 16, 255]);
    const back = round({ i: i32, f: f64, u: u8, e: new Int32Array(0) }) as Record<string, ArrayBufferView>;
    expect(back.i).toBeInstanceOf(Int32Array);
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(back.u.constructor).toBe(Uint8Array);
    expect(Array.from(back.i as Int32Array)).toEqual(Array.from(i32));
    expect(Object.is((back.f as Float64Array)[1], -0)).toBe(true); // bits kept, unlike JSON
    expect(Number.isNaN((back.f as Float64Array)[2])).toBe(true);
    expect(Array.from(back.f as Float64Array).slice(3)).toEqual([Infinity, 1e-300, 3]);
    expect(Array.from(back.u as Uint8Array)).toEqual([0, 1, 15, 16, 255]);
    expect((back.e as Int32Array).length).toBe(0);
  });
  it("columns mixed with other values and with each other keep every cursor in step", () => {
    const v = [1, "a", Int32Array.of(400, 5), 2.5, Float64Array.of(1.5), Uint8Array.of(7, 240, 3), { k: Uint8Array.of(9) }, 1000, "a", 0.25];
    const back = round(v) as unknown[];
    expect(back.map((x) => (ArrayBuffer.isView(x) ? [x.constructor.name, ...Array.from(x as Uint8Array)] : x))).toEqual([
      1, "a", ["Int32Array", 400, 5], 2.5, ["Float64Array", 1.5], ["Uint8Array", 7, 240, 3], { k: Uint8Array.of(9) }, 1000, "a", 0.25,
    ]);
  });
  it("the columns read back are copies, not views of the bytes read", () => {
    const bytes = packValue([Int32Array.of(1, 2), Uint8Array.of(3)]);
    const [i, u] = unpackValue(bytes) as [Int32Array, Uint8Array];
    bytes.fill(0);
    expect(Array.from(i)).toEqual([1, 2]);
    expect(Array.from(u)).toEqual([3]);
  });
  it("columns larger than the encoder's first buffers; unaligned reads", () => {
    const big = Int32Array.from({ length: 50_000 }, (_, k) => k * 7 - 3);
    const fl = Float64Array.from({ length: 5_000 }, (_, k) => k / 3);
    const bytes = packValue({ big, fl, t: Uint8Array.from({ length: 10_000 }, (_, k) => k & 255) });
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    const back = unpackValue(shifted.subarray(3)) as { big: Int32Array; fl: Float64Array; t: Uint8Array };
    expect(back.big).toEqual(big);
    expect(back.fl).toEqual(fl);
    expect(back.t[9_999]).toBe(9_999 & 255);
  });
  it("other views are packed as JSON packs them (a Buffer by its toJSON, a Uint16Array as numbered keys)", () => {
    expect(round(Buffer.from([1, 2]))).toEqual(JSON.parse(JSON.stringify(Buffer.from([1, 2]))));
    expect(round(Uint16Array.of(5, 6))).toEqual(JSON.parse(JSON.stringify(Uint16Array.of(5, 6))));
  });
  it("a column whose length runs past its end is refused", () => {
    const bytes = Buffer.from(packValue(Int32Array.of(1, 2, 3)));
    // the int column starts after the header (no floats): its first int is the length
    bytes.writeInt32LE(1000, 32);
    expect(() => unpackValue(bytes)).toThrow(/not a packed value/);
  });
});
