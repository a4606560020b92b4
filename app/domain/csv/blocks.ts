/**
 * Statements written one record per block of "key: value" lines (Santander UK's "text file"
 * download: `Date:`, `Description:`, `Amount:`, `Balance:`, a line of tabs between records),
 * turned into the table the CSV engine reads: a header of the keys, then one row per block.
 * Lines keep their numbers — a block's row is written on the line that ends it (the separator
 * after it, or the next block's first line), its other lines are left blank — so a row's
 * source line is within its block, and lines outside blocks (the "From: … to …" preamble)
 * stay where they were, for their facts.
 */
import { roleFromHeader } from "./headers.ts";

/** `Key: value`, the key a few words (no delimiter in it), the value anything after spaces or no-break spaces. */
const KEY_LINE = /^[ \t]*([\p{L}][\p{L}\p{N} ./'()-]{0,38}?)[ \t\u00a0]*:[ \t\u00a0]*(.*)$/u;
/** Lines that say nothing (empty, or tabs and spaces): they separate blocks. */
const SEPARATOR = /^[\s\u00a0]*$/;
const SNIFF_LINES = 400;

function keyOf(line: string): { key: string; value: string } | undefined {
  const m = KEY_LINE.exec(line);
  return m ? { key: m[1]!.trim(), value: m[2]!.trim() } : undefined;
}

/**
 * The keys of a file made of key:value blocks, in block order; undefined for anything else.
 * A block file's lines are mostly key lines whose keys repeat block after block, among them a
 * date and an amount; a CSV's preamble of "Label :,value" lines does not repeat, and its table
 * rows are no key lines.
 */
export function blockKeys(text: string): string[] | undefined {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).slice(0, SNIFF_LINES);
  const counts = new Map<string, number>();
  const order: string[] = [];
  let keyLines = 0;
  let other = 0;
  for (const line of lines) {
    if (SEPARATOR.test(line)) continue;
    const kv = keyOf(line);
    if (!kv) {
      other++;
      continue;
    }
    keyLines++;
    if (!counts.has(kv.key)) order.push(kv.key);
    counts.set(kv.key, (counts.get(kv.key) ?? 0) + 1);
  }
  const repeated = order.filter((k) => (counts.get(k) ?? 0) >= 3);
  if (repeated.length < 3 || keyLines < 9 || other > keyLines * 0.1) return undefined;
  const roles = new Set(repeated.map((k) => roleFromHeader(k)?.role));
  if (!roles.has("date") || !(roles.has("amount") || roles.has("debit") || roles.has("credit"))) return undefined;
  return repeated;
}

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** Rewrites a block file, chunk by chunk, as CSV text of the same number of lines. */
export class BlockTable {
  private rest = "";
  private block: Map<string, string> | undefined;
  private headerWritten = false;

  constructor(private readonly keys: readonly string[]) {}

  push(text: string): string {
    const all = this.rest + text;
    // The last line may be incomplete, and a CR at the very end may be the first half of a CRLF.
    let end = all.lastIndexOf("\n");
    const cr = all.lastIndexOf("\r");
    if (cr > end && cr < all.length - 1) end = cr;
    this.rest = all.slice(end + 1);
    return end < 0 ? "" : this.lines(all.slice(0, end + 1));
  }

  finish(): string {
    const out = this.rest === "" ? "" : this.lines(`${this.rest}\n`);
    this.rest = "";
    return out + (this.block ? `${this.row()}\n` : "");
  }

  private lines(text: string): string {
    let out = "";
    for (const [, line, eol] of text.matchAll(/([^\r\n]*)(\r\n|\n|\r)/g)) out += this.line(line!) + eol;
    return out;
  }

  /** The output for one input line. */
  private line(line: string): string {
    if (SEPARATOR.test(line)) return this.block ? this.row() : "";
    const kv = keyOf(line);
    if (kv && this.keys.includes(kv.key)) {
      // A key the block already has starts the next block: this line ends the one before.
      const previous = this.block?.has(kv.key) ? this.row() : undefined;
      this.block ??= new Map();
      this.block.set(kv.key, kv.value);
      if (previous !== undefined) return previous;
      if (!this.headerWritten) {
        this.headerWritten = true;
        return this.keys.map(quote).join(",");
      }
      return "";
    }
    // Outside the blocks (a preamble or footer line): kept as one cell, for its facts.
    return (this.block ? `${this.row()}\n` : "") + quote(line.trimEnd());
  }

  private row(): string {
    const block = this.block!;
    this.block = undefined;
    return this.keys.map((k) => quote(block.get(k) ?? "")).join(",");
  }
}

/** A whole block file as CSV text. */
export function blocksAsTable(text: string, keys: readonly string[]): string {
  const table = new BlockTable(keys);
  return table.push(text) + table.finish();
}
