/**
 * A row's description from the parts a statement gives it (payee, memo, purpose, reference …),
 * one way for every format: each part said once. A part another part holds whole — a payee the
 * memo names ("Kruidvat 7412" beside "Kruidvat 7412 AMSTERDAM, NL"), a cheque number its words
 * hold ("CHEQUE 8412345" beside "8412345") — is left out; a part that holds an earlier one whole
 * takes its place. Case is ignored in comparing; parts keep their own. Pure.
 */

/** Between the parts of a description. */
export const DESCRIPTION_JOINER = " · ";

/** Where `words` stand whole in `text` — no letter or digit joined to them on either side — or -1. */
export function indexOfWords(text: string, words: string): number {
  if (words === "") return -1;
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    if ((at === 0 || !isWordy(text[at - 1]!)) && (at + words.length === text.length || !isWordy(text[at + words.length]!))) return at;
  }
  return -1;
}

/** Whether `text` holds `words` whole, ignoring case. */
export function holdsWords(text: string, words: string): boolean {
  return indexOfWords(text.toLowerCase(), words.toLowerCase()) >= 0;
}

/** Adds a part to the parts said so far (see the module's comment). */
export function addDescriptionPart(parts: string[], part: string): void {
  for (let i = 0; i < parts.length; i++) {
    if (holdsWords(parts[i]!, part)) return;
    if (holdsWords(part, parts[i]!)) {
      parts[i] = part;
      return;
    }
  }
  parts.push(part);
}

/** The parts (runs of white space made one space, empty ones left out) joined, each said once. */
export function joinDescription(parts: readonly (string | null | undefined)[]): string {
  const said: string[] = [];
  for (const part of parts) {
    const text = part?.replace(/\s+/g, " ").trim();
    if (text) addDescriptionPart(said, text);
  }
  return said.join(DESCRIPTION_JOINER);
}

const WORDY = /[\p{L}\p{N}]/u;
function isWordy(char: string): boolean {
  return WORDY.test(char);
}
