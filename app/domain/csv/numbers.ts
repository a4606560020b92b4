/**
 * Money cells of a CSV: what a column's values say about its decimal separator, which cells
 * look like money at all (for files without a header), and direction markers (`DR/CR`,
 * `Af/Bij`, `S/H`, Greek `Χ/Π`, Estonian `D/K` …) that sign unsigned amounts.
 */
import { creditDebitMark, inferDecimalSeparator, parseAmount, type DecimalSeparator } from "../amount.ts";
import type { Decimal } from "../money.ts";
import { isSpace, trimCharacters } from "../text.ts";

export type { DecimalSeparator };

/** Decimal separator of one column; undefined when none of its values tells. */
export function columnDecimalSeparator(values: Iterable<string>): DecimalSeparator | undefined {
  return inferDecimalSeparator(values);
}

/** Reads a value in either convention when the column's own is not known yet (detection). */
export function parseAnyAmount(text: string, preferred: DecimalSeparator = "."): Decimal | null {
  return parseAmount(text, { decimalSeparator: preferred }) ?? parseAmount(text, { decimalSeparator: preferred === "." ? "," : "." });
}

/**
 * True if a cell reads as money rather than as an id or a count: a sign, a currency mark, a
 * decimal fraction or grouping. `12345678` (an id) and `3` (a count) do not.
 */
export function looksLikeMoney(text: string): boolean {
  const t = text.trim();
  if (t === "" || t.length > 40 || !/\d/.test(t)) return false;
  if (parseAnyAmount(t) === null) return false;
  return /[.,]\d{1,4}(?:\D*)$/.test(t) || /^[-+(−]|[-)]$|\b(?:CR|DR)\.?$/i.test(t) || /[$£€¥]|[A-Z]{3}/.test(t);
}

export type Direction = "debit" | "credit";

// "772.95 OD", "1,042.33 O/D": a balance overdrawn (Coutts, Barclays), below zero.
const OVERDRAWN_SUFFIX = /(?<=[\d\s)])\s*O\/?D\.?$/i;

/** A balance's text without an overdrawn mark after it, and whether it had one: then the balance is below zero. */
export function overdrawnBalance(text: string): { text: string; overdrawn: boolean } {
  const m = OVERDRAWN_SUFFIX.exec(text);
  return m ? { text: text.slice(0, m.index).trim(), overdrawn: true } : { text, overdrawn: false };
}

/** The direction a CR or DR after an amount names (`8,500.00 CR`, `12.34DR`), or undefined: the amount reader's own reading of it. */
export function amountMark(text: string): Direction | undefined {
  return creditDebitMark(text);
}

const DEBIT_MARKS = [
  "d", "dr", "db", "deb", "debit", "debito", "debet", "dbit", "s", "soll", "af", "out", "outgoing", "withdrawal",
  "-", "dare", "cargo", "uscita", "salida", "sortie", "expense", "obciazenie", "wyplata", "ut", "belastung", "lastschrift",
  "debit card", "charge", "purchase", "sale", "payment out", "χ", "χρεωση", "deebet", "nota debito",
  // Bulgarian Д/К (дебит, кредит).
  "д", "дт", "дебит", "дебет",
  // Japanese 出金 (Resona's 入払区分), Chinese 借/支出, Korean 출금.
  "出金", "支払", "借", "借方", "支出", "출금", "지급",
];
const CREDIT_MARKS = [
  "c", "cr", "cred", "credit", "credito", "crdt", "h", "haben", "bij", "in", "incoming", "deposit", "+", "avere",
  "abono", "entrata", "entrada", "entree", "income", "uznanie", "wplata", "inn", "gutschrift", "kredit", "payment in",
  "π", "πιστωση", "nota credito",
  // Estonian (and Latvian, Lithuanian, Nordic) K for kreedit beside D for deebet: no other mark is a K.
  "k", "kreedit",
  "к", "кт", "кредит",
  // Japanese 入金, Chinese 贷/收入, Korean 입금.
  "入金", "預入", "贷", "贷方", "貸", "收入", "입금",
];

function isDotOrSpace(code: number): boolean {
  return code === 0x2e || isSpace(code);
}

function normalizeMark(text: string): string {
  const folded = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  // Dots and spaces after the mark ("Cr.", "S ."), trimmed in one pass (as `[.\s]+$` it was quadratic).
  return trimCharacters(folded, isSpace, isDotOrSpace);
}

const DIRECTION_BY_MARK = new Map<string, Direction>([
  ...DEBIT_MARKS.map((m) => [m, "debit"] as [string, Direction]),
  ...CREDIT_MARKS.map((m) => [m, "credit"] as [string, Direction]),
]);

/** The direction a marker names, or undefined. */
export function directionOf(text: string): Direction | undefined {
  return DIRECTION_BY_MARK.get(normalizeMark(text));
}

/**
 * Spanish C (cargo, a charge) and A (abono, a credit): there a C is money out, where beside a D
 * it is money in. Read so when the column's marks are C and A both, or its name says cargo/abono.
 */
function cargoAbono(marks: ReadonlySet<string>, name: string): boolean {
  return marks.size > 0 && [...marks].every((m) => m === "c" || m === "a") && ((marks.has("a") && marks.has("c")) || /\b(?:cargo|abono)/.test(normalizeMark(name)));
}

/**
 * The direction values of a column, when every non-empty value is a marker and both the
 * column's values split into (at most) two kinds: `{ debit: ["Af"], credit: ["Bij"] }`.
 * `name`: the column's header, when it has one.
 */
export function directionValues(values: Iterable<string>, name = ""): { debit: string[]; credit: string[] } | undefined {
  const filled = [...values].map((v) => v.trim()).filter((v) => v !== "");
  const spanish = cargoAbono(new Set(filled.map(normalizeMark)), name);
  const debit = new Set<string>();
  const credit = new Set<string>();
  let seen = 0;
  for (const v of filled) {
    const d = spanish ? (normalizeMark(v) === "c" ? "debit" : "credit") : directionOf(v);
    if (!d) return undefined;
    (d === "debit" ? debit : credit).add(v);
    seen++;
    if (debit.size + credit.size > 6) return undefined;
  }
  if (seen === 0) return undefined;
  return { debit: [...debit], credit: [...credit] };
}
