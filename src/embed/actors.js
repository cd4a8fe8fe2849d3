// /embed/actors.js — actor prominence: talked about (share of mentions) vs talking (share of quoted words).
//   import {embed} from "https://<report>/embed/actors.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {actorProminence} from "../components/actor-prominence.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "actors",
  load: async () => ({
    rows: await FileAttachment("../data/actor_prominence.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.rows, articles).length === 0,
  render: (data, {articles, width, lang}) => actorProminence(data.rows, {articles: data.articles, articleIds: articles ?? undefined, width, lang}),
});

export {embed as actors};
