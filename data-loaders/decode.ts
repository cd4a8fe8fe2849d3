import iconv from "iconv-lite";

export interface Decoded {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

/** Thrown for input that is not text at all (images, archives, PDFs …). */
export class NotTextError extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decode an article's bytes. UTF-8 (with or without BOM) and UTF-16 with BOM
 * are read as such; anything that is not valid UTF-8 is read as
 * Windows-1252, the superset of Latin-1 that German newsroom exports use
 * (Node's own TextDecoder maps "windows-1252" to Latin-1, losing „ “ and €,
 * hence iconv-lite).
 */
export function decodeArticleBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8.decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  if (looksBinary(bytes)) throw new NotTextError("not a text file (binary content)");
  try {
    return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "windows-1252"), encoding: "windows-1252" };
  }
}

/** NUL bytes or many control characters in the first 8 KB mean binary data. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control / n > 0.05;
}
