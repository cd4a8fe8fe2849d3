/**
 * The actor stage: who appears in an article and how they are named.
 *
 * `mentions`: every mention of a registry or discovered actor as a span with
 * its form (name, role, pronoun, metonym, adjective, group), sorted by start;
 * pronouns and bare role nouns carry the actor they resolve to (unresolvable
 * ones are omitted). `discovered`: actors found next to a role noun that the
 * registry does not know (`x:anton-hofreiter`). `topics`: actors named inside
 * compounds (`Ukraine-Krieg`), kept apart from the actor acting.
 *
 * The quote stage resolves speakers with `actorAt`, so `sagte er` and `der
 * russische Präsident` resolve the same way in both stages.
 */
import { StoredFormatError, type Stage } from "../stage.ts";
import type { Doc } from "../types.ts";
import { DEFAULT_REGISTRY_PATH, loadRegistry, RegistryError, type Actor, type CompiledRegistry } from "../actors/registry.ts";
import { findMentions, type Mention, type MentionForm, type Topic } from "../actors/mentions.ts";
import { resolveCoref } from "../actors/coref.ts";
import { discoveredActor } from "../actors/discover.ts";
import { sortStable } from "../sort-stable.ts";

export type { Actor, ActorKind } from "../actors/registry.ts";
export type { Mention, MentionForm, Topic } from "../actors/mentions.ts";

export interface ActorsResult {
  mentions: Mention[];
  discovered: Actor[];
  topics: Topic[];
}

function loadDefault(): CompiledRegistry {
  try {
    return loadRegistry(process.env.FRAMELENS_ACTORS ?? DEFAULT_REGISTRY_PATH);
  } catch (e) {
    // A bad registry entry stops the CLI or loader with one line naming the entry, not a stack trace.
    if (e instanceof RegistryError && !process.env.VITEST) {
      process.stderr.write(`framelens: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** The compiled default registry (data-loaders/data/actors.csv), built once at module load. */
export const REGISTRY: CompiledRegistry = loadDefault();

const byStartLongest = (a: Mention, b: Mention) => a.start - b.start || b.end - a.end;

/** Find, discover and resolve actor mentions in one document against a compiled registry. */
export function analyzeActors(doc: Doc, reg: CompiledRegistry = REGISTRY): ActorsResult {
  const raw = findMentions(doc, reg);
  const resolved = resolveCoref(raw, reg, doc.text);
  const mentions = resolved.length ? sortStable(raw.mentions.concat(resolved), byStartLongest) : raw.mentions;
  return { mentions, discovered: raw.discovered, topics: raw.topics };
}

export const actorsStage: Stage<ActorsResult> = {
  name: "actors",
  run: (doc) => analyzeActors(doc),
  toStored: actorsToStored,
  fromStored: actorsFromStored,
};

/** a mention's form as its number in the stored form */
const FORMS: readonly MentionForm[] = ["name", "role", "pronoun", "metonym", "adjective", "group"];
const formCode = (f: MentionForm): number => (f === "name" ? 0 : f === "role" ? 1 : f === "pronoun" ? 2 : f === "metonym" ? 3 : f === "adjective" ? 4 : 5);

/**
 * The stored form of an actors result: `n` mentions, then the topics.
 * Their numbers are one byte column (`c`, a Uint8Array: `packed.ts` copies it
 * in one piece), per mention its start's distance from the one before, its
 * length, its sentence's distance from the one before and its form (number in
 * `FORMS`), per topic the same but the form; each number a varint (seven bits
 * a byte, low first) of its zigzag form (0, -1, 1, -2 … as 0, 1, 2, 3 …), so
 * mostly one byte: the packer would spend a tag, and past 239 four bytes
 * more, on each. Their strings are `s`: per mention, then per topic, its
 * actor id and text. `d` holds the discovered actors (few), each as its
 * name and role (two strings) when it is what `discoveredActor` makes of
 * them, as every actor the stage discovers is, else as it is: packed as
 * objects they were a sixth of the bytes (a key and a tag per field). `f` is
 * the format.
 */
interface StoredActors { f: 3; n: number; c: Uint8Array; s: string[]; d: (string | Actor)[] }

function discoveredToStored(actors: readonly Actor[]): (string | Actor)[] {
  const d: (string | Actor)[] = [];
  for (const a of actors) {
    const name = a.nameDe, role = a.role;
    // compared as JSON: what the packer would have kept of the object (few actors per article)
    if (typeof name === "string" && typeof role === "string" && JSON.stringify(a) === JSON.stringify(discoveredActor(name, role))) d.push(name, role);
    else d.push(a);
  }
  return d;
}

function discoveredFromStored(d: readonly unknown[]): Actor[] {
  const actors: Actor[] = [];
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (typeof x !== "string") {
      if (typeof x !== "object" || x === null) throw new StoredFormatError("actors");
      actors.push(x as Actor);
      continue;
    }
    const role = d[++i];
    if (typeof role !== "string") throw new StoredFormatError("actors");
    actors.push(discoveredActor(x, role));
  }
  return actors;
}

/** the byte column being written (module-level: a stored form allocates only its exact copy) */
let column = new Uint8Array(1024);
let at = 0;

/** `v` (an int32) as a zigzag varint at `column[at]`; room for five bytes made by the caller */
function putInt(v: number): void {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  while (z >= 0x80) {
    column[at++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  column[at++] = z;
}

function actorsToStored(r: ActorsResult): StoredActors {
  const ms = r.mentions, ts = r.topics, n = ms.length;
  const need = 16 * (n + ts.length);
  if (column.length < need) column = new Uint8Array(Math.max(need, 2 * column.length));
  const s: string[] = new Array(2 * (n + ts.length));
  at = 0;
  let start = 0, sentence = 0;
  for (let i = 0; i < n; i++) {
    const m = ms[i];
    putInt(m.start - start);
    putInt(m.end - m.start);
    putInt(m.sentence - sentence);
    column[at++] = formCode(m.form);
    start = m.start;
    sentence = m.sentence;
    s[2 * i] = m.actorId;
    s[2 * i + 1] = m.text;
  }
  start = sentence = 0;
  for (let i = 0, j = 2 * n; i < ts.length; i++, j += 2) {
    const t = ts[i];
    putInt(t.start - start);
    putInt(t.end - t.start);
    putInt(t.sentence - sentence);
    start = t.start;
    sentence = t.sentence;
    s[j] = t.actorId;
    s[j + 1] = t.text;
  }
  return { f: 3, n, c: column.slice(0, at), s, d: discoveredToStored(r.discovered) };
}

function actorsFromStored(v: unknown): ActorsResult {
  const st = v as StoredActors;
  if (!st || st.f !== 3 || !(st.c instanceof Uint8Array) || !Array.isArray(st.s) || !Array.isArray(st.d)) throw new StoredFormatError("actors");
  const { n, c, s } = st;
  if (!Number.isInteger(n) || n < 0 || 2 * n > s.length || s.length % 2) throw new StoredFormatError("actors");
  let p = 0;
  /** the next zigzag varint of `c` */
  const int = (): number => {
    let z = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= c.length || shift > 28) throw new StoredFormatError("actors");
      const b = c[p++];
      z |= (b & 0x7f) << shift;
      if (b < 0x80) return (z >>> 1) ^ -(z & 1);
    }
  };
  const mentions: Mention[] = new Array(n);
  let start = 0, sentence = 0;
  for (let i = 0; i < n; i++) {
    start += int();
    const end = start + int();
    sentence += int();
    const form = p < c.length ? FORMS[c[p++]] : undefined;
    if (form === undefined) throw new StoredFormatError("actors");
    mentions[i] = { start, end, actorId: s[2 * i], form, sentence, text: s[2 * i + 1] };
  }
  const nTopics = s.length / 2 - n;
  const topics: Topic[] = new Array(nTopics);
  start = sentence = 0;
  for (let i = 0, j = 2 * n; i < nTopics; i++, j += 2) {
    start += int();
    const end = start + int();
    sentence += int();
    topics[i] = { start, end, actorId: s[j], sentence, text: s[j + 1] };
  }
  if (p !== c.length) throw new StoredFormatError("actors");
  return { mentions, discovered: discoveredFromStored(st.d), topics };
}

/** A registry actor by id, or a discovered one from a stage result. */
export function actorInfo(id: string, result?: ActorsResult): Actor | undefined {
  return REGISTRY.byId.get(id) ?? result?.discovered.find((a) => a.id === id);
}

/**
 * The actor of the mention that best covers `[start, end)` (largest overlap;
 * on a tie a name before a role before a pronoun, then the earliest), or null
 * when no mention overlaps. Used by the quote stage for speaker spans.
 */
export function actorAt(result: ActorsResult | undefined, start: number, end: number): string | null {
  const ms = result?.mentions;
  if (!ms?.length) return null;
  // mentions are sorted by start: skip those starting at or after `end`
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  let best: Mention | null = null;
  let bestOverlap = 0;
  const rank = (m: Mention) => ({ name: 0, role: 1, metonym: 2, group: 3, pronoun: 4, adjective: 5 })[m.form];
  for (let k = lo - 1; k >= 0; k--) {
    const m = ms[k];
    if (m.end <= start) {
      if (start - m.start > 200) break; // no mention is that long
      continue;
    }
    const overlap = Math.min(end, m.end) - Math.max(start, m.start);
    if (overlap > bestOverlap || (overlap === bestOverlap && best && (rank(m) < rank(best) || (rank(m) === rank(best) && m.start < best.start)))) {
      best = m;
      bestOverlap = overlap;
    }
  }
  return best && bestOverlap > 0 ? best.actorId : null;
}
