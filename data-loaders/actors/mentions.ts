/**
 * Mention finding: one left-to-right pass over the tokens, longest match
 * first, against tries built once at module load (registry.ts). Linear in the
 * number of tokens (each trie walk is bounded by the longest entry).
 *
 * Decisions (see also data-loaders/actors/README.md):
 * - a title directly before a name is part of the name mention
 *   (`US-Präsident Donald Trump`, `Präsident Selenskyj` are one `name` mention);
 * - compounds (`Ukraine-Krieg`, `NATO-Mitgliedschaft`) are topics, not the
 *   actor acting: they go to `topics`, never to `mentions`;
 * - a country, organisation or metonym after a locative preposition
 *   (`in Kiew`, `nach Russland`, `in den USA`) is a place and is skipped;
 * - pronouns inside quotation marks are skipped (their reference shifts to
 *   the quoted speaker's perspective);
 * - pronouns and bare role nouns (`der Präsident`) are resolved in coref.ts;
 *   unresolvable ones are omitted (every mention has an actor id).
 */
import type { Doc } from "../types.ts";
import { tokenTexts } from "../segment.ts";
import {
  ADJECTIVE_STOP_NOUNS, detached, POSSESSIVE_NEEDS_NOUN,
  newTrie, stem, tokenInfo, trieInsert, type Actor, type TokenInfo, type CompiledRegistry, type NameHit, type RoleHolder, type TrieNode,
} from "./registry.ts";
import { discoveredActor, discoveredId, isNamePart, nameBits, readName, NameBit, type TokenView } from "./discover.ts";
import type SpeechVerbsFile from "../data/speech-verbs.json";
import { readJsonData } from "../data-file.ts";
import { sortStable } from "../sort-stable.ts";
const speechVerbs = readJsonData<typeof SpeechVerbsFile>("data/speech-verbs.json");

export type MentionForm = "name" | "role" | "pronoun" | "metonym" | "adjective" | "group";

export interface Mention {
  start: number;
  end: number;
  actorId: string;
  form: MentionForm;
  /** index into doc.sentences */
  sentence: number;
  text: string;
}

/** An actor named inside a compound (`Ukraine` in `Ukraine-Krieg`): a topic, not the actor acting. */
export interface Topic {
  start: number;
  end: number;
  actorId: string;
  sentence: number;
  text: string;
}

/** A pronoun or bare role noun waiting for coreference. */
export interface Pending {
  start: number;
  end: number;
  sentence: number;
  kind: "pronoun" | "role";
  /** pronoun: the gender it refers to */
  gender?: "m" | "f";
  /** role: the head stems of the role noun */
  heads?: string[];
}

export interface RawMentions {
  mentions: Mention[];
  pending: Pending[];
  topics: Topic[];
  discovered: Actor[];
}

const CAPITALISED = /^\p{Lu}/u;
/** finite speech-verb forms and source words from the quote stage's lexicon (`sagte`, `erklärte`, `laut`, `so`, `zufolge`) */
const SPEECH_WORDS = new Set<string>([
  ...speechVerbs.verbs.flatMap((v) => [...v.forms.finite, ...v.forms.joined]),
  ...speechVerbs.reported.items.flatMap((v) => [...v.forms.finite, ...v.forms.joined]),
  ...speechVerbs.sources.prep, ...speechVerbs.sources.post, ...speechVerbs.sources.so,
].map((w) => w.toLowerCase()));
/** a free-standing name starts with something shaped like a given name: short, no adjective ending (`Nächstes Mal`) */
const FIRST_NAME_SHAPE = /^(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’-]{1,9})$/u;
const ADJECTIVE_ENDING = /(?:es|em|isch\p{Ll}*|lich\p{Ll}*|ig\p{Ll}*)$/u;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const QUOTE_OPEN = new Set(["„", "»", "‚"]);
const QUOTE_CLOSE = new Set(["”", "«", "‘"]);

interface Match<T> {
  end: number;
  value: T;
}

/** The longest trie entry starting at token `i` within its sentence; `keys[j]` is token j's key (its text or its stem). */
function walk<T>(root: TrieNode<T>, v: TokenView, i: number, keys: readonly string[]): Match<T> | null {
  let node: TrieNode<T> | undefined = root;
  let end = -1;
  let value: T | undefined;
  const s = v.sentence[i];
  for (let j = i; j < v.n && v.sentence[j] === s; j++) {
    node = node.next.get(keys[j]);
    if (!node) break;
    if (node.value !== undefined) (end = j + 1), (value = node.value);
  }
  return end < 0 ? null : { end, value: value! };
}

/** `walk` when the first step, `root.next.get(keys[i])`, is already known (`first`); `i` < n. */
function walkFrom<T>(first: TrieNode<T> | undefined, v: TokenView, i: number, keys: readonly string[]): Match<T> | null {
  if (first === undefined) return null;
  let node: TrieNode<T> | undefined = first;
  let end = -1;
  let value: T | undefined;
  if (node.value !== undefined) (end = i + 1), (value = node.value);
  const s = v.sentence[i];
  for (let j = i + 1; j < v.n && v.sentence[j] === s; j++) {
    node = node.next.get(keys[j]);
    if (!node) break;
    if (node.value !== undefined) (end = j + 1), (value = node.value);
  }
  return end < 0 ? null : { end, value: value! };
}

/** `walkFrom` over the role trie, whose keys are the tokens' stems (`factsById[ids[j]].stem`). */
function walkRolesFrom(first: TrieNode<RoleHolder[]> | undefined, v: TokenView, i: number, ids: Int32Array): Match<RoleHolder[]> | null {
  if (first === undefined) return null;
  let node: TrieNode<RoleHolder[]> | undefined = first;
  let end = -1;
  let value: RoleHolder[] | undefined;
  if (node.value !== undefined) (end = i + 1), (value = node.value);
  const s = v.sentence[i];
  for (let j = i + 1; j < v.n && v.sentence[j] === s; j++) {
    node = node.next.get(factsById[ids[j]]!.stem);
    if (!node) break;
    if (node.value !== undefined) (end = j + 1), (value = node.value);
  }
  return end < 0 ? null : { end, value: value! };
}

const byStart = (a: Mention, b: Mention) => a.start - b.start;

function coveredIn(covered: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (covered[k]) return true;
  return false;
}

/** What a word form is to one compiled registry: its token facts and the first step of each trie walk from it. */
interface RegToken {
  /** the registry these facts are about */
  reg: CompiledRegistry;
  info: TokenInfo;
  /** `reg.names.next.get(form)` */
  name: TrieNode<NameHit> | undefined;
  /** `reg.roles.next.get(info.stem)` */
  role: TrieNode<RoleHolder[]> | undefined;
  /** `reg.adjectives.get(info.stem)` */
  adj: string | undefined;
  /** `SPEECH_WORDS.has(info.lower)` */
  speech: boolean;
  /** the form holds a hyphen */
  hyphen: boolean;
  /** `info.stem`, the key of role walks (one load less per step) */
  stem: string;
  /** the form's `TokenBit.Plain` and `TokenBit.MayName` and its bits for `readName` (discover.ts), copied to each token's byte in `bitsAt` */
  bits: number;
  /** the token facts the passes read, copied from `info` (one load less per read) */
  determiner: boolean;
  locative: boolean;
  capitalised: boolean;
  /** `info.role`: the form ends in a role head */
  roleNoun: boolean;
  pronoun: "m" | "f" | null;
  group: string | null;
  /** `isNamePart(form)` */
  part: boolean;
  /** the form is an opening mark or dash (`„`, `(`, `–`): a capitalised word after it may start a sentence */
  opener: boolean;
  /**
   * A hyphenated form's parts and their registry facts. Set when the facts
   * are made, not at the form's first hyphenated token: filled in later, the
   * stage took 13 % more instructions (measured; V8's field tracking, most
   * likely).
   */
  hyphenParts: HyphenParts | undefined;
  /** what the form does to quotation (the first pass then need not read the string) */
  quote: Quote;
}

/**
 * A token's byte in `bitsAt`: bits 0–4 are `readName`'s (discover.ts), these
 * two the passes' own. The passes read each token's byte, where they read
 * facts from its `RegToken` only at the few tokens that need more.
 *
 * `TokenBit.Plain`: the main pass does nothing at a token of this form but step over it:
 * it starts no name or role entry, is no determiner (which would look at the
 * next token's roles), role noun, pronoun, country adjective, hyphenated
 * word, standalone group word or capitalised name part. Most tokens are such.
 *
 * `TokenBit.MayName`: the form can start a name of an actor discovered in the article:
 * each such name, its surname and their genitives (`-s`) begin with a name
 * part, which starts with a capital or holds a particle's hyphen or
 * apostrophe (`el-Baradei`, `d'Alema`). The second pass probes its trie only there.
 */
const enum TokenBit { Plain = 32, MayName = 64, Known = 128 }
const NAME_PARTICLE_MARK = /['’-]/;
const OPENER = /^[„»"“(‚–-]$/;
/** what a form does to quotation (`const enum`s: the bundler inlines their members as literals, where module constants are loaded and checked at each use) */
const enum Quote { None = 0, Opens = 1, Closes = 2, Toggles = 3 }

/** quotation marks are one-character tokens; `“` closes `„…“` and opens `“…”` */
function quoteKind(t: string): Quote {
  if (t.length !== 1) return Quote.None;
  if (QUOTE_OPEN.has(t)) return Quote.Opens;
  if (QUOTE_CLOSE.has(t)) return Quote.Closes;
  return t === "“" || t === '"' ? Quote.Toggles : Quote.None;
}

/**
 * Per registry, word form → `RegToken`: one Map probe per token instead of
 * four (token facts, names trie, roles trie, adjectives), most tokens
 * starting no entry at all. Registries are compiled once and not changed
 * afterwards, so the facts stay true for as long as the registry lives.
 */
const REG_TOKENS = new WeakMap<CompiledRegistry, Map<string, RegToken>>();

function regToken(cache: Map<string, RegToken>, reg: CompiledRegistry, t: string): RegToken {
  let r = cache.get(t);
  if (r === undefined) {
    const info = tokenInfo(t);
    const name = reg.names.next.get(t), role = reg.roles.next.get(info.stem), adj = reg.adjectives.get(info.stem), hyphen = t.includes("-");
    const part = isNamePart(t);
    const plain = name === undefined && role === undefined && adj === undefined && !hyphen && !info.determiner && !info.role && !info.pronoun &&
      !(info.group && reg.byId.has(info.group)) && !(info.capitalised && part);
    const bits = nameBits(t) | (name !== undefined ? NameBit.StartsKnown : 0) | (plain ? TokenBit.Plain : 0) | (info.capitalised || NAME_PARTICLE_MARK.test(t) ? TokenBit.MayName : 0);
    // what the first pass reads of every token (`reg`, `bits`, `quote`) first: one cache line
    r = {
      reg, bits, quote: quoteKind(t), info, name, role, adj, speech: SPEECH_WORDS.has(info.lower), hyphen, stem: info.stem,
      determiner: info.determiner, locative: info.locative, capitalised: info.capitalised, roleNoun: info.role, pronoun: info.pronoun, group: info.group,
      part, opener: OPENER.test(t), hyphenParts: hyphen ? hyphenParts(t, info.capitalised, reg) : undefined,
    };
    if (cache.size > 200_000) cache.clear();
    cache.set(detached(t), r); // a copy: a slice would keep the document text alive
  }
  return r;
}

function covers(periods: RoleHolder["periods"], date: string): boolean {
  return !periods.length || periods.some((p) => (!p.from || p.from <= date) && (!p.to || date < p.to));
}

/**
 * Which holder a role phrase means: the one holding it at the article's date;
 * among several (or with no date), the one mentioned most recently in the
 * article, else the current holder (open period).
 */
function pickHolder(holders: RoleHolder[], date: string, lastSeen: Map<string, number>): string | null {
  let cands = date ? holders.filter((h) => covers(h.periods, date)) : holders;
  if (!cands.length) return null;
  if (cands.length === 1) return cands[0].actorId;
  let recent: string | null = null;
  let at = -1;
  for (const h of cands) {
    const seen = lastSeen.get(h.actorId) ?? -1;
    if (seen > at) (at = seen), (recent = h.actorId);
  }
  if (recent) return recent;
  const open = cands.filter((h) => !h.periods.length || h.periods.some((p) => !p.to));
  cands = open.length ? open : cands;
  return cands[0].actorId;
}

/** A hyphenated form split at its hyphens, with what the registry knows of its parts. */
interface HyphenParts {
  parts: string[];
  /** lower-case forms: each part's country adjective, when every part is one (`russisch-amerikanische`); else null */
  adjectives: string[] | null;
  /** capitalised forms: the actor of each part before the head (`Ukraine` in `Ukraine-Krieg`), or undefined */
  compound: (string | undefined)[];
}

function hyphenParts(t: string, capitalised: boolean, reg: CompiledRegistry): HyphenParts {
  const parts = t.split("-");
  let adjectives: string[] | null = null;
  const compound: (string | undefined)[] = [];
  if (!capitalised) {
    const ids: string[] = [];
    for (const p of parts) {
      const id = p ? reg.adjectives.get(stem(p)) : undefined;
      if (!id) break;
      ids.push(id);
    }
    if (ids.length === parts.length && ids.length) adjectives = ids;
  } else for (let k = 0; k < parts.length - 1; k++) compound.push(reg.compoundParts.get(parts[k]));
  return { parts, adjectives, compound };
}

/**
 * A hyphenated token: country adjectives in every part (`russisch-amerikanische`)
 * become adjective mentions (returns true: the token is covered); otherwise a
 * capitalised compound's registry parts before its head (`Ukraine-Krieg`) are
 * topics. Kept out of `findMentions` (plain loops, no array destructuring):
 * that function is the costliest to optimise, once per worker thread.
 */
function hyphenated(h: HyphenParts, start: number, capitalised: boolean, sentence: number, text: string, mentions: Mention[], topics: Topic[]): boolean {
  const parts = h.parts;
  if (!capitalised) {
    const ids = h.adjectives;
    if (ids) {
      let offset = start;
      for (let k = 0; k < parts.length; k++) {
        const end = offset + parts[k].length;
        mentions.push({ start: offset, end, actorId: ids[k], form: "adjective", sentence, text: text.slice(offset, end) });
        offset = end + 1;
      }
      return true;
    }
    return false;
  }
  // 5. compounds: the actor is a topic (`Ukraine-Krieg`), not the actor acting
  let offset = start;
  for (let k = 0; k < parts.length - 1; k++) {
    const p = parts[k];
    const id = h.compound[k];
    if (id) topics.push({ start: offset, end: offset + p.length, actorId: id, sentence, text: p });
    offset += p.length + 1;
  }
  return false;
}

/**
 * Per-token scratch, reused from document to document (findMentions is not
 * re-entered): allocating four token-length arrays per document was ~29 MB
 * of garbage per 1,000 articles. Only indexes below the document's token
 * count are read; every read at `j` is guarded by `j < n`.
 */
let sentenceOf = new Int32Array(1024);
let inQuoteAt = new Uint8Array(1024);
let coveredAt = new Uint8Array(1024);
let bitsAt = new Uint8Array(1024);

/**
 * What the passes know of each form, by the form's number (`FormEntry.id`,
 * `tokenTexts(doc).ids`), for one registry and one numbering of forms: the
 * first pass reads a byte per token here where it read a form's memo slot
 * and stored a pointer per token (a write barrier each, while the heap is
 * being marked). Emptied when the registry or the numbering changes.
 */
let factsReg: CompiledRegistry | undefined;
let factsGeneration = -1;
/** the form's byte for `bitsAt`, with `TokenBit.Known` set; 0 while its facts are not yet made */
let bitsById = new Uint8Array(1024);
/** the form's `RegToken.quote` */
let quoteById = new Uint8Array(1024);
/** the form's first code unit mod 32 (the second pass tests it against the discovered names' first units without reading the string) */
let unitById = new Uint8Array(1024);
/** the form's facts; set where `bitsById` is */
const factsById: (RegToken | undefined)[] = new Array(1024).fill(undefined);

function formTables(reg: CompiledRegistry, generation: number, limit: number): void {
  if (reg !== factsReg || generation !== factsGeneration) {
    factsReg = reg;
    factsGeneration = generation;
    bitsById.fill(0);
    factsById.fill(undefined);
  }
  if (bitsById.length >= limit) return;
  let size = bitsById.length;
  while (size < limit) size *= 2;
  const bits = new Uint8Array(size), quote = new Uint8Array(size), unit = new Uint8Array(size);
  bits.set(bitsById);
  quote.set(quoteById);
  unit.set(unitById);
  (bitsById = bits), (quoteById = quote), (unitById = unit);
  while (factsById.length < size) factsById.push(undefined);
}

/** Make the facts of form `id`, `t`, and return its byte. */
function learnForm(id: number, t: string, cache: Map<string, RegToken>, reg: CompiledRegistry): number {
  const r = regToken(cache, reg, t);
  factsById[id] = r;
  quoteById[id] = r.quote;
  unitById[id] = t.charCodeAt(0) & 31;
  return (bitsById[id] = r.bits | TokenBit.Known);
}

function reserve(n: number): void {
  if (sentenceOf.length >= n) return;
  let size = sentenceOf.length;
  while (size < n) size *= 2;
  sentenceOf = new Int32Array(size);
  inQuoteAt = new Uint8Array(size);
  coveredAt = new Uint8Array(size);
  bitsAt = new Uint8Array(size);
}

/**
 * The first pass, over every token: its sentence (`sentenceOf`), whether it
 * is inside quotation marks (`inQuoteAt`) and its form's byte of facts
 * (`bitsAt`, `TokenBit.Known` included), making the facts of forms not yet
 * known. A function of its own: it needs none of `findMentions`'
 * closures, and V8 then compiles (and, in a long first document, compiles
 * on the stack) this small loop rather than all of `findMentions`, the
 * costliest function of the stage to compile.
 */
function readTokens(doc: Doc, reg: CompiledRegistry, tx: readonly string[], ids: Int32Array): void {
  const tokens = doc.tokens, n = tokens.length;
  reserve(n);
  const sentence = sentenceOf, inQuote = inQuoteAt, bits = bitsAt, known = bitsById, quotes = quoteById;
  inQuote.fill(0, 0, n);
  let cache = REG_TOKENS.get(reg);
  if (!cache) REG_TOKENS.set(reg, (cache = new Map()));
  let open = false;
  let block = -1;
  let lastSentence = -1, sentenceBlock = 0;
  for (let i = 0; i < n; i++) {
    const ts = tokens[i].sentence;
    sentence[i] = ts;
    if (ts !== lastSentence) (lastSentence = ts), (sentenceBlock = doc.sentences[ts]?.block ?? 0);
    if (sentenceBlock !== block) (block = sentenceBlock), (open = false);
    const id = ids[i];
    let b = known[id];
    if (b === 0) b = learnForm(id, tx[i], cache, reg);
    bits[i] = b;
    const q = quotes[id];
    if (q === Quote.None) { if (open) inQuote[i] = 1; }
    else if (q === Quote.Opens) open = true;
    else if (q === Quote.Closes) open = false;
    else open = !open;
  }
}

/** The second pass's trie of discovered actors' names, and the first code units (mod 32) of its entries' first tokens. */
interface LocalNames {
  trie: TrieNode<NameHit>;
  firstUnits: number;
}

/**
 * The trie of this article's discovered actors. Built per article: a cache
 * keyed by the list of discovered actors paid off only where the same people
 * recur article after article (the synthetic bench corpus), not in real news.
 */
function localNames(reg: CompiledRegistry, discovered: Iterable<Actor>): LocalNames {
  const local = newTrie<NameHit>();
  const surnames = new Map<string, string | null>();
  for (const a of discovered) {
    const parts = a.nameDe.split(" ");
    trieInsert(local, parts, { actorId: a.id, form: "name", generated: false });
    if (!/[sßxz]$/.test(parts[parts.length - 1])) trieInsert(local, [...parts.slice(0, -1), parts[parts.length - 1] + "s"], { actorId: a.id, form: "name", generated: true });
    const last = parts[parts.length - 1];
    if (parts.length > 1 && last.length > 2 && !reg.names.next.has(last)) surnames.set(last, surnames.has(last) && surnames.get(last) !== a.id ? null : a.id);
  }
  for (const [last, id] of surnames) {
    if (!id) continue;
    trieInsert(local, [last], { actorId: id, form: "name", generated: false });
    if (!/[sßxz]$/.test(last)) trieInsert(local, [last + "s"], { actorId: id, form: "name", generated: true });
  }
  // a token whose first unit is none of these starts no entry and needs no probe
  let firstUnits = 0;
  for (const k of local.next.keys()) firstUnits |= 1 << (k.charCodeAt(0) & 31);
  return { trie: local, firstUnits };
}

export function findMentions(doc: Doc, reg: CompiledRegistry): RawMentions {
  const { text, tokens } = doc;
  const n = tokens.length;
  // the document's shared token texts (sliced once for every stage)
  const { forms, ids, idGeneration, idLimit } = tokenTexts(doc);
  const tx = forms as string[];
  formTables(reg, idGeneration, idLimit);
  readTokens(doc, reg, tx, ids);
  // token j's facts are `facts[ids[j]]!`
  const sentence = sentenceOf, inQuote = inQuoteAt, covered = coveredAt, bits = bitsAt, facts = factsById;
  covered.fill(0, 0, n);
  const v: TokenView = { tx, sentence, bits, n };
  const lower = (j: number) => facts[ids[j]]!.info.lower;
  const exact = tx;
  const date = DATE.test(doc.meta.date) ? doc.meta.date.slice(0, 10) : "";
  const sentenceStart = (j: number) => j === 0 || sentence[j - 1] !== sentence[j] || facts[ids[j - 1]]!.opener && (j < 2 || sentence[j - 2] !== sentence[j]);

  const mentions: Mention[] = [];
  const pending: Pending[] = [];
  const topics: Topic[] = [];
  const discovered = new Map<string, Actor>();
  const lastSeen = new Map<string, number>();

  const push = (from: number, to: number, actorId: string, form: MentionForm) => {
    const start = tokens[from].start;
    const end = tokens[to - 1].end;
    mentions.push({ start, end, actorId, form, sentence: sentence[from], text: text.slice(start, end) });
    lastSeen.set(actorId, from);
    for (let k = from; k < to; k++) covered[k] = 1;
  };
  const isLocative = (i: number) => {
    if (i > 0 && facts[ids[i - 1]]!.locative && sentence[i - 1] === sentence[i]) return true;
    return i > 1 && facts[ids[i - 1]]!.determiner && facts[ids[i - 2]]!.locative && sentence[i - 2] === sentence[i];
  };
  const namesAt = (j: number) => (j < n ? walkFrom(facts[ids[j]]!.name, v, j, exact) : null);
  /** an unknown name after a role token ending at `j` (exclusive); returns the discovered actor and end */
  const discover = (j: number, role: string, minParts: number): { actor: Actor; end: number } | null => {
    if (j >= n || sentence[j] !== sentence[j - 1]) return null;
    const end = readName(v, j, minParts);
    if (end < 0) return null;
    const name = text.slice(tokens[j].start, tokens[end - 1].end);
    // a lone surname already discovered in this article is that actor
    let actor = discovered.get(discoveredId(name));
    if (!actor && end - j === 1) actor = [...discovered.values()].find((a) => a.nameDe.split(" ").pop() === name);
    if (!actor) discovered.set((actor = discoveredActor(name, role)).id, actor);
    return { actor, end };
  };

  for (let i = 0; i < n; ) {
    if (bits[i] & TokenBit.Plain) {
      i++;
      continue;
    }
    const ri = facts[ids[i]]!;
    const t = tx[i];
    const ti = ri.info;
    // 1. registry names and metonyms (exact tokens), role and group phrases (stems), with a leading determiner
    const name = walkFrom(ri.name, v, i, exact);
    let role = walkRolesFrom(ri.role, v, i, ids);
    let phraseStart = i;
    if (ri.determiner && i + 1 < n) {
      const r = walkRolesFrom(facts[ids[i + 1]]!.role, v, i + 1, ids);
      if (r && (!role || r.end > role.end)) (role = r), (phraseStart = i + 1);
    }
    const roleStart = i;
    if (role && (!name || role.end > name.end)) {
      const holders = role.value;
      const groupId = holders.length === 1 && reg.byId.get(holders[0].actorId)?.kind === "group" ? holders[0].actorId : null;
      const next = namesAt(role.end);
      if (!groupId && next && sentence[role.end] === sentence[i] && reg.byId.get(next.value.actorId)!.kind === "person") {
        push(roleStart, next.end, next.value.actorId, "name");
        i = next.end;
        continue;
      }
      const roleText = text.slice(tokens[phraseStart].start, tokens[role.end - 1].end);
      const found = !groupId ? discover(role.end, roleText, 1) : null;
      if (found) {
        push(roleStart, found.end, found.actor.id, "name");
        i = found.end;
        continue;
      }
      const actorId = groupId ?? pickHolder(holders, date, lastSeen);
      if (actorId) {
        const a = reg.byId.get(actorId)!;
        push(roleStart, role.end, actorId, a.kind === "group" ? "group" : "role");
      }
      i = role.end;
      continue;
    }
    if (name) {
      const a = reg.byId.get(name.value.actorId)!;
      if ((a.kind !== "person" || name.value.form === "metonym") && isLocative(i)) {
        covered.fill(1, i, name.end);
      } else {
        push(i, name.end, a.id, name.value.form);
      }
      i = name.end;
      continue;
    }
    // 2. a role noun from the lexicon: before a known name, before an unknown name (discovery), or alone (coreference)
    if (ri.roleNoun) {
      const next = namesAt(i + 1);
      if (next && sentence[i + 1] === sentence[i] && reg.byId.get(next.value.actorId)!.kind === "person") {
        push(i, next.end, next.value.actorId, "name");
        i = next.end;
        continue;
      }
      const found = discover(i + 1, t, 1);
      if (found) {
        push(i, found.end, found.actor.id, "name");
        i = found.end;
        continue;
      }
      // `der Direktor der IAEO, Mohammed el-Baradei`: a role, its complement, a comma, then the name
      const complement = roleComplementEnd(i + 1);
      if (complement > 0) {
        const later = discover(complement + 1, t, 2);
        if (later) {
          push(complement + 1, later.end, later.actor.id, "name");
          i = later.end;
          continue;
        }
      }
      const g = ti.generic;
      const det = i > 0 && sentence[i - 1] === sentence[i] && facts[ids[i - 1]]!.determiner ? i - 1 : -1;
      // `der Präsidenten` (genitive plural) names several people: not resolved
      const plural = det >= 0 && lower(det) === "der" && ti.lower.endsWith("en") && !g?.endsWith("en");
      if (g && det >= 0 && !plural && !inQuote[i]) {
        pending.push({ start: tokens[det].start, end: tokens[i].end, sentence: sentence[i], kind: "role", heads: [stem(g)] });
      }
      i++;
      continue;
    }
    // 3. pronouns
    const gender = ri.pronoun;
    if (gender && !inQuote[i]) {
      const capitalOk = !ri.capitalised || sentenceStart(i);
      const nounOk = !POSSESSIVE_NEEDS_NOUN.has(ti.lower) || (i + 1 < n && sentence[i + 1] === sentence[i] && facts[ids[i + 1]]!.capitalised);
      if (capitalOk && nounOk) pending.push({ start: tokens[i].start, end: tokens[i].end, sentence: sentence[i], kind: "pronoun", gender });
      i++;
      continue;
    }
    // 4. country adjectives (`russischer Truppen`), also inside `russisch-amerikanische`
    const adj = ri.adj;
    if (adj) {
      if (!(i + 1 < n && ADJECTIVE_STOP_NOUNS.has(tx[i + 1]))) push(i, i + 1, adj, "adjective");
      i++;
      continue;
    }
    if (ri.hyphen) {
      if (hyphenated(ri.hyphenParts!, tokens[i].start, ri.capitalised, sentence[i], text, mentions, topics)) covered[i] = 1;
      i++;
      continue;
    }
    // 6. `beide` alone (`dann verließen beide den Raum`)
    const group = ri.group;
    if (group && reg.byId.has(group) && !(i + 1 < n && sentence[i + 1] === sentence[i] && facts[ids[i + 1]]!.capitalised)) {
      push(facts[ids[Math.max(0, i - 1)]]!.determiner && i > 0 && sentence[i - 1] === sentence[i] ? i - 1 : i, i + 1, group, "group");
      i++;
      continue;
    }
    // 7. apposition: `Anton Hofreiter, Grünen-Politiker, …` / `Anton Hofreiter, der Grünen-Politiker`
    if (ri.capitalised && ri.part && !sentenceStartStopword(i)) {
      const end = readName(v, i, 2);
      if (end > 0 && end + 1 < n && tx[end] === "," && sentence[end] === sentence[i]) {
        let k = end + 1;
        while (k < n && sentence[k] === sentence[i] && k - end <= 3 && !facts[ids[k]]!.capitalised && /^\p{L}+$/u.test(tx[k])) k++;
        if (k < n && sentence[k] === sentence[i] && facts[ids[k]]!.roleNoun) {
          const nameText = text.slice(tokens[i].start, tokens[end - 1].end);
          let actor = discovered.get(discoveredId(nameText));
          if (!actor) discovered.set((actor = discoveredActor(nameText, tx[k])).id, actor);
          push(i, end, actor.id, "name");
          i = end;
          continue;
        }
      }
      // 8. a free-standing name of two or three parts next to a speech verb or source word (`sagte Oskar Lafontaine`, `so Bernd Lucke`, `Rafael Correa erklärte`)
      const speechBefore = i > 0 && sentence[i - 1] === sentence[i] && facts[ids[i - 1]]!.speech;
      const speechAfter = end > 0 && end < n && sentence[end] === sentence[i] && facts[ids[end]]!.speech;
      if (end > 0 && end - i <= 3 && (speechBefore || speechAfter) && FIRST_NAME_SHAPE.test(t) && !ADJECTIVE_ENDING.test(t) && !(end < n && sentence[end] === sentence[i] && facts[ids[end]]!.capitalised)) {
        const nameText = text.slice(tokens[i].start, tokens[end - 1].end);
        let actor = discovered.get(discoveredId(nameText));
        if (!actor) discovered.set((actor = discoveredActor(nameText, "")).id, actor);
        push(i, end, actor.id, "name");
        i = end;
        continue;
      }
    }
    i++;
  }

  // second pass: later mentions of discovered actors by full name or surname (and their genitives)
  if (discovered.size) {
    const { trie: local, firstUnits } = localNames(reg, discovered.values());
    const units = unitById;
    for (let i = 0; i < n; i++) {
      if (covered[i] || !(bits[i] & TokenBit.MayName) || !((firstUnits >>> units[ids[i]]) & 1)) continue;
      const m = walk(local, v, i, exact);
      if (m && !coveredIn(covered, i, m.end)) {
        push(i, m.end, m.value.actorId, "name");
        i = m.end - 1;
      }
    }
    sortStable(mentions, byStart);
  }
  return { mentions, pending, topics, discovered: [...discovered.values()] };

  /** after a role token: `der IAEO`, `des Linux-Verbandes`, `der Polizei in Köln` up to a comma (≤ 6 tokens); the comma's index or -1 */
  function roleComplementEnd(j: number): number {
    if (j >= n || sentence[j] !== sentence[j - 1] || !/^(der|des|von|vom|aus|im|in)$/.test(lower(j))) return -1;
    for (let k = j + 1; k < n && k <= j + 6 && sentence[k] === sentence[j]; k++) {
      if (tx[k] === ",") return k + 1 < n && sentence[k + 1] === sentence[j] ? k : -1;
      if (/^[.;:!?„“"»«()–]$/.test(tx[k])) return -1;
    }
    return -1;
  }

  function sentenceStartStopword(i: number): boolean {
    // a capitalised first word of a sentence is usually not a name unless it continues into one
    return sentenceStart(i) && !(i + 1 < n && facts[ids[i + 1]]!.part);
  }
}
