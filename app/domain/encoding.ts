/**
 * Bytes of a text statement → text. Banks export UTF-8 (with or without BOM), UTF-16 with a
 * BOM (Excel "Unicode text"), and the legacy code page of their country: Windows-1252 in
 * Western Europe and the Americas, Windows-1250 in Poland, Czechia, Slovakia, Hungary, Slovenia
 * and Croatia (and DOS Latin-2, CP852, from older systems there), Windows-1257 in Lithuania,
 * Latvia and Estonia, Windows-1254 in Turkey, Windows-1251 in Russia, Ukraine and Bulgaria,
 * Windows-1253 in Greece, Windows-1255 in Israel, Windows-1256 in the Arab world, Windows-874
 * (TIS-620) in Thailand, Shift_JIS in Japan, GB18030 (GBK) in mainland China, Big5 in Taiwan and
 * Hong Kong, EUC-KR in Korea.
 * Valid UTF-8 always wins (it is practically never accidental). Otherwise chardet's language
 * model decides the scripts whose every high byte is a letter (Cyrillic, Greek, Hebrew, Arabic)
 * and the multi-byte East Asian encodings, when it names one first and the text then reads as
 * that script; among the Latin code pages, which decoding yields letters that belong together
 * in one language decides — first on the bytes two code pages read apart, then over the whole
 * text — and chardet only breaks a tie; when even the best gives letters of no one language,
 * the decoding says it is in doubt. A Hebrew file where chardet is unsure is told from a Latin
 * one by its words (see readsAsHebrew); a short East Asian file, by the encoding whose text is
 * its own language (kana, hangul, Han).
 */
import { isAscii, isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

export type StatementEncoding =
  | "utf-8"
  | "utf-16le"
  | "utf-16be"
  | "windows-1252"
  | "windows-1250"
  | "iso-8859-2"
  | "cp852"
  | "windows-1257"
  | "windows-1254"
  | "windows-1251"
  | "windows-1253"
  | "windows-1255"
  | "windows-1256"
  | "iso-8859-6"
  | "windows-874"
  | "koi8-r"
  | "shift_jis"
  | "euc-jp"
  | "gb18030"
  | "big5"
  | "euc-kr";

type LatinCodePage = "windows-1252" | "windows-1250" | "iso-8859-2" | "cp852" | "windows-1254" | "windows-1257";

export interface DecodedText {
  text: string;
  encoding: StatementEncoding;
  /** Why, for the explain log: "byte-order mark", "valid UTF-8", "chardet: windows-1250 (pl) …". */
  evidence: string;
  /**
   * Set when the code page chosen is a poor fit: its accented letters do not belong together in
   * any one language (a code page none of the candidates is), so the text may be garbled.
   */
  doubt?: string;
}

const LABEL: Record<StatementEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252",
  "windows-1250": "Windows-1250",
  "iso-8859-2": "ISO-8859-2",
  cp852: "CP852 (DOS Latin-2)",
  "windows-1257": "Windows-1257",
  "windows-1254": "Windows-1254",
  "windows-1251": "Windows-1251",
  "windows-1253": "Windows-1253",
  "windows-1255": "Windows-1255",
  "windows-1256": "Windows-1256",
  "iso-8859-6": "ISO-8859-6",
  "windows-874": "Windows-874 (TIS-620)",
  "koi8-r": "KOI8-R",
  "shift_jis": "Shift_JIS",
  "euc-jp": "EUC-JP",
  "gb18030": "GB18030",
  "big5": "Big5",
  "euc-kr": "EUC-KR",
};

/** chardet's names for the encodings only its language model can tell: whole scripts. */
const BY_LANGUAGE_MODEL: Record<string, StatementEncoding> = {
  Shift_JIS: "shift_jis",
  "EUC-JP": "euc-jp",
  GB18030: "gb18030",
  Big5: "big5",
  "EUC-KR": "euc-kr",
  "windows-1251": "windows-1251",
  "ISO-8859-5": "windows-1251",
  "KOI8-R": "koi8-r",
  "windows-1253": "windows-1253",
  "ISO-8859-7": "windows-1253",
  // chardet says ISO-8859-8 unless the file has Windows-only bytes; Windows-1255 is a superset.
  "windows-1255": "windows-1255",
  "ISO-8859-8": "windows-1255",
  // Arabic: Windows-1256 places the letters otherwise than ISO-8859-6 (and keeps French à é è ç).
  "windows-1256": "windows-1256",
  "ISO-8859-6": "iso-8859-6",
};
/**
 * How sure chardet must be (0–100) when its first guess is one of these. On Latin files it has
 * never put one first (they come third at most, at 10); a Russian statement of abbreviations
 * and capitals (ООО «…») can score below 40.
 */
const LANGUAGE_MODEL_CONFIDENCE = 20;

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
// and `ę` side by side; Polish read as 1252 shows `³` and `¹` inside words). The ordinal
// indicators º and ª ("Nº recibo", "1ª cuota") are written with the languages that use them.
const ALPHABETS: Record<string, { encoding: LatinCodePage; letters: string }> = {
  de: { encoding: "windows-1252", letters: "äöüßÄÖÜé" },
  fr: { encoding: "windows-1252", letters: "éèêëàâçîïôûùœÿæÉÈÊËÀÂÇÎÏÔÛÙŒÆ" },
  es: { encoding: "windows-1252", letters: "áéíóúñüÁÉÍÓÚÑÜºª" },
  it: { encoding: "windows-1252", letters: "àèéìíòóùÀÈÉÌÒÓÙºª" },
  pt: { encoding: "windows-1252", letters: "áâãàçéêíóôõúüÁÂÃÀÇÉÊÍÓÔÕÚºª" },
  nl: { encoding: "windows-1252", letters: "éëïöüèáóäÉËÏÖÜ" },
  nordic: { encoding: "windows-1252", letters: "åäöæøéÅÄÖÆØÉüÜ" },
  is: { encoding: "windows-1252", letters: "áðéíóúýþæöÁÐÉÍÓÚÝÞÆÖ" },
  tr: { encoding: "windows-1254", letters: "çğıöşüÇĞİÖŞÜâîû" },
  pl: { encoding: "windows-1250", letters: "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" },
  cs: { encoding: "windows-1250", letters: "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ" },
  sk: { encoding: "windows-1250", letters: "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ" },
  hu: { encoding: "windows-1250", letters: "áéíóöőúüűÁÉÍÓÖŐÚÜŰ" },
  sl_hr: { encoding: "windows-1250", letters: "čćđšžČĆĐŠŽ" },
  ro: { encoding: "windows-1250", letters: "ăâîşţĂÂÎŞŢ" },
  lt: { encoding: "windows-1257", letters: "ąčęėįšųūžĄČĘĖĮŠŲŪŽ" },
  lv: { encoding: "windows-1257", letters: "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ" },
  et: { encoding: "windows-1257", letters: "äöüõšžÄÖÜÕŠŽ" },
};

/**
 * Whether a non-ASCII character is judged by the letter check: letters are, and so is everything
 * that is not a common symbol (€, £, « », °, a no-break space … are neutral).
 */
function judged(ch: string): boolean {
  if (/\p{L}/u.test(ch) || ch.charCodeAt(0) < 0xa0) return true;
  if (!/[€£¥§°«»„“”‘’–—…•·©®™±×÷¢¤¦¨¬­¯²´µ¶¸¼½¾¿¡\u00A0]/.test(ch)) return true;
  // Rare symbols that are Central European letters read as Windows-1252 (ą ł ľ ż Ą …).
  return /[¹³¾¼½¿¥¦¨´¸]/.test(ch);
}

/** How often each non-ASCII character occurs in the text. */
function highCharacters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/**
 * The share of non-ASCII characters (symbols like €, £, « », ° are neutral) that the best
 * single language's alphabet explains; 1 means all of them. Also the language.
 */
function letterConsistency(text: string): { score: number; language?: string; letters: number } {
  return consistencyOf(highCharacters(text));
}

function consistencyOf(characters: Map<string, number>): { score: number; language?: string; letters: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const [ch, n] of characters) {
    if (!judged(ch)) continue;
    counts.set(ch, n);
    total += n;
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

/**
 * Below this share of accented letters that fit one language, the Latin code page chosen is in
 * doubt. Wrong ones score under it (Polish CP852 read as Windows-1250: 26%, Arabic Windows-1256
 * as 1252: 58%, Polish Mac Central European as Windows-1257: 64%); right ones, over the corpus and
 * the blind tests, 86% at least (a Romanian export naming its French bank, Société Générale).
 */
const FIT_IN_DOUBT = 0.75;

/** Decides the code page of bytes that are not UTF-8. */
function decideCodePage(sample: Uint8Array, truncated: boolean): { encoding: StatementEncoding; evidence: string; doubt?: string } {
  const guesses = chardet.analyse(sample);
  const describeGuess = (g: (typeof guesses)[number]) => `chardet: ${g.name}${g.lang ? ` (${g.lang})` : ""}, confidence ${g.confidence}`;
  const top = guesses[0];
  const script = top && top.confidence >= LANGUAGE_MODEL_CONFIDENCE ? BY_LANGUAGE_MODEL[top.name] : undefined;
  const decoded = (encoding: StatementEncoding) => iconv.decode(sample, encoding).slice(0, truncated ? -2 : undefined);
  if (script && readsAsScript(decoded(script), script)) return { encoding: script, evidence: describeGuess(top!) };
  // Before the Latin code pages: Hebrew's letters are their accented lowercase letters, which
  // the letter check would find a language for (Slovak, French).
  const hebrew = readsAsHebrew(decoded("windows-1255"));
  if (hebrew) {
    const chardetText = top ? describeGuess(top) : "chardet: no guess";
    return { encoding: "windows-1255", evidence: `as Windows-1255 ${hebrew.words} words are Hebrew, ${hebrew.mixed} mix in other letters; ${chardetText}` };
  }
  // Thai (Windows-874, a superset of TIS-620), when chardet names it at all and the text reads
  // as Thai: Cyrillic read as Windows-874 falls on bytes it does not have, Latin letters make
  // words of Latin and Thai mixed.
  const thaiGuess = guesses.find((g) => g.name === "windows-874");
  const thai = thaiGuess ? readsAsThai(decoded("windows-874")) : undefined;
  if (thai) return { encoding: "windows-874", evidence: `as Windows-874 ${thai.words} words are Thai, ${thai.mixed} mix in other letters; ${describeGuess(thaiGuess!)}` };
  // Cyrillic read as a Latin code page is accented letters alone (Ïðîäóêòè), which the letter
  // check can still find a language for (Slovak, French): its words decide here too, unless
  // chardet ranks another script above Windows-1251 (any, when it does not name it) that the
  // text reads as. Chinese read as Windows-1251 makes Cyrillic "words" too, two letters a
  // character; a Cyrillic word of even length makes Chinese characters (Фора is 灶疣).
  const cyrillic = readsAsCyrillic(decoded("windows-1251"));
  if (cyrillic) {
    const cyrillicRank = guesses.findIndex((g) => BY_LANGUAGE_MODEL[g.name] === "windows-1251");
    const above = (cyrillicRank < 0 ? guesses : guesses.slice(0, cyrillicRank)).map((g) => BY_LANGUAGE_MODEL[g.name]);
    const rivals = new Set([...above, ...(cyrillicRank < 0 ? EAST_ASIAN : [])]);
    const rival = [...rivals].find((e) => e !== undefined && e !== "windows-1251" && e !== "koi8-r" && readsAsOwnScript(decoded(e), e));
    if (!rival) {
      const chardetText = top ? describeGuess(top) : "chardet: no guess";
      return { encoding: "windows-1251", evidence: `as Windows-1251 ${cyrillic.words} words are Cyrillic, ${cyrillic.mixed} mix in other letters; ${chardetText}` };
    }
  }
  const latin = decideLatinCodePage(sample, guesses, describeGuess);
  const inDoubt = (): { doubt?: string } =>
    latin.fit < FIT_IN_DOUBT
      ? { doubt: `as ${LABEL[latin.encoding]}, the best code page tried, only ${Math.round(latin.fit * 100)}% of the accented letters fit one language: the text may be garbled (an encoding not tried)` }
      : {};
  if (latin.fit >= 0.5) return { encoding: latin.encoding, evidence: latin.evidence, ...inDoubt() };
  // Letters no Latin language has together, and chardet unsure (a short file): the East
  // Asian encoding, in chardet's order, whose decoding reads as its own script.
  const named = guesses.map((g) => BY_LANGUAGE_MODEL[g.name]).filter((e): e is StatementEncoding => e !== undefined && EAST_ASIAN.has(e));
  for (const encoding of new Set([...named, ...EAST_ASIAN])) {
    if (readsAsEastAsian(decoded(encoding), encoding)) {
      return { encoding, evidence: `no Latin code page fits its letters (${latin.evidence}); it reads as ${LABEL[encoding]}` };
    }
  }
  return { encoding: latin.encoding, evidence: latin.evidence, ...inDoubt() };
}

function readsAsOwnScript(text: string, encoding: StatementEncoding): boolean {
  return EAST_ASIAN.has(encoding) ? readsAsEastAsian(text, encoding) : readsAsScript(text, encoding);
}

const EAST_ASIAN = new Set<StatementEncoding>(["shift_jis", "euc-jp", "euc-kr", "big5", "gb18030"]);

/** Japanese has kana, Korean hangul, Chinese neither: each encoding's text must read as its language. */
function readsAsEastAsian(text: string, encoding: StatementEncoding): boolean {
  if (!readsAsScript(text, encoding)) return false;
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const kana = count(/[\u3040-\u30FF]/g);
  const hangul = count(/[\uAC00-\uD7AF]/g);
  const han = count(/\p{Script=Han}/gu);
  const other = count(/[^\u0000-\u024F\u3000-\u303F\u3040-\u30FF\uAC00-\uD7AF\uFF00-\uFFEF\p{Script=Han}]/gu);
  if (other > (kana + hangul + han) * 0.05) return false;
  if (encoding === "shift_jis" || encoding === "euc-jp") return kana > 0 && hangul === 0;
  // Korean is written in hangul; hanja are a minority in any bank's text.
  if (encoding === "euc-kr") return hangul > 0 && hangul >= han && kana === 0;
  return han > 0 && kana === 0 && hangul === 0;
}

/**
 * Text decoded as a whole-script encoding reads as that script: no character it cannot map,
 * and words that are either Latin or not — Western text read as Windows-1251 shows Cyrillic
 * letters inside Latin words ("Mьller", "Zьrich"). Chinese, Japanese and Korean put no space
 * between words and run Latin names into them ("KB국민카드", "GS25역삼점", "スターバックスCOFFEE"):
 * there a word mixes in Latin letters suspiciously only when its own script comes one
 * character at a time, as an accented letter of Western text does (a byte pair: "Z黵ich").
 */
function readsAsScript(text: string, encoding: StatementEncoding): boolean {
  if (text.includes("\uFFFD")) return false;
  const runsIntoLatin = EAST_ASIAN.has(encoding);
  let scriptWords = 0;
  let mixed = 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    if (!/[^\u0000-\u024F]/u.test(word)) continue;
    scriptWords++;
    if (!/[A-Za-z]/.test(word)) continue;
    if (runsIntoLatin && /[^\u0000-\u024F]{2}/u.test(word)) continue;
    mixed++;
  }
  return scriptWords > 0 && mixed <= scriptWords * 0.05;
}

/**
 * Whether text decoded as Windows-1255 reads as Hebrew, and its Hebrew words: for a file
 * chardet is unsure of (a short one; bank abbreviations defeat its model). The bytes of Hebrew
 * letters (0xE0–0xFA) are accented lowercase letters in the Latin code pages, but read that way
 * they make words of accented letters alone ("îůëĺřú"), which Latin languages hardly have;
 * Latin text read as Windows-1255 turns its accented letters into Hebrew ones inside Latin
 * words ("Sociיtי"), its capitals into vowel points and ü, ß, û into bytes Windows-1255 does
 * not map. Bank text has no vowel points, so one is evidence against.
 */
function readsAsHebrew(text: string): { words: number; mixed: number } | undefined {
  if (text.includes("\uFFFD") || /[\u0591-\u05C7]/.test(text)) return undefined;
  return readsAsAlphabet(text, "\u05D0-\u05F2");
}

/** Whether text decoded as Windows-874 reads as Thai: its letters and vowels, its marks between them. */
function readsAsThai(text: string): { words: number; mixed: number } | undefined {
  if (text.includes("\uFFFD")) return undefined;
  return readsAsAlphabet(text.replace(/\p{M}/gu, ""), "\u0E01-\u0E2E\u0E30\u0E32\u0E33\u0E40-\u0E46");
}

/**
 * Whether text decoded as Windows-1251 reads as Cyrillic, and its Cyrillic words: for a file
 * chardet is unsure of (a short card statement of merchant names: it gave one 16 for
 * Windows-1251). Read in a Latin code page, Cyrillic is words of accented letters alone
 * ("Ïðîäóêòè", "Çäîëáóí³âñüêà"); Latin text read as Windows-1251 turns its accented letters
 * into Cyrillic ones inside Latin words ("Mьller", "Sociйtй").
 */
function readsAsCyrillic(text: string): { words: number; mixed: number } | undefined {
  if (text.includes("\uFFFD")) return undefined;
  // Russian, Ukrainian (і ї є ґ), Belarusian (ў) and the South Slavic letters of Windows-1251.
  return readsAsAlphabet(text, "\u0400-\u045F\u0490\u0491", CASED_WORD);
}

/**
 * A word as people write it: lower case, capitalised, capitals only, or capitalised words run
 * together ("ВкусВилл"). Bytes of another script read as Windows-1251 fall on capitals and
 * small letters at random ("ЙПєЈії" is Chinese).
 */
const CASED_WORD = /^(?:\p{Lu}+|\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)*)$/u;

/**
 * Text whose words of `letters` (a character class's contents) are words of that alphabet
 * alone, at least three of two letters or more, hardly any mixing in other letters (or, where
 * the alphabet has case, cased otherwise than `cased`).
 */
function readsAsAlphabet(text: string, letters: string, cased?: RegExp): { words: number; mixed: number } | undefined {
  const hasLetter = new RegExp(`[${letters}]`, "u");
  const hasOther = new RegExp(`[^${letters}]`, "u");
  let words = 0;
  let withLetters = 0;
  let mixed = 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    if (!hasLetter.test(word)) continue;
    withLetters++;
    if (hasOther.test(word) || (cased && !cased.test(word))) mixed++;
    // One letter alone proves little: a French "à" is Hebrew "א", a Czech "è" Cyrillic "и".
    else if (word.length >= 2) words++;
  }
  return words >= 3 && mixed <= withLetters * 0.05 ? { words, mixed } : undefined;
}

/** Two code pages are told apart by the letters they read otherwise on this many at least. */
const CONTESTED_MIN_LETTERS = 4;

/**
 * The letter consistency of `text` (one single-byte decoding) counting only the characters where
 * `other` (another decoding of the same bytes) has a different one.
 */
function contestedLetters(text: string, other: string): ReturnType<typeof letterConsistency> {
  if (text.length !== other.length) return { score: 0, letters: 0 };
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && code !== other.charCodeAt(i)) counts.set(text[i]!, (counts.get(text[i]!) ?? 0) + 1);
  }
  return consistencyOf(counts);
}

/** Windows-1257 is named on this many accented letters at least: a name or two prove little. */
const BALTIC_MIN_LETTERS = 4;

function decideLatinCodePage(
  sample: Uint8Array,
  guesses: ReturnType<typeof chardet.analyse>,
  describeGuess: (g: ReturnType<typeof chardet.analyse>[number]) => string,
): { encoding: LatinCodePage; evidence: string; fit: number } {
  const chardetPages: Record<string, LatinCodePage> = {
    "ISO-8859-1": "windows-1252",
    "windows-1252": "windows-1252",
    "ISO-8859-15": "windows-1252",
    "ISO-8859-2": "iso-8859-2",
    "windows-1250": "windows-1250",
    "ISO-8859-9": "windows-1254",
  };
  const firstRelevant = guesses.find((g) => chardetPages[g.name] !== undefined);
  const chardetSays = firstRelevant ? chardetPages[firstRelevant.name] : undefined;
  const chardetText = firstRelevant ? describeGuess(firstRelevant) : "chardet: no Latin guess";

  const pages: LatinCodePage[] = ["windows-1252", "windows-1250", "iso-8859-2", "cp852", "windows-1254", "windows-1257"];
  const texts = new Map(pages.map((encoding) => [encoding, iconv.decode(sample, encoding)]));
  const scored = pages.map((encoding) => ({ encoding, ...letterConsistency(texts.get(encoding)!) }));
  const describe = (c: (typeof scored)[number]) =>
    `as ${LABEL[c.encoding]} ${Math.round(c.score * 100)}% of ${c.letters} accented letters fit ${c.language ?? "no language"}`;
  // Windows-1254 differs from 1252 only in six letters (ğ ı ş Ğ İ Ş for ð ý þ Ð Ý Þ): it is
  // named only when the text has them — otherwise both decode alike and 1252 is the name.
  // ISO-8859-2 (Polish and Czech exports of older systems) and Windows-1250 place ą ś ź Ą Ś Ź
  // š ť ž Š Ť Ž apart and share the rest: ISO-8859-2 is named only when the text has those.
  // Windows-1257 (Lithuanian, Latvian, Estonian; ISO-8859-13 has its letters where it has them)
  // keeps ä ö ü õ å é ß where 1252 has them: it is named only when the text decodes otherwise
  // than in 1252 (ą č ė š ū ž, ā ē ī ķ ļ ņ …), and only by a clear lead in its letters — never by
  // chardet alone (it ranks Windows-1257 second on Dutch and German files).
  const decodesAlike = (a: (typeof scored)[number], b: (typeof scored)[number]) => a.score === b.score && a.letters === b.letters;
  const byName = (name: LatinCodePage) => scored.find((c) => c.encoding === name)!;
  const candidates = scored.filter(
    (c) =>
      (c.encoding !== "windows-1254" || !decodesAlike(c, byName("windows-1252"))) &&
      (c.encoding !== "iso-8859-2" || !decodesAlike(c, byName("windows-1250"))) &&
      (c.encoding !== "windows-1257" || texts.get("windows-1257") !== texts.get("windows-1252")),
  );
  const letters = candidates.map(describe).join("; ");
  // A clear lead in letter consistency decides; otherwise chardet's language model does.
  const margin = 0.1;
  const leads = (c: (typeof scored)[number]) => candidates.every((other) => other === c || c.score > other.score + margin);
  const baltic = candidates.find((c) => c.encoding === "windows-1257");
  if (baltic && baltic.letters >= BALTIC_MIN_LETTERS && leads(baltic)) {
    return { encoding: baltic.encoding, evidence: `${letters}; ${guesses[0] ? describeGuess(guesses[0]) : chardetText}`, fit: baltic.score };
  }
  const others = candidates.filter((c) => c !== baltic);
  // Windows-1254 and 1252 differ only in those six letters, so where both are candidates the
  // one whose letters fit a language better is the file's, by any lead: Turkish read as 1252
  // still passes for Icelandic ("Ýþlemi" for "İşlemi", 93% against 100%), within the margin.
  const turkish = others.find((c) => c.encoding === "windows-1254");
  const western = byName("windows-1252");
  if (turkish && turkish.language === "tr" && turkish.score >= 0.98 && turkish.score > western.score && others.every((c) => c === turkish || c === western || turkish.score > c.score + margin)) {
    return { encoding: turkish.encoding, evidence: `${letters}; ${chardetText}`, fit: turkish.score };
  }
  // Two code pages are compared on the bytes they read apart: a letter both read alike tells
  // nothing between them, and over the whole text it can favour a language that has it (a
  // Romanian export naming its bank, Société Générale: é is é in both, while its ă Ş Ţ are
  // Portuguese ã, Icelandic Þ and an ordinal ª in Windows-1252 — Portuguese has é and ã). The
  // one whose letters there lead every other's clearly is the file's; how well they fit is its fit.
  const duels = new Map<string, ReturnType<typeof contestedLetters>>();
  const contested = (a: LatinCodePage, b: LatinCodePage) => {
    const key = `${a} ${b}`;
    if (!duels.has(key)) duels.set(key, contestedLetters(texts.get(a)!, texts.get(b)!));
    return duels.get(key)!;
  };
  const beats = (a: LatinCodePage, b: LatinCodePage) => {
    const mine = contested(a, b);
    return mine.letters >= CONTESTED_MIN_LETTERS && mine.score > contested(b, a).score + margin;
  };
  const apart = others.length > 1 ? others.find((c) => others.every((o) => o === c || beats(c.encoding, o.encoding))) : undefined;
  if (apart) {
    const rivals = others.filter((c) => c !== apart);
    const won = rivals.map((o) => contested(apart.encoding, o.encoding));
    const languages = [...new Set(won.map((d) => d.language ?? "no language"))].join(", ");
    return {
      encoding: apart.encoding,
      evidence: `${letters}; on the bytes ${rivals.map((c) => LABEL[c.encoding]).join(", ")} read otherwise, ${LABEL[apart.encoding]}'s letters fit ${languages}; ${chardetText}`,
      fit: Math.min(...won.map((d) => d.score)),
    };
  }
  const best = [...others].sort((a, b) => b.score - a.score)[0]!;
  // How well the best fits: letters one Latin language uses together (1 without any).
  const fit = best.letters < 4 ? 1 : best.score;
  if (others.every((c) => c === best || best.score > c.score + margin)) return { encoding: best.encoding, evidence: `${letters}; ${chardetText}`, fit };
  // chardet's ISO-8859-2 is Windows-1250 when the two decode the text alike.
  const named = chardetSays === "iso-8859-2" && !candidates.some((c) => c.encoding === "iso-8859-2") ? "windows-1250" : chardetSays;
  const tied = named && others.some((c) => c.encoding === named && best.score <= c.score + margin) ? named : "windows-1252";
  return { encoding: tied, evidence: `${chardetText}; ${letters}`, fit };
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
  const { encoding, evidence, doubt } = decideCodePage(bytes.subarray(0, SAMPLE_BYTES), bytes.length > SAMPLE_BYTES);
  return { text: iconv.decode(bytes, encoding), encoding, evidence: `not valid UTF-8; ${evidence}`, ...(doubt ? { doubt } : {}) };
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
  const { encoding, evidence, doubt } = decideCodePage(sample, truncated);
  return { encoding, evidence: `not valid UTF-8; ${evidence}`, ...(doubt ? { doubt } : {}) };
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
