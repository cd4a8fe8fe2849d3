// Every embeddable chart, for the iframe page (src/embed/frame.md) and the
// Embed page (src/embed.md). Each chart's module is src/embed/<id>.js and
// exports `embed(options) → Promise<HTMLElement>`.
import {embed as actors} from "../actors.js";
import {embed as facts} from "../facts.js";
import {embed as frames} from "../frames.js";
import {embed as quotesBySpeaker} from "../quotes-by-speaker.js";
import {embed as sentences} from "../sentences.js";
import {embed as toneStrip} from "../tone-strip.js";
import {embed as voice} from "../voice.js";

export const CHARTS = [
  {
    id: "sentences",
    embed: sentences,
    component: "sentence-strip.js",
    name: {en: "Sentence strip", de: "Satzstreifen"},
    about: {
      en: "One bar per sentence in reading order, its height the sentence's length; one strip per article.",
      de: "Ein Balken je Satz in Lesereihenfolge, seine Höhe die Satzlänge; ein Streifen je Artikel.",
    },
  },
  {
    id: "actors",
    embed: actors,
    component: "actor-prominence.js",
    name: {en: "Actor prominence", de: "Akteure: Präsenz"},
    about: {
      en: "Per actor and article: the share of mentions (talked about) against the share of quoted words (talking).",
      de: "Je Akteur und Artikel: Anteil an den Erwähnungen (besprochen) gegen Anteil an den zitierten Wörtern (sprechend).",
    },
  },
  {
    id: "quotes-by-speaker",
    embed: quotesBySpeaker,
    component: "quotes-by-speaker.js",
    name: {en: "Quotes by speaker", de: "Zitate nach Sprecher"},
    about: {
      en: "Quoted words per speaker, one panel per article: direct speech solid, partial quotes lighter, indirect and reported speech hatched.",
      de: "Zitierte Wörter je Sprecher, ein Feld je Artikel: direkte Rede voll, Teilzitate heller, indirekte und berichtete Rede schraffiert.",
    },
  },
  {
    id: "frames",
    embed: frames,
    component: "frame-profile.js",
    name: {en: "Frame profile", de: "Frame-Profil"},
    about: {
      en: "How strongly each article carries each news frame (conflict, responsibility, economic consequences, …): the share of its sentences with the frame's cue words.",
      de: "Wie stark jeder Artikel jeden Nachrichtenframe trägt (Konflikt, Verantwortung, wirtschaftliche Folgen, …): der Anteil seiner Sätze mit den Signalwörtern des Frames.",
    },
  },
  {
    id: "voice",
    embed: voice,
    component: "voice-shares.js",
    name: {en: "Voice shares", de: "Stimmenanteile"},
    about: {
      en: "Whose voice the text is in: per article the share of words in direct speech, in indirect or reported speech, and in the author's own voice.",
      de: "Wessen Stimme der Text trägt: je Artikel der Anteil der Wörter in direkter Rede, in indirekter oder berichteter Rede und in der Stimme des Autors.",
    },
  },
  {
    id: "tone-strip",
    embed: toneStrip,
    component: "tone-strip.js",
    name: {en: "Tone strip", de: "Tonstreifen"},
    about: {
      en: "The tone of every sentence in reading order, one strip per article: up is positive, down negative; hollow marks are mostly quoted speech.",
      de: "Der Ton jedes Satzes in Lesereihenfolge, ein Streifen je Artikel: nach oben positiv, nach unten negativ; hohle Marken sind überwiegend zitierte Rede.",
    },
  },
  {
    id: "facts",
    embed: facts,
    component: "fact-comparison.js",
    name: {en: "Fact comparison", de: "Faktenvergleich"},
    about: {
      en: "Figures on which the articles agree or disagree (durations, counts, dates), each pair on a scale from zero with a verdict in words.",
      de: "Zahlen, in denen die Artikel übereinstimmen oder abweichen (Dauern, Anzahlen, Daten), jedes Paar auf einer Skala ab null mit einem Urteil in Worten.",
    },
  },
];

export function chartById(id) {
  return CHARTS.find((c) => c.id === id);
}

/** The options an iframe page reads from its query string. */
export function optionsFromQuery(search) {
  const q = new URLSearchParams(search);
  const options = {};
  for (const key of ["articles", "lang", "theme", "width"]) if (q.has(key)) options[key] = q.get(key);
  return {chart: q.get("chart"), options};
}
