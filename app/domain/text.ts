/** Whitespace as a regular expression's \s sees it (WhiteSpace and LineTerminator). */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Each run of whitespace (as \s sees it) as one space — `text.replace(/\s+/g, " ")`. Most bank
 * lines have single spaces only: they are returned as they are, where the replace rebuilds
 * them (it cost a third of collapsing a line; this runs several times for every imported row).
 */
export function collapseWhitespace(text: string): string {
  return /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, " ") : text;
}

/**
 * Text helpers that stay linear on hostile input.
 *
 * A mark at the end of a text and the whitespace before it ("12.34 CR", "Betrag in EUR"),
 * found in time linear in the text.
 *
 * The obvious pattern, `/\s*(CR|DR)$/`, is quadratic in V8 on a long run of whitespace that
 * does not end in the mark: the engine starts a match at every position of the run, and each
 * start scans the rest of it. A 20,000-space cell took 5 s to read, a 1 MB one would take
 * hours, and CSV cells are read on the worker's own thread. So the mark's pattern is matched
 * without the whitespace (it must end in `$` and begin with something that is not
 * whitespace), and the whitespace before it is measured afterwards.
 */

export interface EndMark {
  /** Where the mark's leading whitespace starts: what comes before it is `text.slice(0, start)`. */
  start: number;
  match: RegExpExecArray;
}

/**
 * `mark` (a pattern anchored with `$`) at the end of `text`, with the whitespace before it:
 * the same as matching `\s*` + mark (or `\s+` + mark when `spaceBefore` is "required").
 */
export function endMark(text: string, mark: RegExp, spaceBefore: "optional" | "required" = "optional"): EndMark | null {
  const match = mark.exec(text);
  if (!match) return null;
  const start = text.slice(0, match.index).trimEnd().length;
  if (spaceBefore === "required" && start === match.index) return null;
  return { start, match };
}

/** `text` without the characters of `strip` at its start and those of `stripEnd` at its end (one pass each). */
export function trimCharacters(text: string, strip: (code: number) => boolean, stripEnd: (code: number) => boolean = strip): string {
  let from = 0;
  let to = text.length;
  while (from < to && strip(text.charCodeAt(from))) from++;
  while (to > from && stripEnd(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** "a", "a and b", "a, b and c": items as a message lists them. */
export function listInWords(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? "");
}

/** Line numbers (ascending) as runs: "7–11", "7–11, 14 and 20". */
export function lineRanges(lines: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`);
    i = j;
  }
  return listInWords(runs);
}
