import { extractQuotes, type Mention } from "../quotes/extract.ts";
import type { Quote, QuotesResult, QuoteType } from "../quotes/types.ts";
import { hasKeys, isInt32, rowsFromStored, rowsToStored, StoredFormatError, type Stage } from "../stage.ts";

export type { Quote, QuotesResult, QuoteType } from "../quotes/types.ts";

/** Actor mentions from the actor stage, if it ran (read defensively). */
function actorMentions(prior: Readonly<Record<string, unknown>>): Mention[] | null {
  const actors = prior.actors as { mentions?: unknown } | undefined;
  if (!actors || !Array.isArray(actors.mentions)) return null;
  // a plain loop rather than filter(callback): one call fewer per mention, and usually every mention is kept
  const all = actors.mentions as unknown[];
  const out: Mention[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = all[i] as Mention;
    if (!!m && typeof m === "object" && typeof m.start === "number" && typeof m.end === "number" && typeof m.actorId === "string" && m.actorId !== "") out.push(m);
  }
  return out;
}

/**
 * The stored form of a quote result (`f: 2`), as columns that pack in a few block copies
 * (`scale/packed.ts`) instead of a tag per value:
 * - `p`: the ids' prefix (every id is `${p}:q${n}`, n its position);
 * - `b`: per quote one byte: the type's number in `TYPES`, `partial` (8), `speaker` null (16);
 * - `o`: per quote the thirteen offsets of `OFFSET_KEYS`;
 * - `s`: per quote its strings: `speaker` (unless null), `speakerText`, `cue`, `cueLemma`, `cueClass`;
 * - `g`: per quote the number of its flags, then each flag's number in `FLAGS`;
 * - `c`, `x`: per scare quote `start, end`, and its text.
 * A result this cannot hold exactly (other keys, another type or flag, an offset that is no int32) is stored
 * as keys and values (`f: 1`), or as it is (`f: 0`).
 */
interface ColumnsStored { f: 2; p: string; b: Uint8Array; o: Int32Array; s: string[]; g: Uint8Array; c: Int32Array; x: string[] }
const TYPES: readonly QuoteType[] = ["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"];
const FLAGS = ["unclosed", "continuation", "carried", "nested", "pronoun-fallback", "model"];
const PARTIAL = 8, NO_SPEAKER = 16;
// (numbers looked up in Maps, not found by indexOf: the inlined searches made `columnsToStored` slow to compile)
const TYPE_CODE = new Map(TYPES.map((t, i) => [t as string, i]));
const FLAG_CODE = new Map(FLAGS.map((f, i) => [f, i]));
/** a quote's keys, in the order `toQuote` (`quotes/finish.ts`) writes them */
const QUOTE_KEYS = ["id", "type", "partial", "start", "end", "speaker", "speakerText", "speakerStart", "speakerEnd", "cue", "cueLemma", "cueClass", "cueStart", "cueEnd", "particleStart", "particleEnd", "sentence", "frameStart", "frameEnd", "addresseeStart", "addresseeEnd", "flags"];
const N_OFFSETS = 13;
const SCARE_KEYS = ["start", "end", "text"];

/** `id` is `${prefix}:q${n}` */
function isNumberedId(id: string, prefix: string, n: number): boolean {
  const at = prefix.length + 2;
  if (id.length <= at || !id.startsWith(prefix) || id.charCodeAt(at - 2) !== 58 || id.charCodeAt(at - 1) !== 113) return false;
  // the decimal digits of n, without leading zeros
  if (id.length - at !== (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length)) return false;
  for (let k = id.length - 1; k >= at; k--, n = Math.floor(n / 10)) if (id.charCodeAt(k) !== 48 + (n % 10)) return false;
  return true;
}

function columnsToStored(r: QuotesResult): ColumnsStored | null {
  const quotes = r.quotes, scare = r.scare;
  if (!Array.isArray(quotes) || !Array.isArray(scare)) return null;
  const n = quotes.length;
  const first = n > 0 ? quotes[0].id : "";
  const p = typeof first === "string" && first.endsWith(":q0") ? first.slice(0, -3) : "";
  const b = new Uint8Array(n), o = new Int32Array(N_OFFSETS * n), s: string[] = [];
  const g: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = quotes[i];
    if (!q || typeof q !== "object" || !hasKeys(q, QUOTE_KEYS) || typeof q.id !== "string" || !isNumberedId(q.id, p, i)) return null;
    const type = TYPE_CODE.get(q.type);
    if (type === undefined || typeof q.partial !== "boolean" || (q.speaker !== null && typeof q.speaker !== "string")) return null;
    if (typeof q.speakerText !== "string" || typeof q.cue !== "string" || typeof q.cueLemma !== "string" || typeof q.cueClass !== "string") return null;
    const k = N_OFFSETS * i;
    const offsets = [q.start, q.end, q.speakerStart, q.speakerEnd, q.cueStart, q.cueEnd, q.particleStart, q.particleEnd, q.sentence, q.frameStart, q.frameEnd, q.addresseeStart, q.addresseeEnd];
    for (let j = 0; j < N_OFFSETS; j++) {
      if (!isInt32(offsets[j])) return null;
      o[k + j] = offsets[j];
    }
    b[i] = type | (q.partial ? PARTIAL : 0) | (q.speaker === null ? NO_SPEAKER : 0);
    if (q.speaker !== null) s.push(q.speaker);
    s.push(q.speakerText, q.cue, q.cueLemma, q.cueClass);
    const flags = q.flags;
    if (!Array.isArray(flags) || flags.length > 255) return null;
    g.push(flags.length);
    for (let j = 0; j < flags.length; j++) {
      const f = FLAG_CODE.get(flags[j]);
      if (f === undefined) return null;
      g.push(f);
    }
  }
  const c = new Int32Array(2 * scare.length), x: string[] = new Array(scare.length);
  for (let i = 0; i < scare.length; i++) {
    const m = scare[i];
    if (!m || typeof m !== "object" || !hasKeys(m, SCARE_KEYS) || !isInt32(m.start) || !isInt32(m.end) || typeof m.text !== "string") return null;
    c[2 * i] = m.start;
    c[2 * i + 1] = m.end;
    x[i] = m.text;
  }
  return { f: 2, p, b, o, s, g: Uint8Array.from(g), c, x };
}

function columnsFromStored(st: Partial<ColumnsStored>): QuotesResult {
  const { p, b, o, s, g, c, x } = st;
  if (typeof p !== "string" || !(b instanceof Uint8Array) || !(o instanceof Int32Array) || !Array.isArray(s) || !(g instanceof Uint8Array) || !(c instanceof Int32Array) || !Array.isArray(x)) throw new StoredFormatError("quotes");
  const n = b.length;
  if (o.length !== N_OFFSETS * n || c.length !== 2 * x.length) throw new StoredFormatError("quotes");
  const quotes: Quote[] = new Array(n);
  let si = 0, gi = 0;
  for (let i = 0; i < n; i++) {
    const k = N_OFFSETS * i, bits = b[i];
    const type = TYPES[bits & 7];
    if (type === undefined || gi >= g.length) throw new StoredFormatError("quotes");
    const speaker = (bits & NO_SPEAKER) !== 0 ? null : s[si++];
    const flags: string[] = new Array(g[gi++]);
    for (let j = 0; j < flags.length; j++) flags[j] = FLAGS[g[gi++]];
    quotes[i] = {
      id: `${p}:q${i}`,
      type,
      partial: (bits & PARTIAL) !== 0,
      start: o[k],
      end: o[k + 1],
      speaker,
      speakerText: s[si],
      speakerStart: o[k + 2],
      speakerEnd: o[k + 3],
      cue: s[si + 1],
      cueLemma: s[si + 2],
      cueClass: s[si + 3],
      cueStart: o[k + 4],
      cueEnd: o[k + 5],
      particleStart: o[k + 6],
      particleEnd: o[k + 7],
      sentence: o[k + 8],
      frameStart: o[k + 9],
      frameEnd: o[k + 10],
      addresseeStart: o[k + 11],
      addresseeEnd: o[k + 12],
      flags,
    };
    si += 4;
  }
  if (si !== s.length || gi !== g.length) throw new StoredFormatError("quotes");
  const scare: QuotesResult["scare"] = new Array(x.length);
  for (let i = 0; i < x.length; i++) scare[i] = { start: c[2 * i], end: c[2 * i + 1], text: x[i] };
  return { quotes, scare };
}

/**
 * Quotes: direct (with partial and scare quotes), indirect, free indirect and
 * reported speech, each with speaker, cue and type. Speakers are resolved to
 * canonical actor ids through the actor stage's mentions when it ran before.
 */
export const quotesStage: Stage<QuotesResult> = {
  name: "quotes",
  run: (doc, prior) => extractQuotes(doc, actorMentions(prior)),
  // as columns (above); a result they cannot hold as keys + flat values (`stage.ts` rowsToStored), or as it is
  // when it has other keys than these two
  toStored: (r) => {
    const keys = Object.keys(r);
    if (keys.length !== 2 || keys[0] !== "quotes" || keys[1] !== "scare") return { f: 0, r };
    return columnsToStored(r) ?? { f: 1, q: rowsToStored(r.quotes), s: rowsToStored(r.scare) };
  },
  fromStored: (v) => {
    const st = v as { f?: unknown; q?: unknown; s?: unknown; r?: unknown };
    if (st && st.f === 2) return columnsFromStored(st as Partial<ColumnsStored>);
    if (st && st.f === 0 && st.r && typeof st.r === "object") return st.r as QuotesResult;
    if (!st || st.f !== 1) throw new StoredFormatError("quotes");
    return { quotes: rowsFromStored<Quote>(st.q, "quotes"), scare: rowsFromStored<QuotesResult["scare"][number]>(st.s, "quotes") };
  },
};
