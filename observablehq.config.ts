import { articleIds, articleTitles } from "./data-loaders/corpus.ts";
import { DEFAULT_CORPUS } from "./data-loaders/pipeline.ts";
import { existsSync } from "node:fs";

/** Pages of the report that exist (a page still being written is left out rather than failing the build). */
const page = (name: string, path: string) => (existsSync(`src${path}.md`) ? [{ name, path }] : []);
import { readdirSync } from "node:fs";

// See https://observablehq.com/framework/config
export default {
  title: "framelens",
  root: "src",
  style: "style.css",
  // fonts are self-hosted (src/style.css): no page may request a third-party host
  globalStylesheets: [],
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  pages: [
    ...page("Compare", "/compare"),
    ...page("Quotes", "/quotes"),
    ...page("Actors", "/actors"),
    ...page("Tone", "/tone"),
    ...page("Framing", "/framing"),
    ...page("Facts", "/facts"),
    { name: "Articles", open: false, pages: articleTitles(DEFAULT_CORPUS).map(({ id, title }) => ({ name: title, path: `/articles/${id}` })) },
    ...page("Methods", "/methods"),
    ...page("Corpus health", "/health"),
    ...page("Embed", "/embed"),
  ],
  // article pages, plus the embed modules: every src/embed/<chart>.js (shared code is in src/embed/lib/),
  // exported so that other sites can import them (see src/embed.md)
  dynamicPaths: () => [
    ...articleIds(DEFAULT_CORPUS).map((id) => `/articles/${id}`),
    ...readdirSync(`${import.meta.dirname}/src/embed`).filter((f) => f.endsWith(".js")).sort().map((f) => `/embed/${f}`),
  ],
  footer: 'framelens — quotes, actors, tone and framing, traceable to the words. <a href="./methods">Methods</a>.',
  toc: true,
  pager: false,
  search: false,
  linkify: true,
  typographer: false,
  preserveExtension: false,
};
