/**
 * One entry point from uploaded bytes to a statement: sniff the content, then hand it to the
 * parser for that format. Returns an outcome rather than throwing so that callers keep the
 * format even when parsing fails (a scanned PDF that needs OCR is still stored as a PDF).
 * Async because PDF text extraction (pdf.js) is; no I/O happens here.
 */
import { parseCamtStatement } from "./camt.ts";
import { parseCsvStatement } from "./csv.ts";
import { parseMt940Statement } from "./mt940.ts";
import { decodeStatementBytes, describeEncoding, type DecodedText } from "./encoding.ts";
import { parseOfxStatement } from "./ofx.ts";
import { parsePdfStatement } from "./pdf/parse.ts";
import { parseQifStatement } from "./qif.ts";
import { sniffFormat } from "./sniff.ts";
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
      return parseAs("pdf", () => parsePdfStatement(bytes, options));
    case "csv":
      return parseCsvText(decodeStatementBytes(bytes), options);
    // The structured formats decode their own bytes: OFX and CAMT declare their encoding.
    case "ofx":
      return parseAs("ofx", () => parseOfxStatement(bytes, options));
    case "qif":
      return parseAs("qif", () => parseQifStatement(bytes, options));
    case "camt053":
      return parseAs("camt053", () => parseCamtStatement(bytes, options));
    case "mt940":
      return parseAs("mt940", () => parseMt940Statement(bytes, options));
  }
}

/** A CSV statement's text, decoded from its bytes (decodeStatementBytes), read as a statement. */
export function parseCsvText(decoded: DecodedText, options: ParseOptions = {}): Promise<ParseOutcome> {
  return parseAs("csv", () =>
    parseCsvStatement(decoded.text, {
      ...(options.accountKind ? { accountKind: options.accountKind } : {}),
      ...(options.csvLayout ? { layout: options.csvLayout } : {}),
      encoding: { name: describeEncoding(decoded.encoding), evidence: decoded.evidence, ...(decoded.doubt ? { doubt: decoded.doubt } : {}) },
    }),
  );
}
