// /embed/quotes-by-speaker.js — quoted words per speaker and article, direct vs partial vs indirect speech.
//   import {embed} from "https://<report>/embed/quotes-by-speaker.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {quotesBySpeaker} from "../components/quotes-by-speaker.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "quotes-by-speaker",
  load: async () => ({
    quotes: await FileAttachment("../data/quotes.json").json(),
    actors: await FileAttachment("../data/actors.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.quotes, articles).length === 0,
  render: (data, {articles, width, lang}) =>
    quotesBySpeaker(filterByArticles(data.quotes, articles), {articles: filterByArticles(data.articles, articles), actors: data.actors, width, lang}),
});

export {embed as quotesBySpeaker};
