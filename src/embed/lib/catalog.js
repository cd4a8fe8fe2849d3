// Every embeddable chart, for the iframe page (src/embed/frame.md) and the
// Embed page (src/embed.md). Each chart's module is src/embed/<id>.js and
// exports `embed(options) → Promise<HTMLElement>`.
import {embed as actors} from "../actors.js";
import {embed as quotesBySpeaker} from "../quotes-by-speaker.js";
import {embed as sentences} from "../sentences.js";

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
