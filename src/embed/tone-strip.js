// /embed/tone-strip.js — the tone of every sentence, in reading order, one strip per article.
//   import {embed} from "https://<report>/embed/tone-strip.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {toneStrip} from "../components/tone-strip.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "tone-strip",
  load: async () => ({
    rows: await FileAttachment("../data/tone.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.rows, articles).length === 0,
  render: (data, {articles, width, lang}) => toneStrip(data.rows, {articles: data.articles, articleIds: articles ?? undefined, width, lang}),
});

export {embed as toneStrip};
