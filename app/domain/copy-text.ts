/**
 * PostgreSQL's COPY text format, for the ledger's bulk insert: fields separated by tabs, rows by
 * newlines, \N for null, and backslash escapes for what would break the line. Pure, so that the
 * categorizing thread can write its columns in the same form the worker writes the row's own.
 */

/** One field in COPY text; `undefined` is null. */
export function copyValue(value: string | undefined): string {
  if (value === undefined) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
