// /embed/facts.js — fact comparison: figures on which the articles agree or disagree.
//   import {embed} from "https://<report>/embed/facts.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {factComparison} from "../components/fact-comparison.js";
import {defineEmbed} from "./lib/mount.js";

// a pair of facts is shown when both of its articles are chosen
const pairsOf = (rows, ids) => (ids ? rows.filter((d) => ids.includes(d.articleA) && ids.includes(d.articleB)) : rows);

export const embed = defineEmbed({
  name: "facts",
  load: async () => ({
    rows: await FileAttachment("../data/fact_comparison.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => pairsOf(data.rows, articles).length === 0,
  render: (data, {articles, width, lang}) => factComparison(data.rows, {articles: data.articles, articleIds: articles ?? undefined, width, lang}),
});

export {embed as facts};
