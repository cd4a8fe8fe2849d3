/**
 * Unknown names: a capitalised name next to a role noun (`der
 * Grünen-Politiker Anton Hofreiter`, `Sprecher Dmitri Peskow`, `Anton
 * Hofreiter, Grünen-Politiker,`) becomes an actor of its own, `x:<slug>`,
 * with that role. Helpers here work on the token view built in mentions.ts.
 */
import { detached, NAME_STOPWORDS, NOUN_SUFFIX, ROLE_TOKEN, type Actor } from "./registry.ts";

const NAME_PART_SHAPE = /^(?:\p{Lu}|(?:al|el|ad|as|ash|at|az|de|di|da|du|van|von|bin|ibn|ben|abu|d|l|o)[-'’]\p{Lu})[\p{L}'’.-]*$/u;
const INITIAL = /^\p{Lu}\.$/u;
const ACRONYM = /^[\p{Lu}\d-]{2,}$/u;
const PARTICLES = new Set(["von", "van", "de", "del", "della", "di", "da", "dos", "du", "le", "la", "bin", "ibn", "al", "el", "ten"]);
/** particles that follow another (`von der Leyen`, `van den Broek`), never on their own */
const SECOND_PARTICLES = new Set(["der", "den", "dem"]);

const namePartCache = new Map<string, boolean>();

/** `make(key)`, memoised in `cache` (emptied past 200,000 entries) */
function memoised<V>(cache: Map<string, V>, key: string, make: (key: string) => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size > 200_000) cache.clear();
    cache.set(detached(key), v); // a copy: a slice would keep the document text alive
  }
  return v;
}

/** Whether a token can be part of a person's name (memoised per word). */
export function isNamePart(t: string): boolean {
  return memoised(namePartCache, t, namePart);
}

function namePart(t: string): boolean {
  if (!NAME_PART_SHAPE.test(t)) return false;
  if (INITIAL.test(t)) return true;
  if (t.endsWith(".") || ACRONYM.test(t) || NAME_STOPWORDS.has(t)) return false;
  const lower = t.toLowerCase();
  if (lower.length > 5 && NOUN_SUFFIX.test(lower)) return false;
  if (ROLE_TOKEN.test(lower)) return false;
  return true;
}

/**
 * What `readName` reads of a token, as bits of one byte per token (the
 * token's form decides each, so a caller computes them once per form):
 * a scan over bytes instead of a Set probe and a regex test per name.
 * Bits 5–7 are the caller's own. A `const enum`: the bundler inlines the
 * members as literals, where module constants are loaded and checked at
 * every use in the hot loops.
 */
export const enum NameBit {
  /** `isNamePart` */
  Part = 1,
  /** a particle that may stand between name parts (`von`, `de`, `bin`) */
  Particle = 2,
  /** a particle or one that follows another (`der` in `von der Leyen`) */
  Linking = 4,
  /** an initial (`A.`) */
  Initial = 8,
  /** the form starts a known name: a name read ends before it */
  StartsKnown = 16,
}

/** The `readName` bits a form has of itself (all but `NameBit.StartsKnown`, which depends on the registry). */
export function nameBits(t: string): number {
  return (isNamePart(t) ? NameBit.Part : 0) | (PARTICLES.has(t) ? NameBit.Particle | NameBit.Linking : SECOND_PARTICLES.has(t) ? NameBit.Linking : 0) | (INITIAL.test(t) ? NameBit.Initial : 0);
}

export interface TokenView {
  /** token strings */
  tx: string[];
  sentence: ArrayLike<number>;
  /** per token, its `nameBits` and `NameBit.StartsKnown` (and the caller's own bits) */
  bits: ArrayLike<number>;
  n: number;
}

/**
 * The name starting at token `j`: up to five name parts (with particles such
 * as `von der` between them), within the sentence, ending before a token
 * that starts a known name. Returns the exclusive end index, or -1 when
 * fewer than `minParts` parts are found.
 */
export function readName(v: TokenView, j: number, minParts: number): number {
  const { sentence, bits, n } = v;
  if (j >= n) return -1;
  const s = sentence[j];
  let k = j;
  let parts = 0;
  if (bits[j] & NameBit.StartsKnown) return -1;
  while (k < n && sentence[k] === s && parts < 5) {
    const b = bits[k];
    if (k > j && b & NameBit.StartsKnown) break;
    if (b & NameBit.Part) {
      parts++;
      k++;
      continue;
    }
    if (parts > 0 && b & NameBit.Particle) {
      let p = k + 1;
      while (p < n && sentence[p] === s && bits[p] & NameBit.Linking) p++;
      if (p < n && sentence[p] === s && bits[p] & NameBit.Part) {
        k = p;
        continue;
      }
    }
    break;
  }
  // a name does not end in an initial
  while (k > j && bits[k - 1] & NameBit.Initial) k--, parts--;
  return parts >= minParts ? k : -1;
}

const idCache = new Map<string, string>();

/** `x:anton-hofreiter` (memoised per name: the same names recur in an article and across articles, and the slug takes NFKD and five regex passes) */
export function discoveredId(name: string): string {
  return memoised(idCache, name, slug);
}

function slug(name: string): string {
  return (
    "x:" +
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
  );
}

/** A discovered person; gender follows the role noun (`Sprecherin` → f). */
export function discoveredActor(name: string, role: string): Actor {
  return {
    id: discoveredId(name),
    kind: "person",
    gender: /(?:in|innen)$/.test(role) ? "f" : "m",
    qid: "",
    nameDe: name,
    nameEn: name,
    names: [name],
    roles: role ? [{ phrase: role, periods: [] }] : [],
    metonyms: [],
    adjectives: [],
    discovered: true,
    role,
  };
}
