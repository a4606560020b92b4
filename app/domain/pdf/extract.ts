/**
 * Raw text extraction from a text PDF: pdf.js text items → positioned words → lines, per page.
 *
 * pdf.js hands out text in whatever pieces the producer wrote (a glyph, a word, a whole line
 * padded with spaces), so nothing downstream may depend on that granularity: every item is cut
 * into words with estimated positions, touching pieces are glued back, and lines are rebuilt
 * from the words' baselines. Everything after loading is pure (`rebuildLines`).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { StatementParseError } from "../statement.ts";
import { isSpace } from "../text.ts";
import { loadPdfJs, MAX_DECODED_DOCUMENT_BYTES, MAX_DECODED_STREAM_BYTES, watchDecoding, type DecodingWatch, type PdfJs } from "./pdfjs.ts";
import { megabytes } from "../sizes.ts";

/** One piece of text as pdf.js placed it, in top-down page coordinates (points). */
export interface TextFragment {
  text: string;
  /** Left edge of the baseline. */
  x: number;
  /** Baseline, measured from the top of the page (grows downwards). */
  y: number;
  width: number;
  /** Font size (em height) of the text. */
  height: number;
}

/** A word: no spaces inside; `x0`/`x1` its left and right edge. */
export interface PdfWord {
  text: string;
  x0: number;
  x1: number;
  height: number;
}

/** Words that sit close together (one phrase, one number, one table cell). */
export interface PdfSegment {
  text: string;
  x0: number;
  x1: number;
  words: PdfWord[];
}

export interface PdfLine {
  /** 1-based page number. */
  page: number;
  /** 1-based ordinal of the line on its page, top to bottom. */
  lineNumber: number;
  /** Baseline from the top of the page. */
  y: number;
  /** Typical font size on the line. */
  height: number;
  /** The words joined with single spaces, as printed (whole-units.ts gives a statement in whole
   *  units decimals in its words and segments, where amounts are read, and not here). */
  text: string;
  words: PdfWord[];
  segments: PdfSegment[];
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  /** Text items pdf.js reported (non-empty ones), for "is there any text at all" decisions. */
  itemCount: number;
  lines: PdfLine[];
  /** The page's text ran this far clockwise of upright, and was read turned back (page rotation
   *  drawn into the content: a landscape statement laid sideways on a portrait page). */
  turned?: QuarterTurn;
  /** Non-empty text items left unread because they ran another way than the lines read (a
   *  margin note, a barcode's digits, text at a slant). */
  sideways?: number;
}

/** How far clockwise of upright a page's text runs. */
export type QuarterTurn = 90 | 180 | 270;

export interface ExtractOptions {
  /** Refuse documents with more pages (default 200). */
  maxPages?: number;
  /** Date.now() value after which extraction stops with an error; checked before each page. */
  deadline?: number;
}

export const DEFAULT_MAX_PAGES = 200;

// ---------------------------------------------------------------------------------------
// Pure line rebuilding

/**
 * Full-width digits (`２０２６年８月５日`, `１，２３４`), as some Japanese, Chinese and Korean
 * statements print their dates and amounts. A word holding one has its full-width letters, digits
 * and punctuation read as their ASCII forms (`￥` as `¥`), one character for one, so that it reads
 * as the date or the number it is; words without a full-width digit (`ＡＴＭ` in a description)
 * are left as printed.
 */
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/;
const FULL_WIDTH_FORM = /[\uff01-\uff5e\uffe5]/g;
function withAsciiDigits(word: string): string {
  if (!FULL_WIDTH_DIGIT.test(word)) return word;
  return word.replace(FULL_WIDTH_FORM, (c) => (c === "\uffe5" ? "\u00a5" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Cuts one fragment into words, spreading its width over its characters (exact for
 *  monospaced fonts, close enough for proportional ones: only gaps matter downstream). */
function fragmentWords(fragment: TextFragment, into: PlacedWord[]): void {
  const fullWidth = FULL_WIDTH_DIGIT.test(fragment.text);
  const text = fragment.text;
  const perChar = text.length > 0 ? fragment.width / text.length : 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i));
    if (!space) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      into.push({
        word: { text: fullWidth ? withAsciiDigits(text.slice(start, i)) : text.slice(start, i), x0: fragment.x + start * perChar, x1: fragment.x + i * perChar, height: fragment.height },
        y: fragment.y,
      });
      start = -1;
    }
  }
}

/** The middle value (the upper one of an even count); one pass when all are equal, as on most lines. */
function median(values: number[]): number {
  if (values.length === 0) return 0;
  let min = values[0]!;
  let max = min;
  for (const v of values) {
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  if (min === max) return min;
  const sorted = [...values].sort(ascending);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Pieces closer than this (in em) are one word: producers that place glyphs one by one, or
 *  kern inside a number, leave tiny gaps that are not spaces. */
const SAME_WORD_GAP_EM = 0.12;
/** Gaps wider than this many character widths (and at least half an em) start a new segment. */
const SEGMENT_GAP_CHARS = 1.5;
const SEGMENT_GAP_MIN_EM = 0.5;

/** Glues touching words on one line; `words` must be sorted by x. */
function glueTouchingWords(words: PdfWord[]): PdfWord[] {
  const glued: PdfWord[] = [];
  for (const word of words) {
    const last = glued.at(-1);
    if (last && word.x0 - last.x1 < SAME_WORD_GAP_EM * Math.max(last.height, word.height) && word.x0 >= last.x0) {
      glued[glued.length - 1] = { text: last.text + word.text, x0: last.x0, x1: Math.max(last.x1, word.x1), height: Math.max(last.height, word.height) };
    } else {
      glued.push(word);
    }
  }
  return glued;
}

function charWidth(word: PdfWord): number {
  return word.text.length > 0 ? (word.x1 - word.x0) / word.text.length : 0;
}

/** Characters set full width, two character widths each: Chinese, Japanese and Korean letters,
 *  full-width forms ("（", "："). */
const WIDE_CHARACTER = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * The width of a typical character of two neighbouring words, the measure of the gap between
 * them. Between a word of Latin letters or figures and one of full-width (Chinese, Japanese,
 * Korean) characters, a full-width character counts as two: a number set beside Chinese text
 * ("29,969" and "跨行轉帳手續費" twelve points apart: E.SUN) is two cells, though the gap is no
 * wider than one and a half of the Chinese characters.
 */
function typicalCharWidth(a: PdfWord, b: PdfWord): number {
  const asciiA = ASCII_ONLY.test(a.text);
  if (asciiA !== ASCII_ONLY.test(b.text)) {
    const [latin, other] = asciiA ? [a, b] : [b, a];
    if (WIDE_CHARACTER.test(other.text)) return Math.max(charWidth(latin), charWidth(other) / 2);
  }
  return Math.max(charWidth(a), charWidth(b));
}

/** Groups a line's words into segments by the width of the gaps between them. */
export function segmentWords(words: readonly PdfWord[]): PdfSegment[] {
  const segments: PdfSegment[] = [];
  let current: PdfWord[] = [];
  for (const word of words) {
    const last = current.at(-1);
    if (last) {
      const em = Math.max(last.height, word.height);
      const typicalChar = typicalCharWidth(last, word);
      const threshold = Math.max(SEGMENT_GAP_MIN_EM * em, SEGMENT_GAP_CHARS * typicalChar);
      if (word.x0 - last.x1 > threshold) {
        segments.push(segmentOf(current));
        current = [];
      }
    }
    current.push(word);
  }
  if (current.length > 0) segments.push(segmentOf(current));
  return segments;
}

// Module-level helpers rather than closures inside the per-line functions: the TypeScript
// loader (tsx) compiles with esbuild's keepNames, which wraps every named closure in a
// defineProperty call each time it is created (~12% of line rebuilding, measured).

function segmentOf(words: PdfWord[]): PdfSegment {
  return { text: joinedText(words), x0: words[0]!.x0, x1: words.at(-1)!.x1, words };
}

/** The words' texts joined with single spaces. */
function joinedText(words: readonly PdfWord[]): string {
  let text = words[0]?.text ?? "";
  for (let i = 1; i < words.length; i++) text += ` ${words[i]!.text}`;
  return text;
}

interface PlacedWord {
  word: PdfWord;
  /** Baseline of the fragment the word came from. */
  y: number;
}

function byBaselineThenLeft(a: PlacedWord, b: PlacedWord): number {
  return a.y - b.y || a.word.x0 - b.word.x0;
}

function byLeftEdge(a: PdfWord, b: PdfWord): number {
  return a.x0 - b.x0;
}

/** One line from the placed words [start, end) of a baseline group. */
function lineOf(placed: readonly PlacedWord[], start: number, end: number, page: number, lineNumber: number): PdfLine {
  const members: PdfWord[] = [];
  const ys: number[] = [];
  let inOrder = true;
  for (let i = start; i < end; i++) {
    const { word, y } = placed[i]!;
    if (members.length > 0 && word.x0 < members[members.length - 1]!.x0) inOrder = false;
    members.push(word);
    ys.push(y);
  }
  const words = glueTouchingWords(inOrder ? members : members.sort(byLeftEdge));
  const heights: number[] = [];
  for (const w of words) heights.push(w.height);
  return { page, lineNumber, y: median(ys), height: median(heights), text: joinedText(words), words, segments: segmentWords(words) };
}

/**
 * Rebuilds the lines of one page from its fragments: words whose baselines are within
 * 40% of the font size of each other are one line (subscripts and slightly shifted cells
 * stay on their row), lines top to bottom, words left to right.
 */
export function rebuildLines(fragments: readonly TextFragment[], page = 1): PdfLine[] {
  const placed: PlacedWord[] = [];
  for (const fragment of fragments) fragmentWords(fragment, placed);
  placed.sort(byBaselineThenLeft);

  // A line is a run of words within tolerance of the baseline of its first word.
  const lines: PdfLine[] = [];
  let start = 0;
  for (let i = 1; i <= placed.length; i++) {
    if (i < placed.length) {
      const item = placed[i]!;
      if (Math.abs(item.y - placed[start]!.y) <= 0.4 * Math.max(item.word.height, 1)) continue;
    }
    lines.push(lineOf(placed, start, i, page, lines.length + 1));
    start = i;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------
// pdf.js

function errorName(error: unknown): string {
  return error && typeof error === "object" && "name" in error ? String(error.name) : "";
}

function refusalFor(error: unknown, bytes: Uint8Array): StatementParseError {
  if (error instanceof StatementParseError) return error;
  if (errorName(error) === "PasswordException") {
    return new StatementParseError("this PDF is password-protected; remove the password (print to PDF, or export it again from online banking) and upload it again");
  }
  if (isCutShort(bytes)) {
    return new StatementParseError(
      `this PDF is cut short: it ends after ${bytes.length.toLocaleString("en-US")} bytes without the end-of-file mark (%%EOF) that ends every complete PDF, ` +
        "so its download or upload was interrupted; download the statement again from online banking",
    );
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
  return new StatementParseError(`this file is not a readable PDF${detail}; download the statement again from online banking`);
}

/**
 * A file that starts as a PDF but has no `%%EOF` near its end was cut off in transit: every
 * writer ends a PDF (and each incremental update) with that mark. Asked only once pdf.js has
 * failed — pdf.js reads many files without it, and those are read.
 */
function isCutShort(bytes: Uint8Array): boolean {
  const latin1 = (from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString("latin1");
  return latin1(0, Math.min(bytes.length, 1024)).includes("%PDF-") && !latin1(Math.max(0, bytes.length - 2048), bytes.length).includes("%%EOF");
}

type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/**
 * pdf.js's own predefined CMaps (a CJK font's encoding, such as UniJIS-UCS2-H or GBK-EUC-H),
 * shipped with it. A Japanese, Chinese or Korean statement set in a font the PDF does not embed
 * has no text without them — it would be refused as a scan. pdf.js reads only names on its own
 * list of built-in CMaps from here ("Unknown CMap name" otherwise), so a file cannot point it
 * anywhere else.
 */
const CMAP_DIRECTORY = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "cmaps")}${path.sep}`;

/**
 * Throws the refusal of a document whose compressed data unpacked past a bound (pdfjs.ts), at
 * the page being read when it happened, if any.
 */
function refuseOversizedData(watch: DecodingWatch, page?: number): void {
  const refusal = watch.refusal();
  if (refusal === null) return;
  const why =
    refusal === "stream"
      ? `this PDF holds compressed data that unpacks to more than ${megabytes(MAX_DECODED_STREAM_BYTES)} in one piece`
      : `this PDF's compressed data unpacks to more than ${megabytes(MAX_DECODED_DOCUMENT_BYTES)} in all`;
  throw new StatementParseError(`${why}, far more than any statement; it was not read — download the statement again from online banking`, page === undefined ? {} : { page });
}

/**
 * Opens the bytes with pdf.js, hands the document to `use`, and always destroys it.
 * No fonts are loaded or evaluated and nothing is fetched: text extraction needs none of it.
 * `use` calls `checkData(page)` after each step: what pdf.js unpacked is bounded, and a
 * document past the bound is refused there (pdf.js itself carries on past most errors).
 */
export async function withPdfDocument<T>(
  bytes: Uint8Array,
  use: (doc: PdfDocument, pdfjs: PdfJs, checkData: (page?: number) => void) => Promise<T>,
): Promise<T> {
  const pdfjs = await loadPdfJs();
  const watch = watchDecoding();
  let doc: PdfDocument | undefined;
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given; the caller keeps its bytes.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    cMapUrl: CMAP_DIRECTORY,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    try {
      doc = await task.promise;
    } catch (error) {
      refuseOversizedData(watch);
      throw refusalFor(error, bytes);
    }
    refuseOversizedData(watch);
    let result: T;
    try {
      result = await use(doc, pdfjs, (page) => refuseOversizedData(watch, page));
    } catch (error) {
      // pdf.js may fail on what it was refused: the refusal is the reason to report.
      if (!(error instanceof StatementParseError)) refuseOversizedData(watch);
      throw error;
    }
    refuseOversizedData(watch);
    return result;
  } finally {
    if (doc) await doc.destroy();
    else await task.destroy();
  }
}

export function tookTooLong(pagesRead: number, pageCount: number): StatementParseError {
  return new StatementParseError(
    `reading this PDF took too long (stopped after ${pagesRead} of ${pageCount} page${pageCount === 1 ? "" : "s"}); try a shorter statement period`,
    { page: pagesRead + 1 },
  );
}

/** The quarter-turn index (0 upright, 1 running down the page, 2 upside down, 3 running up) of
 *  text placed by (a b c d) in top-down page coordinates; -1 for text at a slant. */
function quarterTurnOf(a: number, b: number, c: number, d: number): number {
  if (Math.abs(b) <= 0.01 * Math.abs(a) && Math.abs(c) <= 0.01 * Math.abs(d)) return a > 0 ? 0 : a < 0 ? 2 : -1;
  if (Math.abs(a) <= 0.01 * Math.abs(b) && Math.abs(d) <= 0.01 * Math.abs(c)) return b > 0 ? 1 : b < 0 ? 3 : -1;
  return -1;
}

const TURNS = [undefined, 90, 180, 270] as const;

/**
 * One page's text, sorted by the way it runs. Upright text is read as it stands; text running a
 * quarter-turn (or a half) is placed in the frame of the page turned so that it reads upright
 * (a landscape statement drawn sideways on a portrait page has no /Rotate flag for pdf.js's
 * viewport to undo). The page is read the way most of its lines run — upright where it holds as
 * many upright lines as turned ones — and what runs otherwise (margin notes, barcodes) is skipped.
 */
export class PageText {
  private readonly byTurn: TextFragment[][] = [[], [], [], []];
  private readonly nonBlank = [0, 0, 0, 0];
  private slanted = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** An item placed by the matrix (a b c d e f) in top-down page coordinates, `width` long along its baseline. */
  add(text: string, a: number, b: number, c: number, d: number, e: number, f: number, width: number, fallbackHeight: number): void {
    const blank = text.trim() === "";
    const turn = quarterTurnOf(a, b, c, d);
    if (turn < 0) {
      if (!blank) this.slanted++;
      return;
    }
    // The origin in the frame of the page turned back by `turn` quarter-turns.
    const x = turn === 0 ? e : turn === 1 ? f : turn === 2 ? this.width - e : this.height - f;
    const y = turn === 0 ? f : turn === 1 ? this.width - e : turn === 2 ? this.height - f : e;
    this.byTurn[turn]!.push({ text, x, y, width, height: Math.hypot(c, d) || fallbackHeight });
    if (!blank) this.nonBlank[turn]!++;
  }

  /** The page's lines, read the way most of them run. */
  page(number: number): PdfPage {
    let turn = 0;
    let lines = rebuildLines(this.byTurn[0]!, number);
    // (Upright text only, as on nearly every page: nothing to weigh.)
    for (let k = 1; k < 4; k++) {
      if (this.nonBlank[k] === 0) continue;
      const turned = rebuildLines(this.byTurn[k]!, number);
      if (turned.length > lines.length) [turn, lines] = [k, turned];
    }
    const total = this.nonBlank[0]! + this.nonBlank[1]! + this.nonBlank[2]! + this.nonBlank[3]! + this.slanted;
    const sideways = total - this.nonBlank[turn]!;
    const across = turn === 0 || turn === 2;
    return {
      number,
      width: across ? this.width : this.height,
      height: across ? this.height : this.width,
      itemCount: this.nonBlank[turn]!,
      lines,
      ...(turn > 0 ? { turned: TURNS[turn]! } : {}),
      ...(sideways > 0 ? { sideways } : {}),
    };
  }
}

/** One page's text, in top-down coordinates, read the way it runs (PageText). */
async function readPage(doc: PdfDocument, pageNumber: number): Promise<PdfPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const [va, vb, vc, vd, ve, vf] = viewport.transform as number[];
    const text = new PageText(viewport.width, viewport.height);
    for (const item of content.items) {
      if (!("str" in item) || item.str === "") continue;
      // The viewport transform applies page rotation and flips y, so pages rotated by their
      // /Rotate flag read like upright ones; text still running sideways is sorted by PageText.
      // pdf.js's Util.transform(viewport, item), without an array per item.
      const t = item.transform as number[];
      const a = va * t[0]! + vc * t[1]!;
      const b = vb * t[0]! + vd * t[1]!;
      const c = va * t[2]! + vc * t[3]!;
      const d = vb * t[2]! + vd * t[3]!;
      const e = va * t[4]! + vc * t[5]! + ve;
      const f = vb * t[4]! + vd * t[5]! + vf;
      // At scale 1 the viewport keeps lengths, so pdf.js's width (user space, along the
      // baseline) applies as is, whichever way the text runs.
      text.add(item.str, a, b, c, d, e, f, item.width, item.height);
    }
    return text.page(pageNumber);
  } finally {
    page.cleanup();
  }
}

/** Page count and the PDF's own creation date (ISO day), without reading any page. */
export interface PdfDocumentInfo {
  pageCount: number;
  creationDate?: string;
}

async function documentInfo(doc: PdfDocument, pdfjs: PdfJs): Promise<PdfDocumentInfo> {
  const meta = await doc.getMetadata().catch(() => undefined);
  const raw = (meta?.info as Record<string, unknown> | undefined)?.CreationDate;
  const created = typeof raw === "string" ? pdfjs.PDFDateString.toDateObject(raw) : null;
  return { pageCount: doc.numPages, ...(created ? { creationDate: created.toISOString().slice(0, 10) } : {}) };
}

/**
 * Every page's lines, refusing documents above `maxPages` and stopping at `deadline`.
 * This is the raw extraction the statement parser builds on.
 */
export async function extractPdfLines(bytes: Uint8Array, options: ExtractOptions = {}): Promise<{ info: PdfDocumentInfo; pages: PdfPage[] }> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  return withPdfDocument(bytes, async (doc, pdfjs, checkData) => {
    const info = await documentInfo(doc, pdfjs);
    checkData();
    if (info.pageCount > maxPages) {
      throw new StatementParseError(`this PDF has ${info.pageCount} pages; statements of up to ${maxPages} pages are accepted — split it by period and upload the parts`);
    }
    const pages: PdfPage[] = [];
    for (let number = 1; number <= info.pageCount; number++) {
      if (options.deadline !== undefined && Date.now() > options.deadline) throw tookTooLong(number - 1, info.pageCount);
      const page = await readPage(doc, number).catch((error: unknown) => {
        checkData(number);
        throw error;
      });
      checkData(number);
      pages.push(page);
    }
    return { info, pages };
  });
}
