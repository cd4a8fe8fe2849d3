import {csvFormat} from "d3";
import {html} from "htl";

// CSV formula injection: a string cell starting with = + - @ tab or CR would run as a formula when the
// download is opened in a spreadsheet; it gets a leading ' (numbers, and strings that are exactly a
// number, stay as they are). The same rule as data-loaders/csv-safe.ts (tests/health.test.ts checks both).
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

export function csvSafeCell(value) {
  return typeof value === "string" && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The rows as CSV text, formula-like cells neutralised. */
export function safeCsv(rows) {
  return csvFormat(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvSafeCell(v)]))));
}

/** A button that downloads `rows` as CSV or JSON (Blob + object URL, nothing fetched). */
export function downloadButton(rows, {filename = "table", format = "csv", label} = {}) {
  const button = html`<button type="button" class="fl-download">${label ?? `⬇ ${filename}.${format}`}</button>`;
  button.addEventListener("click", () => {
    const data = typeof rows === "function" ? rows() : rows;
    const body = format === "json" ? JSON.stringify(data, null, 1) : safeCsv(data);
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
