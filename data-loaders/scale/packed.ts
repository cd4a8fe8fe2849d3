/**
 * A binary form of JSON-like values (#8): what the cache stores and a worker
 * sends back for each stage result and doc, in place of JSON text.
 *
 * Why: the stored forms are mostly flat arrays of numbers (~1.8M integers and
 * ~0.3M other numbers per 1,000 articles). `JSON.stringify` turns each into
 * decimal text, UTF-8 encoding copies the text again, and reading it back
 * parses every digit. Here an integer is four bytes copied from an
 * `Int32Array`, any other number eight from a `Float64Array`, and all the
 * strings of a value are one string encoded in one call and sliced apart on
 * reading.
 *
 * `unpackValue(packValue(v))` is exactly `JSON.parse(JSON.stringify(v))`:
 * the same keys in the same order, the same values, with JSON's conversions —
 * NaN and ±Infinity become null, -0 becomes 0, `undefined`, functions and
 * symbols are dropped from objects and become null in arrays, `toJSON` is
 * called (dates), boxed primitives are unboxed, a BigInt throws. Lone
 * surrogates survive (the strings are then stored as UTF-16 instead of
 * UTF-8), as they do in JSON's escapes. tests/packed.test.ts holds it to
 * that on chosen edge cases and random values.
 *
 * One exception, on purpose: an `Int32Array`, `Float64Array` or `Uint8Array`
 * (exactly those classes, not subclasses such as Buffer) comes back as a
 * typed array of its class with the same values, where JSON would make an
 * object of numbered keys. A stage whose stored form is such columns is
 * packed by copying each column once (`set`), not value by value, and read
 * back the same way.
 *
 * Layout (little-endian; every platform Node runs the engine on is):
 *
 *   "FLP1"  u32 flags (bit 0: strings as UTF-16LE)  u32 nFloats  u32 nInts  u32 nTags
 *   u32 nStrings  u32 stringBytes  u32 0
 *   float64[nFloats]  int32[nInts]  u8 tags[nTags]  the distinct strings, concatenated
 *
 * One tag per value, in depth-first order; an integer 0 … 239 is its tag
 * alone. Other integers, array lengths, key counts and string references (a
 * string's number in the table) are read from the int column in the same
 * order; an object's keys are references
 * without a tag. A typed array is its tag and its length (int column), then
 * its values as they are: an Int32Array's in the int column, a Float64Array's
 * in the float column, a Uint8Array's in the tag column. The int column ends with the length (UTF-16 units) of each
 * distinct string. The magic keeps a JSON record (which starts with `{`,
 * `[`, `"`, a digit or a letter of `null`/`true`/`false`) from ever being
 * read as a packed one.
 */

import { grown } from "../typed-arrays.ts";

const MAGIC = 0x31504c46; // "FLP1" as a little-endian u32
const HEADER = 32;
const UTF16 = 1;

const NULL = 0, FALSE = 1, TRUE = 2, INT = 3, FLOAT = 4, STRING = 5, ARRAY = 6, OBJECT = 7;
const INT32S = 8, FLOAT64S = 9, BYTES = 10;
/**
 * Tags from `SMALL` up are the integers 0 … 255 - SMALL themselves, with nothing in the int column: two thirds
 * of the stored integers are that small (indices, counts, flags), and then they take one byte, not five.
 */
const SMALL = 16, SMALL_MAX = 255 - SMALL;

/** A value that is not a packed value of this format (another format, or cut short). */
export class PackedFormatError extends Error {
  constructor(why: string) {
    super(`not a packed value: ${why}`);
    this.name = "PackedFormatError";
  }
}

// The encoder's columns: module-level and grown as needed, so that packing allocates only its output.
let tags = new Uint8Array(1 << 12);
let ints = new Int32Array(1 << 12);
let floats = new Float64Array(1 << 10);
let nTags = 0, nInts = 0, nFloats = 0;
/**
 * The value's strings (keys and values) as a table: a reference is its number in the int column. Within one
 * result most strings repeat (a hit's source, a frame id, an actor id, the row keys), mostly as the same string
 * object, so a string met again in its slot of a small direct-mapped cache is encoded and, on reading, made
 * only once. A string that misses (another string took its slot) is simply added again: the table may hold
 * duplicates. (A Map from string to number found every repeat, but cost ~75 ns a lookup.) The slots keep
 * up to 512 strings of earlier values alive until they are taken again.
 */
const SLOTS = 512;
const slotString: (string | undefined)[] = new Array(SLOTS).fill(undefined);
const slotId = new Int32Array(SLOTS);
/** a slot holds a string of this call only if its generation is this call's (no clearing of the cache per call) */
const slotGen = new Int32Array(SLOTS);
let gen = 0;
let strings: string[] = [];

/** room for `t` more tags, `i` more ints and `f` more floats */
function room(t: number, i: number, f: number): void {
  if (nTags + t > tags.length) tags = grown(tags, nTags + t);
  if (nInts + i > ints.length) ints = grown(ints, nInts + i);
  if (nFloats + f > floats.length) floats = grown(floats, nFloats + f);
}

function stringId(s: string): number {
  const n = s.length;
  const slot = n === 0 ? 0 : (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n - 1)) & (SLOTS - 1);
  if (slotGen[slot] === gen && slotString[slot] === s) return slotId[slot];
  const id = strings.length;
  strings.push(s);
  slotString[slot] = s;
  slotId[slot] = id;
  slotGen[slot] = gen;
  return id;
}

/** whether JSON leaves out an object property with this value (it becomes null in an array) */
const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/** `key`: the property name or array index the value is found under (what JSON gives `toJSON`) */
function put(v: unknown, key: string | number): void {
  room(1, 1, 1);
  switch (typeof v) {
    case "number":
      // (`v | 0` is 0 for -0 as well: JSON writes -0 as 0)
      if ((v | 0) === v) {
        if (v >>> 0 <= SMALL_MAX) tags[nTags++] = SMALL + v;
        else {
          tags[nTags++] = INT;
          ints[nInts++] = v;
        }
      } else if (v - v === 0) {
        tags[nTags++] = FLOAT;
        floats[nFloats++] = v;
      } else tags[nTags++] = NULL; // NaN, ±Infinity
      return;
    case "string":
      tags[nTags++] = STRING;
      ints[nInts++] = stringId(v);
      return;
    case "boolean":
      tags[nTags++] = v ? TRUE : FALSE;
      return;
    case "object":
      if (v === null) tags[nTags++] = NULL;
      else if (Array.isArray(v)) putArray(v);
      else if (ArrayBuffer.isView(v) && putColumn(v)) return;
      else putObject(v as Record<string, unknown>, key);
      return;
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt"); // as JSON.stringify
    default:
      tags[nTags++] = NULL; // undefined, a function or a symbol where JSON writes null (in an array, or the whole value)
  }
}

/**
 * The stored forms are mostly long flat arrays of numbers and strings: those are written here without a call
 * each, the columns and their fill levels held in locals (written back around a nested value).
 */
function putArray(a: readonly unknown[]): void {
  const n = a.length;
  room(1 + n, 1 + n, n);
  let t = tags, it = ints, fl = floats;
  let nt = nTags, ni = nInts, nf = nFloats;
  t[nt++] = ARRAY;
  it[ni++] = n;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (typeof x === "number") {
      if ((x | 0) === x) {
        if (x >>> 0 <= SMALL_MAX) t[nt++] = SMALL + x;
        else {
          t[nt++] = INT;
          it[ni++] = x;
        }
      } else if (x - x === 0) {
        t[nt++] = FLOAT;
        fl[nf++] = x;
      } else t[nt++] = NULL;
    } else if (typeof x === "string") {
      t[nt++] = STRING;
      it[ni++] = stringId(x);
    } else {
      nTags = nt;
      nInts = ni;
      nFloats = nf;
      put(x, i);
      room(n - i, n - i, n - i); // the rest of the array still fits
      t = tags;
      it = ints;
      fl = floats;
      nt = nTags;
      ni = nInts;
      nf = nFloats;
    }
  }
  nTags = nt;
  nInts = ni;
  nFloats = nf;
}

/** a typed array of one of the three stored classes as a block; false for any other view (packed as JSON would) */
function putColumn(v: ArrayBufferView): boolean {
  const c = v.constructor;
  if (c === Int32Array) {
    const a = v as Int32Array;
    room(1, 1 + a.length, 0);
    tags[nTags++] = INT32S;
    ints[nInts++] = a.length;
    ints.set(a, nInts);
    nInts += a.length;
  } else if (c === Float64Array) {
    const a = v as Float64Array;
    room(1, 1, a.length);
    tags[nTags++] = FLOAT64S;
    ints[nInts++] = a.length;
    floats.set(a, nFloats);
    nFloats += a.length;
  } else if (c === Uint8Array) {
    const a = v as Uint8Array;
    room(1 + a.length, 1, 0);
    tags[nTags++] = BYTES;
    ints[nInts++] = a.length;
    tags.set(a, nTags);
    nTags += a.length;
  } else return false;
  return true;
}

function putObject(o: Record<string, unknown>, key: string | number): void {
  if (typeof o.toJSON === "function") return put((o.toJSON as (k: string) => unknown)(String(key)), key);
  if (o instanceof Number || o instanceof String || o instanceof Boolean) return put(o.valueOf(), key);
  tags[nTags++] = OBJECT; // (room for it made by `put`)
  const at = nInts++; // the count of the keys JSON keeps, filled in below
  let kept = 0;
  const keys = Object.keys(o); // own enumerable string keys, in JSON's order
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i], x = o[k];
    if (skipped(x)) continue;
    room(0, 1, 0);
    ints[nInts++] = stringId(k);
    put(x, k);
    kept++;
  }
  ints[at] = kept;
}

/** `String.prototype.isWellFormed` (Node ≥ 20; not yet in the TypeScript library this project compiles against) */
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

let packing = false;
/** the strings' bytes before they are copied into the output (kept, at the largest size a value needed) */
let chars = Buffer.allocUnsafeSlow(1 << 16);
const REPLACEMENT = Buffer.from("\ufffd", "utf8");

/** `v` in the packed form: a new buffer of exactly its size. Not reentrant (from a `toJSON`): that throws. */
export function packValue(v: unknown): Buffer {
  if (packing) throw new Error("packValue called while packing (from a toJSON?)");
  packing = true;
  nTags = nInts = nFloats = 0;
  if (++gen === 0x7fffffff) {
    slotGen.fill(0);
    gen = 1;
  }
  try {
    put(v, "");
    // the string table's lengths go last in the int column
    const nStrings = strings.length;
    room(0, nStrings, 0);
    for (let k = 0; k < nStrings; k++) ints[nInts++] = strings[k].length;
    const s = strings.join("");
    // encoded once into a scratch buffer (room for the worst case) rather than measured first; a lone
    // surrogate (which UTF-8 cannot hold) is written as U+FFFD, so only then is the string looked at again
    // and stored as UTF-16
    if (chars.length < 3 * s.length) chars = Buffer.allocUnsafeSlow(Math.max(3 * s.length, 2 * chars.length));
    let sBytes = chars.write(s, 0, "utf8");
    let sView = chars.subarray(0, sBytes);
    const utf16 = sView.indexOf(REPLACEMENT) >= 0 && !isWellFormed(s);
    if (utf16) {
      sBytes = chars.write(s, 0, "utf16le");
      sView = chars.subarray(0, sBytes);
    }
    const fBytes = 8 * nFloats, iBytes = 4 * nInts;
    const out = Buffer.allocUnsafe(HEADER + fBytes + iBytes + nTags + sBytes);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(utf16 ? UTF16 : 0, 4);
    out.writeUInt32LE(nFloats, 8);
    out.writeUInt32LE(nInts, 12);
    out.writeUInt32LE(nTags, 16);
    out.writeUInt32LE(nStrings, 20);
    out.writeUInt32LE(sBytes, 24);
    out.writeUInt32LE(0, 28);
    let at = HEADER;
    out.set(new Uint8Array(floats.buffer, 0, fBytes), at);
    at += fBytes;
    out.set(new Uint8Array(ints.buffer, 0, iBytes), at);
    at += iBytes;
    out.set(tags.subarray(0, nTags), at);
    at += nTags;
    out.set(sView, at);
    return out;
  } finally {
    // not kept alive until the next call
    strings = [];
    packing = false;
  }
}

// The decoder's state: the columns of the value being read and a cursor into each.
let rTags: Uint8Array = tags, rInts: Int32Array = ints, rFloats: Float64Array = floats;
let table: string[] = [];
let ti = 0, ii = 0, fi = 0;
/** where the int column's values end (the string lengths follow) and the float column's */
let iEnd = 0, fEnd = 0;
/** aligned copies of the number columns (a record's bytes lie at any offset in what the store read) */
let intCopy = new Int32Array(1 << 12), floatCopy = new Float64Array(1 << 10);

function get(): unknown {
  const t = rTags[ti++];
  if (t >= SMALL) return t - SMALL;
  switch (t) {
    case INT:
      return rInts[ii++];
    case FLOAT:
      return rFloats[fi++];
    case STRING:
      return table[rInts[ii++]];
    case ARRAY:
      return getArray();
    case OBJECT: {
      const n = rInts[ii++];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = table[rInts[ii++]];
        // as JSON.parse: an own property "__proto__", not the prototype
        if (k === "__proto__") Object.defineProperty(o, k, { value: get(), enumerable: true, writable: true, configurable: true });
        else o[k] = get();
      }
      return o;
    }
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case INT32S: {
      const n = rInts[ii++];
      if (n < 0 || ii + n > iEnd) throw new PackedFormatError("a column runs past its end");
      ii += n;
      return rInts.slice(ii - n, ii);
    }
    case FLOAT64S: {
      const n = rInts[ii++];
      if (n < 0 || fi + n > fEnd) throw new PackedFormatError("a column runs past its end");
      fi += n;
      return rFloats.slice(fi - n, fi);
    }
    case BYTES: {
      const n = rInts[ii++];
      if (n < 0 || ti + n > rTags.length) throw new PackedFormatError("a column runs past its end");
      ti += n;
      // a copy, and of class Uint8Array (the tags are a view of a Buffer, whose slice would share its bytes)
      return new Uint8Array(rTags.subarray(ti - n, ti));
    }
    default:
      throw new PackedFormatError("unknown tag");
  }
}

function getArray(): unknown[] {
  const n = rInts[ii++];
  // made at its length and filled, no hole left (growing it by `push` cost a fifth of reading)
  const a: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = rTags[ti];
    if (t >= SMALL) {
      ti++;
      a[i] = t - SMALL;
    } else if (t === INT) {
      ti++;
      a[i] = rInts[ii++];
    } else if (t === STRING) {
      ti++;
      a[i] = table[rInts[ii++]];
    } else if (t === FLOAT) {
      ti++;
      a[i] = rFloats[fi++];
    } else a[i] = get();
  }
  return a;
}

/** The value `packValue` packed; throws `PackedFormatError` for bytes of another format. */
export function unpackValue(bytes: Uint8Array): unknown {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < HEADER || b.readUInt32LE(0) !== MAGIC) throw new PackedFormatError("no FLP1 header");
  const flags = b.readUInt32LE(4), nF = b.readUInt32LE(8), nI = b.readUInt32LE(12), nT = b.readUInt32LE(16);
  const nS = b.readUInt32LE(20), sBytes = b.readUInt32LE(24);
  const fAt = HEADER, iAt = fAt + 8 * nF, tAt = iAt + 4 * nI, sAt = tAt + nT;
  if (sAt + sBytes !== b.length || flags > UTF16 || nS > nI) throw new PackedFormatError("sizes do not match");
  const abs = b.byteOffset;
  // the number columns are read in place when aligned, else from a copy
  if ((abs + fAt) % 8 === 0) rFloats = new Float64Array(b.buffer, abs + fAt, nF);
  else {
    if (floatCopy.length < nF) floatCopy = new Float64Array(Math.max(nF, 2 * floatCopy.length));
    new Uint8Array(floatCopy.buffer, 0, 8 * nF).set(b.subarray(fAt, iAt));
    rFloats = floatCopy;
  }
  if ((abs + iAt) % 4 === 0) rInts = new Int32Array(b.buffer, abs + iAt, nI);
  else {
    if (intCopy.length < nI) intCopy = new Int32Array(Math.max(nI, 2 * intCopy.length));
    new Uint8Array(intCopy.buffer, 0, 4 * nI).set(b.subarray(iAt, tAt));
    rInts = intCopy;
  }
  rTags = b.subarray(tAt, sAt);
  const chars = b.toString(flags & UTF16 ? "utf16le" : "utf8", sAt, sAt + sBytes);
  table = new Array(nS);
  for (let k = 0, c = 0, at = nI - nS; k < nS; k++) {
    const len = rInts[at + k];
    table[k] = chars.slice(c, c + len);
    c += len;
  }
  ti = ii = fi = 0;
  iEnd = nI - nS;
  fEnd = nF;
  try {
    const v = get();
    if (ti !== nT || ii !== nI - nS || fi !== nF) throw new PackedFormatError("columns not used up");
    return v;
  } finally {
    table = [];
    rTags = tags;
    rInts = ints;
    rFloats = floats;
  }
}
