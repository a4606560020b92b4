/**
 * One entry point from uploaded bytes to a statement: sniff the content, then hand it to the
 * parser for that format. Returns an outcome rather than throwing so that callers keep the
 * format even when parsing fails (a PDF we cannot read yet is still stored as a PDF).
 * Async because PDF text extraction (pdf.js) is; no I/O happens here.
 */
import { parseCsvStatement } from "./csv.ts";
import { decodeText, sniffFormat } from "./sniff.ts";
import {
  StatementParseError,
  type ParsedStatement,
  type ParseOptions,
  type SourceLocation,
  type StatementFormat,
} from "./statement.ts";

export type ParseOutcome =
  | { ok: true; statement: ParsedStatement }
  | { ok: false; format?: StatementFormat; error: string; location?: SourceLocation };

export const PDF_NOT_AVAILABLE = "PDF parsing is not available yet; the file is stored and can be re-processed when it is";

function failure(format: StatementFormat | undefined, error: unknown): ParseOutcome {
  // Anything but a StatementParseError is a bug in a parser, not a problem with the file.
  if (!(error instanceof StatementParseError)) throw error;
  const hasLocation = error.location.row !== undefined || error.location.page !== undefined;
  return {
    ok: false,
    ...(format ? { format } : {}),
    error: error.message,
    ...(hasLocation ? { location: error.location } : {}),
  };
}

async function parseAs(format: StatementFormat, run: () => ParsedStatement | Promise<ParsedStatement>): Promise<ParseOutcome> {
  try {
    return { ok: true, statement: await run() };
  } catch (error) {
    return failure(format, error);
  }
}

export async function parseStatementFile(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseOutcome> {
  const sniffed = sniffFormat(bytes);
  switch (sniffed.format) {
    case "unknown":
      return { ok: false, error: sniffed.reason };
    case "pdf":
      return failure("pdf", new StatementParseError(PDF_NOT_AVAILABLE));
    case "csv":
      return parseAs("csv", () => parseCsvStatement(decodeText(bytes)));
  }
}
