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
import type { Stage } from "../stage.ts";
import type { Doc } from "../types.ts";
import { DEFAULT_REGISTRY_PATH, loadRegistry, RegistryError, type Actor, type CompiledRegistry } from "../actors/registry.ts";
import { findMentions, type Mention, type Topic } from "../actors/mentions.ts";
import { resolveCoref } from "../actors/coref.ts";

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

/** Find, discover and resolve actor mentions in one document against a compiled registry. */
export function analyzeActors(doc: Doc, reg: CompiledRegistry = REGISTRY): ActorsResult {
  const raw = findMentions(doc, reg);
  const resolved = resolveCoref(raw, reg, doc.text);
  const mentions = resolved.length ? [...raw.mentions, ...resolved].sort((a, b) => a.start - b.start || b.end - a.end) : raw.mentions;
  return { mentions, discovered: raw.discovered, topics: raw.topics };
}

export const actorsStage: Stage<ActorsResult> = {
  name: "actors",
  run: (doc) => analyzeActors(doc),
};

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
