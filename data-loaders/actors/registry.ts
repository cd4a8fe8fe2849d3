/**
 * The actor registry: an editable CSV (`data/actors.csv`, one actor per line)
 * plus a lexicon of role nouns, pronouns and function words
 * (`data/actor-lexicon.json`), compiled once at module load into token tries.
 *
 * CSV columns: id, kind, gender, qid, name_de, name_en, names, roles,
 * metonyms, adjectives. List fields are separated by `|`. A role may carry
 * the periods it was held, `US-Präsident@2017-01-20/2021-01-20;2025-01-20/`
 * (half-open `[from, to)`, an empty end is "until now"). A bad entry throws a
 * `RegistryError` whose message names the file, line and entry.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize } from "../segment.ts";
import type LexiconFile from "../data/actor-lexicon.json";
import { readJsonData } from "../data-file.ts";
const lexiconData = readJsonData<typeof LexiconFile>("data/actor-lexicon.json");

export type ActorKind = "person" | "organisation" | "country" | "group";
/** natural gender for people, grammatical gender (`n`, `pl`) for the rest; "" unknown */
export type Gender = "m" | "f" | "n" | "pl" | "";

export interface Period {
  /** ISO date, "" = since always */
  from: string;
  /** ISO date (exclusive), "" = until now */
  to: string;
}

export interface RoleSpec {
  phrase: string;
  /** empty: the role applies at any time */
  periods: Period[];
}

export interface Actor {
  id: string;
  kind: ActorKind;
  gender: Gender;
  qid: string;
  nameDe: string;
  nameEn: string;
  names: string[];
  roles: RoleSpec[];
  metonyms: string[];
  adjectives: string[];
  /** true for actors found in the text rather than in the registry */
  discovered?: boolean;
  /** for discovered actors: the role noun they were found next to */
  role?: string;
  /** registry line, for error messages */
  line?: number;
}

/** A bad registry entry. The message names the file, line and entry. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistryError";
    // the message is the whole story: no stack frames in CLI or loader output
    this.stack = `RegistryError: ${message}`;
  }
}

const KINDS = new Set<ActorKind>(["person", "organisation", "country", "group"]);
const GENDERS = new Set<Gender>(["m", "f", "n", "pl", ""]);
const ID = /^[a-z0-9][a-z0-9-]*$/;
const QID = /^Q[1-9]\d*$/;
const PERIOD = /^(\d{4}-\d{2}-\d{2})?\/(\d{4}-\d{2}-\d{2})?$/;
const COLUMNS = ["id", "kind", "gender", "qid", "name_de", "name_en", "names", "roles", "metonyms", "adjectives"];

// ---------------------------------------------------------------- lexicon

export const lexicon = lexiconData;
export const DETERMINERS = new Set(lexicon.determiners);
export const LOCATIVE = new Set(lexicon.locativePrepositions);
export const ADJECTIVE_STOP_NOUNS = new Set(lexicon.adjectiveStopNouns);
export const NAME_STOPWORDS = new Set(lexicon.nameStopwords);
export const PRONOUNS = new Map<string, "m" | "f">(Object.entries(lexicon.pronouns) as [string, "m" | "f"][]);
export const POSSESSIVE_NEEDS_NOUN = new Set(lexicon.possessiveNeedsNoun);
export const GROUP_STANDALONE = new Map(Object.entries(lexicon.groupStandalone));

const byLengthDesc = (a: string, b: string) => b.length - a.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** a token (lowercased) ending in a role head, with an optional inflection: `grünen-politiker`, `außenministerin` */
export const ROLE_TOKEN = new RegExp(
  `(${[...new Set(lexicon.roleHeads)].sort(byLengthDesc).map(escape).join("|")})(?:innen|in|en|n|s|es|e)?$`,
  "u",
);
/** a generic role noun that alone (`der Präsident`) is resolved by coreference */
export const GENERIC_ROLE = new RegExp(
  `^(?:[\\p{L}]+-)?(${[...new Set(lexicon.genericRoles)].sort(byLengthDesc).map(escape).join("|")})(?:s|en|n|es)?$`,
  "u",
);
export const NOUN_SUFFIX = new RegExp(`(?:${lexicon.nounSuffixes.map(escape).join("|")})$`, "u");

const STEM_SUFFIXES = ["innen", "in", "en", "er", "es", "em", "e", "n", "s"];

/**
 * A crude German stem for matching role phrases and adjectives across
 * inflection: lowercase, then strip declension and feminine endings while at
 * least four letters remain (`russischen` → `russisch`, `Präsidentin` →
 * `präsident`, `Kremlchefs` → `kremlchef`). Registry phrases and text tokens
 * are stemmed the same way, so over-stemming is harmless.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of STEM_SUFFIXES) {
      if (w.length - s.length >= 4 && w.endsWith(s)) {
        w = w.slice(0, -s.length);
        changed = true;
        break;
      }
    }
  }
  return w;
}

export interface TokenInfo {
  lower: string;
  stem: string;
  capitalised: boolean;
  /** ends in a role head (`Grünen-Politiker`, `Außenministerin`) */
  role: boolean;
  /** the generic role head (`präsident` for `Präsidenten`), for bare role nouns */
  generic: string | null;
  /** the lexicon's word lists, looked up once per word form rather than once per token */
  determiner: boolean;
  locative: boolean;
  /** the gender a pronoun refers to */
  pronoun: "m" | "f" | null;
  /** the group a standalone word (`beide`) names */
  group: string | null;
}

const CAPITAL = /^\p{Lu}/u;
const tokenCache = new Map<string, TokenInfo>();

/**
 * What the actor stage needs to know about a token string, memoised across
 * tokens and documents (token strings repeat heavily), so that the regexes
 * and the stemmer run once per distinct word rather than once per token.
 */
/** A flat copy of a string (V8 represents long slices as views of their parent string). */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

export function tokenInfo(t: string): TokenInfo {
  let info = tokenCache.get(t);
  if (info) return info;
  // the cache keeps a copy, not the token: a slice of the document would keep the whole text alive
  t = detached(t);
  const lower = detached(t.toLowerCase());
  const capitalised = CAPITAL.test(t);
  const role = capitalised && ROLE_TOKEN.test(lower);
  const g = role ? GENERIC_ROLE.exec(lower) : null;
  info = {
    lower, stem: stem(t), capitalised, role, generic: g ? g[1] : null,
    determiner: DETERMINERS.has(lower), locative: LOCATIVE.has(lower),
    pronoun: PRONOUNS.get(lower) ?? null, group: GROUP_STANDALONE.get(lower) ?? null,
  };
  if (tokenCache.size > 200_000) tokenCache.clear();
  tokenCache.set(t, info);
  return info;
}

/** The role heads a role token carries: itself, the part after its last hyphen, and the lexicon head it ends in. */
export function roleHeadsOf(token: string): string[] {
  const lower = token.toLowerCase();
  const heads = new Set<string>([stem(lower)]);
  const dash = lower.lastIndexOf("-");
  if (dash >= 0 && dash < lower.length - 1) heads.add(stem(lower.slice(dash + 1)));
  const m = ROLE_TOKEN.exec(lower);
  if (m) heads.add(stem(m[1]));
  return [...heads];
}

// ---------------------------------------------------------------- tries

export interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  value?: T;
}

export const newTrie = <T>(): TrieNode<T> => ({ next: new Map() });

export function trieInsert<T>(root: TrieNode<T>, keys: string[], value: T): TrieNode<T> {
  let node = root;
  for (const k of keys) {
    let child = node.next.get(k);
    if (!child) node.next.set(k, (child = { next: new Map() }));
    node = child;
  }
  node.value = value;
  return node;
}

/** Split a phrase into the same tokens the segmenter makes. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase, [{ index: 0, block: 0, start: 0, end: phrase.length }]).map((t) => phrase.slice(t.start, t.end));
}

// ---------------------------------------------------------------- parsing

interface CsvRow {
  line: number;
  cells: string[];
}

/** RFC 4180-ish CSV with line numbers; `#` lines and blank lines are skipped. */
function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    if (!line.trim() || line.startsWith("#")) continue;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let p = 0; ; p++) {
      if (p === line.length) {
        if (quoted && i + 1 < lines.length) {
          cell += "\n";
          line = lines[++i];
          p = -1;
          continue;
        }
        cells.push(cell);
        break;
      }
      const c = line[p];
      if (quoted) {
        if (c === '"' && line[p + 1] === '"') (cell += '"'), p++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") cells.push(cell), (cell = "");
      else cell += c;
    }
    rows.push({ line: start + 1, cells: cells.map((c) => c.trim()) });
  }
  return rows;
}

const list = (cell: string) => cell.split("|").map((s) => s.trim()).filter(Boolean);

function parsePeriods(spec: string, where: string): Period[] {
  return spec.split(";").map((p) => {
    const m = PERIOD.exec(p.trim());
    if (!m || (!m[1] && !m[2])) throw new RegistryError(`${where}: malformed period "${p}" (expected YYYY-MM-DD/YYYY-MM-DD, either side may be empty)`);
    const period = { from: m[1] ?? "", to: m[2] ?? "" };
    if (period.from && period.to && period.from >= period.to) throw new RegistryError(`${where}: period "${p}" ends before it starts`);
    return period;
  });
}

/** Parse the registry CSV into actors; throws `RegistryError` naming the entry on any bad row. */
export function parseRegistry(text: string, file = "actors.csv"): Actor[] {
  const rows = parseCsv(text);
  if (!rows.length) throw new RegistryError(`${file}: empty registry (expected a header line: ${COLUMNS.join(",")})`);
  const header = rows[0].cells.map((c) => c.toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new RegistryError(`${file} line ${rows[0].line}: header lacks column(s) ${missing.join(", ")}`);
  const col = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<string, number>;
  const actors: Actor[] = [];
  const lineOf = new Map<string, number>();
  for (const { line, cells } of rows.slice(1)) {
    const get = (c: string) => cells[col[c]] ?? "";
    const id = get("id");
    const where = `${file} line ${line} (id "${id}")`;
    if (cells.length > header.length) throw new RegistryError(`${where}: ${cells.length} cells but ${header.length} columns (quote a cell that holds a comma)`);
    if (!ID.test(id)) throw new RegistryError(`${where}: malformed id (lowercase letters, digits and hyphens)`);
    if (lineOf.has(id)) throw new RegistryError(`${where}: duplicate id, already defined on line ${lineOf.get(id)}`);
    lineOf.set(id, line);
    const kind = get("kind") as ActorKind;
    if (!KINDS.has(kind)) throw new RegistryError(`${where}: unknown kind "${kind}" (expected ${[...KINDS].join(", ")})`);
    const gender = get("gender") as Gender;
    if (!GENDERS.has(gender)) throw new RegistryError(`${where}: unknown gender "${gender}" (expected m, f, n, pl or empty)`);
    const qid = get("qid");
    if (qid && !QID.test(qid)) throw new RegistryError(`${where}: malformed Wikidata QID "${qid}" (expected Q followed by digits, or empty)`);
    const nameDe = get("name_de");
    if (!nameDe) throw new RegistryError(`${where}: name_de is empty`);
    const roles = list(get("roles")).map((r) => {
      const at = r.indexOf("@");
      return at < 0
        ? { phrase: r, periods: [] }
        : { phrase: r.slice(0, at).trim(), periods: parsePeriods(r.slice(at + 1), `${where}, role "${r.slice(0, at).trim()}"`) };
    });
    actors.push({
      id, kind, gender, qid, nameDe,
      nameEn: get("name_en") || nameDe,
      names: list(get("names")),
      roles,
      metonyms: list(get("metonyms")),
      adjectives: list(get("adjectives")).map((a) => a.toLowerCase()),
      line,
    });
  }
  return actors;
}

// ---------------------------------------------------------------- compile

export interface NameHit {
  actorId: string;
  form: "name" | "metonym";
  /** generated (genitive) rather than listed */
  generated: boolean;
}

export interface RoleHolder {
  actorId: string;
  periods: Period[];
}

export interface CompiledRegistry {
  actors: Actor[];
  byId: Map<string, Actor>;
  /** exact token sequences of names and metonyms (with generated genitives) */
  names: TrieNode<NameHit>;
  /** stemmed lowercase token sequences of role and group phrases */
  roles: TrieNode<RoleHolder[]>;
  /** stemmed country adjective → actor id */
  adjectives: Map<string, string>;
  /** single-token names usable inside compounds (`Ukraine` in `Ukraine-Krieg`) */
  compoundParts: Map<string, string>;
  /** actor id → role heads (stems) for role-noun coreference */
  heads: Map<string, Set<string>>;
}

function overlaps(a: Period[], b: Period[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((p) => b.some((q) => (p.from || "0000") < (q.to || "9999") && (q.from || "0000") < (p.to || "9999")));
}

const genitive = (tokens: string[]): string[] | null => {
  const last = tokens[tokens.length - 1];
  if (!/\p{L}$/u.test(last) || /[sßxz]$/i.test(last)) return null;
  return [...tokens.slice(0, -1), `${last}s`];
};

/** Compile parsed actors into lookup structures; throws `RegistryError` on conflicting entries. */
export function compileRegistry(actors: Actor[], file = "actors.csv"): CompiledRegistry {
  const at = (a: Actor) => `${file}${a.line ? ` line ${a.line}` : ""} (id "${a.id}")`;
  const byId = new Map(actors.map((a) => [a.id, a]));
  const names = newTrie<NameHit>();
  const roles = newTrie<RoleHolder[]>();
  const adjectives = new Map<string, string>();
  const compoundParts = new Map<string, string>();
  const heads = new Map<string, Set<string>>();
  const explicit = new Map<string, string>(); // joined tokens → actor id
  const generated = new Map<string, string | null>(); // null: claimed by two actors

  for (const a of actors) {
    const forms: [string, "name" | "metonym"][] = [...a.names.map((n) => [n, "name"] as [string, "name"]), ...a.metonyms.map((n) => [n, "metonym"] as [string, "metonym"])];
    for (const [form] of forms) {
      const key = phraseTokens(form).join(" ");
      const owner = explicit.get(key);
      if (owner && owner !== a.id) throw new RegistryError(`${at(a)}: alias "${form}" is already claimed by "${owner}"${byId.get(owner)?.line ? ` (line ${byId.get(owner)!.line})` : ""}`);
      explicit.set(key, a.id);
    }
  }
  for (const a of actors) {
    for (const n of [...a.names, ...a.metonyms]) {
      const toks = phraseTokens(n);
      const variants = [toks];
      if (/^\p{Ll}/u.test(toks[0])) variants.push([toks[0][0].toUpperCase() + toks[0].slice(1), ...toks.slice(1)]);
      for (const v of [...variants]) {
        const g = genitive(v);
        if (g) variants.push(g);
      }
      for (const v of variants) {
        const key = v.join(" ");
        if (explicit.has(key)) continue;
        const prev = generated.get(key);
        generated.set(key, prev === undefined || prev === a.id ? a.id : null);
      }
    }
  }
  const formOf = (a: Actor, key: string): "name" | "metonym" => {
    const isMetonym = a.metonyms.some((m) => {
      const t = phraseTokens(m);
      const g = genitive(t);
      return t.join(" ") === key || (g && g.join(" ") === key);
    });
    return isMetonym ? "metonym" : "name";
  };
  for (const [key, id] of explicit) {
    const a = byId.get(id)!;
    trieInsert(names, key.split(" "), { actorId: id, form: formOf(a, key), generated: false });
  }
  for (const [key, id] of generated) {
    if (!id) continue;
    trieInsert(names, key.split(" "), { actorId: id, form: formOf(byId.get(id)!, key), generated: true });
  }
  for (const [key, id] of explicit) if (!key.includes(" ")) compoundParts.set(key, id);

  const roleOwners = new Map<string, RoleHolder[]>();
  for (const a of actors) {
    const actorHeads = new Set<string>();
    for (const r of a.roles) {
      const toks = phraseTokens(r.phrase);
      const key = toks.map(stem);
      const k = key.join(" ");
      const holders = roleOwners.get(k) ?? [];
      for (const h of holders) {
        if (h.actorId !== a.id && overlaps(h.periods, r.periods))
          throw new RegistryError(`${at(a)}: role "${r.phrase}" is already held by "${h.actorId}" in an overlapping period (add or fix @from/to periods)`);
      }
      const own = holders.find((h) => h.actorId === a.id);
      if (own) own.periods = own.periods.length && r.periods.length ? [...own.periods, ...r.periods] : [];
      else holders.push({ actorId: a.id, periods: r.periods });
      roleOwners.set(k, holders);
      if (a.kind === "person") for (const h of roleHeadsOf(toks[toks.length - 1])) actorHeads.add(h);
    }
    heads.set(a.id, actorHeads);
    for (const adj of a.adjectives) {
      const s = stem(adj);
      const owner = adjectives.get(s);
      if (owner && owner !== a.id) throw new RegistryError(`${at(a)}: adjective "${adj}" is already claimed by "${owner}"`);
      adjectives.set(s, a.id);
    }
  }
  for (const [k, holders] of roleOwners) trieInsert(roles, k.split(" "), holders);
  return { actors, byId, names, roles, adjectives, compoundParts, heads };
}

/** Parse and compile a registry file; every problem is a `RegistryError` naming the entry. */
export function loadRegistry(path: string): CompiledRegistry {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new RegistryError(`cannot read actor registry ${path}: ${(e as Error).message}`);
  }
  const file = path.split(/[\\/]/).slice(-2).join("/");
  return compileRegistry(parseRegistry(text, file), file);
}

export const DEFAULT_REGISTRY_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "actors.csv");
