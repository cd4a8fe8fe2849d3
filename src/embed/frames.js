// /embed/frames.js — frame profile: how strongly each article carries each news frame.
//   import {embed} from "https://<report>/embed/frames.js";
//   column.append(await embed({lang: "de"}));
import {FileAttachment} from "observablehq:stdlib";
import {frameProfile} from "../components/frame-profile.js";
import {defineEmbed, filterByArticles} from "./lib/mount.js";

export const embed = defineEmbed({
  name: "frames",
  load: async () => ({
    rows: await FileAttachment("../data/frames.json").json(),
    definitions: await FileAttachment("../data/frame_definitions.json").json(),
    articles: await FileAttachment("../data/articles.json").json(),
  }),
  isEmpty: (data, {articles}) => filterByArticles(data.rows, articles).length === 0,
  render: (data, {articles, width, lang}) =>
    frameProfile(data.rows, {articles: data.articles, definitions: data.definitions, articleIds: articles ?? undefined, width, lang}),
});

export {embed as frames};
