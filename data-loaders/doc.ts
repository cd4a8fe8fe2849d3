import { parseArticle } from "./parse.ts";
import { splitSentences, tokenize } from "./segment.ts";
import { PackedFormatError, packValue, unpackValue } from "./scale/packed.ts";
import { rowsFromStored, rowsToStored } from "./stage.ts";
import type { ArticleMeta, Block, Doc, Sentence } from "./types.ts";

/** Parse and segment one article's decoded text into a `Doc`. */
export function buildDoc(file: string, raw: string, encoding = "utf-8"): Doc {
  const { meta, text, blocks } = parseArticle(file, raw, encoding);
  const sentences = splitSentences(text, blocks);
  const tokens = tokenize(text, sentences);
  return { meta, text, blocks, sentences, tokens };
}

/** A Doc as the cache stores it: everything but the tokens (recomputed on read, they are the bulk). */
export interface StoredDocParts { meta: ArticleMeta; text: string; blocks: Block[]; sentences: Sentence[] }

/**
 * The stored form of a Doc, packed (`scale/packed.ts`): metadata and text as they are, blocks and sentences as
 * keys + flat values (`rowsToStored`: a third of the bytes of one object per sentence, and the same objects
 * back). `f` is the layout; it and the packing live here and in this module's imports, in the doc key's
 * inputs (`scale/keys.ts`), so a record of another format is never looked up.
 */
export function docToBytes(doc: Doc): Buffer {
  return packValue({ f: 1, meta: doc.meta, text: doc.text, b: rowsToStored(doc.blocks), s: rowsToStored(doc.sentences) });
}

/** The parts of a Doc from `docToBytes`'s bytes (tokens are recomputed by the caller). */
export function docFromBytes(bytes: Uint8Array): StoredDocParts {
  let v: { f?: unknown; meta: ArticleMeta; text: string; b: unknown; s: unknown };
  try {
    v = unpackValue(bytes) as typeof v;
  } catch (e) {
    if (e instanceof PackedFormatError) throw new Error("cached doc is not in the current stored format");
    throw e;
  }
  if (!v || v.f !== 1 || typeof v.text !== "string") throw new Error("cached doc is not in the current stored format");
  return { meta: v.meta, text: v.text, blocks: rowsFromStored<Block>(v.b, "doc"), sentences: rowsFromStored<Sentence>(v.s, "doc") };
}
