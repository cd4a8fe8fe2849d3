// /embed/voice.js — whose voice the text is in: direct speech, indirect/reported speech, the author's own words.
//   import {embed} from "https://<report>/embed/voice.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {voiceShares} from "../components/voice-shares.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "voice",
  load: async () => ({
    rows: await FileAttachment("../data/voice.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.rows, articles).length === 0,
  render: (data, {articles, width, lang}) => voiceShares(data.rows, {articles: data.articles, articleIds: articles ?? undefined, width, lang}),
});

export {embed as voice};
