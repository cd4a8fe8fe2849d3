import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * A content-addressed store of analysis results: key → JSON string.
 *
 * On disk it is a handful of packed files, not one file per article: each
 * process appends its new results to its own segment file
 * (`seg-<pid>-<random>.dat`), and one `index.json` maps every key to
 * `[segment, offset, length]`. Reading 10,000 articles is one index parse plus
 * one positioned read per value actually used (tables read only the stages
 * they need). Processes running side by side (Framework runs loaders in
 * parallel) never write the same file; the index is merged and replaced
 * atomically (write to a temporary file, then rename).
 */
export interface Store {
  has(key: string): boolean;
  get(key: string): string | undefined;
  put(key: string, value: string): void;
  /** persist the index (disk stores) */
  flush(): void;
  close(): void;
}

export class MemoryStore implements Store {
  private map = new Map<string, string>();
  has(key: string) { return this.map.has(key); }
  get(key: string) { return this.map.get(key); }
  put(key: string, value: string) { this.map.set(key, value); }
  flush() {}
  close() {} // articles read from it lazily may outlive the run
}

type Entry = [seg: number, offset: number, length: number];
interface IndexFile { version: 1; segments: string[]; entries: Record<string, Entry> }

const INDEX = "index.json";

export class DiskStore implements Store {
  private segments: string[] = [];
  private entries = new Map<string, Entry>();
  private fds = new Map<number, number>();
  private writeSeg = -1;
  private writeFd = -1;
  private writeOffset = 0;
  private dirty = false;
  private indexMtime = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.load();
  }

  private load(): void {
    const idx = this.readIndex();
    if (!idx) return;
    this.segments = idx.segments.slice();
    for (const [k, e] of Object.entries(idx.entries)) this.entries.set(k, e);
  }

  private readIndex(): IndexFile | undefined {
    try {
      const path = join(this.dir, INDEX);
      this.indexMtime = statSync(path).mtimeMs;
      const idx = JSON.parse(readFileSync(path, "utf8")) as IndexFile;
      return idx.version === 1 ? idx : undefined;
    } catch {
      return undefined;
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    let fd = this.fds.get(e[0]);
    try {
      if (fd === undefined) this.fds.set(e[0], (fd = openSync(join(this.dir, this.segments[e[0]]), "r")));
      const buf = Buffer.allocUnsafe(e[2]);
      let got = 0;
      while (got < e[2]) {
        const n = readSync(fd, buf, got, e[2] - got, e[1] + got);
        if (n === 0) return undefined;
        got += n;
      }
      return buf.toString("utf8");
    } catch {
      return undefined; // a segment removed by hand: treat as a miss
    }
  }

  put(key: string, value: string): void {
    if (this.writeFd < 0) {
      const name = `seg-${process.pid}-${randomBytes(4).toString("hex")}.dat`;
      this.writeFd = openSync(join(this.dir, name), "a");
      this.writeOffset = fstatSync(this.writeFd).size;
      this.writeSeg = this.segments.push(name) - 1;
    }
    const buf = Buffer.from(value, "utf8");
    let done = 0;
    while (done < buf.length) done += writeSync(this.writeFd, buf, done, buf.length - done);
    this.entries.set(key, [this.writeSeg, this.writeOffset, buf.length]);
    this.writeOffset += buf.length;
    this.dirty = true;
  }

  flush(): void {
    if (!this.dirty) return;
    // merge what other processes wrote since we loaded the index
    let mtime = 0;
    try { mtime = statSync(join(this.dir, INDEX)).mtimeMs; } catch { /* none yet */ }
    if (mtime && mtime !== this.indexMtime) {
      const theirs = this.readIndex();
      if (theirs) {
        const remap = theirs.segments.map((s) => {
          const i = this.segments.indexOf(s);
          return i >= 0 ? i : this.segments.push(s) - 1;
        });
        for (const [k, e] of Object.entries(theirs.entries)) if (!this.entries.has(k)) this.entries.set(k, [remap[e[0]], e[1], e[2]]);
      }
    }
    const out: IndexFile = { version: 1, segments: this.segments, entries: Object.fromEntries(this.entries) };
    const tmp = join(this.dir, `${INDEX}.${process.pid}.${randomBytes(3).toString("hex")}.tmp`);
    writeFileSync(tmp, JSON.stringify(out));
    renameSync(tmp, join(this.dir, INDEX));
    try { this.indexMtime = statSync(join(this.dir, INDEX)).mtimeMs; } catch { /* raced */ }
    this.dirty = false;
  }

  close(): void {
    this.flush();
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    if (this.writeFd >= 0) closeSync(this.writeFd);
    this.writeFd = -1;
  }
}
