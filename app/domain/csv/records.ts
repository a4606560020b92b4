/**
 * CSV records from text that arrives in chunks of any size: a chunk may end mid-line, mid-
 * quoted-field or between the CR and LF of a line break. RFC 4180 quoting (`""` inside quotes,
 * delimiters and line breaks inside quotes), CRLF, LF and bare CR line endings. Each record
 * carries the physical line it starts on (what users see in their editor), counting the line
 * breaks inside quoted fields.
 *
 * Hand-written rather than papaparse because it must resume at any chunk boundary with exact
 * line numbers, and a char-code loop is as fast.
 */
import { StatementParseError } from "../statement.ts";

export type Delimiter = "," | ";" | "\t" | "|";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];

export interface SourceRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  cells: string[];
}

/** A record whose quoted field spans more than this is a quote that is never closed. */
const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34;
const EQUALS = 61;
const APOSTROPHE = 39;
const LF = 10;
const CR = 13;
const SPACE = 32;

export class RecordSplitter {
  private buffer = "";
  private line = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: Delimiter,
    private readonly onRecord: (record: SourceRecord) => void,
    /** Detection reads a sample that may be cut anywhere: an unclosed quote ends the sample silently. */
    private readonly lenient = false,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string): void {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    const consumed = this.consume(false);
    this.buffer = consumed === this.buffer.length ? "" : this.buffer.slice(consumed);
    if (this.buffer.length > MAX_RECORD_CHARS) this.unclosed();
  }

  finish(): void {
    const consumed = this.consume(true);
    this.buffer = this.buffer.slice(consumed);
    if (this.buffer.length > 0 && !this.lenient) this.unclosed();
    this.buffer = "";
  }

  private unclosed(): never {
    throw new StatementParseError("a quoted field is never closed", { row: this.line });
  }

  /** Emits every complete record in the buffer; returns where the incomplete rest starts. */
  private consume(final: boolean): number {
    const s = this.buffer;
    const n = s.length;
    const delimiter = this.delimiter;
    let pos = 0;
    while (pos < n) {
      const cells: string[] = [];
      let i = pos;
      let extraLines = 0;
      let complete = false;
      for (;;) {
        // One field starting at i.
        let c = i < n ? s.charCodeAt(i) : -1;
        let q = i;
        while (c === SPACE) c = ++q < n ? s.charCodeAt(q) : -1;
        // A spreadsheet's text formula, ="0012345678" (exports write it so Excel keeps leading
        // zeros and dates as typed): the quoted string is the value, as a spreadsheet shows it.
        if (c === EQUALS && q + 1 < n && s.charCodeAt(q + 1) === QUOTE) c = s.charCodeAt(++q);
        if (c === QUOTE) {
          let value = "";
          let from = q + 1;
          let closedAt = -1;
          for (;;) {
            const j = s.indexOf('"', from);
            if (j < 0) break;
            if (j + 1 < n && s.charCodeAt(j + 1) === QUOTE) {
              value += s.slice(from, j + 1);
              from = j + 2;
              continue;
            }
            if (j + 1 === n && !final) break; // could be the first half of `""`
            value += s.slice(from, j);
            closedAt = j;
            break;
          }
          if (closedAt < 0) {
            if (!final || !this.lenient) return pos;
            // Lenient end of a sample: take the rest as the field.
            value += s.slice(from);
            cells.push(value);
            extraLines += countBreaks(value);
            i = n;
            complete = true;
            break;
          }
          extraLines += countBreaks(value);
          // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
          let k = closedAt + 1;
          while (k < n) {
            const d = s.charCodeAt(k);
            if (d === delimiter || d === LF || d === CR) break;
            k++;
          }
          if (k > closedAt + 1) value += s.slice(closedAt + 1, k).trimEnd();
          // The same formula quoted as a whole: "=""0012345678""".
          if (value.length >= 3 && value.charCodeAt(0) === EQUALS && value.charCodeAt(1) === QUOTE && value.charCodeAt(value.length - 1) === QUOTE) {
            value = value.slice(2, -1).replaceAll('""', '"');
          }
          cells.push(value);
          i = k;
        } else {
          let k = q;
          while (k < n) {
            const d = s.charCodeAt(k);
            if (d === delimiter || d === LF || d === CR) break;
            k++;
          }
          cells.push(i === k ? "" : s.slice(i, k));
          i = k;
        }
        // After the field: delimiter, line break, or end of buffer.
        if (i >= n) {
          if (!final) return pos;
          complete = true;
          break;
        }
        const d = s.charCodeAt(i);
        if (d === delimiter) {
          i++;
          continue;
        }
        if (d === CR) {
          if (i + 1 >= n && !final) return pos; // an LF may follow in the next chunk
          i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        complete = true;
        break;
      }
      if (!complete) return pos;
      this.onRecord({ line: this.line, cells });
      this.line += 1 + extraLines;
      pos = i;
    }
    return pos;
  }
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

/** All records of a text (or of a sample of one, leniently), at most `maxRecords`. */
export function splitRecords(text: string, delimiter: Delimiter, options: { lenient?: boolean; maxRecords?: number } = {}): SourceRecord[] {
  const records: SourceRecord[] = [];
  const max = options.maxRecords ?? Infinity;
  const stop = new Error("enough");
  const splitter = new RecordSplitter(
    delimiter,
    (r) => {
      records.push(r);
      if (records.length >= max) throw stop;
    },
    options.lenient,
  );
  try {
    splitter.push(text);
    splitter.finish();
  } catch (error) {
    if (error !== stop) throw error;
  }
  return records;
}

/**
 * A cell without Excel's text marker: the apostrophe a spreadsheet puts before text it must not
 * read as a date or number ('02/01, '0000), exported with the text by some banks (KlikBCA).
 */
export function withoutTextMarker(cell: string): string {
  const start = cell.length - cell.trimStart().length;
  return cell.charCodeAt(start) === APOSTROPHE ? cell.slice(0, start) + cell.slice(start + 1) : cell;
}

export function isBlankRecord(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}
