import { articleIds, articleTitles } from "./data-loaders/corpus.ts";
import { DEFAULT_CORPUS } from "./data-loaders/pipeline.ts";

// See https://observablehq.com/framework/config
export default {
  title: "framelens",
  root: "src",
  style: "style.css",
  // fonts are self-hosted (src/style.css): no page may request a third-party host
  globalStylesheets: [],
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  // every page of the report; a page file that does not exist yet shows as a broken link, not a failed build
  pages: [
    { name: "Compare", path: "/compare" },
    { name: "Quotes", path: "/quotes" },
    { name: "Actors", path: "/actors" },
    { name: "Tone", path: "/tone" },
    { name: "Framing", path: "/framing" },
    { name: "Facts", path: "/facts" },
    { name: "Articles", open: false, pages: articleTitles(DEFAULT_CORPUS).map(({ id, title }) => ({ name: title, path: `/articles/${id}` })) },
    { name: "Methods", path: "/methods" },
    { name: "Embed", path: "/embed" },
  ],
  dynamicPaths: () => articleIds(DEFAULT_CORPUS).map((id) => `/articles/${id}`),
  footer: 'framelens — quotes, actors, tone and framing, traceable to the words. <a href="./methods">Methods</a>.',
  toc: true,
  pager: false,
  search: false,
  linkify: true,
  typographer: false,
  preserveExtension: false,
};
