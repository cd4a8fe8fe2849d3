// Labels of the actor charts (Actors page, embeds); falls back to i18n.js.
import {labels} from "./i18n.js";

const A = {
  en: {
    talkedAbout: "talked about (share of actor mentions)",
    talking: "talking (share of quoted words)",
    share: "Share within the article",
    prominenceTitle: "Talked about vs talking",
    prominenceDesc: "For each actor, its share of all actor mentions in the article (blue) and its share of all quoted words (red). A long line to the left of the red dot: mentioned a lot, rarely heard.",
    mentionsTitle: "Mentions per actor and article",
    mentionsDesc: "Number of mentions, split by how the actor is named: by name, by role (Kremlchef, der US-Präsident), by pronoun, by metonym (Moskau, der Kreml), by adjective (russische) or as part of a group (beide Präsidenten).",
    namingTitle: "How the actor is named, per outlet",
    namingDesc: "Each bar is one wording used for the actor (pronouns and bare names left out), counted per article.",
    mentionCount: "Mentions",
    form: "Form",
    form_name: "name",
    form_role: "role",
    form_pronoun: "pronoun",
    form_metonym: "metonym",
    form_adjective: "adjective",
    form_group: "group",
    allArticles: "All articles",
    wording: "Wording",
    noRows: "No actor mentions in these articles.",
  },
  de: {
    talkedAbout: "über sie wird gesprochen (Anteil an den Nennungen)",
    talking: "sie sprechen (Anteil an den zitierten Wörtern)",
    share: "Anteil im Artikel",
    prominenceTitle: "Besprochen oder selbst zu Wort",
    prominenceDesc: "Für jeden Akteur sein Anteil an allen Akteursnennungen im Artikel (blau) und an allen zitierten Wörtern (rot). Eine lange Linie links vom roten Punkt: oft genannt, selten gehört.",
    mentionsTitle: "Nennungen je Akteur und Artikel",
    mentionsDesc: "Zahl der Nennungen, nach Art der Benennung: Name, Rolle (Kremlchef, der US-Präsident), Pronomen, Metonymie (Moskau, der Kreml), Adjektiv (russische) oder als Teil einer Gruppe (beide Präsidenten).",
    namingTitle: "Wie der Akteur benannt wird, je Medium",
    namingDesc: "Jeder Balken ist eine Benennung des Akteurs (ohne Pronomen und bloße Namen), gezählt je Artikel.",
    mentionCount: "Nennungen",
    form: "Form",
    form_name: "Name",
    form_role: "Rolle",
    form_pronoun: "Pronomen",
    form_metonym: "Metonymie",
    form_adjective: "Adjektiv",
    form_group: "Gruppe",
    allArticles: "Alle Artikel",
    wording: "Benennung",
    noRows: "Keine Akteursnennungen in diesen Artikeln.",
  },
};

/** Label lookup for these components: their own labels, then i18n.js, then the key. */
export const alabels = (lang = "en") => labels(lang, A);
