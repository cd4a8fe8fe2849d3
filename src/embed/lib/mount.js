// Shared by every embed module (src/embed/<chart>.js): mounts a chart in a
// container that follows its column's width, on any page — the report's own
// pages, the iframe page, or a newsroom's article on another origin. No
// Framework globals here: only the DOM, so the module runs anywhere.

const STYLE_ID = "framelens-embed-style";

// Scoped to .framelens-embed so that the host page's own styles are left alone.
const CSS = `
.framelens-embed {
  --theme-foreground: #1b1e23; --theme-foreground-focus: #3b5fc0; --theme-background-a: #ffffff;
  --theme-background-b: color-mix(in srgb, var(--theme-foreground) 4%, var(--theme-background-a));
  --theme-background: var(--theme-background-a); --theme-background-alt: var(--theme-background-b);
  --fl-mix: var(--theme-background-a);
  --theme-blue: #4269d0; --theme-green: #3ca951; --theme-red: #ff725c; --theme-yellow: #efb118;
  --sans-serif: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; --serif: Georgia, "Times New Roman", serif;
  --monospace: ui-monospace, Menlo, Consolas, monospace;
  color-scheme: light;
}
.framelens-embed[data-theme="dark"] {
  --theme-foreground: #dfdfd6; --theme-foreground-focus: oklch(0.712564 0.257662 265.758); --theme-background-b: #161616;
  --theme-background-a: color-mix(in srgb, var(--theme-foreground) 4%, var(--theme-background-b));
  --theme-background: var(--theme-background-b); --fl-mix: var(--theme-background-b); color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  .framelens-embed[data-theme="auto"] {
    --theme-foreground: #dfdfd6; --theme-foreground-focus: oklch(0.712564 0.257662 265.758); --theme-background-b: #161616;
    --theme-background-a: color-mix(in srgb, var(--theme-foreground) 4%, var(--theme-background-b));
    --theme-background: var(--theme-background-b); --fl-mix: var(--theme-background-b); color-scheme: dark;
  }
}
.framelens-embed {
  --theme-foreground-alt: color-mix(in srgb, var(--theme-foreground) 90%, var(--fl-mix));
  --theme-foreground-muted: color-mix(in srgb, var(--theme-foreground) 60%, var(--fl-mix));
  --theme-foreground-faint: color-mix(in srgb, var(--theme-foreground) 50%, var(--fl-mix));
  --theme-foreground-fainter: color-mix(in srgb, var(--theme-foreground) 30%, var(--fl-mix));
  --theme-foreground-faintest: color-mix(in srgb, var(--theme-foreground) 14%, var(--fl-mix));
  --plot-background: var(--theme-background);
  color: var(--theme-foreground); background: var(--theme-background); font: 14px/1.4 var(--sans-serif);
  display: block; box-sizing: border-box; width: 100%; min-width: 0; padding: 0.5rem 0; text-align: left;
}
.framelens-embed *, .framelens-embed *::before, .framelens-embed *::after { box-sizing: border-box; }
.framelens-embed svg { max-width: 100%; height: auto; }
.framelens-embed p { margin: 0 0 0.5rem; max-width: none; }
.framelens-embed .fl-figure { margin: 0; max-width: none; }
.framelens-embed .fl-figure-title { margin: 0; font: 700 1rem/1.3 var(--sans-serif); color: var(--theme-foreground); }
.framelens-embed .fl-figure-desc { margin: 0.2rem 0 0.6rem; color: var(--theme-foreground-muted); font-size: 0.85rem; max-width: 640px; }
.framelens-embed .fl-strip-label { font: 600 12px var(--sans-serif); margin-top: 0.5rem; }
.framelens-embed .fl-strip-axis { font: 11px var(--sans-serif); color: var(--theme-foreground-muted); text-align: right; }
.framelens-embed .fl-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font: 12px var(--sans-serif); margin: 0.4rem 0; }
.framelens-embed .fl-legend-item { display: inline-flex; align-items: center; gap: 0.35rem; }
.framelens-embed .fl-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.framelens-embed .fl-note, .framelens-embed .fl-embed-note { color: var(--theme-foreground-muted); font-style: italic; font-size: 0.85rem; }
.framelens-embed .fl-multiples { display: grid; gap: 1rem 2rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); }
.framelens-embed rect[data-sentence]:focus { outline: none; stroke: var(--theme-foreground-focus); stroke-width: 2px; }
`;

function injectStyle(doc) {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.append(style);
}

/** `articles` as given by a caller: an array of ids, or one comma-separated string; empty means all. */
export function parseArticles(articles) {
  if (articles == null || articles === "") return null;
  const ids = (Array.isArray(articles) ? articles : String(articles).split(","))
    .map((a) => (typeof a === "object" && a ? a.articleId : a))
    .map((a) => String(a).trim())
    .filter(Boolean);
  return ids.length ? ids : null;
}

/** Options as the embed modules accept them, with defaults and checks. */
export function normalizeOptions({articles, lang = "en", width, theme = "light", ...rest} = {}) {
  lang = String(lang).toLowerCase().startsWith("de") ? "de" : "en";
  theme = ["light", "dark", "auto"].includes(theme) ? theme : "light";
  width = width == null || width === "" || width === "auto" ? null : Math.max(200, Math.round(Number(width)) || 0);
  return {...rest, articles: parseArticles(articles), lang, width, theme};
}

/** Keep the rows of the chosen articles (all when none is chosen); rows without an articleId stay. */
export function filterByArticles(rows, ids) {
  if (!ids) return rows;
  const keep = new Set(ids);
  return rows.filter((d) => d.articleId == null || keep.has(d.articleId));
}

function loadOnce(load) {
  let promise;
  return () => (promise ??= Promise.resolve().then(load).catch((error) => ((promise = undefined), Promise.reject(error))));
}

const NO_DATA = {en: "No data for the chosen articles.", de: "Keine Daten für die gewählten Artikel."};

/**
 * Define one embeddable chart. `load()` returns the chart's data (called once
 * per page, then shared); `render(data, {width, lang, articles, articleRows})`
 * returns the chart element. The result is the async function a module
 * exports: `(options) → Promise<HTMLElement>`.
 */
export function defineEmbed({name, load, render, isEmpty = () => false}) {
  const data = loadOnce(load);
  return async function embed(options = {}) {
    const opts = normalizeOptions(options);
    const doc = options.document ?? document;
    injectStyle(doc);
    const loaded = await data();
    const root = doc.createElement("div");
    root.className = "framelens-embed";
    root.dataset.framelensChart = name;
    root.dataset.theme = opts.theme;
    root.lang = opts.lang;
    let lastWidth = 0;
    let chart = null;
    const draw = (width) => {
      width = Math.max(200, Math.floor(width));
      if (Math.abs(width - lastWidth) < 1) return;
      lastWidth = width;
      const next = isEmpty(loaded, opts)
        ? Object.assign(doc.createElement("p"), {className: "fl-embed-note", textContent: NO_DATA[opts.lang]})
        : render(loaded, {...opts, width});
      if (chart) chart.replaceWith(next);
      else root.append(next);
      chart = next;
      root.dataset.width = String(width);
      root.dispatchEvent(new CustomEvent("framelens:render", {bubbles: true, detail: {chart: name, width}}));
    };
    draw(opts.width ?? options.initialWidth ?? 640);
    if (opts.width == null && typeof ResizeObserver !== "undefined") {
      let frame = 0;
      const observer = new ResizeObserver((entries) => {
        const width = entries[entries.length - 1].contentRect.width;
        if (!(width > 0)) return;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => draw(width));
      });
      observer.observe(root);
      root.disconnect = () => observer.disconnect();
    }
    return root;
  };
}
