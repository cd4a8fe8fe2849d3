/**
 * The quote stage's lexicons, compiled once at module load from the data
 * files: speech verbs (finite forms → lemma and class), source phrases and the
 * Konjunktiv form list.
 */
import type SpeechFile from "../data/speech-verbs.json";
import type KonjunktivFile from "../data/konjunktiv.json";
import type WordsFile from "../data/quote-words.json";
import { readJsonData } from "../data-file.ts";
const speech = readJsonData<typeof SpeechFile>("data/speech-verbs.json");
const konjunktiv = readJsonData<typeof KonjunktivFile>("data/konjunktiv.json");
const words = readJsonData<typeof WordsFile>("data/quote-words.json");

export interface VerbInfo {
  lemma: string;
  cls: string;
  /** the separated particle (`mit` for `teilte … mit`), or null */
  particle: string | null;
  /** which form this token is */
  form: "finite" | "joined" | "participle";
}

interface Forms { finite: string[]; particle: string | null; joined: string[]; participle: string[] }

/** lower-case verb form → the verbs it can be (a form can belong to several lemmas) */
export const VERB_FORMS = new Map<string, VerbInfo[]>();
const add1 = (k: string, info: VerbInfo) => {
  const list = VERB_FORMS.get(k);
  if (!list) VERB_FORMS.set(k, [info]);
  else if (!list.some((v) => v.lemma === info.lemma && v.form === info.form)) list.push(info);
};
// the lexicon keeps some forms in the old spelling (`beschloß`); `ss` is today's (and the Swiss) spelling
const add = (form: string, info: VerbInfo) => {
  const k = form.toLowerCase();
  add1(k, info);
  if (k.includes("ß")) add1(k.replace(/ß/g, "ss"), info);
};
for (const v of speech.verbs as { lemma: string; class: string; forms?: Forms }[]) {
  const f = v.forms;
  if (!f) continue;
  for (const x of f.finite) add(x, { lemma: v.lemma, cls: v.class, particle: f.particle, form: "finite" });
  for (const x of f.joined) add(x, { lemma: v.lemma, cls: v.class, particle: null, form: "joined" });
  for (const x of f.participle) add(x, { lemma: v.lemma, cls: v.class, particle: null, form: "participle" });
}

/** lemma → prepositions that introduce its reported object ([] = direct object) */
export const REPORTED = new Map<string, Set<string>>();
/** finite/joined/participle forms of reported-speech verbs → lemma */
export const REPORTED_FORMS = new Map<string, { lemma: string; particle: string | null }[]>();
/** reported-speech verbs that alone make no Reported quote (`emit: false`: rarely annotated on the train split) */
export const REPORTED_SILENT = new Set<string>();
for (const r of speech.reported.items as { lemma: string; with: string[]; forms?: Forms; emit?: boolean }[]) {
  REPORTED.set(r.lemma.replace(/^sich /, ""), new Set(r.with));
  if (r.emit === false) REPORTED_SILENT.add(r.lemma.replace(/^sich /, ""));
  const f = r.forms;
  if (!f) continue;
  const lemma = r.lemma.replace(/^sich /, "");
  const put = (x: string, particle: string | null) => {
    for (const k of x.includes("ß") ? [x.toLowerCase(), x.toLowerCase().replace(/ß/g, "ss")] : [x.toLowerCase()]) {
      const list = REPORTED_FORMS.get(k) ?? [];
      list.push({ lemma, particle });
      REPORTED_FORMS.set(k, list);
    }
  };
  for (const x of f.finite) put(x, f.particle);
  for (const x of [...f.joined, ...f.participle]) put(x, null);
}
export const VERB_CLASS = new Map<string, string>((speech.verbs as { lemma: string; class: string }[]).map((v) => [v.lemma, v.class]));

export const SOURCE_PREP = new Set(speech.sources.prep.map((s) => s.toLowerCase()));
export const SOURCE_POST = new Set(speech.sources.post.map((s) => s.toLowerCase()));
const NACH_SUFFIXES: string[] = speech.sources.nachNounSuffixes;
/** A head noun that makes `nach` a source preposition (`nach Angaben`, `nach einer Studie`, `Pressemitteilung`). */
export const isNachNoun = (t: string) => {
  const low = t.toLowerCase();
  for (const s of NACH_SUFFIXES) if (low.endsWith(s)) return true;
  return false;
};
export const SOURCE_ADVERBS = new Set(speech.sources.adverbs.map((s) => s.toLowerCase()));
/** impersonal phrases as word sequences, longest first */
export const IMPERSONAL: string[][] = speech.sources.impersonal
  .map((s) => s.toLowerCase().split(/\s+/))
  .sort((a, b) => b.length - a.length);

const KJ1 = new Set<string>(konjunktiv.konjunktiv1);
for (const w of words.notKonjunktiv) KJ1.delete(w);
const KJ2 = new Set<string>(konjunktiv.konjunktiv2);

/** A lower-case token that is a Konjunktiv I form (unambiguous against the indicative). */
export const isKonjunktiv1 = (low: string) => KJ1.has(low);
/** A Konjunktiv II auxiliary used as a reported-speech substitute (`hätten`, `würden`). */
export const isKonjunktiv2 = (low: string) => KJ2.has(low);

/** every word that can start a cue (one lookup rejects all other tokens) */
export const TRIGGERS = new Set<string>([...IMPERSONAL.map((seq) => seq[0]), "war", ...SOURCE_PREP, ...SOURCE_POST, "nach", "so", ...SOURCE_ADVERBS, ...VERB_FORMS.keys()]);

export const STOP_NP = new Set<string>(words.npStop.map((w: string) => w.toLowerCase()));
/** auxiliaries (perfect, passive, Konjunktiv): a participle cue needs one in its clause */
export const AUX = new Set<string>(words.auxiliaries);
/** prepositions that attach a place or institution to a name (`Ken Rice vom Institut für Astronomie in Edinburgh`) */
export const NAME_PREP = new Set<string>(words.namePrepositions);
/** determiners that open a genitive attribute after a noun (`Angaben des Roten Kreuzes`) */
export const GENITIVE_DET = new Set<string>(words.genitiveDeterminers);
export const NP_DET = new Set<string>(words.determiners);
export const PRONOUNS = new Set<string>(words.speakerPronouns);
export const NAMING = new Set<string>(words.namingWords.map((w: string) => w.toLowerCase()));
const NAMING_HEADS = [...NAMING].filter((w) => w.length >= 6);
// genitive singular only: the plural `Worten` (`mit den Worten „…“`) introduces speech
const NAMING_ENDINGS = ["es", "s"];
const namingMemo = new Map<string, boolean>();
/** a naming noun, in the genitive (`Magazines`, `Stamms`) or as the head of a compound (`Fachmagazin`, `Phänomenbereich`) */
export function isNamingNoun(low: string): boolean {
  if (NAMING.has(low)) return true;
  if (low.length < 4) return false;
  let known = namingMemo.get(low);
  if (known === undefined) {
    if (namingMemo.size > 50_000) namingMemo.clear();
    namingMemo.set(low, (known = namingNounForm(low)));
  }
  return known;
}
function namingNounForm(low: string): boolean {
  const stems = [low];
  for (const e of NAMING_ENDINGS) if (low.endsWith(e) && NAMING.has(low.slice(0, -e.length))) return true;
  for (const e of NAMING_ENDINGS) if (low.endsWith(e)) stems.push(low.slice(0, -e.length));
  for (const w of NAMING_HEADS) for (const st of stems) if (st.length > w.length + 2 && st.endsWith(w)) return true;
  return false;
}
export const CLAUSE_CONJ = new Set<string>(words.complementizers);
export const REPORTIVE_MODALS = new Set<string>(words.reportiveModals);
export const PERFECT_INF = new Set<string>(words.perfectInfinitive);
export const POSSESSIVE_SPEAKER = new Set<string>(words.possessives);
export const SUBORDINATORS = new Set<string>(words.subordinators);
export const RELATIVE_STARTS = new Set<string>(words.relativeStarts);
/** addressees: `vor der Presse` (the noun after `vor` and an article), `in einem Interview mit X`, `appellierte an X` */
export const AUDIENCE = new Set<string>(words.addressee.audiences);
export const INTERVIEW = new Set<string>(words.addressee.interviews);
export const ADDRESSED_AN = new Set<string>(words.addressee.anVerbs);
/** function words inside foreign names (`University of St. Andrews`) */
export const FOREIGN_NAME_WORDS = new Set<string>(words.foreignNameWords);
/** objects that make `fordern` a toll, not a demand (`forderte 92 Menschenleben`) */
export const CASUALTY_NOUNS = new Set<string>(words.casualtyNouns);
/** prepositions fused with their article (`zum` → `zu`) */
export const CONTRACTED: Readonly<Record<string, string>> = words.contracted;
/** speech verbs whose negation still asserts the complement (`nicht ausschließen, dass`) */
export const NEGATION_ASSERTS = new Set<string>(words.negationAsserts);
/** nouns whose complement clause is reported speech (`vertritt die These, dass …`) */
export const SPEECH_NOUNS = new Set<string>(words.speechNouns);
