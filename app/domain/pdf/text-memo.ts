/**
 * Memos keyed by text, for work a statement asks for again and again on the same texts (a date
 * that starts many rows, an amount read while finding the table, the decimal separator and the
 * cells). Each holds one statement's texts only: `forgetStatementTexts` empties them all when the
 * next statement is read, so what one statement costs does not depend on the files before it
 * (nor does a benchmark that reads one file repeatedly measure a warm cache), and each is bounded
 * within a statement too. Pure: plain maps, no I/O.
 */
const MAX_TEXTS = 4_096;
const memos: Map<string, unknown>[] = [];

export interface TextMemo<V> {
  /** The value remembered for `text`, or undefined. */
  get(text: string): V | undefined;
  /** Remembers `value` for `text` and returns it. */
  set(text: string, value: V): V;
}

export function textMemo<V>(): TextMemo<V> {
  const memo = new Map<string, V>();
  memos.push(memo as Map<string, unknown>);
  return {
    get: (text) => memo.get(text),
    set: (text, value) => {
      if (memo.size >= MAX_TEXTS) memo.clear();
      memo.set(text, value);
      return value;
    },
  };
}

/** Empties every memo: called as a statement starts to be read. */
export function forgetStatementTexts(): void {
  for (const memo of memos) memo.clear();
}
