// /embed/sentences.js — the sentence strip: one bar per sentence, per article.
//   import {embed} from "https://<report>/embed/sentences.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {sentenceStrip} from "../components/sentence-strip.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "sentences",
  load: async () => ({
    sentences: await FileAttachment("../data/sentences.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.sentences, articles).length === 0,
  render: (data, {articles, width, lang}) =>
    sentenceStrip(filterByArticles(data.sentences, articles), {articles: filterByArticles(data.articles, articles), width, lang}),
});

export {embed as sentences};
