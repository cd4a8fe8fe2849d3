import { parseArticle } from "./parse.ts";
import { splitSentences, tokenize } from "./segment.ts";
import { PackedFormatError, packValue, unpackValue } from "./scale/packed.ts";
import { hasKeys, isInt32, rowsFromStored, rowsToStored } from "./stage.ts";
import type { ArticleMeta, Block, BlockKind, Doc, Sentence } from "./types.ts";

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
 * The stored form of a Doc, packed (`scale/packed.ts`): metadata and text as they are; the blocks and the
 * sentences as they come from `parseArticle` and `splitSentences` (their keys in their order, `index` their
 * place, int32 values, a known block kind) as typed columns, which the packer copies in one block each:
 * per sentence `block, start, end` (`s`, an Int32Array), per block `start, end` (`b`, an Int32Array) and its
 * kind's number in `KINDS` (`bk`, a Uint8Array). Rows of any other shape (a Doc made by hand) are stored as
 * keys + flat values (`rowsToStored`) and come back as the same objects. `f` is the layout; it and the
 * packing live here and in this module's imports, in the doc key's inputs (`scale/keys.ts`), so a record
 * of another format is never looked up.
 */
export function docToBytes(doc: Doc): Buffer {
  const s = sentenceColumns(doc.sentences) ?? rowsToStored(doc.sentences);
  const b = blockColumns(doc.blocks);
  return packValue({ f: 2, meta: doc.meta, text: doc.text, b: b?.spans ?? rowsToStored(doc.blocks), bk: b?.kinds ?? null, s });
}

const KINDS: readonly BlockKind[] = ["title", "lead", "heading", "paragraph"];
const SENTENCE_KEYS = ["index", "block", "start", "end"];
const BLOCK_KEYS = ["kind", "index", "start", "end"];

function sentenceColumns(sentences: readonly Sentence[]): Int32Array | null {
  const cols = new Int32Array(3 * sentences.length);
  for (let i = 0, o = 0; i < sentences.length; i++, o += 3) {
    const r = sentences[i];
    if (r.index !== i || !isInt32(r.block) || !isInt32(r.start) || !isInt32(r.end) || !hasKeys(r, SENTENCE_KEYS)) return null;
    cols[o] = r.block;
    cols[o + 1] = r.start;
    cols[o + 2] = r.end;
  }
  return cols;
}

function blockColumns(blocks: readonly Block[]): { spans: Int32Array; kinds: Uint8Array } | null {
  const spans = new Int32Array(2 * blocks.length);
  const kinds = new Uint8Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const r = blocks[i];
    const k = KINDS.indexOf(r.kind);
    if (k < 0 || r.index !== i || !isInt32(r.start) || !isInt32(r.end) || !hasKeys(r, BLOCK_KEYS)) return null;
    kinds[i] = k;
    spans[2 * i] = r.start;
    spans[2 * i + 1] = r.end;
  }
  return { spans, kinds };
}

const notCurrent = () => new Error("cached doc is not in the current stored format");

/** The parts of a Doc from `docToBytes`'s bytes (tokens are recomputed by the caller). */
export function docFromBytes(bytes: Uint8Array): StoredDocParts {
  let v: { f?: unknown; meta: ArticleMeta; text: string; b: unknown; bk: unknown; s: unknown };
  try {
    v = unpackValue(bytes) as typeof v;
  } catch (e) {
    if (e instanceof PackedFormatError) throw notCurrent();
    throw e;
  }
  if (!v || v.f !== 2 || typeof v.text !== "string") throw notCurrent();
  let sentences: Sentence[];
  if (v.s instanceof Int32Array) {
    const cols = v.s;
    if (cols.length % 3 !== 0) throw notCurrent();
    sentences = new Array(cols.length / 3);
    for (let i = 0, o = 0; o < cols.length; i++, o += 3) sentences[i] = { index: i, block: cols[o], start: cols[o + 1], end: cols[o + 2] };
  } else sentences = rowsFromStored<Sentence>(v.s, "doc");
  let blocks: Block[];
  if (v.b instanceof Int32Array) {
    const spans = v.b, kinds = v.bk;
    if (!(kinds instanceof Uint8Array) || spans.length !== 2 * kinds.length) throw notCurrent();
    blocks = new Array(kinds.length);
    for (let i = 0; i < kinds.length; i++) {
      const kind = KINDS[kinds[i]];
      if (kind === undefined) throw notCurrent();
      blocks[i] = { kind, index: i, start: spans[2 * i], end: spans[2 * i + 1] };
    }
  } else blocks = rowsFromStored<Block>(v.b, "doc");
  return { meta: v.meta, text: v.text, blocks, sentences };
}
