import {csvFormat} from "d3";
import {html} from "htl";

/** A button that downloads `rows` as CSV or JSON (Blob + object URL, nothing fetched). */
export function downloadButton(rows, {filename = "table", format = "csv", label} = {}) {
  const button = html`<button type="button" class="fl-download">${label ?? `⬇ ${filename}.${format}`}</button>`;
  button.addEventListener("click", () => {
    const data = typeof rows === "function" ? rows() : rows;
    const body = format === "json" ? JSON.stringify(data, null, 1) : csvFormat(data);
    const url = URL.createObjectURL(new Blob([body], {type: format === "json" ? "application/json" : "text/csv;charset=utf-8"}));
    const a = Object.assign(document.createElement("a"), {href: url, download: `${filename}.${format}`});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

/** CSV and JSON buttons side by side. */
export function downloads(rows, {filename = "table"} = {}) {
  return html`<div class="fl-downloads">${downloadButton(rows, {filename, format: "csv"})}${downloadButton(rows, {filename, format: "json"})}</div>`;
}
