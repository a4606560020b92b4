/**
 * Bytes of a text statement → text. Banks export UTF-8 (with or without BOM), UTF-16 with a
 * BOM (Excel "Unicode text"), and the Windows code page of their country: Windows-1252 in
 * Western Europe and the Americas, Windows-1250 in Poland, Czechia, Slovakia, Hungary, Slovenia
 * and Croatia. Valid UTF-8 always wins (it is practically never accidental); otherwise the
 * choice between 1252 and 1250 is chardet's language-model guess, checked against which
 * decoding yields letters that belong together in one language.
 */
import { isAscii, isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

export type StatementEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "windows-1250";

export interface DecodedText {
  text: string;
  encoding: StatementEncoding;
  /** Why, for the explain log: "byte-order mark", "valid UTF-8", "chardet: windows-1250 (pl) …". */
  evidence: string;
}

const LABEL: Record<StatementEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252",
  "windows-1250": "Windows-1250",
};

export function describeEncoding(encoding: StatementEncoding): string {
  return LABEL[encoding];
}

/** How much of a file chardet and the letter check look at: enough text, bounded time. */
const SAMPLE_BYTES = 256 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Valid UTF-8 — when `truncated`, the last character may be cut off (a sample of a file). */
function isValidUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  // node:buffer's check is native and builds no text (the head can be 8 MiB).
  if (isUtf8(bytes)) return true;
  if (!truncated) return false;
  // Cut inside a character: valid before its lead byte, and a valid beginning from there.
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i]! & 0xc0) === 0x80) continue; // a continuation byte
    if (!isUtf8(bytes.subarray(0, i))) return false;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i), { stream: true });
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

// The accented letters of each language's alphabet. A correct decoding uses letters that one
// language has; a wrong one mixes letters from several (French read as 1250 shows `č`, `ŕ`
// and `ę` side by side; Polish read as 1252 shows `³` and `¹` inside words).
const ALPHABETS: Record<string, { encoding: StatementEncoding; letters: string }> = {
  de: { encoding: "windows-1252", letters: "äöüßÄÖÜé" },
  fr: { encoding: "windows-1252", letters: "éèêëàâçîïôûùœÿæÉÈÊËÀÂÇÎÏÔÛÙŒÆ" },
  es: { encoding: "windows-1252", letters: "áéíóúñüÁÉÍÓÚÑÜ" },
  it: { encoding: "windows-1252", letters: "àèéìíòóùÀÈÉÌÒÓÙ" },
  pt: { encoding: "windows-1252", letters: "áâãàçéêíóôõúüÁÂÃÀÇÉÊÍÓÔÕÚ" },
  nl: { encoding: "windows-1252", letters: "éëïöüèáóäÉËÏÖÜ" },
  nordic: { encoding: "windows-1252", letters: "åäöæøéÅÄÖÆØÉüÜ" },
  pl: { encoding: "windows-1250", letters: "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" },
  cs: { encoding: "windows-1250", letters: "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ" },
  sk: { encoding: "windows-1250", letters: "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ" },
  hu: { encoding: "windows-1250", letters: "áéíóöőúüűÁÉÍÓÖŐÚÜŰ" },
  sl_hr: { encoding: "windows-1250", letters: "čćđšžČĆĐŠŽ" },
  ro: { encoding: "windows-1250", letters: "ăâîşţĂÂÎŞŢ" },
};

/**
 * The share of non-ASCII characters (symbols like €, £, « », ° are neutral) that the best
 * single language's alphabet explains; 1 means all of them. Also the language.
 */
function letterConsistency(text: string): { score: number; language?: string; letters: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) continue;
    // Letters are judged; everything else that is not a common symbol counts against.
    if (/\p{L}/u.test(ch) || (code >= 0x80 && code < 0xa0)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    } else if (!/[€£¥§°«»„“”‘’–—…•·©®™±×÷¢¤¦¨¬­¯²´µ¶¸¼½¾¿¡ ]/.test(ch)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    } else if (/[¹³¾¼½¿¥¦¨´¸]/.test(ch)) {
      // Rare symbols that are Central European letters read as Windows-1252 (ą ł ľ ż Ą …).
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    }
  }
  if (total === 0) return { score: 1, letters: 0 };
  let best = { score: 0, language: undefined as string | undefined };
  for (const [language, { letters }] of Object.entries(ALPHABETS)) {
    let explained = 0;
    for (const [ch, n] of counts) if (letters.includes(ch)) explained += n;
    if (explained / total > best.score) best = { score: explained / total, language };
  }
  return { ...best, letters: total };
}

/** Decides between the two single-byte code pages for bytes that are not UTF-8. */
function decideCodePage(sample: Uint8Array): { encoding: "windows-1252" | "windows-1250"; evidence: string } {
  const guesses = chardet.analyse(sample);
  const western = new Set(["ISO-8859-1", "windows-1252", "ISO-8859-15"]);
  const central = new Set(["ISO-8859-2", "windows-1250"]);
  const firstRelevant = guesses.find((g) => western.has(g.name) || central.has(g.name));
  const chardetSays: "windows-1252" | "windows-1250" | undefined = firstRelevant
    ? central.has(firstRelevant.name)
      ? "windows-1250"
      : "windows-1252"
    : undefined;
  const chardetText = firstRelevant
    ? `chardet: ${firstRelevant.name}${firstRelevant.lang ? ` (${firstRelevant.lang})` : ""}, confidence ${firstRelevant.confidence}`
    : "chardet: no Latin guess";

  const as1252 = letterConsistency(iconv.decode(sample, "windows-1252"));
  const as1250 = letterConsistency(iconv.decode(sample, "windows-1250"));
  const describe = (c: typeof as1252) => `${Math.round(c.score * 100)}% of ${c.letters} accented letters fit ${c.language ?? "no language"}`;
  const letters = `as Windows-1252 ${describe(as1252)}; as Windows-1250 ${describe(as1250)}`;
  // A clear difference in letter consistency decides; otherwise chardet's language model does.
  const margin = 0.1;
  if (as1250.score > as1252.score + margin) return { encoding: "windows-1250", evidence: `${letters}; ${chardetText}` };
  if (as1252.score > as1250.score + margin) return { encoding: "windows-1252", evidence: `${letters}; ${chardetText}` };
  return { encoding: chardetSays ?? "windows-1252", evidence: `${chardetText}; ${letters}` };
}

/** Decodes a whole file, saying which encoding it was and why. Removes any byte-order mark. */
export function decodeStatementBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: iconv.decode(bytes, "utf-16le"), encoding: "utf-16le", evidence: "byte-order mark FF FE" };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: iconv.decode(bytes, "utf-16be"), encoding: "utf-16be", evidence: "byte-order mark FE FF" };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: iconv.decode(bytes, "utf-8"), encoding: "utf-8", evidence: "byte-order mark EF BB BF" };
  }
  if (isValidUtf8(bytes, false)) {
    return {
      text: new TextDecoder("utf-8").decode(bytes),
      encoding: "utf-8",
      evidence: isAscii(bytes) ? "plain ASCII" : "valid UTF-8",
    };
  }
  const { encoding, evidence } = decideCodePage(bytes.subarray(0, SAMPLE_BYTES));
  return { text: iconv.decode(bytes, encoding), encoding, evidence: `not valid UTF-8; ${evidence}` };
}

/**
 * The encoding of a file from its first bytes, for streaming: the caller decodes the rest
 * with `createTextDecoder`. A sample that ends inside a UTF-8 sequence is still UTF-8.
 */
export function detectStatementEncoding(sample: Uint8Array, truncated = true): Omit<DecodedText, "text"> {
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: "utf-16le", evidence: "byte-order mark FF FE" };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: "utf-16be", evidence: "byte-order mark FE FF" };
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", evidence: "byte-order mark EF BB BF" };
  if (isValidUtf8(sample, truncated)) return { encoding: "utf-8", evidence: isAscii(sample) ? "plain ASCII" : "valid UTF-8" };
  const { encoding, evidence } = decideCodePage(sample);
  return { encoding, evidence: `not valid UTF-8; ${evidence}` };
}

/** Incremental decoder: bytes in arbitrary chunks (split multi-byte sequences are fine), text out; strips a BOM. */
export interface StatementTextDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

export function createTextDecoder(encoding: StatementEncoding): StatementTextDecoder {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? "",
  };
}
