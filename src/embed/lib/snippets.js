// Copy-ready snippets for the Embed page (and the README): one <script type="module">
// or one <iframe> per chart. `base` is the absolute URL of the report's /embed/ folder.

/** The options worth writing down: the ones that differ from the defaults. */
export function snippetOptions({articles, lang = "en", theme = "light", width} = {}) {
  const options = {};
  if (articles?.length) options.articles = [...articles];
  if (lang !== "en") options.lang = lang;
  if (theme && theme !== "light") options.theme = theme;
  if (width) options.width = Number(width);
  return options;
}

// JSON inside a <script> element: an article id holding "</script>" (ids of JSONL/CSV rows are the
// corpus's own) would end the element in the newsroom's page and run what follows; \u003c cannot.
const scriptJson = (v) => JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

function literal(options) {
  const entries = Object.entries(options).map(([k, v]) => `${k}: ${scriptJson(v)}`);
  return entries.length ? `{${entries.join(", ")}}` : "";
}

/** `<div>` + `<script type="module">` that imports the chart's module and mounts the chart in the div. */
export function moduleSnippet(base, chart, options = {}) {
  const id = `framelens-${chart.id}`;
  return `<div id="${id}"></div>
<script type="module">
  import {embed} from "${new URL(`${chart.id}.js`, base)}";
  document.getElementById("${id}").append(await embed(${literal(snippetOptions(options))}));
</script>`;
}

/** The iframe page's URL for a chart and options. */
export function frameUrl(base, chart, options = {}) {
  const url = new URL("frame", base);
  url.searchParams.set("chart", chart.id);
  const o = snippetOptions(options);
  if (o.articles) url.searchParams.set("articles", o.articles.join(","));
  for (const key of ["lang", "theme", "width"]) if (o[key] != null) url.searchParams.set(key, String(o[key]));
  return url.href;
}

/** `<iframe>` + the few lines that let it take the chart's height (messages from the report's origin only). */
export function iframeSnippet(base, chart, options = {}) {
  const lang = options.lang === "de" ? "de" : "en";
  const origin = new URL(base).origin;
  return `<iframe src="${frameUrl(base, chart, options).replace(/&/g, "&amp;")}" title="framelens: ${chart.name[lang]}" data-framelens style="display: block; width: 100%; height: 480px; border: 0;" loading="lazy"></iframe>
<script>
  addEventListener("message", (event) => {
    if (event.origin !== "${origin}" || event.data?.type !== "framelens:resize") return;
    for (const frame of document.querySelectorAll("iframe[data-framelens]"))
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  });
</script>`;
}
