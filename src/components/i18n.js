// Labels in German and English. Components take `lang: "de" | "en"`; add a key
// here rather than writing a label into a component.
export const LABELS = {
  en: {
    sentence: "Sentence",
    sentences: "sentences",
    words: "words",
    article: "Article",
    articles: "Articles",
    position: "Position in article (sentence)",
    length: "Sentence length (words)",
    blockKind: "Part",
    title: "title",
    lead: "lead",
    heading: "heading",
    paragraph: "paragraph",
    sentenceStripTitle: "Sentences of each article",
    sentenceStripDesc: "One mark per sentence, in reading order; height is the sentence's length in words.",
    outlet: "Outlet",
    author: "Author",
    date: "Date",
  },
  de: {
    sentence: "Satz",
    sentences: "Sätze",
    words: "Wörter",
    article: "Artikel",
    articles: "Artikel",
    position: "Position im Artikel (Satz)",
    length: "Satzlänge (Wörter)",
    blockKind: "Teil",
    title: "Titel",
    lead: "Vorspann",
    heading: "Zwischentitel",
    paragraph: "Absatz",
    sentenceStripTitle: "Die Sätze jedes Artikels",
    sentenceStripDesc: "Eine Marke je Satz, in Lesereihenfolge; die Höhe ist die Satzlänge in Wörtern.",
    outlet: "Medium",
    author: "Autor",
    date: "Datum",
  },
};

/** A label lookup for a language; unknown keys fall back to English, then to the key. */
export function labels(lang = "en") {
  const table = LABELS[lang] ?? LABELS.en;
  return (key) => table[key] ?? LABELS.en[key] ?? key;
}

/** A short, human name for an article: outlet, else author, else its title cut to a few words. */
export function articleLabel(article) {
  if (!article) return "";
  if (article.outlet) return article.outlet;
  const words = (article.title || article.articleId).split(/\s+/);
  return words.length > 6 ? words.slice(0, 6).join(" ") + " …" : words.join(" ");
}
