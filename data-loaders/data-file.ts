import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reading the engine's own data files (lexicons, dictionaries, registries).
 * A broken one must stop the build with a message a user can act on: the
 * file, the line and the column. Node's JSON import (`with {type: "json"}`)
 * names the file but no line ("Unexpected token '}', ..." is not valid
 * JSON"), and `JSON.parse` in Node 20 gives at most a character position, so
 * on failure the text is scanned once more to find where it breaks.
 */

export const ENGINE_DIR = dirname(fileURLToPath(import.meta.url));

/** A data file that cannot be used; `message` reads `data/x.json:12:5: …`. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = "DataFileError";
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset at which `text` stops being JSON, and why; null when it is valid.
 * A small recursive-descent scanner (RFC 8259), run only after JSON.parse failed.
 */
export function jsonErrorAt(text: string): { offset: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw { offset: at, reason };
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? "the file ends" : `found ${JSON.stringify(text[i])}`);
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in a string");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`bad escape \\${e ?? ""} in a string`);
      } else if (c < 0x20) fail(c === 10 ? "line break inside a string (a closing \" is missing?)" : "control character inside a string");
      else i++;
    }
    fail("string never closed (a closing \" is missing)", start);
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) fail(`expected a value, ${describe()}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === "}" ? "trailing comma before }" : `expected a "key" in double quotes, ${describe()}`);
        string();
        ws();
        if (text[i] !== ":") fail(`expected ":" after the key, ${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") return void i++;
        fail(`expected "," or "}" after a value, ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        ws();
        if (text[i] === "]") fail("trailing comma before ]");
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") return void i++;
        fail(`expected "," or "]" after a value, ${describe()}`);
      }
    }
    if (c === '"') return string();
    for (const lit of ["true", "false", "null"]) if (text.startsWith(lit, i)) return void (i += lit.length);
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    fail(`expected a value, ${describe()}`);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(`unexpected text after the end of the JSON value, ${describe()}`);
    return null;
  } catch (e) {
    if (e && typeof e === "object" && "offset" in e) return e as { offset: number; reason: string };
    throw e;
  }
}

/** Parse JSON text of a data file, throwing a `DataFileError` that names file, line and column. */
export function parseJsonData<T = unknown>(text: string, file: string): T {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as T;
  } catch (e) {
    const at = jsonErrorAt(text) ?? { offset: 0, reason: (e as Error).message };
    const { line, column } = lineColumn(text, at.offset);
    throw new DataFileError(file, line, column, `not valid JSON: ${at.reason}`);
  }
}

/**
 * Read and parse a JSON data file of the engine, `relPath` relative to
 * `data-loaders/` (e.g. `"data/speech-verbs.json"`). Keep the path a literal
 * in the calling module: the cache keys find a stage's data files by their
 * names in its code (`scale/keys.ts`).
 */
export function readJsonData<T = unknown>(relPath: string): T {
  const path = join(ENGINE_DIR, relPath);
  const shown = `data-loaders/${relPath}`;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataFileError(shown, 1, 1, `cannot read: ${(e as Error).message}`);
  }
  return parseJsonData<T>(text, shown);
}
