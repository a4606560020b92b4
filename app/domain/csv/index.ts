/**
 * The zero-configuration CSV engine: detection (`detectCsvLayout`), layouts as data
 * (`CsvLayout`, `layoutFingerprint`), a streaming reader (`CsvStatementReader`) and the
 * whole-file entry point (`parseCsvStatement`).
 */
export { detectCsvLayout, detectCsvLayoutOnHead, HEAD_SAMPLE_RECORDS, HEADER_SEARCH_LINES, type DetectOptions, type LayoutDetection } from "./detect.ts";
export type { ColumnRole } from "./headers.ts";
export { layoutFingerprint, type CsvColumn, type CsvLayout, type FingerprintSource, type SignRule } from "./layout.ts";
export { balancesContradictionStep, CsvStatementReader, readLeavesDoubt, type CsvReaderOptions, type CsvReadResult } from "./reader.ts";
export { parseCsvStatement, type CsvParseOptions } from "./statement.ts";
