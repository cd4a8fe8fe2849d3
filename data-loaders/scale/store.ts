import { randomBytes } from "node:crypto";
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";

/**
 * A content-addressed store of analysis results: key → bytes (packed stage
 * results and docs, `packed.ts`) or a string (JSON metadata, as UTF-8).
 *
 * On disk: packed segment files, each written by one process only, each with
 * its own append-only index beside it. There is no shared index file, so two
 * processes (Framework loaders, two CLI runs) never write the same file and
 * never have to merge; a reader takes the union of every segment's index.
 *
 * - `seg-<pid>-<random>.dat`: records `FLR1 keyLen valueLen crc32 key value`.
 *   The header repeats the key and the checksum covers key and value, so a
 *   record that was cut short or overwritten is recognised when read, and is
 *   a cache miss, never a crash or a wrong result.
 * - `seg-<pid>-<random>.idx`: one line `key TAB offset TAB length` per record,
 *   appended only after the records it names were written and synced
 *   (`fdatasync`), so that even after a power cut the index names no record
 *   that is not on disk. A process killed mid-line leaves a line without its
 *   newline; readers skip it.
 *
 * Memory: the index is held as open-addressed typed arrays keyed by a 64-bit
 * hash of the key (about 24 bytes per entry, no string per entry), so the
 * index of 100,000 articles (~900,000 entries) is tens of megabytes, not
 * hundreds; a hash collision only costs a miss, because every read checks the
 * key in the record header.
 */
export interface Store {
  has(key: string): boolean;
  /** `has`, and (disk stores) the record lies whole inside its segment file: cheap, no read, no checksum */
  valid?(key: string): boolean;
  /** the value as a string (its bytes read as UTF-8) */
  get(key: string): string | undefined;
  /** the value's bytes, not shared with the store (a worker may be sent them) */
  getBytes(key: string): Uint8Array | undefined;
  /** a string value, stored as its UTF-8 bytes */
  put(key: string, value: string): void;
  /** a value given as bytes (packed results); `putBytes(k, utf8 of s)` writes the very record `put(k, s)` writes */
  putBytes(key: string, value: Uint8Array): void;
  /** make what was put so far durable and visible to other processes (disk stores) */
  flush(): void;
  close(): void;
}

/**
 * A cached result that was indexed but cannot be read back whole (damaged on
 * disk after the run checked it). The run that meets it starts over with
 * `verify` on, which reads and checksums every record before trusting it, so
 * the damaged entries become misses and are analysed again.
 */
export class CacheEntryError extends Error {
  constructor(readonly key: string) {
    super(`analysis cache entry ${key} is missing or damaged`);
  }
}

export class MemoryStore implements Store {
  private map = new Map<string, Uint8Array>();
  has(key: string) { return this.map.has(key); }
  get(key: string) {
    const b = this.map.get(key);
    return b && utf8String(b);
  }
  getBytes(key: string) { return this.map.get(key); }
  put(key: string, value: string) { this.map.set(key, Buffer.from(value, "utf8")); }
  putBytes(key: string, value: Uint8Array) { this.map.set(key, value); }
  flush() {}
  close() {} // articles read from it lazily may outlive the run
}

/** UTF-8 bytes as a string (no copy of the bytes) */
function utf8String(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");
}

const MAGIC = 0x31524c46; // "FLR1" little-endian
const HEADER = 16;
/** flush the index at most this often while writing (a kill loses at most this much work) */
const FLUSH_EVERY_MS = 1000;
const FLUSH_EVERY_PUTS = 4096;
/** records are gathered in a buffer of this size before they are written */
const PENDING_BYTES = 1 << 20;

/** Two 32-bit FNV-1a style hashes of a key's UTF-8 bytes (different offsets and primes). */
function hashBytes(b: Uint8Array, start: number, end: number): [number, number] {
  let h1 = 0x811c9dc5, h2 = 0x9747b28c;
  for (let i = start; i < end; i++) {
    h1 = Math.imul(h1 ^ b[i], 0x01000193);
    h2 = Math.imul(h2 ^ b[i], 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, h2 >>> 0];
}

function hashKey(key: string): [number, number] {
  const b = Buffer.from(key, "utf8");
  return hashBytes(b, 0, b.length);
}

/** key hash → [segment, offset, length]; open addressing, linear probing. */
class CompactIndex {
  private cap = 0;
  private h1 = new Uint32Array(0);
  private h2 = new Uint32Array(0);
  private seg = new Int32Array(0); // -1 = empty slot
  private off = new Float64Array(0);
  private len = new Uint32Array(0);
  size = 0;

  constructor() { this.alloc(1 << 12); }

  private alloc(cap: number) {
    const old = { h1: this.h1, h2: this.h2, seg: this.seg, off: this.off, len: this.len, cap: this.cap };
    this.cap = cap;
    this.h1 = new Uint32Array(cap);
    this.h2 = new Uint32Array(cap);
    this.seg = new Int32Array(cap).fill(-1);
    this.off = new Float64Array(cap);
    this.len = new Uint32Array(cap);
    this.size = 0;
    for (let i = 0; i < old.cap; i++) if (old.seg[i] >= 0) this.set(old.h1[i], old.h2[i], old.seg[i], old.off[i], old.len[i], true);
  }

  private slot(a: number, b: number): number {
    const mask = this.cap - 1;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.seg[i] >= 0 && (this.h1[i] !== a || this.h2[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  /** `replace` false: keep an existing entry */
  set(a: number, b: number, seg: number, off: number, len: number, replace: boolean) {
    if ((this.size + 1) * 4 > this.cap * 3) this.alloc(this.cap * 2);
    const i = this.slot(a, b);
    if (this.seg[i] >= 0 && !replace) return;
    if (this.seg[i] < 0) this.size++;
    this.h1[i] = a;
    this.h2[i] = b;
    this.seg[i] = seg;
    this.off[i] = off;
    this.len[i] = len;
  }

  get(a: number, b: number): [seg: number, off: number, len: number] | undefined {
    const i = this.slot(a, b);
    return this.seg[i] >= 0 ? [this.seg[i], this.off[i], this.len[i]] : undefined;
  }

  delete(a: number, b: number) {
    const i = this.slot(a, b);
    if (this.seg[i] < 0) return;
    // re-insert the rest of the probe run so lookups past this slot still find their entries
    this.seg[i] = -1;
    this.size--;
    const mask = this.cap - 1;
    for (let j = (i + 1) & mask; this.seg[j] >= 0; j = (j + 1) & mask) {
      const e = [this.h1[j], this.h2[j], this.seg[j], this.off[j], this.len[j]] as const;
      this.seg[j] = -1;
      this.size--;
      this.set(e[0], e[1], e[2], e[3], e[4], true);
    }
  }
}

/**
 * Test hook, read only here: `FRAMELENS_TEST_KILL_AFTER=<n>[:torn|:index]`
 * kills this process with SIGKILL after its n-th record is written
 * (`<n>`), halfway through writing the n-th record (`torn`), or halfway
 * through the first index write after n records (`index`), so that the
 * durability tests can stop a run at a chosen point of a cache write.
 */
const KILL = (() => {
  const m = /^(\d+)(?::(torn|index))?$/.exec(process.env.FRAMELENS_TEST_KILL_AFTER ?? "");
  return m ? { n: Number(m[1]), mode: (m[2] ?? "after") as "after" | "torn" | "index" } : undefined;
})();
const die = (): never => {
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
};

/**
 * Test hook: `FRAMELENS_TEST_CACHE_FULL=1` writes the cache's records to `/dev/full`, where every write fails
 * with ENOSPC as on a full disk, so that the tests see the run go on without its cache.
 */
const FULL_DISK = process.env.FRAMELENS_TEST_CACHE_FULL === "1";

function writeAll(fd: number, buf: Uint8Array, position?: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position === undefined ? null : position + done);
}

/** A record (`FLR1 keyLen valueLen crc32 key value`) encoded into `rec` at `at`; its length. `rec` has room for the worst case. */
function encodeRecord(rec: Buffer, at: number, key: string, value: string | Uint8Array): number {
  const kLen = rec.write(key, at + HEADER, "utf8");
  let vLen: number;
  if (typeof value === "string") vLen = rec.write(value, at + HEADER + kLen, "utf8");
  else {
    rec.set(value, at + HEADER + kLen);
    vLen = value.length;
  }
  const total = HEADER + kLen + vLen;
  rec.writeUInt32LE(MAGIC, at);
  rec.writeUInt32LE(kLen, at + 4);
  rec.writeUInt32LE(vLen, at + 8);
  rec.writeUInt32LE(crc32(rec.subarray(at + HEADER, at + total)), at + 12);
  return total;
}

/** The value's bytes of a whole record read back (a view of `buf`), or undefined when it is damaged, cut short or another key's. */
function recordValue(buf: Buffer, key: string): Buffer | undefined {
  if (buf.length < HEADER || buf.readUInt32LE(0) !== MAGIC) return undefined;
  const keyLen = buf.readUInt32LE(4), valueLen = buf.readUInt32LE(8);
  if (HEADER + keyLen + valueLen !== buf.length) return undefined;
  if (crc32(buf.subarray(HEADER)) !== buf.readUInt32LE(12)) return undefined;
  if (buf.toString("utf8", HEADER, HEADER + keyLen) !== key) return undefined; // another key with the same hash
  return buf.subarray(HEADER + keyLen);
}

export class DiskStore implements Store {
  private segments: string[] = [];
  /** known size of each segment file (see `valid`) */
  private sizes: number[] = [];
  private index = new CompactIndex();
  private fds = new Map<number, number>();
  /**
   * Records put but not yet written: one `write` per megabyte instead of one per record (eight records an
   * article). They are written before the index lines that name them, as before, and read from here meanwhile.
   */
  private pending = Buffer.allocUnsafe(PENDING_BYTES);
  private pendingLen = 0;
  private writeSeg = -1;
  private writeFd = -1;
  private idxFd = -1;
  /** the segment's length with the pending records; those start at `writeOffset - pendingLen` */
  private writeOffset = 0;
  private pendingIndex: string[] = [];
  private lastFlush = 0;
  private puts = 0;
  private failed: Error | undefined;
  /** what was put after writing failed: the run reads its own results back, so they are kept in memory */
  private spilled = new Map<string, Uint8Array>();

  /**
   * `onWriteError` is told once when the cache cannot be written (a full disk, a read-only or vanished folder):
   * the store then stops writing and the run goes on without caching what is left — an analysis must not fail
   * for its cache. By default one line on stderr names the folder and the reason.
   */
  constructor(readonly dir: string, private readonly onWriteError: (e: Error, dir: string) => void = reportWriteError) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      this.stopWriting(e as Error);
      return;
    }
    this.load();
  }

  /** why the store stopped writing, if it did */
  get writeError(): Error | undefined {
    return this.failed;
  }

  private stopWriting(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    // (records already written stay readable in this run through the in-memory index; without their index
    // lines on disk, later runs do not see them; those not yet written are kept in memory)
    this.spillPending();
    this.pendingIndex = [];
    for (const fd of [this.writeFd, this.idxFd]) {
      try {
        if (fd >= 0) closeSync(fd);
      } catch {
        // already unusable
      }
    }
    this.writeFd = this.idxFd = -1;
    this.onWriteError(e, this.dir);
  }

  private load(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).sort();
    } catch {
      return;
    }
    if (names.includes("index.json")) this.dropLegacy(names);
    // oldest index first, so that a newer copy of a key wins: a run that re-analysed a damaged record
    // wrote the good copy later, and the damaged one must not shadow it in every later run
    const indexes = names.flatMap((name) => {
      if (!name.endsWith(".idx")) return [];
      try {
        const st = statSync(join(this.dir, name));
        return [{ name, mtime: st.mtimeMs, size: st.size }];
      } catch {
        return [];
      }
    });
    indexes.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
    this.trim(indexes);
    for (const { name } of indexes) {
      let buf: Buffer;
      try {
        buf = readFileSync(join(this.dir, name));
      } catch {
        continue;
      }
      const seg = this.segments.push(name.slice(0, -4) + ".dat") - 1;
      this.parseIndex(buf, seg);
    }
  }

  /**
   * Keep the cache under `FRAMELENS_CACHE_MAX_MB` (default 8 GB): every edit of the engine or a lexicon writes
   * new stage results beside the old ones, so a day of live preview would otherwise only grow. The oldest
   * segments go first, and only those of processes no longer running (a concurrent run keeps its own); their
   * articles are analysed again when next needed. `indexes` is oldest first and loses the removed entries.
   */
  private trim(indexes: { name: string; mtime: number; size: number }[]): void {
    const limit = Number(process.env.FRAMELENS_CACHE_MAX_MB ?? 8192) * 1024 * 1024;
    if (!(limit >= 0)) return;
    const size = (name: string) => {
      try {
        return statSync(join(this.dir, name)).size;
      } catch {
        return 0;
      }
    };
    const sizes = indexes.map(({ name, size: idx }) => idx + size(name.slice(0, -4) + ".dat"));
    let total = sizes.reduce((a, b) => a + b, 0);
    if (total <= limit) return;
    let removed = 0, freed = 0;
    for (let k = 0; k < indexes.length && total > limit; k++) {
      const base = indexes[k].name.slice(0, -4);
      const pid = Number(/^seg-(\d+)-/.exec(base)?.[1]);
      if (Number.isInteger(pid) && processAlive(pid)) continue;
      try {
        // the data first: an index left without its data only makes misses
        rmSync(join(this.dir, `${base}.dat`), { force: true });
        rmSync(join(this.dir, `${base}.idx`), { force: true });
      } catch {
        continue;
      }
      total -= sizes[k];
      freed += sizes[k];
      removed++;
      indexes.splice(k, 1);
      sizes.splice(k, 1);
      k--;
    }
    if (removed) process.stderr.write(`framelens: the analysis cache in ${this.dir} was over its limit of ${Math.round(limit / 1048576)} MB (FRAMELENS_CACHE_MAX_MB): removed its ${removed} oldest segment${removed === 1 ? "" : "s"} (${Math.round(freed / 1048576)} MB); their articles are analysed again when needed\n`);
  }

  /** Lines `key \t offset \t length \n`; a line without its newline (a killed writer) or malformed is skipped. */
  private parseIndex(buf: Buffer, seg: number): void {
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      const t1 = buf.indexOf(9, start);
      const t2 = t1 < 0 ? -1 : buf.indexOf(9, t1 + 1);
      if (t1 > start && t2 > t1 && t2 < nl) {
        const off = Number(buf.toString("latin1", t1 + 1, t2));
        const len = Number(buf.toString("latin1", t2 + 1, nl));
        if (Number.isSafeInteger(off) && Number.isSafeInteger(len) && off >= 0 && len >= HEADER) {
          const [a, b] = hashBytes(buf, start, t1);
          this.index.set(a, b, seg, off, len, true);
        }
      }
      start = nl + 1;
    }
  }

  /** The first layout (one shared `index.json`, segments without `.idx`) cannot be read any more: remove it. */
  private dropLegacy(names: string[]): void {
    const idx = new Set(names.filter((n) => n.endsWith(".idx")).map((n) => n.slice(0, -4)));
    for (const n of names) {
      if (n === "index.json" || (n.endsWith(".dat") && !idx.has(n.slice(0, -4))) || /^index\.json\..*\.tmp$/.test(n)) {
        rmSync(join(this.dir, n), { force: true });
      }
    }
  }

  has(key: string): boolean {
    const [a, b] = hashKey(key);
    return this.index.get(a, b) !== undefined;
  }

  /** check every record's checksum in `valid`, not only its header (after a damaged record was met) */
  verify = false;

  valid(key: string): boolean {
    if (this.verify) return this.get(key) !== undefined;
    const [a, b] = hashKey(key);
    const e = this.index.get(a, b);
    if (!e) return false;
    // whole on disk: the record lies inside its segment (sizes are looked up once per segment and again
    // only when a record seems to lie past the end: other processes' segments grow). The header and
    // checksum are checked when the record is read; a mismatch there makes the run start over with `verify`.
    const [seg, off, len] = e;
    // (this run's own segment holds its records whole, on disk or pending)
    if (seg === this.writeSeg) return true;
    let ok = (this.sizes[seg] ?? -1) >= off + len;
    if (!ok) {
      try {
        this.sizes[seg] = statSync(join(this.dir, this.segments[seg])).size;
        ok = this.sizes[seg] >= off + len;
      } catch {
        ok = false;
      }
    }
    if (!ok) this.index.delete(a, b);
    return ok;
  }

  get(key: string): string | undefined {
    const b = this.getBytes(key);
    return b && utf8String(b);
  }

  getBytes(key: string): Uint8Array | undefined {
    if (this.failed) {
      const v = this.spilled.get(key);
      if (v !== undefined) return v;
    }
    const [a, b] = hashKey(key);
    const e = this.index.get(a, b);
    if (!e) return undefined;
    const value = this.read(e, key);
    // a bad record is a miss from now on, so the caller re-analyses and writes a good one
    if (value === undefined) this.index.delete(a, b);
    return value;
  }

  private read([seg, off, len]: [number, number, number], key: string): Uint8Array | undefined {
    const base = this.writeOffset - this.pendingLen;
    if (seg === this.writeSeg && off >= base) {
      // a copy: the pending buffer is written over once it has been written out
      const v = recordValue(this.pending.subarray(off - base, off - base + len), key);
      return v && new Uint8Array(v);
    }
    let fd = this.fds.get(seg);
    try {
      if (fd === undefined) this.fds.set(seg, (fd = openSync(join(this.dir, this.segments[seg]), "r")));
      // (a slice of Buffer's shared pool when small: a batch sent to a worker copies each pool slab it meets once)
      const buf = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const n = readSync(fd, buf, got, len - got, off + got);
        if (n === 0) return undefined; // cut short
        got += n;
      }
      return recordValue(buf, key);
    } catch {
      return undefined; // a segment removed by hand: a miss
    }
  }

  /** the records put but not written (writing failed): kept in memory, as records put after the failure are */
  private spillPending(): void {
    for (let o = 0; o + HEADER <= this.pendingLen; ) {
      const kLen = this.pending.readUInt32LE(o + 4), vLen = this.pending.readUInt32LE(o + 8);
      const key = this.pending.toString("utf8", o + HEADER, o + HEADER + kLen);
      this.spilled.set(key, new Uint8Array(this.pending.subarray(o + HEADER + kLen, o + HEADER + kLen + vLen)));
      const [a, b] = hashBytes(this.pending, o + HEADER, o + HEADER + kLen);
      this.index.delete(a, b);
      o += HEADER + kLen + vLen;
    }
    this.pendingLen = 0;
  }

  private openSegment(): void {
    const base = `seg-${process.pid}-${randomBytes(4).toString("hex")}`;
    // the index first: a data file without an index is never mistaken for the first layout
    this.idxFd = openSync(join(this.dir, `${base}.idx`), "wx");
    this.writeFd = openSync(FULL_DISK ? "/dev/full" : join(this.dir, `${base}.dat`), FULL_DISK ? "w" : "wx");
    this.writeOffset = 0;
    this.writeSeg = this.segments.push(`${base}.dat`) - 1;
    this.lastFlush = Date.now();
  }

  put(key: string, value: string): void {
    this.putValue(key, value);
  }

  putBytes(key: string, value: Uint8Array): void {
    this.putValue(key, value);
  }

  /** a record written, or kept in memory once writing has failed (a full disk) */
  private putValue(key: string, value: string | Uint8Array): void {
    if (/[\t\n]/.test(key)) throw new Error(`cache keys cannot hold tabs or line breaks (the index is one line per key): ${JSON.stringify(key)}`);
    if (this.failed) {
      this.spill(key, value);
      return;
    }
    try {
      this.write(key, value);
    } catch (e) {
      this.stopWriting(e as Error);
      this.spill(key, value);
    }
  }

  /** kept in memory: the cache cannot be written */
  private spill(key: string, value: string | Uint8Array): void {
    this.spilled.set(key, typeof value === "string" ? Buffer.from(value, "utf8") : value);
  }

  private write(key: string, value: string | Uint8Array): void {
    if (this.writeFd < 0) this.openSegment();
    // key and value encoded straight into the pending buffer: one UTF-8 pass each (room for the worst case,
    // 3 bytes per UTF-16 unit, instead of measuring first and encoding again), and no allocation
    const cap = HEADER + 3 * key.length + (typeof value === "string" ? 3 * value.length : value.length);
    if (this.pendingLen + cap > this.pending.length) this.writePending();
    // a record larger than the buffer is written on its own
    const own = cap > this.pending.length;
    const rec = own ? Buffer.allocUnsafe(cap) : this.pending;
    const at = own ? 0 : this.pendingLen;
    const total = encodeRecord(rec, at, key, value);
    this.puts++;
    if (KILL?.mode === "torn" && this.puts === KILL.n) {
      this.writePending();
      writeAll(this.writeFd, rec.subarray(at, at + (total >> 1)), this.writeOffset);
      die();
    }
    if (own) writeAll(this.writeFd, rec.subarray(0, total), this.writeOffset);
    else this.pendingLen += total;
    const [a, b] = hashBytes(rec, at + HEADER, at + HEADER + rec.readUInt32LE(at + 4));
    this.index.set(a, b, this.writeSeg, this.writeOffset, total, true);
    this.pendingIndex.push(`${key}\t${this.writeOffset}\t${total}\n`);
    this.writeOffset += total;
    if (KILL?.mode === "after" && this.puts === KILL.n) die();
    if (this.pendingIndex.length >= FLUSH_EVERY_PUTS || Date.now() - this.lastFlush >= FLUSH_EVERY_MS) this.flushIndex();
  }

  /** write the pending records to the segment file */
  private writePending(): void {
    if (this.pendingLen === 0) return;
    writeAll(this.writeFd, this.pending.subarray(0, this.pendingLen), this.writeOffset - this.pendingLen);
    this.pendingLen = 0;
  }

  flush(): void {
    if (this.failed) return;
    try {
      this.flushIndex();
    } catch (e) {
      this.stopWriting(e as Error);
    }
  }

  private flushIndex(): void {
    this.lastFlush = Date.now();
    if (!this.pendingIndex.length) return;
    // records reach the disk before the index lines that name them
    this.writePending();
    fdatasyncSync(this.writeFd);
    const lines = Buffer.from(this.pendingIndex.join(""), "utf8");
    this.pendingIndex = [];
    if (KILL?.mode === "index" && this.puts >= KILL.n) {
      writeAll(this.idxFd, lines.subarray(0, Math.max(1, lines.length >> 1)));
      die();
    }
    writeAll(this.idxFd, lines);
  }

  close(): void {
    if (this.writeFd >= 0) {
      this.flush();
      if (this.writeFd >= 0) {
        closeSync(this.writeFd);
        closeSync(this.idxFd);
        this.writeFd = this.idxFd = -1;
      }
    }
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  /** Entries in the in-memory index (for tests and the benchmark). */
  get size(): number {
    return this.index.size;
  }
}

function reportWriteError(e: Error, dir: string): void {
  const code = (e as NodeJS.ErrnoException).code;
  process.stderr.write(`framelens: cannot write the analysis cache in ${dir} (${code ? `${code}: ` : ""}${e.message.replace(/^\w+: /, "")}); the run goes on, keeping the rest of its results in memory — free some space or pass --no-cache\n`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}
