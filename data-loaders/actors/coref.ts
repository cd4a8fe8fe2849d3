/**
 * Coreference for pronouns (`er`, `ihm`, `seine`, `sie` …) and bare role
 * nouns (`der Präsident`, `die Kanzlerin`): each resolves to a person
 * mentioned in the same sentence before it or in one of the three sentences
 * before (nearest sentence first; within a sentence the earliest candidate,
 * which in German is most often the subject). Resolved mentions become
 * candidates themselves, so chains (`Putin … Er … seine`) hold. A bare role
 * noun with no candidate in that window falls back to the last person in the
 * article holding that role. Unresolvable pronouns are omitted.
 */
import { roleHeadsOf, type Actor, type CompiledRegistry } from "./registry.ts";
import type { Mention, Pending, RawMentions } from "./mentions.ts";

const WINDOW = 3;

interface Candidate {
  actorId: string;
  start: number;
  gender: string;
  heads: Set<string>;
}

export function resolveCoref(raw: RawMentions, reg: CompiledRegistry, text: string): Mention[] {
  if (!raw.pending.length) return [];
  const discovered = new Map<string, Actor>(raw.discovered.map((a) => [a.id, a]));
  const headsCache = new Map<string, Set<string>>();
  const actor = (id: string) => reg.byId.get(id) ?? discovered.get(id);
  const headsOf = (a: Actor): Set<string> => {
    // (registry ids never take the `x:` of a discovered one)
    let h = reg.heads.get(a.id) ?? headsCache.get(a.id);
    if (!h) headsCache.set(a.id, (h = new Set(a.roles.flatMap((r) => roleHeadsOf(r.phrase.split(" ").pop()!)))));
    return h;
  };
  /** per sentence index, its candidates */
  const bySentence: (Candidate[] | undefined)[] = [];
  const persons: Candidate[] = [];
  const add = (m: Mention) => {
    const a = actor(m.actorId);
    if (!a || a.kind !== "person") return;
    const c = { actorId: a.id, start: m.start, gender: a.gender, heads: headsOf(a) };
    let list = bySentence[m.sentence];
    if (!list) bySentence[m.sentence] = list = [];
    list.push(c);
    persons.push(c);
  };
  const fits = (p: Pending, c: Candidate) =>
    p.kind === "pronoun" ? (p.gender === "f" ? c.gender === "f" : c.gender === "m" || c.gender === "") : p.heads!.some((h) => c.heads.has(h));

  const resolve = (p: Pending): string | null => {
    for (let s = p.sentence; s >= 0 && s >= p.sentence - WINDOW; s--) {
      const list = bySentence[s];
      if (!list) continue;
      for (const c of list) {
        if (s === p.sentence && c.start >= p.start) break;
        if (fits(p, c)) return c.actorId;
      }
    }
    if (p.kind === "role") for (let k = persons.length - 1; k >= 0; k--) if (fits(p, persons[k])) return persons[k].actorId;
    return null;
  };

  const out: Mention[] = [];
  const pending = raw.pending;
  let k = 0;
  for (const m of raw.mentions) {
    for (; k < pending.length && pending[k].start < m.start; k++) settle(pending[k]);
    add(m);
  }
  for (; k < pending.length; k++) settle(pending[k]);
  return out;

  function settle(p: Pending) {
    const id = resolve(p);
    if (!id) return;
    const m: Mention = { start: p.start, end: p.end, actorId: id, form: p.kind, sentence: p.sentence, text: text.slice(p.start, p.end) };
    out.push(m);
    add(m);
  }
}
