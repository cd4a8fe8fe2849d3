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

/**
 * The stored form of an actors result: mentions and topics as flat arrays
 * (`m`: per mention `start, end, actorId, form, sentence, text`; `t`: per
 * topic `start, end, actorId, sentence, text`), discovered actors as they are
 * (`d`, few). `f` is the format.
 */
interface StoredActors { f: 1; m: (number | string)[]; d: Actor[]; t: (number | string)[] }

function actorsToStored(r: ActorsResult): StoredActors {
  const m: (number | string)[] = [];
  for (let i = 0; i < r.mentions.length; i++) {
    const x = r.mentions[i];
    m.push(x.start, x.end, x.actorId, x.form, x.sentence, x.text);
  }
  const t: (number | string)[] = [];
  for (let i = 0; i < r.topics.length; i++) {
    const x = r.topics[i];
    t.push(x.start, x.end, x.actorId, x.sentence, x.text);
  }
  return { f: 1, m, d: r.discovered, t };
}

function actorsFromStored(v: unknown): ActorsResult {
  const st = v as StoredActors;
  if (!st || st.f !== 1 || !Array.isArray(st.m) || !Array.isArray(st.d) || !Array.isArray(st.t)) throw new StoredFormatError("actors");
  const m = st.m, t = st.t;
  const mentions: Mention[] = new Array(m.length / 6);
  for (let i = 0, n = 0; i < m.length; i += 6, n++) {
    mentions[n] = { start: m[i] as number, end: m[i + 1] as number, actorId: m[i + 2] as string, form: m[i + 3] as MentionForm, sentence: m[i + 4] as number, text: m[i + 5] as string };
  }
  const topics: Topic[] = new Array(t.length / 5);
  for (let i = 0, n = 0; i < t.length; i += 5, n++) {
    topics[n] = { start: t[i] as number, end: t[i + 1] as number, actorId: t[i + 2] as string, sentence: t[i + 3] as number, text: t[i + 4] as string };
  }
  return { mentions, discovered: st.d, topics };
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
