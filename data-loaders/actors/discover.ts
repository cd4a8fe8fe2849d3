/**
 * Unknown names: a capitalised name next to a role noun (`der
 * Grünen-Politiker Anton Hofreiter`, `Sprecher Dmitri Peskow`, `Anton
 * Hofreiter, Grünen-Politiker,`) becomes an actor of its own, `x:<slug>`,
 * with that role. Helpers here work on the token view built in mentions.ts.
 */
import { detached, NAME_STOPWORDS, NOUN_SUFFIX, ROLE_TOKEN, type Actor } from "./registry.ts";

const NAME_PART = /^(?:\p{Lu}|(?:al|el|ad|as|ash|at|az|de|di|da|du|van|von|bin|ibn|ben|abu|d|l|o)[-'’]\p{Lu})[\p{L}'’.-]*$/u;
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
  if (!NAME_PART.test(t)) return false;
  if (INITIAL.test(t)) return true;
  if (t.endsWith(".") || ACRONYM.test(t) || NAME_STOPWORDS.has(t)) return false;
  const lower = t.toLowerCase();
  if (lower.length > 5 && NOUN_SUFFIX.test(lower)) return false;
  if (ROLE_TOKEN.test(lower)) return false;
  return true;
}

export interface TokenView {
  /** token strings */
  tx: string[];
  sentence: ArrayLike<number>;
  n: number;
}

/**
 * The name starting at token `j`: up to five name parts (with particles such
 * as `von der` between them), within the sentence. `stopAt(k)` ends the name
 * before a token that starts a known name; `partAt(k)` is `isNamePart` of
 * token k (a caller may know it already). Returns the exclusive end index,
 * or -1 when fewer than `minParts` parts are found.
 */
export function readName(v: TokenView, j: number, minParts: number, stopAt: (k: number) => boolean, partAt: (k: number) => boolean = (k) => isNamePart(v.tx[k])): number {
  if (j >= v.n) return -1;
  const s = v.sentence[j];
  let k = j;
  let parts = 0;
  if (stopAt(j)) return -1;
  while (k < v.n && v.sentence[k] === s && parts < 5) {
    if (k > j && stopAt(k)) break;
    const t = v.tx[k];
    if (partAt(k)) {
      parts++;
      k++;
      continue;
    }
    if (parts > 0 && PARTICLES.has(t)) {
      let p = k + 1;
      while (p < v.n && v.sentence[p] === s && (PARTICLES.has(v.tx[p]) || SECOND_PARTICLES.has(v.tx[p]))) p++;
      if (p < v.n && v.sentence[p] === s && partAt(p)) {
        k = p;
        continue;
      }
    }
    break;
  }
  // a name does not end in an initial
  while (k > j && INITIAL.test(v.tx[k - 1])) k--, parts--;
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
